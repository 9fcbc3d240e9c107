/// Where names live while a function, a comprehension or a class body runs. The module's names are the
/// interpreter's `globals`; a function call makes a `Scope` whose parent is the scope the function was defined in,
/// so closures see their enclosing function's variables as Python's cells do (by reference, late-bound).
final class Scope {
    enum Kind { case function, comprehension, classBody }
    let kind: Kind
    var vars: [String: PyValue] = [:]
    /// Names bound in this scope (from the scope analysis); nil for a class body, whose namespace is dynamic.
    let locals: Set<String>
    let globals: Set<String>
    let nonlocals: Set<String>
    /// The enclosing scope (nil: the module).
    let parent: Scope?
    /// The function running in this scope (for `super()` and tracebacks).
    let function: FunctionObject?
    /// A class body's names in the order they were bound (a class's `__dict__` order).
    var order: [String] = []

    init(kind: Kind, locals: Set<String>, globals: Set<String> = [], nonlocals: Set<String> = [], parent: Scope?,
         function: FunctionObject? = nil) {
        self.kind = kind; self.locals = locals; self.globals = globals; self.nonlocals = nonlocals
        self.parent = parent; self.function = function
    }

    deinit {
        var values = Array(vars.values)
        vars = [:]
        releaseIteratively(&values)
    }
}

extension Interpreter {
    /// The value of name `n` as Python resolves it here: local, enclosing function, global, builtin.
    func lookup(_ n: String) throws(PyError) -> PyValue {
        if let s = scope {
            switch s.kind {
            case .function, .comprehension:
                if s.locals.contains(n) {
                    if let v = s.vars[n] { return v }
                    if s.kind == .comprehension, let v = try lookupEnclosing(n, from: s.parent) { return v }
                    throw PyError(type: "UnboundLocalError", message: "cannot access local variable '\(n)' where it is not associated with a value")
                }
                if !s.globals.contains(n), let v = try lookupEnclosing(n, from: s.parent) { return v }
            case .classBody:
                if let v = s.vars[n] { return v }
                if let v = try lookupEnclosing(n, from: s.parent) { return v }
            }
        }
        if let v = globals[n] { return v }
        throw nameError(n)
    }

    /// A free variable: the nearest enclosing function scope that binds `n` (class bodies are skipped, as in Python).
    private func lookupEnclosing(_ n: String, from start: Scope?) throws(PyError) -> PyValue? {
        var p = start
        while let q = p {
            if q.kind != .classBody {
                if q.globals.contains(n) { return nil }
                if q.locals.contains(n) {
                    if let v = q.vars[n] { return v }
                    if q.kind == .comprehension { p = q.parent; continue }
                    throw PyError(type: "NameError", message: "cannot access free variable '\(n)' where it is not associated with a value in enclosing scope")
                }
            }
            p = q.parent
        }
        return nil
    }

    func nameError(_ n: String) -> PyError {
        var msg = "name '\(n)' is not defined"
        var user = globals.keys.filter { Builtins.all[$0] == nil } + Self.moduleDunders
        if let s = scope, s.kind != .classBody { user += s.vars.keys }
        if let s = suggestion(for: n, among: Array(Set(user)).sorted() + Self.pythonBuiltins) { msg += ". Did you mean: '\(s)'?" }
        return PyError(type: "NameError", message: msg)
    }

    /// Binds name `n` in the scope Python would: local, or the global/nonlocal it was declared as.
    func store(_ n: String, _ value: PyValue) {
        if let s = scope {
            switch s.kind {
            case .function, .comprehension:
                if s.globals.contains(n) { break }
                if s.nonlocals.contains(n), let owner = enclosingOwner(of: n, from: s.parent) {
                    var old = [owner.vars.updateValue(value, forKey: n) ?? .none]
                    releaseIteratively(&old)
                    return
                }
                var old = [s.vars.updateValue(value, forKey: n) ?? .none]
                releaseIteratively(&old)
                return
            case .classBody:
                if s.vars.updateValue(value, forKey: n) == nil { s.order.append(n) }
                return
            }
        }
        var old = [globals.updateValue(value, forKey: n) ?? .none]
        releaseIteratively(&old)
    }

    /// The enclosing function scope a `nonlocal` name belongs to.
    private func enclosingOwner(of n: String, from start: Scope?) -> Scope? {
        var p = start
        while let q = p {
            if q.kind == .function, q.locals.contains(n) { return q }
            p = q.parent
        }
        return nil
    }

    /// `del n`.
    func deleteName(_ n: String) throws(PyError) {
        if let s = scope, !s.globals.contains(n) {
            switch s.kind {
            case .function, .comprehension:
                if s.nonlocals.contains(n), let owner = enclosingOwner(of: n, from: s.parent) {
                    guard owner.vars.removeValue(forKey: n) != nil else {
                        throw PyError(type: "NameError", message: "cannot access free variable '\(n)' where it is not associated with a value in enclosing scope")
                    }
                    return
                }
                guard s.vars.removeValue(forKey: n) != nil else {
                    throw PyError(type: "UnboundLocalError", message: "cannot access local variable '\(n)' where it is not associated with a value")
                }
                return
            case .classBody:
                guard s.vars.removeValue(forKey: n) != nil else { throw PyError(type: "NameError", message: "name '\(n)' is not defined") }
                s.order.removeAll { $0 == n }
                return
            }
        }
        guard globals[n] != nil, Builtins.all[n] == nil || globals[n].map({ !identical($0, Builtins.all[n]!) }) == true else {
            throw PyError(type: "NameError", message: "name '\(n)' is not defined")
        }
        if let b = Builtins.all[n] { globals[n] = b } else { globals[n] = nil }
    }
}
