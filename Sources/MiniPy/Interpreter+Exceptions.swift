import Foundation
/// try/except/else/finally, raise, and the built-in exception classes (CPython 3.11's hierarchy for the
/// types MiniPy raises). MiniPy's own limits (`PyError.isLimit`) are never caught.

/// `ValueError`, `KeyError`, …: calling one makes an exception; `except` matches by the hierarchy.
final class ExceptionClass: PyObject {
    let name: String
    let parentClass: ExceptionClass?
    /// The `class MyError(ValueError)` this class stands for in the hierarchy (its methods, its name).
    weak var userClass: UserClass?
    init(_ name: String, parentClass: ExceptionClass?, userClass: UserClass? = nil) {
        self.name = name; self.parentClass = parentClass; self.userClass = userClass
    }
    var parent: String? { parentClass?.name }
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        if let u = userClass { return try interp.instantiate(u, args, kwargs) }
        if !kwargs.isEmpty { throw .typeError("\(name)() takes no keyword arguments") }
        return .object(ExceptionObject(self, args))
    }
    override func repr(_ interp: Interpreter) -> String { userClass.map { $0.repr(interp) } ?? "<class '\(name)'>" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__name__", "__qualname__": .str(name)
        case "__module__": .str(userClass == nil ? "builtins" : "__main__")
        case "__bases__": .tuple([parentClass.map { .object($0) } ?? interp.objectClass])
        default: nil
        }
    }
    override var attributeNames: [String] { ["__name__", "__qualname__", "__module__", "__bases__"] }

    /// Whether this class is the built-in class named `other` or derives from it.
    func isSubclass(of other: String) -> Bool {
        var c: ExceptionClass? = self
        while let x = c {
            if x.name == other && x.userClass == nil { return true }
            c = x.parentClass
        }
        return false
    }

    /// Whether this class is `other` or derives from it.
    func isSubclass(of other: ExceptionClass) -> Bool {
        var c: ExceptionClass? = self
        while let x = c {
            if x === other { return true }
            c = x.parentClass
        }
        return false
    }

    /// Each built-in exception class and its base (CPython 3.11), for the types MiniPy raises and their bases.
    static let parents: [String: String?] = [
        "BaseException": nil, "Exception": "BaseException", "KeyboardInterrupt": "BaseException",
        "SystemExit": "BaseException", "GeneratorExit": "BaseException",
        "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError", "OverflowError": "ArithmeticError",
        "FloatingPointError": "ArithmeticError",
        "AssertionError": "Exception", "AttributeError": "Exception", "BufferError": "Exception", "EOFError": "Exception",
        "ImportError": "Exception", "ModuleNotFoundError": "ImportError",
        "LookupError": "Exception", "IndexError": "LookupError", "KeyError": "LookupError",
        "MemoryError": "Exception", "NameError": "Exception", "UnboundLocalError": "NameError",
        "OSError": "Exception", "TimeoutError": "OSError", "FileNotFoundError": "OSError",
        "RuntimeError": "Exception", "NotImplementedError": "RuntimeError", "RecursionError": "RuntimeError",
        "StopIteration": "Exception", "SyntaxError": "Exception", "IndentationError": "SyntaxError", "TabError": "IndentationError",
        "StopAsyncIteration": "Exception", "ReferenceError": "Exception", "SystemError": "Exception",
        "ConnectionError": "OSError", "PermissionError": "OSError", "FileExistsError": "OSError",
        "UnicodeDecodeError": "UnicodeError", "UnicodeEncodeError": "UnicodeError", "FutureWarning": "Warning",
        "PendingDeprecationWarning": "Warning", "SyntaxWarning": "Warning", "ImportWarning": "Warning",
        "UnicodeWarning": "Warning", "BytesWarning": "Warning", "ResourceWarning": "Warning",
        "TypeError": "Exception", "ValueError": "Exception", "UnicodeError": "ValueError",
        "Warning": "Exception", "UserWarning": "Warning", "DeprecationWarning": "Warning", "RuntimeWarning": "Warning",
    ]

    nonisolated(unsafe) static let builtins: [String: PyValue] = {
        var made: [String: ExceptionClass] = [:]
        func make(_ name: String) -> ExceptionClass {
            if let c = made[name] { return c }
            let parent = (parents[name] ?? nil).map(make)
            let c = ExceptionClass(name, parentClass: parent)
            made[name] = c
            return c
        }
        for name in parents.keys { _ = make(name) }
        return made.mapValues { .object($0) }
    }()

    /// The class named `name`: a built-in one, or (for a type only MiniPy's messages use) an Exception.
    static func named(_ name: String) -> ExceptionClass {
        if case .object(let c as ExceptionClass)? = builtins[name] { return c }
        return ExceptionClass(name, parentClass: named("Exception"))
    }
}

