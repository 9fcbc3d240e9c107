/// A recursive-descent parser for the subset, with CPython 3.11's messages for the common syntax errors.
struct Parser {
    /// CPython's compiler: expressions nested deeper than this are a RecursionError during compilation.
    static let maxDepth = 2998
    var tokens: [Token]
    var i = 0
    let lines: SourceLines
    var depth = 0
    var bracketDepth = 0
    /// The functions and classes being parsed, innermost last: qualified names, and where `return`/`yield` may go.
    var enclosing: [(name: String, isFunction: Bool)] = []
    /// Nesting of `**` (CPython's parser runs out of its stack at 2,984 and says MemoryError).
    var powerDepth = 0
    static let maxPowerDepth = 2983

    init(source: String) throws(PyError) {
        let lexer = Lexer(source: source)
        lines = lexer.lines
        tokens = try lexer.tokenize()
    }

    static func parse(_ source: String) throws(PyError) -> [Stmt] {
        var p = try Parser(source: source)
        var body: [Stmt] = []
        while p.peek.kind != .eof {
            if p.peek.kind == .newline { p.i += 1; continue }
            if p.peek.kind == .indent { throw p.error("unexpected indent", p.peek, type: "IndentationError") }
            let start = p.peek.line
            let stmts = try p.statement()
            // CPython's compiler recurses over the tree: nesting past its limit (a 3,000-term `+` chain is 3,000 deep)
            // is a RecursionError before anything runs. MiniPy's evaluator recurses the same way.
            if stmts.contains(where: { $0.nestingExceeds(Parser.maxDepth) }) {
                throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded during compilation", line: start)
            }
            body += stmts
        }
        return body
    }

    // MARK: Tokens

    var peek: Token { tokens[i] }
    var peek2: Token { tokens[min(i + 1, tokens.count - 1)] }

    // Matched in place: comparing with a `Token.Kind` built for the purpose copied the token and the string.
    func isOp(_ s: String) -> Bool {
        if case .op(let o) = tokens[i].kind { return o == s }
        return false
    }
    func isName(_ s: String) -> Bool {
        if case .name(let n) = tokens[i].kind { return n == s }
        return false
    }

    mutating func next() -> Token { let t = tokens[i]; i += 1; return t }

    /// The source line a syntax error shows; "" past the end (the lexer counts a lone CR as a line break,
    /// which the split into `lines` does not, so a position may lie past the last line).
    func sourceLine(_ line: Int) -> String { lines.text(line) }

    func error(_ message: String, _ t: Token, type: String = "SyntaxError") -> PyError {
        .syntax(message, line: t.line, column: t.column, text: sourceLine(t.line), type: type)
    }

    func invalid(_ t: Token? = nil) -> PyError {
        let t = t ?? peek
        if t.kind == .eof || (t.kind == .newline && bracketDepth == 0 && false) {
            return error("invalid syntax", t)
        }
        return error("invalid syntax", t)
    }

    mutating func expectOp(_ s: String) throws(PyError) {
        guard isOp(s) else {
            if s == ":" { throw error("expected ':'", peek) }
            throw invalid()
        }
        i += 1
    }

    static let keywords: Set<String> = ["False", "None", "True", "and", "as", "assert", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]

    // MARK: Statements

