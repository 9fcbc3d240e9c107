/// `def`, `class`, `lambda`, `yield`, strings and f-strings, and the scope analysis of a function body (which names
/// are local, global or nonlocal; whether it is a generator), with CPython 3.11's messages.
extension Parser {
    func notSupported(_ what: String, _ t: Token) -> PyError {
        PyError(type: "NotImplementedError", message: "MiniPy does not support \(what) yet", line: t.line)
    }

    /// `match subject:` at the start of a statement (a soft keyword: `match = 1` and `match(x)` are not it).
    var isMatchStatement: Bool {
        var k = i + 1
        guard k < tokens.count else { return false }
        if case .op(let o) = tokens[k].kind, ["=", ".", ")", ",", ":"].contains(o) || o.hasSuffix("=") { return false }
        while k < tokens.count, tokens[k].kind != .newline, tokens[k].kind != .eof { k += 1 }
        return k > i + 1 && tokens[k - 1].kind == .op(":")
    }

    var qualifiedPrefix: String {
        enclosing.map { $0.isFunction ? $0.name + ".<locals>." : $0.name + "." }.joined()
    }

    /// `*x` or a named expression (in displays: `[*a, b]`, `(x := 1, 2)`).
    mutating func starNamedExpression() throws(PyError) -> Expr {
        if isOp("*") {
            let t = next()
            return .starred(try bitOr(), Pos(line: t.line, column: t.column))
        }
        return try namedExpression()
    }

    mutating func functionDef(decorators: [Expr]) throws(PyError) -> FunctionDef {
        let t = next()   // def
        let name = try identifier()
        let f = FunctionDef(name: name, qualname: qualifiedPrefix + name, isLambda: false, pos: Pos(line: t.line, column: t.column))
        f.decorators = decorators
        guard isOp("(") else { throw error("expected '('", peek) }
        let open = next()
        bracketDepth += 1
        try parameters(f, closing: ")", open: open)
        bracketDepth -= 1
        if isOp("->") { i += 1; _ = try expression() }
        try expectOp(":")
        enclosing.append((name, true))
        f.body = try block(after: "function definition", line: t.line)
        enclosing.removeLast()
        try Parser.analyze(f, lines: lines)
        return f
    }

    mutating func lambda() throws(PyError) -> Expr {
        let t = next()   // lambda
        let p = Pos(line: t.line, column: t.column)
        let f = FunctionDef(name: "<lambda>", qualname: qualifiedPrefix + "<lambda>", isLambda: true, pos: p)
        try parameters(f, closing: ":", open: t)
        try expectOp(":")
        enclosing.append(("<lambda>", true))
        let body = try expression()
        enclosing.removeLast()
        f.body = [.returnStmt(body, body.pos)]
        try Parser.analyze(f, lines: lines)
        return .lambda(f, p)
    }

    /// The parameter list up to `closing` (`)` for def, `:` for lambda; the closing token is left for the caller
    /// when it is `:`).
    mutating func parameters(_ f: FunctionDef, closing: String, open: Token) throws(PyError) {
        var seen: Set<String> = []
        var sawDefault = false
        var afterStar = false
        func add(_ name: String, _ tok: Token) throws(PyError) {
            if !seen.insert(name).inserted { throw error("duplicate argument '\(name)' in function definition", tok) }
        }
        while !isOp(closing) {
            if f.varkw != nil { throw error("arguments cannot follow var-keyword argument", peek) }
            let tok = peek
            if isOp("**") {
                i += 1
                let n = try identifier()
                try add(n, tok)
                if closing == ")", isOp(":") { i += 1; _ = try expression() }
                f.varkw = n
            } else if isOp("*") {
                i += 1
                if afterStar { throw error("* argument may appear only once", tok) }
                afterStar = true
                if isOp(",") || isOp(closing) {
                    // A bare `*`: keyword-only parameters must follow.
                    let after = i + 1 < tokens.count ? tokens[i + 1] : peek
                    if isOp(closing) || after.kind == .op(closing) || after.kind == .op("**") {
                        throw error("named arguments must follow bare *", tok)
                    }
                } else {
                    let n = try identifier()
                    try add(n, tok)
                    if closing == ")", isOp(":") { i += 1; _ = try expression() }
                    f.varargs = n
                }
            } else if isOp("/") {
                i += 1
                if afterStar || f.positional.isEmpty { throw invalid(tok) }
                f.positionalOnly = f.positional.count
            } else {
                let n = try identifier()
                try add(n, tok)
                if closing == ")", isOp(":") { i += 1; _ = try expression() }
                var d: Expr?
                if isOp("=") { i += 1; d = try expression() }
                if afterStar {
                    f.keywordOnly.append(Param(name: n, defaultValue: d))
                } else {
                    if d == nil && sawDefault { throw error("non-default argument follows default argument", tok) }
                    if d != nil { sawDefault = true }
                    f.positional.append(Param(name: n, defaultValue: d))
                }
            }
            if isOp(",") { i += 1; continue }
            if !isOp(closing) {
                if closing == ")" && (peek.kind == .newline || peek.kind == .eof) { throw error("'(' was never closed", open) }
                throw invalid()
            }
        }
        if closing == ")" { i += 1 }
    }