/// An exception instance: `e` in `except T as e`, or `ValueError("msg")`.
final class ExceptionObject: PyObject {
    let cls: ExceptionClass
    var args: [PyValue]
    /// `self.code = ...` in a user exception's `__init__`.
    var attrs: [String: PyValue] = [:]
    /// `__cause__` (`raise … from cause`) and `__context__` (raised while handling another).
    var cause: PyValue = .none
    var context: PyValue = .none
    init(_ cls: ExceptionClass, _ args: [PyValue]) { self.cls = cls; self.args = args }
    override var typeName: String { cls.name }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let u = cls.userClass {
            return try interp.instanceAttribute(.object(self), u, n) { attrs[n] ?? builtinAttribute(n) }
        }
        return builtinAttribute(n)
    }
    func builtinAttribute(_ n: String) -> PyValue? {
        switch n {
        case "args": .tuple(args)
        case "__class__": cls.userClass.map { .object($0) } ?? .object(cls)
        case "value" where cls.isSubclass(of: "StopIteration"): args.first ?? PyValue.none
        case "__cause__": cause
        case "__context__": context
        case "__suppress_context__": .bool(!cause.isNone)
        case "__traceback__": PyValue.none
        default: nil
        }
    }
    override var attributeNames: [String] { ["args", "with_traceback", "add_note"] + attrs.keys }

    /// `str(e)`: the class's `__str__`, or nothing, the one argument (KeyError: its repr), or the tuple of arguments.
    override func str(_ interp: Interpreter) -> String {
        if let u = cls.userClass, let s = interp.userRepr(.object(self), u, "__str__") { return s }
        return defaultStr(interp)
    }

    func defaultStr(_ interp: Interpreter) -> String {
        switch args.count {
        case 0: return ""
        case 1: return cls.isSubclass(of: "KeyError") ? interp.repr(args[0]) : ((try? interp.str(args[0])) ?? "")
        default: return interp.repr(.tuple(args))
        }
    }

    override func repr(_ interp: Interpreter) -> String {
        if let u = cls.userClass, let s = interp.userRepr(.object(self), u, "__repr__") { return s }
        return "\(cls.name)(" + args.map { interp.repr($0) }.joined(separator: ", ") + ")"
    }

    /// The object for an error MiniPy raised (its message is the one argument; a KeyError's is the key's repr,
    /// read back as the key when it is a literal; see `Interpreter.keyError` for any other key).
    static func from(_ e: PyError) -> ExceptionObject {
        let cls = ExceptionClass.named(e.type)
        if e.message.isEmpty { return ExceptionObject(cls, []) }
        if cls.isSubclass(of: "KeyError"), let body = try? Parser.parse(e.message), body.count == 1,
           case .expr(let x, _) = body[0], let key = x.literalValue {
            return ExceptionObject(cls, [key])
        }
        // CPython adds "Did you mean" when it prints the traceback; the exception's own message has none.
        var message = e.message
        if cls.isSubclass(of: "NameError") || cls.isSubclass(of: "AttributeError"),
           let r = message.range(of: ". Did you mean: '", options: .backwards), message.hasSuffix("'?") {
            message = String(message[..<r.lowerBound])
        }
        return ExceptionObject(cls, [.str(message)])
    }
}

extension Expr {
    /// The value of a literal (a constant or a tuple of literals), as a KeyError's message shows a key.
    var literalValue: PyValue? {
        switch self {
        case .constant(let v, _): return v
        case .unary("-", .constant(.int(let i), _), _): return .int(-i)
        case .unary("-", .constant(.float(let f), _), _): return .float(-f)
        case .tuple(let items, _):
            var out: [PyValue] = []
            for x in items { guard let v = x.literalValue else { return nil }; out.append(v) }
            return .tuple(out)
        default: return nil
        }
    }
}

extension Interpreter {
    /// The exception object of `e`, made once (so a bare `raise` raises the very same one again).
    func withObject(_ e: PyError) -> PyError {
        if e.object != nil { return e }
        var e = e
        e.object = ExceptionBox(ExceptionObject.from(e))
        return e
    }

