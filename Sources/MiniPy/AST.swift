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

    var pos: Pos {
        switch self {
        case .name(_, let p), .constant(_, let p), .list(_, let p), .tuple(_, let p), .dict(_, let p),
             .listComp(_, _, let p), .dictComp(_, _, _, let p), .binary(_, _, _, let p), .unary(_, _, let p),
             .boolOp(_, _, _, let p), .compare(_, _, let p), .call(_, _, _, let p), .attribute(_, _, let p),
             .index(_, _, let p), .slice(_, _, _, let p), .ifExp(_, _, _, let p), .starred(_, let p): p
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
    case whileLoop(Expr, [Stmt], Pos)
    case ifStmt(Expr, [Stmt], [Stmt], Pos)
    case pass(Pos), breakStmt(Pos), continueStmt(Pos)
    case assert(Expr, Expr?, Pos)
    /// try: body / except handlers / else: orelse / finally: final
    case tryStmt([Stmt], [ExceptHandler], [Stmt], [Stmt], Pos)
    /// raise [exc [from cause]]
    case raise(Expr?, Expr?, Pos)
    /// with item [as target], ...: body
    case with([(Expr, Expr?)], [Stmt], Pos)

    var pos: Pos {
        switch self {
        case .expr(_, let p), .assign(_, _, let p), .augAssign(_, _, _, let p), .importModule(_, _, let p),
             .fromImport(_, _, let p), .forLoop(_, _, _, _, let p), .whileLoop(_, _, let p), .ifStmt(_, _, _, let p),
             .pass(let p), .breakStmt(let p), .continueStmt(let p), .assert(_, _, let p), .tryStmt(_, _, _, _, let p),
             .raise(_, _, let p), .with(_, _, let p): p
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