    mutating func classDef(decorators: [Expr]) throws(PyError) -> ClassDef {
        let t = next()   // class
        let name = try identifier()
        let c = ClassDef(name: name, qualname: qualifiedPrefix + name, pos: Pos(line: t.line, column: t.column))
        c.decorators = decorators
        if isOp("(") {
            let open = next()
            bracketDepth += 1
            while !isOp(")") {
                if case .name(let n) = peek.kind, peek2.kind == .op("="), !Parser.keywords.contains(n) {
                    i += 2
                    c.keywords.append((n, try expression()))
                } else {
                    c.bases.append(try expression())
                }
                if isOp(",") { i += 1; continue }
                if !isOp(")") { throw missingComma(open) }
            }
            i += 1
            bracketDepth -= 1
        }
        try expectOp(":")
        enclosing.append((name, false))
        c.body = try block(after: "class definition", line: t.line)
        enclosing.removeLast()
        return c
    }

    /// `yield`, `yield value`, `yield a, b`, `yield from iterable` (the caller has seen `yield`).
    mutating func yieldExpression() throws(PyError) -> Expr {
        let t = next()
        let p = Pos(line: t.line, column: t.column)
        guard enclosing.last?.isFunction == true else { throw error("'yield' outside function", t) }
        if isName("from") {
            i += 1
            return .yieldFrom(try expression(), p)
        }
        if peek.kind == .newline || peek.kind == .eof || isOp(")") || isOp(";") || isOp("]") || isOp("}") || isOp("=") {
            return .yield(nil, p)
        }
        return .yield(try starExpressions(), p)
    }

    func checkDeleteTarget(_ e: Expr) throws(PyError) {
        switch e {
        case .name, .attribute, .index: return
        case .tuple(let items, _), .list(let items, _): for x in items { try checkDeleteTarget(x) }
        default:
            let what: String
            switch e {
            case .call: what = "function call"
            case .constant: what = "literal"
            default: what = "expression"
            }
            throw PyError.syntax("cannot delete \(what)", line: e.pos.line, column: e.pos.column, text: sourceLine(e.pos.line))
        }
    }

    // MARK: Strings

    /// Adjacent string literals, f-strings among them, joined into one constant or one f-string.
    mutating func stringAtom() throws(PyError) -> Expr {
        let t = peek
        let p = Pos(line: t.line, column: t.column)
        var parts: [FStringPart] = []
        var isFormatted = false
        while true {
            if case .string(let s) = peek.kind {
                parts.append(.literal(s)); i += 1
            } else if case .fstring(let raw, let isRaw, let line, let column) = peek.kind {
                let tok = next()
                isFormatted = true
                parts += try fstringParts(Array(raw.unicodeScalars), raw: isRaw, line: line, column: column, token: tok, nested: false)
            } else if case .bytes = peek.kind {
                throw error("cannot mix bytes and nonbytes literals", t)
            } else {
                break
            }
        }
        if !isFormatted {
            var s = ""
            for case .literal(let x) in parts { s += x }
            return .constant(.str(s), p)
        }
        return .fstring(parts, p)
    }