    mutating func statement() throws(PyError) -> [Stmt] {
        let t = peek
        let p = Pos(line: t.line, column: t.column)
        if case .name(let kw) = t.kind {
            switch kw {
            case "for":
                i += 1
                let target = try targetList()
                guard isName("in") else { throw invalid() }
                i += 1
                let iter = try starExpressions()
                try expectOp(":")
                let body = try block(after: "'for' statement", line: t.line)
                var orelse: [Stmt] = []
                if isName("else"), peek2.kind == .op(":") {
                    let e = next(); i += 1
                    orelse = try block(after: "'else' statement", line: e.line)
                }
                return [.forLoop(target, iter, body, orelse, p)]
            case "while":
                i += 1
                let cond = try namedExpression()
                try expectOp(":")
                let body = try block(after: "'while' statement", line: t.line)
                var orelse: [Stmt] = []
                if isName("else"), peek2.kind == .op(":") {
                    let e = next(); i += 1
                    orelse = try block(after: "'else' statement", line: e.line)
                }
                return [.whileLoop(cond, body, orelse, p)]
            case "if":
                return [try ifStatement(kind: "if")]
            case "try":
                return [try tryStatement()]
            case "with":
                i += 1
                var items: [(Expr, Expr?)] = []
                repeat {
                    if isOp(",") { i += 1 }
                    let context = try expression()
                    var target: Expr?
                    if isName("as") {
                        let asTok = next()
                        let e = try bitOr()
                        try checkTarget(e, asTok, augmented: false)
                        target = e
                    }
                    items.append((context, target))
                } while isOp(",")
                try expectOp(":")
                return [.with(items, try block(after: "'with' statement", line: t.line), p)]
            case "def":
                return [.functionDef(try functionDef(decorators: []))]
            case "class":
                return [.classDef(try classDef(decorators: []))]
            case "async":
                throw notSupported("async functions", t)
            case "match" where isMatchStatement:
                throw notSupported("the match statement", t)
            default: break
            }
        }
        if isOp("@") {
            var decorators: [Expr] = []
            while isOp("@") {
                i += 1
                decorators.append(try namedExpression())
                guard peek.kind == .newline else { throw invalid() }
                i += 1
            }
            if isName("def") { return [.functionDef(try functionDef(decorators: decorators))] }
            if isName("class") { return [.classDef(try classDef(decorators: decorators))] }
            throw invalid()
        }
        var out: [Stmt] = [try simpleStatement()]
        while isOp(";") {
            i += 1
            if peek.kind == .newline { break }
            out.append(try simpleStatement())
        }
        guard peek.kind == .newline || peek.kind == .eof else { throw invalid() }
        if peek.kind == .newline { i += 1 }
        return out
    }

    mutating func ifStatement(kind: String) throws(PyError) -> Stmt {
        let t = next()
        let cond = try namedExpression()
        try expectOp(":")
        let body = try block(after: "'\(kind)' statement", line: t.line)
        var orelse: [Stmt] = []
        if isName("elif") {
            orelse = [try ifStatement(kind: "elif")]
        } else if isName("else") {
            let e = next()
            try expectOp(":")
            orelse = try block(after: "'else' statement", line: e.line)
        }
        return .ifStmt(cond, body, orelse, Pos(line: t.line, column: t.column))
    }