    /// `new`, raised while `handled` was being handled: Python chains them (`__context__`) and prints both.
    func chained(_ new: PyError, to handled: PyError) -> PyError {
        if new.isLimit || new.contextIsCause || !new.context.isEmpty { return new }
        if let a = new.object, let b = handled.object, a === b { return new }
        var new = new
        new.context = [handled]
        if let o = handled.object?.object { new.object?.object.context = .object(o) }
        return new
    }

    func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt], _ final: [Stmt]) throws(PyError) -> Flow {
        var flow = Flow.normal
        var pending: PyError?
        do {
            flow = try execHandled(body, handlers, orelse)
        } catch {
            if error.isLimit { throw error }
            pending = error
        }
        if !final.isEmpty {
            do {
                let f = try exec(final)
                if f != .normal { return f }  // a break or continue in finally drops the exception, as in Python
            } catch {
                if let pending { throw chained(error, to: pending) }
                throw error
            }
        }
        if let pending { throw pending }
        return flow
    }

    private func execHandled(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt]) throws(PyError) -> Flow {
        let flow: Flow
        do {
            flow = try exec(body)
        } catch {
            if error.isLimit || handlers.isEmpty { throw error }
            let e = withObject(error)
            for h in handlers {
                do {
                    guard try exceptionMatches(e, h.type) else { continue }
                } catch var err {
                    if err.line == 0 { err.line = h.pos.line }
                    throw chained(err, to: e)
                }
                handling.append(e)
                defer { handling.removeLast() }
                if let name = h.name { store(name, .object(e.object!.object)) }
                do {
                    let f = try exec(h.body)
                    if let name = h.name { try? deleteName(name) }  // Python deletes the name after the handler
                    return f
                } catch let err {
                    if let name = h.name { try? deleteName(name) }
                    throw chained(err, to: e)
                }
            }
            throw e
        }
        if flow != .normal { return flow }
        return try exec(orelse)
    }

    /// Whether `except typeExpr` catches `e` (a bare `except` catches everything but MiniPy's limits).
    func exceptionMatches(_ e: PyError, _ typeExpr: Expr?) throws(PyError) -> Bool {
        guard let typeExpr else { return true }
        let cls = e.object?.object.cls ?? ExceptionClass.named(e.type)
        func matches(_ v: PyValue) throws(PyError) -> Bool {
            switch v {
            case .object(let c as ExceptionClass): return cls.isSubclass(of: c)
            case .object(let u as UserClass):
                guard let c = u.exceptionClass else { throw .typeError("catching classes that do not inherit from BaseException is not allowed") }
                return cls.isSubclass(of: c)
            case .tuple(let options):
                var hit = false
                for o in options where try matches(o) { hit = true }
                return hit
            default: throw .typeError("catching classes that do not inherit from BaseException is not allowed")
            }
        }
        return try matches(try eval(typeExpr))
    }

    /// The error `raise exc from cause` raises.
    func raiseError(_ excExpr: Expr?, _ causeExpr: Expr?) throws(PyError) -> PyError {
        guard let excExpr else {
            guard let current = handling.last else { return .runtime("No active exception to reraise") }
            return current
        }
        var e = try exceptionError(try eval(excExpr), what: "exceptions must derive from BaseException")
        if let causeExpr {
            let cause = try eval(causeExpr)
            e.contextIsCause = true
            if case .none = cause { return e }
            var c = try exceptionError(cause, what: "exception causes must derive from BaseException")
            if let same = handling.last(where: { $0.object?.object === c.object?.object }) { c = same }
            e.context = [c]
            if let o = c.object?.object { e.object?.object.cause = .object(o) }
        }
        return e
    }

    /// An exception class or instance as an error to throw.
    func exceptionError(_ v: PyValue, what: String) throws(PyError) -> PyError {
        let obj: ExceptionObject
        switch v {
        case .object(let c as ExceptionClass): obj = ExceptionObject(c, [])
        case .object(let u as UserClass) where u.exceptionClass != nil:
            guard case .object(let o as ExceptionObject) = try instantiate(u, [], []) else { throw .typeError(what) }
            obj = o
        case .object(let o as ExceptionObject): obj = o
        default: throw .typeError(what)
        }
        if let current = handling.last(where: { $0.object?.object === obj }) {
            var again = current
            again.line = 0  // `raise e` points at the raise
            return again
        }
        var e = PyError(type: obj.cls.name, message: obj.str(self))
        e.object = ExceptionBox(obj)
        return e
    }
}