    /// The parts of an f-string's text: literal runs (escapes processed unless raw) and `{expr!c:spec}` fields.
    func fstringParts(_ s: [Unicode.Scalar], raw: Bool, line: Int, column: Int, token: Token, nested: Bool) throws(PyError) -> [FStringPart] {
        var parts: [FStringPart] = []
        var literal: [Unicode.Scalar] = []
        func fail(_ m: String) -> PyError { error(m, token) }
        func flush() throws(PyError) {
            guard !literal.isEmpty else { return }
            let text = raw ? literal : try Lexer.unescape(literal, bytes: false) { m throws(PyError) in throw fail(m) }
            parts.append(.literal(String(scalars: text)))
            literal = []
        }
        var k = 0
        while k < s.count {
            let ch = s[k]
            if ch == "\\", !raw, k + 1 < s.count {
                if s[k + 1] == "N", k + 2 < s.count, s[k + 2] == "{", let close = s[k...].firstIndex(of: "}") {
                    literal += s[k...close]; k = close + 1; continue
                }
                literal.append(ch); literal.append(s[k + 1]); k += 2; continue
            }
            if ch == "{" {
                if k + 1 < s.count, s[k + 1] == "{" { literal.append("{"); k += 2; continue }
                try flush()
                // The expression runs to a top-level `}`, `!`, `:` or a self-documenting `=`.
                var j = k + 1
                var depth = 0
                var quote: Unicode.Scalar?
                var exprEnd = -1
                while j < s.count {
                    let d = s[j]
                    if let q = quote { if d == q { quote = nil }; j += 1; continue }
                    if d == "'" || d == "\"" { quote = d; j += 1; continue }
                    if "([{".unicodeScalars.contains(d) { depth += 1 }
                    else if ")]}".unicodeScalars.contains(d) {
                        if depth == 0 { break }
                        depth -= 1
                    } else if depth == 0 {
                        if d == "!" && !(j + 1 < s.count && s[j + 1] == "=") { break }
                        if d == ":" { break }
                        if d == "=", j + 1 < s.count, !"=".unicodeScalars.contains(s[j + 1]),
                           j > k + 1, !"=!<>".unicodeScalars.contains(s[j - 1]) {
                            exprEnd = j; j += 1
                            while j < s.count, s[j] == " " { j += 1 }
                            break
                        }
                    }
                    j += 1
                }
                let end = exprEnd >= 0 ? exprEnd : j
                let exprText = String(scalars: s[(k + 1)..<end])
                if exprText.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw fail("f-string: empty expression not allowed")
                }
                var debugText: String?
                if exprEnd >= 0 {
                    // `{x = }` prints "x = " and then the value: the text up to the `=` and the spaces after it.
                    debugText = String(scalars: s[(k + 1)..<j])
                }
                guard j < s.count else { throw fail("f-string: expecting '}'") }
                var conversion: Character?
                if s[j] == "!" {
                    guard j + 1 < s.count, "rsa".unicodeScalars.contains(s[j + 1]) else {
                        throw fail("f-string: invalid conversion character: expected 's', 'r', or 'a'")
                    }
                    conversion = Character(s[j + 1]); j += 2
                }
                var spec: [FStringPart]?
                if j < s.count, s[j] == ":" {
                    var e = j + 1
                    var depth = 0
                    while e < s.count {
                        if s[e] == "{" { depth += 1 } else if s[e] == "}" { if depth == 0 { break }; depth -= 1 }
                        e += 1
                    }
                    spec = try fstringParts(Array(s[(j + 1)..<min(e, s.count)]), raw: raw, line: line, column: column, token: token, nested: true)
                    j = e
                }
                guard j < s.count, s[j] == "}" else { throw fail("f-string: expecting '}'") }
                let expr: Expr
                do throws(PyError) {
                    // Blank lines inside the parentheses put the field's expressions on the f-string's own line, so a
                    // runtime error in `{losses[5]}` is reported there (as CPython does), not on line 1.
                    var sub = try Parser(source: "(" + String(repeating: "\n", count: max(0, line - 1)) + exprText + ")")
                    sub.enclosing = enclosing
                    expr = try sub.expression()
                    guard sub.peek.kind == .newline || sub.peek.kind == .eof else { throw sub.invalid() }
                } catch {
                    var e = error
                    if e.isSyntaxError { e.message = "f-string: " + e.message; e.line = token.line; e.text = sourceLine(token.line); e.column = token.column }
                    throw e
                }
                parts.append(.field(expr, conversion: conversion, spec: spec, debugText: debugText))
                k = j + 1
                continue
            }
            if ch == "}" {
                if k + 1 < s.count, s[k + 1] == "}" { literal.append("}"); k += 2; continue }
                throw fail("f-string: single '}' is not allowed")
            }
            literal.append(ch)
            k += 1
        }
        try flush()
        return parts
    }

    // MARK: Scope analysis

    /// Python's symbol table for one function: a name bound anywhere in the body (assignment, `for`, `with`, `except`,
    /// `import`, `def`, `class`, `del`, `:=`) is local unless declared `global`/`nonlocal`; `yield` makes a generator.
    static func analyze(_ f: FunctionDef, lines: SourceLines) throws(PyError) {
        var bound = Set(f.parameterNames)
        var globals: Set<String> = [], nonlocals: Set<String> = []
        var yields = false
        let params = Set(f.parameterNames)

        func expr(_ e: Expr) {
            e.walk { x in
                switch x {
                case .lambda: return false
                case .namedExpr(let n, _, _): bound.insert(n); return true
                case .yield, .yieldFrom: yields = true; return true
                default: return true
                }
            }
        }
        func target(_ e: Expr) {
            for n in e.boundNames { bound.insert(n) }
            expr(e)
        }
        func body(_ stmts: [Stmt]) throws(PyError) {
            for s in stmts {
                switch s {
                case .expr(let e, _): expr(e)
                case .assign(let ts, let v, _): for t in ts { target(t) }; expr(v)
                case .augAssign(let t, _, let v, _): target(t); expr(v)
                case .importModule(let name, let alias, _): bound.insert(alias ?? String(name.split(separator: ".")[0]))
                case .fromImport(_, let names, _): for (n, a) in names where n != "*" { bound.insert(a ?? n) }
                case .forLoop(let t, let it, let b, let o, _): target(t); expr(it); try body(b); try body(o)
                case .whileLoop(let c, let b, let o, _): expr(c); try body(b); try body(o)
                case .ifStmt(let c, let b, let o, _): expr(c); try body(b); try body(o)
                case .pass, .breakStmt, .continueStmt: break
                case .assert(let t, let m, _): expr(t); if let m { expr(m) }
                case .tryStmt(let b, let hs, let o, let fin, _):
                    try body(b)
                    for h in hs { if let n = h.name { bound.insert(n) }; if let t = h.type { expr(t) }; try body(h.body) }
                    try body(o); try body(fin)
                case .raise(let e, let c, _): if let e { expr(e) }; if let c { expr(c) }
                case .with(let items, let b, _):
                    for (c, t) in items { expr(c); if let t { target(t) } }
                    try body(b)
                case .functionDef(let d): bound.insert(d.name); for x in d.decorators { expr(x) }
                case .classDef(let c): bound.insert(c.name); for x in c.bases + c.decorators { expr(x) }
                case .returnStmt(let e, _): if let e { expr(e) }
                case .delete(let ts, _): for t in ts { target(t) }
                case .annotated(let n, _): bound.insert(n)
                case .global(let names, let p):
                    for n in names {
                        if params.contains(n) {
                            throw PyError.syntax("name '\(n)' is parameter and global", line: p.line, column: p.column, text: lines.text(p.line))
                        }
                        globals.insert(n)
                    }
                case .nonlocal(let names, let p):
                    for n in names {
                        if params.contains(n) {
                            throw PyError.syntax("name '\(n)' is parameter and nonlocal", line: p.line, column: p.column, text: lines.text(p.line))
                        }
                        nonlocals.insert(n)
                    }
                }
            }
        }
        try body(f.body)
        f.isGenerator = yields
        f.globals = globals
        f.nonlocals = nonlocals
        f.locals = bound.subtracting(globals).subtracting(nonlocals)
    }
}

