import Foundation

/// The fixed address MiniPy prints where CPython prints an object's address (`<function f at 0x7f0000000000>`), so
/// output stays the same from run to run (as for grad_fn reprs).
let fixedAddress = "0x7f0000000000"

/// A function made by `def` or `lambda`: its code, the defaults evaluated when the `def` ran, and the scope it was
/// defined in (its closure).
final class FunctionObject: PyObject {
    let def: FunctionDef
    var defaults: [PyValue?]
    var keywordDefaults: [String: PyValue]
    let closure: Scope?
    /// The class whose body defined this function (zero-argument `super()` uses it).
    weak var ownerClass: UserClass?
    /// `f.attr = value`.
    var attributes: [String: PyValue] = [:]
    var name: String
    var qualname: String

    init(_ def: FunctionDef, defaults: [PyValue?], keywordDefaults: [String: PyValue], closure: Scope?) {
        self.def = def; self.defaults = defaults; self.keywordDefaults = keywordDefaults; self.closure = closure
        name = def.name; qualname = def.qualname
    }

    override var typeName: String { "function" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try interp.callFunction(self, args, kwargs)
    }
    override func repr(_ interp: Interpreter) -> String { "<function \(qualname) at \(fixedAddress)>" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__name__": return .str(name)
        case "__qualname__": return .str(qualname)
        case "__doc__":
            if case .expr(.constant(.str(let s), _), _)? = def.body.first, !def.isLambda { return .str(s) }
            return PyValue.none
        case "__defaults__":
            let d = defaults.compactMap { $0 }
            return d.isEmpty ? PyValue.none : .tuple(d)
        case "__module__": return .str("__main__")
        case "__dict__":
            let d = PyDict()
            for (k, v) in attributes.sorted(by: { $0.key < $1.key }) { try d.set(.str(k), v) }
            return .dict(d)
        default: return attributes[n]
        }
    }
    override var attributeNames: [String] { ["__name__", "__qualname__", "__doc__", "__defaults__", "__module__", "__dict__"] + attributes.keys }
}

/// `obj.method`: a function with its first argument bound.
final class BoundMethod: PyObject {
    let function: PyValue
    let receiver: PyValue
    init(_ function: PyValue, _ receiver: PyValue) { self.function = function; self.receiver = receiver }
    override var typeName: String { "method" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try interp.call(function, [receiver] + args, kwargs)
    }
    override func repr(_ interp: Interpreter) -> String {
        let name: String
        if case .object(let f as FunctionObject) = function { name = f.qualname } else { name = interp.repr(function) }
        return "<bound method \(name) of \(interp.repr(receiver))>"
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__self__": return receiver
        case "__func__": return function
        default: if case .object(let o) = function { return try o.getAttribute(n, interp) }; return nil
        }
    }
}

/// One frame of a traceback inside a function: the line and the function's name (`in f`).
public struct TraceFrame: Sendable, Equatable {
    public var line: Int
    public var name: String
}

extension Interpreter {
    /// CPython's default recursion limit: frames on the stack, the module's included.
    static let recursionLimit = 1000

    /// `def`: the function object, with its defaults evaluated now (as Python does).
    func makeFunction(_ def: FunctionDef) throws(PyError) -> FunctionObject {
        var defaults: [PyValue?] = []
        for p in def.positional { defaults.append(try p.defaultValue.map { e throws(PyError) in try eval(e) }) }
        var kw: [String: PyValue] = [:]
        for p in def.keywordOnly { if let d = p.defaultValue { kw[p.name] = try eval(d) } }
        return FunctionObject(def, defaults: defaults, keywordDefaults: kw, closure: scope)
    }

    /// Calls a Python function: binds the arguments in a new scope, runs the body, and adds the function's frame to
    /// the traceback of an error that leaves it.
    func callFunction(_ fn: FunctionObject, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let def = fn.def
        let frame = Scope(kind: .function, locals: def.locals, globals: def.globals, nonlocals: def.nonlocals,
                          parent: fn.closure, function: fn)
        try bindArguments(fn, args, kwargs, into: frame)
        if def.isGenerator { return .object(PyGenerator(fn, frame, self)) }
        // The caller may be between a `return` and its `finally` (or a `with` block's __exit__): its value waits.
        let pending = returnValue
        defer { returnValue = pending }
        return try runFrame(frame, name: def.name) { () throws(PyError) -> PyValue in
            let flow = try self.exec(def.body)
            if flow == .returning { return self.takeReturnValue() }
            return .none
        }
    }

