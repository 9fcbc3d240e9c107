/// Expressions, each with the line (and column) where it starts.
indirect enum Expr {
    case name(String, Pos)
    case constant(PyValue, Pos)
    case list([Expr], Pos)
    case tuple([Expr], Pos)
    case dict([(Expr, Expr)], Pos)
    case listComp(Expr, [Comprehension], Pos)
    case dictComp(Expr, Expr, [Comprehension], Pos)
    case binary(String, Expr, Expr, Pos)
    case unary(String, Expr, Pos)
    case boolOp(String, Expr, Expr, Pos)
    case compare(Expr, [(String, Expr)], Pos)
    case call(Expr, [Expr], [(String, Expr)], Pos)
    case attribute(Expr, String, Pos)
    case index(Expr, Expr, Pos)
    case slice(Expr?, Expr?, Expr?, Pos)
    case ifExp(Expr, Expr, Expr, Pos)
    case starred(Expr, Pos)
    /// `lambda params: body`
    case lambda(FunctionDef, Pos)
    /// `{a, b}` and `{x for x in xs}`
    case set([Expr], Pos)
    case setComp(Expr, [Comprehension], Pos)
    /// `(x for x in xs)`
    case genExp(Expr, [Comprehension], Pos)
    /// `yield value`, `yield from iterable`
    case yield(Expr?, Pos)
    case yieldFrom(Expr, Pos)
    /// `f"..."`: literal text and replacement fields.
    case fstring([FStringPart], Pos)
    /// `name := value`
    case namedExpr(String, Expr, Pos)

    var pos: Pos {
        switch self {
        case .name(_, let p), .constant(_, let p), .list(_, let p), .tuple(_, let p), .dict(_, let p),
             .listComp(_, _, let p), .dictComp(_, _, _, let p), .binary(_, _, _, let p), .unary(_, _, let p),
             .boolOp(_, _, _, let p), .compare(_, _, let p), .call(_, _, _, let p), .attribute(_, _, let p),
             .index(_, _, let p), .slice(_, _, _, let p), .ifExp(_, _, _, let p), .starred(_, let p), .lambda(_, let p),
             .set(_, let p), .setComp(_, _, let p), .genExp(_, _, let p), .yield(_, let p), .yieldFrom(_, let p),
             .fstring(_, let p), .namedExpr(_, _, let p): p
        }
    }
}

struct Pos: Equatable { var line: Int; var column: Int }

struct Comprehension {
    var target: Expr
    var iter: Expr
    var conditions: [Expr]
}

indirect enum Stmt {
    case expr(Expr, Pos)
    case assign([Expr], Expr, Pos)
    case augAssign(Expr, String, Expr, Pos)
    case importModule(String, String?, Pos)          // import a.b [as c]
    case fromImport(String, [(String, String?)], Pos) // from a import b [as c]
    case forLoop(Expr, Expr, [Stmt], [Stmt], Pos)
    case whileLoop(Expr, [Stmt], [Stmt], Pos)
    case ifStmt(Expr, [Stmt], [Stmt], Pos)
    case pass(Pos), breakStmt(Pos), continueStmt(Pos)
    case assert(Expr, Expr?, Pos)
    /// try: body / except handlers / else: orelse / finally: final
    case tryStmt([Stmt], [ExceptHandler], [Stmt], [Stmt], Pos)
    /// raise [exc [from cause]]
    case raise(Expr?, Expr?, Pos)
    /// with item [as target], ...: body
    case with([(Expr, Expr?)], [Stmt], Pos)
    case functionDef(FunctionDef)
    case classDef(ClassDef)
    case returnStmt(Expr?, Pos)
    case delete([Expr], Pos)
    case global([String], Pos)
    /// `name: annotation` without a value: binds nothing (but makes `name` local in a function).
    case annotated(String, Pos)
    case nonlocal([String], Pos)

    var pos: Pos {
        switch self {
        case .expr(_, let p), .assign(_, _, let p), .augAssign(_, _, _, let p), .importModule(_, _, let p),
             .fromImport(_, _, let p), .forLoop(_, _, _, _, let p), .whileLoop(_, _, _, let p), .ifStmt(_, _, _, let p),
             .pass(let p), .breakStmt(let p), .continueStmt(let p), .assert(_, _, let p), .tryStmt(_, _, _, _, let p),
             .raise(_, _, let p), .with(_, _, let p), .returnStmt(_, let p), .delete(_, let p), .global(_, let p), .annotated(_, let p),
             .nonlocal(_, let p): p
        case .functionDef(let f): f.pos
        case .classDef(let c): c.pos
        }
    }
}

/// `except [type [as name]]: body`
struct ExceptHandler {
    var type: Expr?
    var name: String?
    var body: [Stmt]
    var pos: Pos
}

/// A piece of an f-string: text, or `{expr!conv:spec}` (`spec` itself may hold fields). `text` is the source of
/// the expression followed by `=` for the self-documenting form (`{x=}`).
indirect enum FStringPart {
    case literal(String)
    case field(Expr, conversion: Character?, spec: [FStringPart]?, debugText: String?)
}

/// A parameter: its name and default (evaluated when the `def` runs).
struct Param {
    var name: String
    var defaultValue: Expr?
}

/// `def` and `lambda`: parameters, body, and what the scope analysis found (which names are local, declared global or
/// nonlocal; whether the body yields). A class so the tree shares one copy however often the `def` runs.
final class FunctionDef {
    let name: String
    /// `outer.<locals>.inner`, `Net.forward`, as Python's `__qualname__`.
    var qualname: String
    /// Positional parameters (the first `positionalOnly` of them before a `/`).
    var positional: [Param] = []
    var positionalOnly = 0
    var varargs: String?
    var keywordOnly: [Param] = []
    var varkw: String?
    var body: [Stmt] = []
    var decorators: [Expr] = []
    let isLambda: Bool
    var isGenerator = false
    var locals: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []
    let pos: Pos

    init(name: String, qualname: String, isLambda: Bool, pos: Pos) {
        self.name = name; self.qualname = qualname; self.isLambda = isLambda; self.pos = pos
    }

    var parameterNames: [String] {
        positional.map(\.name) + (varargs.map { [$0] } ?? []) + keywordOnly.map(\.name) + (varkw.map { [$0] } ?? [])
    }
}

/// `class Name(bases, keywords): body`.
final class ClassDef {
    let name: String
    var qualname: String
    var bases: [Expr] = []
    var keywords: [(String, Expr)] = []
    var body: [Stmt] = []
    var decorators: [Expr] = []
    let pos: Pos
    init(name: String, qualname: String, pos: Pos) { self.name = name; self.qualname = qualname; self.pos = pos }
}