extension Expr {
    /// Visits this expression and those inside it (not inside nested function bodies); `visit` returns false to skip
    /// an expression's children.
    func walk(_ visit: (Expr) -> Bool) {
        guard visit(self) else { return }
        func comp(_ gens: [Comprehension]) {
            for g in gens { g.target.walk(visit); g.iter.walk(visit); for c in g.conditions { c.walk(visit) } }
        }
        switch self {
        case .name, .constant, .lambda: break
        case .list(let xs, _), .tuple(let xs, _), .set(let xs, _): for x in xs { x.walk(visit) }
        case .dict(let pairs, _): for (k, v) in pairs { k.walk(visit); v.walk(visit) }
        case .listComp(let e, let g, _), .setComp(let e, let g, _), .genExp(let e, let g, _): e.walk(visit); comp(g)
        case .dictComp(let k, let v, let g, _): k.walk(visit); v.walk(visit); comp(g)
        case .binary(_, let a, let b, _), .boolOp(_, let a, let b, _): a.walk(visit); b.walk(visit)
        case .unary(_, let a, _), .attribute(let a, _, _), .starred(let a, _), .yieldFrom(let a, _), .namedExpr(_, let a, _):
            a.walk(visit)
        case .compare(let a, let rest, _): a.walk(visit); for (_, b) in rest { b.walk(visit) }
        case .call(let f, let args, let kw, _): f.walk(visit); for a in args { a.walk(visit) }; for (_, v) in kw { v.walk(visit) }
        case .index(let a, let b, _): a.walk(visit); b.walk(visit)
        case .slice(let a, let b, let c, _): a?.walk(visit); b?.walk(visit); c?.walk(visit)
        case .ifExp(let a, let b, let c, _): a.walk(visit); b.walk(visit); c.walk(visit)
        case .yield(let a, _): a?.walk(visit)
        case .fstring(let parts, _):
            func walkParts(_ ps: [FStringPart]) {
                for p in ps { if case .field(let e, _, let spec, _) = p { e.walk(visit); if let spec { walkParts(spec) } } }
            }
            walkParts(parts)
        }
    }
}

