/// Call arguments with `*iterable` and `**mapping`, and the `with` statement.
extension Interpreter {
    /// The positional and keyword arguments of a call, in order, with CPython's messages for a bad `*` or `**`.
    /// Keywords named "**" (see the parser) are mappings to unpack.
    func callArguments(_ fn: PyValue, _ fnExpr: Expr, _ argExprs: [Expr],
                       _ kwExprs: [(String, Expr)]) throws(PyError) -> ([PyValue], [(String, PyValue)]) {
        var args: [PyValue] = []
        for a in argExprs {
            guard case .starred(let inner, _) = a else { args.append(try eval(a)); continue }
            let v = try eval(inner)
            do {
                args += try iterate(v)
            } catch {
                if error.type == "TypeError", error.message.hasSuffix("object is not iterable") {
                    throw .typeError("\(functionStr(fn, fnExpr)) argument after * must be an iterable, not \(v.typeName)")
                }
                throw error
            }
        }
        var kwargs: [(String, PyValue)] = []
        var literal: Set<String> = []
        func add(_ k: String, _ v: PyValue) throws(PyError) {
            if kwargs.contains(where: { $0.0 == k }) {
                throw .typeError("\(functionStr(fn, fnExpr)) got multiple values for keyword argument '\(k)'")
            }
            kwargs.append((k, v))
        }
        for (k, e) in kwExprs {
            if k == "**" {
                let m = try eval(e)
                guard case .dict(let d) = m else {
                    throw .typeError("\(functionStr(fn, fnExpr)) argument after ** must be a mapping, not \(m.typeName)")
                }
                for (key, value) in zip(d.keys, d.values) {
                    guard case .str(let name) = key else { throw .typeError("keywords must be strings") }
                    try add(name, value)
                }
                continue
            }
            if !literal.insert(k).inserted {
                throw .syntax("keyword argument repeated: \(k)", line: e.pos.line, column: e.pos.column, text: "")
            }
            try add(k, try eval(e))
        }
        return (args, kwargs)
    }

    /// How CPython names a callable in an argument error (`print()`, `list.append()`, `torch.nn.modules.rnn.RNN()`,
    /// or the object's repr). Only for messages: `fnExpr`'s object is evaluated again to name a method's type.
    func functionStr(_ fn: PyValue, _ fnExpr: Expr) -> String {
        switch fn {
        case .object(let b as Builtin):
            if case .attribute(let base, _, _) = fnExpr, let owner = try? eval(base) {
                if case .object(let ns as Namespace) = owner { return "\(ns.name).\(b.name)()" }
                if b.isMethod { return "\(owner.typeName).\(b.name)()" }
            }
            return "\(b.name)()"
        case .object(let c as PyClass): return "\(c.qualified)()"
        case .object(let c as ExceptionClass): return "\(c.name)()"
        default: return repr(fn)
        }
    }

    /// `with a as x, b as y: body` runs as nested `with` statements; each object runs what is inside it.
    func execWith(_ items: ArraySlice<(Expr, Expr?)>, _ body: [Stmt]) throws(PyError) -> Flow {
        guard let (contextExpr, target) = items.first else { return try exec(body) }
        let context = try eval(contextExpr)
        if isUserInstance(context) { return try execUserWith(context, target, items.dropFirst(), body) }
        guard case .object(let o) = context else {
            throw .typeError("'\(context.typeName)' object does not support the context manager protocol")
        }
        var flow = Flow.normal
        try o.withBlock(self) { (value: PyValue) throws(PyError) -> Void in
            if let target { try self.assign(target, value) }
            flow = try self.execWith(items.dropFirst(), body)
        }
        return flow
    }

    /// `with obj as target:` over a learner's class: `__enter__` gives what `as` binds; `__exit__` gets the
    /// exception's class and object (no traceback object in MiniPy: None), and a true result swallows it.
    private func execUserWith(_ context: PyValue, _ target: Expr?, _ rest: ArraySlice<(Expr, Expr?)>, _ body: [Stmt]) throws(PyError) -> Flow {
        guard let enter = try special(context, "__enter__") else {
            throw .typeError("'\(context.typeName)' object does not support the context manager protocol")
        }
        guard let exit = try special(context, "__exit__") else {
            throw .typeError("'\(context.typeName)' object does not support the context manager protocol (missed __exit__ method)")
        }
        let value = try call(enter, [], [])
        let flow: Flow
        do {
            if let target { try assign(target, value) }
            flow = try execWith(rest, body)
        } catch {
            if error.isLimit { throw error }
            let e = withObject(error)
            let exc = e.object!.object
            let cls: PyValue = exc.cls.userClass.map { .object($0) } ?? .object(exc.cls)
            let swallowed: Bool
            do {
                swallowed = try truth(try call(exit, [cls, .object(exc), .none], []))
            } catch let err {
                throw chained(err, to: e)
            }
            if swallowed { return .normal }
            throw e
        }
        _ = try call(exit, [.none, .none, .none], [])
        return flow
    }
}