    /// Runs `body` as a new Python frame in `frame`: checks the recursion limit and the stack, and on an error, moves
    /// the line it happened on into the traceback's frames.
    func runFrame<T>(_ frame: Scope, name: String, _ body: () throws(PyError) -> T) throws(PyError) -> T {
        if frameDepth + 1 >= Self.recursionLimit {
            throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded")
        }
        try checkStack()
        let savedScope = scope, savedLine = currentLine
        scope = frame
        frameDepth += 1
        callLines.append(savedLine)
        defer {
            scope = savedScope
            frameDepth -= 1
            currentLine = savedLine
            callLines.removeLast()
        }
        do {
            return try body()
        } catch var e {
            e.frames.insert(TraceFrame(line: e.line == 0 ? currentLine : e.line, name: name), at: 0)
            e.line = 0
            throw e
        }
    }

    func takeReturnValue() -> PyValue {
        let v = returnValue
        returnValue = .none
        return v
    }

    /// Python's argument binding (positional, `*args`, keywords, `**kwargs`, defaults, keyword-only) with CPython
    /// 3.11's messages, naming the function by its qualified name.
    func bindArguments(_ fn: FunctionObject, _ args: [PyValue], _ kwargs: [(String, PyValue)], into frame: Scope) throws(PyError) {
        let def = fn.def
        let name = "\(fn.qualname)()"
        let positional = def.positional
        var values = [PyValue?](repeating: nil, count: positional.count)
        let given = args.count
        if given > positional.count {
            if let varargs = def.varargs {
                frame.vars[varargs] = .tuple(Array(args[positional.count...]))
            } else {
                let required = fn.defaults.filter { $0 == nil }.count
                let most = positional.count
                let takes = required == most ? "\(most)" : "from \(required) to \(most)"
                let kwGiven = kwargs.filter { k in def.keywordOnly.contains { $0.name == k.0 } }.count
                var msg = "\(name) takes \(takes) positional argument\(most == 1 ? "" : "s") but \(given) \(given == 1 ? "was" : "were") given"
                if kwGiven > 0 {
                    msg = "\(name) takes \(takes) positional argument\(most == 1 ? "" : "s") but \(given) positional argument\(given == 1 ? "" : "s") (and \(kwGiven) keyword-only argument\(kwGiven == 1 ? "" : "s")) were given"
                }
                throw .typeError(msg)
            }
        } else if let varargs = def.varargs {
            frame.vars[varargs] = .tuple([])
        }
        for k in 0..<min(given, positional.count) { values[k] = args[k] }
        var extra: PyDict?
        if def.varkw != nil { extra = PyDict() }
        var keywordOnly: [String: PyValue] = [:]
        var positionalOnlyAsKeyword: [String] = []
        for (k, v) in kwargs {
            if let idx = positional.firstIndex(where: { $0.name == k }) {
                if idx < def.positionalOnly {
                    if let extra { try extra.set(.str(k), v); continue }
                    positionalOnlyAsKeyword.append(k); continue
                }
                if values[idx] != nil { throw .typeError("\(name) got multiple values for argument '\(k)'") }
                values[idx] = v
            } else if def.keywordOnly.contains(where: { $0.name == k }) {
                keywordOnly[k] = v
            } else if let extra {
                if try extra.get(.str(k)) != nil { throw .typeError("\(name) got multiple values for keyword argument '\(k)'") }
                try extra.set(.str(k), v)
            } else {
                throw .typeError("\(name) got an unexpected keyword argument '\(k)'")
            }
        }
        if !positionalOnlyAsKeyword.isEmpty {
            throw .typeError("\(name) got some positional-only arguments passed as keyword arguments: '\(positionalOnlyAsKeyword.joined(separator: ", "))'")
        }
        var missing: [String] = []
        for (k, p) in positional.enumerated() {
            if let v = values[k] { frame.vars[p.name] = v }
            else if let d = fn.defaults[k] { frame.vars[p.name] = d }
            else { missing.append(p.name) }
        }
        if !missing.isEmpty { throw .typeError("\(name) missing \(Self.namedList(missing, "positional"))") }
        for p in def.keywordOnly {
            if let v = keywordOnly[p.name] { frame.vars[p.name] = v }
            else if let d = fn.keywordDefaults[p.name] { frame.vars[p.name] = d }
            else { missing.append(p.name) }
        }
        if !missing.isEmpty { throw .typeError("\(name) missing \(Self.namedList(missing, "keyword-only"))") }
        if let varkw = def.varkw, let extra { frame.vars[varkw] = .dict(extra) }
    }

    /// "1 required positional argument: 'x'", "2 required keyword-only arguments: 'a' and 'b'".
    static func namedList(_ names: [String], _ kind: String) -> String {
        let quoted = names.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0]
            : quoted.count == 2 ? "\(quoted[0]) and \(quoted[1])"
            : quoted.dropLast().joined(separator: ", ") + ", and " + quoted.last!
        return "\(names.count) required \(kind) argument\(names.count == 1 ? "" : "s"): \(list)"
    }
}