extension Expr {
    /// The expressions directly inside this one.
    var children: [Expr] {
        var out: [Expr] = []
        func comp(_ gens: [Comprehension]) { for g in gens { out.append(g.target); out.append(g.iter); out += g.conditions } }
        switch self {
        case .name, .constant, .lambda: break
        case .list(let xs, _), .tuple(let xs, _), .set(let xs, _): out = xs
        case .dict(let pairs, _): for (k, v) in pairs { out.append(k); out.append(v) }
        case .listComp(let e, let g, _), .setComp(let e, let g, _), .genExp(let e, let g, _): out.append(e); comp(g)
        case .dictComp(let k, let v, let g, _): out.append(k); out.append(v); comp(g)
        case .binary(_, let a, let b, _), .boolOp(_, let a, let b, _), .index(let a, let b, _): out = [a, b]
        case .unary(_, let a, _), .attribute(let a, _, _), .starred(let a, _), .yieldFrom(let a, _), .namedExpr(_, let a, _): out = [a]
        case .compare(let a, let rest, _): out = [a] + rest.map(\.1)
        case .call(let f, let args, let kw, _): out = [f] + args + kw.map(\.1)
        case .slice(let a, let b, let c, _): out = [a, b, c].compactMap { $0 }
        case .ifExp(let a, let b, let c, _): out = [a, b, c]
        case .yield(let a, _): out = a.map { [$0] } ?? []
        case .fstring(let parts, _):
            func walkParts(_ ps: [FStringPart]) {
                for p in ps { if case .field(let e, _, let spec, _) = p { out.append(e); if let spec { walkParts(spec) } } }
            }
            walkParts(parts)
        }
        return out
    }

    /// Whether some path of nested expressions is longer than `limit` (found without recursion).
    func depthExceeds(_ limit: Int) -> Bool {
        var stack: [(Expr, Int)] = [(self, 1)]
        while let (e, d) = stack.popLast() {
            if d > limit { return true }
            for c in e.children { stack.append((c, d + 1)) }
        }
        return false
    }
}

extension Stmt {
    /// Whether an expression in this statement, or in a statement inside it, nests deeper than `limit`.
    func nestingExceeds(_ limit: Int) -> Bool {
        if exprs.contains(where: { $0.depthExceeds(limit) }) { return true }
        let inner: [Stmt]
        switch self {
        case .forLoop(_, _, let b, let o, _), .ifStmt(_, let b, let o, _): inner = b + o
        case .whileLoop(_, let b, let o, _): inner = b + o
        case .with(_, let b, _): inner = b
        case .tryStmt(let b, let hs, let o, let f, _): inner = b + hs.flatMap(\.body) + o + f
        case .functionDef(let d):
            if d.decorators.contains(where: { $0.depthExceeds(limit) }) { return true }
            inner = d.body
        case .classDef(let c): inner = c.body
        case .expr, .assign, .augAssign, .importModule, .fromImport, .pass, .breakStmt, .continueStmt, .assert, .raise,
             .returnStmt, .delete, .global, .nonlocal, .annotated:
            inner = []
        }
        return inner.contains { $0.nestingExceeds(limit) }
    }

    /// The expressions of this statement itself (not of the statements inside it).
    var exprs: [Expr] {
        switch self {
        case .expr(let e, _): [e]
        case .assign(let ts, let v, _): ts + [v]
        case .augAssign(let t, _, let v, _): [t, v]
        case .forLoop(let t, let it, _, _, _): [t, it]
        case .whileLoop(let c, _, _, _), .ifStmt(let c, _, _, _): [c]
        case .assert(let t, let m, _): [t] + (m.map { [$0] } ?? [])
        case .raise(let e, let c, _): [e, c].compactMap { $0 }
        case .with(let items, _, _): items.flatMap { [$0.0] + ($0.1.map { [$0] } ?? []) }
        case .returnStmt(let e, _): e.map { [$0] } ?? []
        case .delete(let ts, _): ts
        case .importModule, .fromImport, .pass, .breakStmt, .continueStmt, .tryStmt, .functionDef, .classDef, .global, .nonlocal,
             .annotated: []
        }
    }
}
