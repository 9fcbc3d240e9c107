/// `class` statements, instances, attribute lookup on them, special methods and `super()`.
extension Interpreter {
    /// `class Name(Base): body`: runs the body in its own namespace and makes the class.
    func defineClass(_ def: ClassDef) throws(PyError) -> PyValue {
        if !def.keywords.isEmpty {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support class keywords (metaclass=...) yet")
        }
        var bases: [PyValue] = []
        for b in def.bases { bases.append(try eval(b)) }
        if bases.count > 1 {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support multiple inheritance yet")
        }
        var base: PyObject?
        if let b = bases.first {
            switch b {
            case .object(let u as UserClass): base = u
            case .object(let e as ExceptionClass): base = e.userClass ?? e
            case .object(let m as ModuleBaseClass): base = m
            case .object(is ObjectClass): base = nil
            case .object(let c as PyClass):
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support subclassing \(c.qualified) yet")
            case .object(let f as Builtin):
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support subclassing \(f.name) yet")
            case .object(let t as BuiltinType):
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support subclassing \(t.name) yet")
            default:
                throw .typeError("class.__init__() takes no keyword arguments")
            }
        }
        let ns = Scope(kind: .classBody, locals: [], parent: scope)
        ns.vars["__module__"] = .str("__main__")
        ns.vars["__qualname__"] = .str(def.qualname)
        if case .expr(.constant(.str(let doc), _), _)? = def.body.first { ns.vars["__doc__"] = .str(doc) }
        // The body runs as a frame of its own (`in Config` in a traceback), as in CPython.
        let flow = try runFrame(ns, name: def.name) { () throws(PyError) -> Flow in try self.exec(def.body) }
        if flow != .normal { throw .syntax("'return' outside function", line: def.pos.line, column: def.pos.column, text: "") }
        var attrs = ns.vars
        attrs["__module__"] = nil; attrs["__qualname__"] = nil
        let cls = UserClass(name: def.name, qualname: def.qualname, base: base, attrs: attrs, order: ns.order)
        for (_, v) in attrs {
            switch v {
            case .object(let f as FunctionObject): f.ownerClass = cls
            case .object(let c as ClassMethod): if case .object(let f as FunctionObject) = c.function { f.ownerClass = cls }
            case .object(let s as StaticMethod): if case .object(let f as FunctionObject) = s.function { f.ownerClass = cls }
            case .object(let p as PropertyObject):
                if case .object(let f as FunctionObject) = p.getter { f.ownerClass = cls }
                if case .object(let f as FunctionObject)? = p.setter { f.ownerClass = cls }
            default: break
            }
        }
        var value = PyValue.object(cls)
        for d in def.decorators.reversed() { value = try call(try eval(d), [value], []) }
        return value
    }

    /// `Cls(args)`: a new instance, then `__init__`.
    func instantiate(_ cls: UserClass, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let obj: PyValue
        if cls.isModule {
            obj = .object(UserModule(cls))
        } else if let e = cls.exceptionClass {
            obj = .object(ExceptionObject(e, args))
        } else {
            obj = .object(UserObject(cls))
        }
        if let (initFn, _) = cls.lookup("__init__") {
            let r = try call(try bindToInstance(initFn, obj), args, kwargs)
            if !r.isNone { throw .typeError("__init__() should return None, not '\(r.typeName)'") }
        } else if cls.exceptionClass == nil, !args.isEmpty || !kwargs.isEmpty {
            if cls.isModule {
                throw .typeError("Module.__init__() takes 1 positional argument but \(args.count + 1) were given")
            }
            throw .typeError("\(cls.name)() takes no arguments")
        } else if cls.isModule, case .object(let m as UserModule) = obj {
            m.initialized = true
        }
        return obj
    }

    /// A class attribute as seen from an instance: a function becomes a bound method, a classmethod binds the class,
    /// a staticmethod gives its function.
    func bindToInstance(_ v: PyValue, _ receiver: PyValue) throws(PyError) -> PyValue {
        switch v {
        case .object(let f as FunctionObject): return .object(BoundMethod(.object(f), receiver))
        case .object(let c as ClassMethod):
            return .object(BoundMethod(c.function, classOf(receiver)))
        case .object(let s as StaticMethod): return s.function
        case .object(let p as PropertyObject): return try call(p.getter, [receiver], [])
        default: return v
        }
    }

    /// `type(x)` as a value.
    func classOf(_ v: PyValue) -> PyValue {
        switch v {
        case .object(let o as UserObject): return .object(o.cls)
        case .object(let m as UserModule): return m.cls.map { .object($0) } ?? .object(ModuleBaseClass.shared)
        case .object(let e as ExceptionObject): return e.cls.userClass.map { .object($0) } ?? .object(e.cls)
        default: return Builtins.typeObject(v)
        }
    }