    /// `try:` with `except` clauses (a bare one last), `else:` (only after an `except`), `finally:`.
    mutating func tryStatement() throws(PyError) -> Stmt {
        let t = next()
        let p = Pos(line: t.line, column: t.column)
        try expectOp(":")
        let body = try block(after: "'try' statement", line: t.line)
        var handlers: [ExceptHandler] = []
        var orelse: [Stmt] = [], final: [Stmt] = []
        while isName("except") {
            let e = next()
            if let last = handlers.last, last.type == nil {
                throw PyError.syntax("default 'except:' must be last", line: last.pos.line, column: last.pos.column,
                                     text: sourceLine(last.pos.line))
            }
            var type: Expr?
            var name: String?
            if !isOp(":") {
                type = try expression()
                if isOp(",") {
                    throw PyError.syntax("multiple exception types must be parenthesized", line: type!.pos.line,
                                         column: type!.pos.column, text: sourceLine(type!.pos.line))
                }
                if isName("as") { i += 1; name = try identifier() }
            }
            try expectOp(":")
            let handlerBody = try block(after: "'except' statement", line: e.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, pos: Pos(line: e.line, column: e.column)))
        }
        if !handlers.isEmpty, isName("else") {
            let e = next()
            try expectOp(":")
            orelse = try block(after: "'else' statement", line: e.line)
        }
        if isName("finally") {
            let f = next()
            try expectOp(":")
            final = try block(after: "'finally' statement", line: f.line)
            if final.isEmpty { final = [.pass(Pos(line: f.line, column: f.column))] }
        }
        if handlers.isEmpty && final.isEmpty { throw error("expected 'except' or 'finally' block", peek) }
        return .tryStmt(body, handlers, orelse, final, p)
    }

    mutating func block(after what: String, line: Int) throws(PyError) -> [Stmt] {
        if peek.kind != .newline {
            return try statement()  // `if x: y` on one line
        }
        i += 1
        guard peek.kind == .indent else {
            throw error("expected an indented block after \(what) on line \(line)", peek, type: "IndentationError")
        }
        i += 1
        var body: [Stmt] = []
        while peek.kind != .dedent && peek.kind != .eof {
            if peek.kind == .newline { i += 1; continue }
            body += try statement()
        }
        if peek.kind == .dedent { i += 1 }
        return body
    }

    mutating func simpleStatement() throws(PyError) -> Stmt {
        let t = peek
        let p = Pos(line: t.line, column: t.column)
        if case .name(let kw) = t.kind {
            switch kw {
            case "pass": i += 1; return .pass(p)
            case "break": i += 1; return .breakStmt(p)
            case "continue": i += 1; return .continueStmt(p)
            case "import":
                i += 1
                var imports: [Stmt] = []
                repeat {
                    if isOp(",") { i += 1 }
                    let name = try dottedName()
                    var alias: String?
                    if isName("as") { i += 1; alias = try identifier() }
                    imports.append(.importModule(name, alias, p))
                } while isOp(",")
                // `import a, b` is one statement that binds each in turn.
                return imports.count == 1 ? imports[0] : .ifStmt(.constant(.bool(true), p), imports, [], p)
            case "from":
                i += 1
                let module = try dottedName()
                guard isName("import") else { throw invalid() }
                i += 1
                var names: [(String, String?)] = []
                let paren = isOp("(")
                if paren { i += 1 }
                repeat {
                    if isOp(",") { i += 1 }
                    if paren && isOp(")") { break }
                    if isOp("*") { i += 1; names.append(("*", nil)); continue }
                    let n = try identifier()
                    var alias: String?
                    if isName("as") { i += 1; alias = try identifier() }
                    names.append((n, alias))
                } while isOp(",")
                if paren { try expectOp(")") }
                return .fromImport(module, names, p)
            case "raise":
                i += 1
                if peek.kind == .newline || peek.kind == .eof || isOp(";") { return .raise(nil, nil, p) }
                let exc = try expression()
                var cause: Expr?
                if isName("from") { i += 1; cause = try expression() }
                return .raise(exc, cause, p)
            case "return":
                guard enclosing.last?.isFunction == true else { throw error("'return' outside function", t) }
                i += 1
                if peek.kind == .newline || peek.kind == .eof || isOp(";") { return .returnStmt(nil, p) }
                return .returnStmt(try starExpressions(), p)
            case "del":
                i += 1
                var targets: [Expr] = []
                repeat {
                    if isOp(",") { i += 1; if peek.kind == .newline || isOp(";") { break } }
                    let target = try bitOr()
                    try checkDeleteTarget(target)
                    targets.append(target)
                } while isOp(",")
                return .delete(targets, p)
            case "global", "nonlocal":
                i += 1
                if kw == "nonlocal" && enclosing.last?.isFunction != true {
                    throw error("nonlocal declaration not allowed at module level", t)
                }
                var names = [try identifier()]
                while isOp(",") { i += 1; names.append(try identifier()) }
                return kw == "global" ? .global(names, p) : .nonlocal(names, p)
            case "assert":
                i += 1
                let test = try expression()
                var msg: Expr?
                if isOp(",") { i += 1; msg = try expression() }
                return .assert(test, msg, p)
            case "print":
                if case .string = peek2.kind {
                    throw PyError.syntax("Missing parentheses in call to 'print'. Did you mean print(...)?",
                                         line: t.line, column: t.column, text: sourceLine(t.line))
                }
                if case .name(let n) = peek2.kind, !Parser.keywords.contains(n) {
                    throw PyError.syntax("Missing parentheses in call to 'print'. Did you mean print(...)?",
                                         line: t.line, column: t.column, text: sourceLine(t.line))
                }
            default: break
            }
        }
        let first = isName("yield") ? try yieldExpression() : try starExpressions()
        if isOp(":") {
            // `x: int = 5`: the annotation is read and dropped; without a value nothing is bound.
            switch first {
            case .name, .attribute, .index: break
            default: throw PyError.syntax("only single target (not \(first.isTuple ? "tuple" : "list")) can be annotated", line: first.pos.line, column: first.pos.column, text: sourceLine(first.pos.line))
            }
            i += 1
            _ = try expression()
            if isOp("=") {
                i += 1
                let value = isName("yield") ? try yieldExpression() : try starExpressions()
                return .assign([first], value, p)
            }
            if case .name(let n, _) = first { return .annotated(n, p) }
            return .pass(p)
        }
        if case .op(let op) = peek.kind, Parser.isAugmented(op) {
            let opTok = next()
            try checkTarget(first, opTok, augmented: true)
            let value = try starExpressions()
            return .augAssign(first, String(op.dropLast()), value, p)
        }
        if isOp("=") {
            var targets = [first]
            var value = first
            while isOp("=") {
                let eq = next()
                try checkTarget(value, eq, augmented: false)
                value = isName("yield") ? try yieldExpression() : try starExpressions()
                targets.append(value)
            }
            targets.removeLast()
            return .assign(targets, value, p)
        }
        return .expr(first, p)
    }

    /// The augmented assignment operators (a switch: an array literal was built on every statement).
    static func isAugmented(_ op: String) -> Bool {
        switch op {
        case "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@=": true
        default: false
        }
    }

    func checkTarget(_ e: Expr, _ eq: Token, augmented: Bool) throws(PyError) {
        func what(_ e: Expr) -> String? {
            switch e {
            case .name, .attribute, .index: return nil
            case .tuple(let items, _), .list(let items, _):
                if augmented { return e.isTuple ? "tuple" : "list" }
                for x in items { if let w = what(x) { return w } }
                return nil
            case .starred(let inner, _): return what(inner)
            case .call: return "function call"
            case .constant: return "literal"
            case .compare: return "comparison"
            case .binary, .unary: return "expression"
            case .listComp: return "list comprehension"
            case .dictComp: return "dict comprehension"
            case .dict: return "dict literal"
            case .boolOp: return "expression"
            case .ifExp: return "conditional expression"
            case .slice: return "expression"
            case .lambda: return "lambda"
            case .set: return "set display"
            case .setComp: return "set comprehension"
            case .genExp: return "generator expression"
            case .yield, .yieldFrom: return "yield expression"
            case .fstring: return "f-string expression"
            case .namedExpr: return "named expression"
            }
        }
        func culprit(_ e: Expr) -> Expr {
            switch e {
            case .tuple(let items, _), .list(let items, _):
                for x in items where what(x) != nil { return culprit(x) }
                return e
            default: return e
            }
        }
        guard let w = what(e) else { return }
        let c = augmented ? e : culprit(e)
        let msg = augmented
            ? "'\(w)' is an illegal expression for augmented assignment"
            : (["literal", "function call", "expression", "comparison"].contains(w) && !e.isTuple
               ? "cannot assign to \(w) here. Maybe you meant '==' instead of '='?"
               : "cannot assign to \(w)")
        throw PyError.syntax(msg, line: c.pos.line, column: c.pos.column, text: sourceLine(c.pos.line))
    }

    mutating func identifier() throws(PyError) -> String {
        guard case .name(let n) = peek.kind, !Parser.keywords.contains(n) else { throw invalid() }
        i += 1
        return n
    }

    mutating func dottedName() throws(PyError) -> String {
        var parts = [try identifier()]
        while isOp(".") { i += 1; parts.append(try identifier()) }
        return parts.joined(separator: ".")
    }

    /// `for` targets: names, attributes, subscripts, tuples of them (no `in` parsing).
    mutating func targetList() throws(PyError) -> Expr {
        let start = peek
        var items: [Expr] = []
        var trailingComma = false
        repeat {
            if isOp(",") { i += 1; if isName("in") { trailingComma = true; break } }
            items.append(try bitOr())
        } while isOp(",")
        let t = items.count == 1 && !trailingComma ? items[0] : .tuple(items, Pos(line: start.line, column: start.column))
        try checkTarget(t, start, augmented: false)
        return t
    }

    // MARK: Expressions

    /// A comma-separated list; more than one (or a trailing comma) makes a tuple.
    mutating func starExpressions() throws(PyError) -> Expr {
        let start = peek
        let first = try starExpression()
        guard isOp(",") else { return first }
        var items = [first]
        while isOp(",") {
            i += 1
            if atExpressionEnd { break }
            items.append(try starExpression())
        }
        return .tuple(items, Pos(line: start.line, column: start.column))
    }

    var atExpressionEnd: Bool {
        switch peek.kind {
        case .newline, .eof, .indent, .dedent: return true
        case .op(let o):
            switch o {
            case ")", "]", "}", "=", ":", ";": return true
            default: return o.hasSuffix("=") && o.count >= 2 && o != "==" && o != "<=" && o != ">=" && o != "!="
            }
        default: return false
        }
    }

    mutating func starExpression() throws(PyError) -> Expr {
        if isOp("*") {
            let t = next()
            return .starred(try bitOr(), Pos(line: t.line, column: t.column))
        }
        return try namedExpression()
    }

    /// `name := value`, or an expression.
    mutating func namedExpression() throws(PyError) -> Expr {
        if case .name(let n) = peek.kind, peek2.kind == .op(":="), !Parser.keywords.contains(n) {
            let t = next(); i += 1
            return .namedExpr(n, try expression(), Pos(line: t.line, column: t.column))
        }
        return try expression()
    }

    mutating func expression() throws(PyError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded during compilation", line: peek.line)
        }
        if isName("lambda") { return try lambda() }
        let body = try disjunction()
        if isName("if") {
            let save = i
            i += 1
            let cond = try disjunction()
            guard isName("else") else {
                throw error("expected 'else' after 'if' expression", tokens[save])
            }
            i += 1
            let orelse = try expression()
            return .ifExp(cond, body, orelse, body.pos)
        }
        return body
    }

    mutating func disjunction() throws(PyError) -> Expr {
        var left = try conjunction()
        while isName("or") { i += 1; left = .boolOp("or", left, try conjunction(), left.pos) }
        return left
    }

    mutating func conjunction() throws(PyError) -> Expr {
        var left = try inversion()
        while isName("and") { i += 1; left = .boolOp("and", left, try inversion(), left.pos) }
        return left
    }

    mutating func inversion() throws(PyError) -> Expr {
        if isName("not") {
            let t = next()
            depth += 1; defer { depth -= 1 }
            if depth > Parser.maxDepth {
                throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded during compilation", line: t.line)
            }
            return .unary("not", try inversion(), Pos(line: t.line, column: t.column))
        }
        return try comparison()
    }

    mutating func comparison() throws(PyError) -> Expr {
        let left = try bitOr()
        var ops: [(String, Expr)] = []
        while true {
            var op: String?
            switch peek.kind {
            case .op(let o) where Parser.isComparison(o): op = o; i += 1
            case .name("in"): op = "in"; i += 1
            case .name("not") where peek2.kind == .name("in"): op = "not in"; i += 2
            case .name("is"):
                i += 1
                if isName("not") { i += 1; op = "is not" } else { op = "is" }
            default: break
            }
            guard let o = op else { break }
            ops.append((o, try bitOr()))
        }
        return ops.isEmpty ? left : .compare(left, ops, left.pos)
    }

    static func isComparison(_ op: String) -> Bool {
        switch op {
        case "==", "!=", "<", "<=", ">", ">=": true
        default: false
        }
    }

    mutating func bitOr() throws(PyError) -> Expr {
        var left = try bitXor()
        while isOp("|") { i += 1; left = .binary("|", left, try bitXor(), left.pos) }
        return left
    }

    mutating func bitXor() throws(PyError) -> Expr {
        var left = try bitAnd()
        while isOp("^") { i += 1; left = .binary("^", left, try bitAnd(), left.pos) }
        return left
    }

    mutating func bitAnd() throws(PyError) -> Expr {
        var left = try shift()
        while isOp("&") { i += 1; left = .binary("&", left, try shift(), left.pos) }
        return left
    }

    mutating func shift() throws(PyError) -> Expr {
        var left = try sum()
        while case .op(let o) = peek.kind, o == "<<" || o == ">>" { i += 1; left = .binary(o, left, try sum(), left.pos) }
        return left
    }

    mutating func sum() throws(PyError) -> Expr {
        var left = try term()
        while case .op(let o) = peek.kind, o == "+" || o == "-" {
            i += 1
            left = .binary(o, left, try term(), left.pos)
        }
        return left
    }

    mutating func term() throws(PyError) -> Expr {
        var left = try factor()
        while case .op(let o) = peek.kind, Parser.isTermOperator(o) {
            i += 1
            left = .binary(o, left, try factor(), left.pos)
        }
        return left
    }

    static func isTermOperator(_ op: String) -> Bool {
        switch op {
        case "*", "/", "//", "%", "@": true
        default: false
        }
    }

    mutating func factor() throws(PyError) -> Expr {
        if case .op(let o) = peek.kind, o == "-" || o == "+" || o == "~" {
            let t = next()
            depth += 1; defer { depth -= 1 }
            if depth > Parser.maxDepth {
                throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded during compilation", line: t.line)
            }
            return .unary(o, try factor(), Pos(line: t.line, column: t.column))
        }
        return try power()
    }

    mutating func power() throws(PyError) -> Expr {
        let base = try primary()
        if isOp("**") {
            let t = next()
            powerDepth += 1
            defer { powerDepth -= 1 }
            if powerDepth > Parser.maxPowerDepth { throw PyError(type: "MemoryError", message: "", line: t.line) }
            return .binary("**", base, try factor(), base.pos)
        }
        return base
    }

    mutating func primary() throws(PyError) -> Expr {
        var e = try atom()
        // CPython 3.11 places an attribute (and a method call) on the line of the attribute's name, anything else
        // in the chain (a subscript, a plain call) where the chain starts: `(x` newline `.view(4, 4))` fails on
        // the second line. The column stays the chain's.
        let chainStart = e.pos
        while true {
            if isOp(".") {
                i += 1
                guard case .name(let n) = peek.kind else { throw invalid() }
                let nameLine = peek.line
                i += 1
                e = .attribute(e, n, Pos(line: nameLine, column: chainStart.column))
            } else if isOp("(") {
                let open = next()
                bracketDepth += 1
                var args: [Expr] = []
                var kwargs: [(String, Expr)] = []
                var doubleStar = false
                while !isOp(")") {
                    if isOp("**") {
                        // `**mapping`: kept among the keywords under the name "**", in order.
                        i += 1
                        kwargs.append(("**", try expression()))
                        doubleStar = true
                    } else if case .name(let n) = peek.kind, peek2.kind == .op("="), !Parser.keywords.contains(n) {
                        i += 2
                        kwargs.append((n, try expression()))
                    } else {
                        let argTok = peek
                        let a = try starExpression()
                        if isName("for") {
                            let gens = try comprehensionClauses()
                            args.append(.genExp(a, gens, a.pos))
                        } else {
                            let starred: Bool
                            if case .starred = a { starred = true } else { starred = false }
                            if doubleStar {
                                throw error(starred ? "iterable argument unpacking follows keyword argument unpacking"
                                                    : "positional argument follows keyword argument unpacking", argTok)
                            }
                            if !kwargs.isEmpty && !starred {
                                throw error("positional argument follows keyword argument", argTok)
                            }
                            args.append(a)
                        }
                    }
                    if isOp(",") { i += 1; continue }
                    if !isOp(")") { throw missingComma(open) }
                }
                i += 1
                bracketDepth -= 1
                e = .call(e, args, kwargs, { if case .attribute = e { return e.pos }; return chainStart }())
            } else if isOp("[") {
                let open = next()
                bracketDepth += 1
                let start = peek
                var items: [Expr] = []
                var tuple = false
                repeat {
                    if isOp(",") { i += 1; tuple = true; if isOp("]") { break } }
                    items.append(try sliceItem())
                } while isOp(",")
                guard isOp("]") else { throw missingComma(open) }
                i += 1
                bracketDepth -= 1
                let index = items.count == 1 && !tuple ? items[0] : .tuple(items, Pos(line: start.line, column: start.column))
                e = .index(e, index, chainStart)
            } else {
                return e
            }
        }
    }

    func missingComma(_ open: Token) -> PyError {
        if peek.kind == .eof || peek.kind == .newline { return error("'\(open.kind.opText)' was never closed", open) }
        if case .op(let o) = peek.kind, [")", "]", "}", "=", ":"].contains(o) || o.hasSuffix("=") { return invalid() }
        // Python: "invalid syntax. Perhaps you forgot a comma?" pointing at the previous expression's start.
        return error("invalid syntax. Perhaps you forgot a comma?", tokens[max(0, i - 1)])
    }

    mutating func sliceItem() throws(PyError) -> Expr {
        let t = peek
        let p = Pos(line: t.line, column: t.column)
        var lower: Expr?
        if !isOp(":") { lower = try expression() }
        guard isOp(":") else { return lower! }
        i += 1
        var upper: Expr?, step: Expr?
        if !isOp(":") && !isOp(",") && !isOp("]") { upper = try expression() }
        if isOp(":") {
            i += 1
            if !isOp(",") && !isOp("]") { step = try expression() }
        }
        return .slice(lower, upper, step, p)
    }

    mutating func comprehensionClauses() throws(PyError) -> [Comprehension] {
        var gens: [Comprehension] = []
        while isName("for") {
            i += 1
            let target = try targetList()
            guard isName("in") else { throw invalid() }
            i += 1
            let iter = try disjunction()
            var conds: [Expr] = []
            while isName("if") { i += 1; conds.append(try disjunction()) }
            gens.append(Comprehension(target: target, iter: iter, conditions: conds))
        }
        return gens
    }

    mutating func atom() throws(PyError) -> Expr {
        let t = peek
        let p = Pos(line: t.line, column: t.column)
        switch t.kind {
        case .name(let n):
            switch n {
            case "True": i += 1; return .constant(.bool(true), p)
            case "False": i += 1; return .constant(.bool(false), p)
            case "None": i += 1; return .constant(.none, p)
            default:
                if Parser.keywords.contains(n) { throw invalid() }
                i += 1
                return .name(n, p)
            }
        case .int(let v): i += 1; return .constant(.int(v), p)
        case .float(let v): i += 1; return .constant(.float(v), p)
        case .string, .fstring:
            return try stringAtom()
        case .bytes(let b):
            i += 1
            var b = b
            while true {
                if case .bytes(let more) = peek.kind { b += more; i += 1; continue }
                if case .string = peek.kind { throw error("cannot mix bytes and nonbytes literals", t) }
                if case .fstring = peek.kind { throw error("cannot mix bytes and nonbytes literals", t) }
                break
            }
            return .constant(.object(BytesObject(b)), p)
        case .op("..."):
            i += 1
            return .constant(.object(EllipsisObject.shared), p)
        case .op("("):
            i += 1
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            if isOp(")") { i += 1; return .tuple([], p) }
            if isName("yield") {
                let y = try yieldExpression()
                try expectClose(")", t)
                return y
            }
            let first = try starNamedExpression()
            if isName("for") {
                let gens = try comprehensionClauses()
                try expectCloseAfterComprehension(")", t)
                return .genExp(first, gens, p)
            }
            if isOp(")") {
                i += 1
                if case .starred = first { throw PyError.syntax("cannot use starred expression here", line: first.pos.line, column: first.pos.column, text: sourceLine(first.pos.line)) }
                return first
            }
            var items = [first]
            while isOp(",") {
                i += 1
                if isOp(")") { break }
                items.append(try starNamedExpression())
            }
            try expectClose(")", t)
            return .tuple(items, p)
        case .op("["):
            i += 1
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            if isOp("]") { i += 1; return .list([], p) }
            let first = try starNamedExpression()
            if isName("for") {
                let gens = try comprehensionClauses()
                try expectCloseAfterComprehension("]", t)
                return .listComp(first, gens, p)
            }
            var items = [first]
            while isOp(",") {
                i += 1
                if isOp("]") { break }
                items.append(try starNamedExpression())
            }
            try expectClose("]", t)
            return .list(items, p)
        case .op("{"):
            i += 1
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            if isOp("}") { i += 1; return .dict([], p) }
            // `**mapping` in a dict display is kept as a pair whose key is `.starred`.
            func dictItem(_ parser: inout Parser) throws(PyError) -> (Expr, Expr) {
                if parser.isOp("**") {
                    let st = parser.next()
                    let m = try parser.bitOr()
                    return (.starred(m, Pos(line: st.line, column: st.column)), .constant(.none, Pos(line: st.line, column: st.column)))
                }
                let k = try parser.expression()
                try parser.expectOp(":")
                return (k, try parser.expression())
            }
            if !isOp("**") {
                let first = try starNamedExpression()
                if !isOp(":") {
                    // A set display or comprehension.
                    if isName("for") {
                        let gens = try comprehensionClauses()
                        try expectCloseAfterComprehension("}", t)
                        return .setComp(first, gens, p)
                    }
                    var items = [first]
                    while isOp(",") {
                        i += 1
                        if isOp("}") { break }
                        items.append(try starNamedExpression())
                    }
                    try expectClose("}", t)
                    return .set(items, p)
                }
                i += 1
                let v = try expression()
                if isName("for") {
                    let gens = try comprehensionClauses()
                    try expectCloseAfterComprehension("}", t)
                    return .dictComp(first, v, gens, p)
                }
                var pairs = [(first, v)]
                while isOp(",") {
                    i += 1
                    if isOp("}") { break }
                    pairs.append(try dictItem(&self))
                }
                try expectClose("}", t)
                return .dict(pairs, p)
            }
            var pairs = [try dictItem(&self)]
            while isOp(",") {
                i += 1
                if isOp("}") { break }
                pairs.append(try dictItem(&self))
            }
            try expectClose("}", t)
            return .dict(pairs, p)
        case .newline, .eof:
            throw invalid()
        default:
            throw invalid()
        }
    }

    /// After `for … in … if …` CPython parses plain disjunctions, so a missing comma is just "invalid syntax".
    mutating func expectCloseAfterComprehension(_ s: String, _ open: Token) throws(PyError) {
        guard isOp(s) else {
            if peek.kind == .eof || peek.kind == .newline { throw error("'\(open.kind.opText)' was never closed", open) }
            throw invalid()
        }
        i += 1
    }

    mutating func expectClose(_ s: String, _ open: Token) throws(PyError) {
        guard isOp(s) else { throw missingComma(open) }
        i += 1
    }
}

extension Token.Kind {
    var opText: String { if case .op(let o) = self { return o }; return "" }
}

extension Expr {
    var isTuple: Bool { if case .tuple = self { return true }; return false }
}
