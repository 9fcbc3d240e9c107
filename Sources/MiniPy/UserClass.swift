/// A class made by a `class` statement: its namespace (methods, class attributes), its base, and how its instances
/// are made. A class derived from `nn.Module` makes `UserModule`s; one derived from an exception class makes
/// exceptions (`ExceptionObject`s) that `raise` and `except` know by the class's place in the hierarchy.
final class UserClass: PyObject {
    let name: String
    let qualname: String
    /// The base class: a `UserClass`, an `ExceptionClass`, `nn.Module` (`ModuleBaseClass`), or nil for `object`.
    let base: PyObject?
    var attrs: [String: PyValue]
    var order: [String]
    /// For a class derived from an exception class: the exception class `raise`/`except` match by.
    private(set) var exceptionClass: ExceptionClass?

    init(name: String, qualname: String, base: PyObject?, attrs: [String: PyValue], order: [String]) {
        self.name = name; self.qualname = qualname; self.base = base; self.attrs = attrs; self.order = order
        super.init()
        switch base {
        case let e as ExceptionClass: exceptionClass = ExceptionClass(name, parentClass: e, userClass: self)
        case let u as UserClass:
            if let e = u.exceptionClass { exceptionClass = ExceptionClass(name, parentClass: e, userClass: self) }
        default: break
        }
    }

    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func repr(_ interp: Interpreter) -> String { "<class '__main__.\(qualname)'>" }

    /// Whether instances are `nn.Module`s.
    var isModule: Bool {
        switch base {
        case is ModuleBaseClass: true
        case let u as UserClass: u.isModule
        default: false
        }
    }

    /// The classes from this one up to the first base that is not a `UserClass` (Python's MRO for single inheritance).
    var chain: [UserClass] {
        var out: [UserClass] = [self]
        while let b = out.last!.base as? UserClass { out.append(b) }
        return out
    }

    /// The built-in class at the root of the chain (`nn.Module`, an exception class), if any.
    var nativeBase: PyObject? { chain.last!.base }

    /// An attribute defined on this class or a base class, and the class that defined it.
    func lookup(_ n: String) -> (PyValue, UserClass)? {
        for c in chain { if let v = c.attrs[n] { return (v, c) } }
        return nil
    }

    func isSubclass(of other: PyObject) -> Bool {
        var c: PyObject? = self
        while let x = c {
            if x === other { return true }
            if let u = x as? UserClass { c = u.base; continue }
            if let e = x as? ExceptionClass, let o = other as? ExceptionClass { return e.isSubclass(of: o) }
            return false
        }
        return false
    }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try interp.instantiate(self, args, kwargs)
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let (v, _) = lookup(n) {
            switch v {
            case .object(let c as ClassMethod): return .object(BoundMethod(c.function, .object(self)))
            case .object(let s as StaticMethod): return s.function
            default: return v
            }
        }
        switch n {
        case "__name__": return .str(name)
        case "__qualname__": return .str(qualname)
        case "__module__": return .str("__main__")
        case "__doc__":
            if case .str(let s)? = attrs["__doc__"] { return .str(s) }
            return PyValue.none
        case "__bases__": return .tuple([base.map { PyValue.object($0) } ?? interp.objectClass])
        case "__base__": return base.map { PyValue.object($0) } ?? interp.objectClass
        case "__dict__":
            let d = PyDict()
            for k in order { if let v = attrs[k] { try d.set(.str(k), v) } }
            return .dict(d)
        case "__mro__":
            var items: [PyValue] = chain.map { .object($0) }
            if let b = nativeBase { items.append(.object(b)) }
            items.append(interp.objectClass)
            return .tuple(items)
        default:
            if let e = exceptionClass, let v = try e.parentClass?.getAttribute(n, interp) { return v }
            if isModule, let m = ModuleBaseClass.shared.classAttribute(n) { return m }
            return nil
        }
    }

    override var attributeNames: [String] {
        Array(Set(chain.flatMap { Array($0.attrs.keys) } + ["__name__", "__qualname__", "__module__", "__doc__", "__dict__", "__bases__", "__mro__"]))
    }

    func setAttribute(_ n: String, _ v: PyValue) {
        if attrs.updateValue(v, forKey: n) == nil { order.append(n) }
    }
}