    /// Attribute lookup on an instance of a user class: a property, the instance's own attributes (`own`), the class's
    /// attributes (methods bound), then `__class__`/`__dict__`, then the class's `__getattr__`.
    func instanceAttribute(_ obj: PyValue, _ cls: UserClass, _ n: String, own: () -> PyValue?) throws(PyError) -> PyValue? {
        let found = cls.lookup(n)
        if let (v, _) = found, case .object(let p as PropertyObject) = v { return try call(p.getter, [obj], []) }
        if let v = own() { return v }
        if let (v, _) = found { return try bindToInstance(v, obj) }
        switch n {
        case "__class__": return .object(cls)
        case "__dict__":
            let d = PyDict()
            let (keys, values) = instanceDict(obj)
            for k in keys { if let v = values[k] { try d.set(.str(k), v) } }
            return .dict(d)
        case "__module__": return .str("__main__")
        case "__doc__": return cls.attrs["__doc__"] ?? PyValue.none
        default: break
        }
        if n != "__getattr__", let (g, _) = cls.lookup("__getattr__") {
            return try call(try bindToInstance(g, obj), [.str(n)], [])
        }
        return nil
    }

    private func instanceDict(_ obj: PyValue) -> ([String], [String: PyValue]) {
        switch obj {
        case .object(let o as UserObject): return (o.order, o.attrs)
        case .object(let m as UserModule): return (m.order, m.attrs)
        case .object(let e as ExceptionObject): return (Array(e.attrs.keys).sorted(), e.attrs)
        default: return ([], [:])
        }
    }

    /// `obj.name = value` on an object that takes attributes.
    func setAttribute(_ obj: PyValue, _ name: String, _ value: PyValue) throws(PyError) {
        guard case .object(let o) = obj else {
            throw .attributeError("'\(obj.typeName)' object has no attribute '\(name)'")
        }
        let cls: UserClass?
        switch o {
        case let u as UserObject: cls = u.cls
        case let m as UserModule: cls = m.cls
        case let e as ExceptionObject: cls = e.cls.userClass
        default: cls = nil
        }
        if let cls, let (v, _) = cls.lookup(name), case .object(let p as PropertyObject) = v {
            guard let setter = p.setter else {
                throw .attributeError("property '\(name)' of '\(cls.name)' object has no setter")
            }
            _ = try call(setter, [obj, value], [])
            return
        }
        if let cls, let (sa, _) = cls.lookup("__setattr__"), !(o is UserModule) {
            _ = try call(try bindToInstance(sa, obj), [.str(name), value], [])
            return
        }
        switch o {
        case let u as UserObject: u.setAttribute(name, value)
        case let m as UserModule: try m.setAttribute(name, value, self)
        case let e as ExceptionObject:
            if name == "args" { e.args = try iterate(value); return }
            e.attrs[name] = value
        case let c as UserClass: c.setAttribute(name, value)
        case let f as FunctionObject:
            switch name {
            case "__name__": if case .str(let s) = value { f.name = s }
            case "__qualname__": if case .str(let s) = value { f.qualname = s }
            default: f.attributes[name] = value
            }
        case let m as ModuleBase:
            if try m.registerAttribute(name, value) { return }
            throw .attributeError("MiniPy does not support setting attribute '\(name)' on \(m.moduleName) yet")
        default:
            throw .attributeError("'\(o.typeName)' object has no attribute '\(name)'")
        }
    }

    /// `del obj.name`.
    func deleteAttribute(_ obj: PyValue, _ name: String) throws(PyError) {
        guard case .object(let o) = obj else { throw .attributeError("'\(obj.typeName)' object has no attribute '\(name)'") }
        let removed: Bool
        switch o {
        case let u as UserObject:
            removed = u.attrs.removeValue(forKey: name) != nil
            if removed { u.order.removeAll { $0 == name } }
        case let m as UserModule: removed = m.deleteAttribute(name)
        case let e as ExceptionObject: removed = e.attrs.removeValue(forKey: name) != nil
        case let c as UserClass:
            removed = c.attrs.removeValue(forKey: name) != nil
            if removed { c.order.removeAll { $0 == name } }
            if !removed { throw .attributeError("type object '\(c.name)' has no attribute '\(name)'") }
        case let f as FunctionObject: removed = f.attributes.removeValue(forKey: name) != nil
        default: removed = false
        }
        if !removed { throw .attributeError("'\(o.typeName)' object has no attribute '\(name)'") }
    }

    /// A special method (`__len__`, `__add__`, …) of a user-class instance, bound; nil for any other value.
    func special(_ v: PyValue, _ name: String) throws(PyError) -> PyValue? {
        guard case .object(let o) = v else { return nil }
        if let native = o as? NativeSpecialMethods { return native.specialMethod(name) }   // nn containers (TorchContainers.swift)
        let cls: UserClass?
        switch o {
        case let u as UserObject: cls = u.cls
        case let m as UserModule: cls = m.cls
        case let e as ExceptionObject: cls = e.cls.userClass
        default: cls = nil
        }
        guard let cls, let (f, _) = cls.lookup(name) else { return nil }
        return try bindToInstance(f, v)
    }