/// An instance of a plain user class: its own attributes (`self.x = ...`), in the order they were set.
final class UserObject: PyObject {
    let cls: UserClass
    var attrs: [String: PyValue] = [:]
    var order: [String] = []
    init(_ cls: UserClass) { self.cls = cls }
    deinit {
        var values = Array(attrs.values)
        attrs = [:]
        releaseIteratively(&values)
    }
    override var typeName: String { cls.name }
    override var isCallable: Bool { cls.lookup("__call__") != nil }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        guard let m = try interp.special(.object(self), "__call__") else {
            throw .typeError("'\(cls.name)' object is not callable")
        }
        return try interp.call(m, args, kwargs)
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        try interp.instanceAttribute(.object(self), cls, n) { attrs[n] }
    }
    override var attributeNames: [String] { order + cls.attributeNames }
    override func repr(_ interp: Interpreter) -> String {
        interp.userRepr(.object(self), cls, "__repr__") ?? "<__main__.\(cls.qualname) object at \(fixedAddress)>"
    }
    override func str(_ interp: Interpreter) -> String {
        interp.userRepr(.object(self), cls, "__str__") ?? repr(interp)
    }
    func setAttribute(_ n: String, _ v: PyValue) {
        if attrs.updateValue(v, forKey: n) == nil { order.append(n) }
    }
}

/// `@staticmethod`, `@classmethod`, `@property`.
final class StaticMethod: PyObject {
    let function: PyValue
    init(_ f: PyValue) { function = f }
    override var typeName: String { "staticmethod" }
}
final class ClassMethod: PyObject {
    let function: PyValue
    init(_ f: PyValue) { function = f }
    override var typeName: String { "classmethod" }
}
final class PropertyObject: PyObject {
    var getter: PyValue
    var setter: PyValue?
    init(_ g: PyValue, _ s: PyValue? = nil) { getter = g; setter = s }
    override var typeName: String { "property" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "setter":
            return .object(Builtin("setter", method: true) { a, _, _ throws(PyError) in
                guard let f = a.first else { throw .typeError("setter() takes exactly one argument (0 given)") }
                return .object(PropertyObject(self.getter, f))
            })
        case "fget": return getter
        case "fset": return setter ?? PyValue.none
        default: return nil
        }
    }
}

/// `super()`: attribute lookup that starts after `start` in the receiver's class chain.
final class SuperObject: PyObject {
    let start: UserClass
    let receiver: PyValue
    init(_ start: UserClass, _ receiver: PyValue) { self.start = start; self.receiver = receiver }
    override var typeName: String { "super" }
    override func repr(_ interp: Interpreter) -> String {
        "<super: <class '\(start.name)'>, <\(receiver.typeName) object>>"
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        var c = start.base
        while let u = c as? UserClass {
            if let v = u.attrs[n] {
                switch v {
                case .object(let f as FunctionObject): return .object(BoundMethod(.object(f), receiver))
                case .object(let cm as ClassMethod): return .object(BoundMethod(cm.function, .object(u)))
                case .object(let s as StaticMethod): return s.function
                case .object(let p as PropertyObject): return try interp.call(p.getter, [receiver], [])
                default: return v
                }
            }
            c = u.base
        }
        return try interp.nativeSuperAttribute(c, receiver, n)
    }
}

/// `object`: the root class (`class A(object)`, `object()`, `isinstance(x, object)`).
final class ObjectClass: PyObject {
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func repr(_ interp: Interpreter) -> String { "<class 'object'>" }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        if !args.isEmpty || !kwargs.isEmpty { throw .typeError("object() takes no arguments") }
        return .object(PlainObject())
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        n == "__name__" || n == "__qualname__" ? .str("object") : nil
    }
}

/// `object()`.
final class PlainObject: PyObject {
    override var typeName: String { "object" }
    override func repr(_ interp: Interpreter) -> String { "<object object at \(fixedAddress)>" }
}