    /// The text a user `__repr__`/`__str__` returns (nil when the class has none). An error inside it is kept in
    /// `pendingError` and raised by the caller that printed (repr itself cannot throw).
    func userRepr(_ v: PyValue, _ cls: UserClass, _ name: String) -> String? {
        guard cls.lookup(name) != nil else { return nil }
        do throws(PyError) {
            guard let m = try special(v, name) else { return nil }
            let r = try call(m, [], [])
            guard case .str(let s) = r else {
                throw PyError.typeError("\(name == "extra_repr" ? "__repr__" : name) returned non-string (type \(r.typeName))")
            }
            return s
        } catch {
            if pendingError == nil { pendingError = error }
            return ""
        }
    }

    /// An attribute that `super()` finds past the user classes: `nn.Module`'s, an exception's, or `object`'s.
    func nativeSuperAttribute(_ native: PyObject?, _ receiver: PyValue, _ n: String) throws(PyError) -> PyValue? {
        switch native {
        case is ModuleBaseClass:
            guard case .object(let m as UserModule) = receiver else { return nil }
            if n == "__init__" {
                return .object(Builtin("__init__", method: true) { a, k, _ throws(PyError) in
                    if !a.isEmpty || !k.isEmpty {
                        if let key = k.first?.0 { throw .typeError("Module.__init__() got an unexpected keyword argument '\(key)'") }
                        throw .typeError("Module.__init__() takes 1 positional argument but \(a.count + 1) were given")
                    }
                    m.initialized = true
                    return .none
                })
            }
            if n == "__repr__" { return .object(Builtin("__repr__", method: true) { _, _, i throws(PyError) in .str(m.moduleRepr(i)) }) }
            if n == "forward" {
                return .object(Builtin("forward", method: true) { _, _, _ throws(PyError) in
                    throw PyError(type: "NotImplementedError", message: "Module [\(m.moduleName)] is missing the required \"forward\" function")
                })
            }
            return m.initialized ? (m.registeredAttribute(n) ?? m.moduleMethod(n)) : m.moduleMethod(n)
        case let e as ExceptionClass:
            guard case .object(let obj as ExceptionObject) = receiver else { return nil }
            _ = e
            switch n {
            case "__init__":
                return .object(Builtin("__init__", method: true) { a, _, _ throws(PyError) in obj.args = a; return .none })
            case "__str__": return .object(Builtin("__str__", method: true) { _, _, i throws(PyError) in .str(obj.defaultStr(i)) })
            case "__repr__":
                return .object(Builtin("__repr__", method: true) { _, _, i throws(PyError) in
                    .str("\(obj.cls.name)(" + obj.args.map { i.repr($0) }.joined(separator: ", ") + ")")
                })
            default: return obj.builtinAttribute(n)
            }
        default:
            switch n {
            case "__init__":
                return .object(Builtin("__init__", method: true) { a, k, _ throws(PyError) in
                    if !a.isEmpty || !k.isEmpty { throw .typeError("object.__init__() takes exactly one argument (the instance to initialize)") }
                    return .none
                })
            case "__repr__", "__str__":
                return .object(Builtin(n, method: true) { _, _, i throws(PyError) in
                    let name: String
                    if case .object(let o as UserObject) = receiver { name = o.cls.qualname } else { name = receiver.typeName }
                    _ = i
                    return .str("<__main__.\(name) object at \(fixedAddress)>")
                })
            case "__eq__":
                return .object(Builtin(n, method: true) { a, _, i throws(PyError) in
                    guard let other = a.first else { throw .typeError("expected 1 argument, got 0") }
                    return i.identical(receiver, other) ? .bool(true) : .object(NotImplementedObject.shared)
                })
            case "__setattr__":
                return .object(Builtin(n, method: true) { a, _, i throws(PyError) in
                    guard a.count == 2, case .str(let name) = a[0] else { throw .typeError("expected 2 arguments") }
                    guard case .object(let o as UserObject) = receiver else { return .none }
                    _ = i
                    o.setAttribute(name, a[1])
                    return .none
                })
            case "__getattribute__":
                return nil
            default: return nil
            }
        }
    }

    /// `super()` with no arguments, inside a method: the class that defined the running function, and its first
    /// argument.
    func zeroArgumentSuper() throws(PyError) -> PyValue {
        guard let frame = scope, frame.kind == .function, let fn = frame.function else {
            throw .runtime("super(): no arguments")
        }
        guard let cls = fn.ownerClass else { throw .runtime("super(): __class__ cell not found") }
        guard let firstName = fn.def.positional.first?.name, let receiver = frame.vars[firstName] else {
            throw .runtime("super(): no arguments")
        }
        return .object(SuperObject(cls, receiver))
    }

    var objectClass: PyValue { globals["object"] ?? Builtins.all["object"]! }
}


/// `NotImplemented`.
final class NotImplementedObject: PyObject {
    nonisolated(unsafe) static let shared = NotImplementedObject()
    override var typeName: String { "NotImplementedType" }
    override func repr(_ interp: Interpreter) -> String { "NotImplemented" }
}
