import Foundation
import RNNEngine

/// A built-in type (`int`, `str`, `list`, …): calling it converts or constructs; `type(x)` gives it back, so
/// `type(3) is int` and `isinstance(x, (int, float))` work, and it prints as `<class 'int'>`.
final class BuiltinType: PyObject {
    let name: String
    let construct: ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue
    init(_ name: String, _ construct: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) {
        self.name = name; self.construct = construct
    }
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try construct(args, kwargs, interp)
    }
    override func repr(_ interp: Interpreter) -> String { "<class '\(name)'>" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__name__", "__qualname__": return .str(name)
        case "__module__": return .str("builtins")
        case "fromkeys" where name == "dict":
            return interp.method(n) { a, _, i throws(PyError) in
                guard let keys = a.first else { throw .typeError("fromkeys expected at least 1 argument, got 0") }
                let d = PyDict()
                for k in try i.iterate(keys) { try d.set(k, a.count > 1 ? a[1] : .none) }
                return .dict(d)
            }
        case "maketrans" where name == "str":
            return nil
        default:
            // `str.upper`, `list.append`: the method, taking the instance first.
            let probe: PyValue?
            switch name {
            case "str": probe = .str("")
            case "list": probe = .list(PyList([]))
            case "dict": probe = .dict(PyDict())
            default: probe = nil
            }
            guard let probe, (try? interp.attribute(probe, n)) != nil else { return nil }
            return .object(MethodDescriptor(n, of: name) { a, k, i throws(PyError) in
                guard let receiver = a.first else { throw .typeError("unbound method \(self.name).\(n)() needs an argument") }
                // `str.join(5)`: the method descriptor refuses an instance of another type.
                guard self.contains(receiver) else {
                    throw .typeError("descriptor '\(n)' for '\(self.name)' objects doesn't apply to a '\(receiver.typeName)' object")
                }
                return try i.call(try i.attribute(receiver, n), Array(a.dropFirst()), k)
            })
        }
    }

    /// Whether `v` is an instance of this type (bool counts as int, as in Python).
    func contains(_ v: PyValue) -> Bool {
        switch (name, v) {
        case ("object", _): return true
        case ("int", .int), ("int", .bool), ("float", .float), ("str", .str), ("bool", .bool), ("list", .list),
             ("tuple", .tuple), ("tuple", .size), ("range", .range):
            return true
        case ("dict", .dict): return true
        case ("tuple", .object(is PackedSequenceObject)), ("tuple", .object(is NamedTupleObject)): return true   // namedtuples
        case ("set", .object(let s as SetObject)): return !s.frozen
        case ("frozenset", .object(let s as SetObject)): return s.frozen
        case ("bytes", .object(is BytesObject)): return true
        case ("Parameter", .tensor(let t)): return t.isParameter
        case ("type", .object(let o)): return o.typeName == "type"
        default: return false
        }
    }
}

extension Builtins {
    static func type(_ name: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
        .object(BuiltinType(name, body))
    }

    /// `type(v)`: the built-in type object for built-in values, a class for the rest.
    static func typeObject(_ v: PyValue) -> PyValue {
        let name: String
        switch v {
        case .none: return .object(PyClass("NoneType", qualified: "NoneType") { _, _, _ throws(PyError) in .none })
        case .bool: name = "bool"
        case .int: name = "int"
        case .float: name = "float"
        case .str: name = "str"
        case .list: name = "list"
        case .tuple: name = "tuple"
        case .dict(let d):
            if d.isOrderedDict {
                return .object(PyClass("OrderedDict", qualified: "collections.OrderedDict") { _, _, _ throws(PyError) in .dict(PyDict()) })
            }
            name = "dict"
        case .range: name = "range"
        case .tensor(let t):
            return .object(PyClass(t.isParameter ? "Parameter" : "Tensor", qualified: t.isParameter ? "torch.nn.parameter.Parameter" : "torch.Tensor") { _, _, _ throws(PyError) in
                throw .typeError("MiniPy cannot construct torch.Tensor directly; use torch.tensor")
            })
        case .size: return .object(PyClass("Size", qualified: "torch.Size") { _, _, _ throws(PyError) in .size([]) })
        case .object(let o):
            switch o {
            case is SetObject, is BytesObject, is UserClass, is BuiltinType, is ExceptionClass, is ObjectClass, is ModuleBaseClass, is PyClass:
                name = o is SetObject ? o.typeName : o is BytesObject ? "bytes" : "type"
            case let m as ModuleBase:
                return .object(PyClass(m.moduleName, qualified: m.qualifiedName) { _, _, _ throws(PyError) in
                    throw .typeError("MiniPy cannot construct this type")
                })
            default:
                return .object(PyClass(o.typeName, qualified: o.typeName) { _, _, _ throws(PyError) in
                    throw .typeError("cannot create '\(o.typeName)' instances")
                })
            }
        }
        return all[name] ?? .none
    }

    /// The built-ins a learner's plain Python reaches for, beside those in `functions` (some replace them).
    nonisolated(unsafe) static let language: [String: PyValue] = [
        "int": type("int") { a, k, i throws(PyError) in try i.intConstructor(a, k) },
        "float": type("float") { a, k, i throws(PyError) in
            try noKwargs("float", k)
            if case .object(let o)? = a.first, let f = try i.special(.object(o), "__float__") { return try i.call(f, [], []) }
            if case .int(let n)? = a.first { return .float(Double(n)) }
            return try i.call(functions["float"]!, a, k)
        },
        "str": type("str") { a, k, i throws(PyError) in
            if a.count > 1 || !k.isEmpty {
                if case .object(let b as BytesObject)? = a.first {
                    guard let s = String(bytes: b.bytes, encoding: .utf8) else { throw PyError(type: "UnicodeDecodeError", message: "'utf-8' codec can't decode bytes") }
                    return .str(s)
                }
            }
            return .str(a.isEmpty ? "" : try i.str(a[0]))
        },
        "bool": type("bool") { a, _, i throws(PyError) in .bool(try a.first.map { v throws(PyError) in try i.truth(v) } ?? false) },
        "list": type("list") { a, k, i throws(PyError) in
            try noKwargs("list", k)
            if a.count > 1 { throw .typeError("list expected at most 1 argument, got \(a.count)") }
            return .list(PyList(a.isEmpty ? [] : try i.iterate(a[0])))
        },
        "tuple": type("tuple") { a, k, i throws(PyError) in
            try noKwargs("tuple", k)
            if a.count > 1 { throw .typeError("tuple expected at most 1 argument, got \(a.count)") }
            return .tuple(a.isEmpty ? [] : try i.iterate(a[0]))
        },
        "dict": type("dict") { a, k, i throws(PyError) in try i.call(functions["dict"]!, a, k) },
        "range": type("range") { a, k, i throws(PyError) in try i.call(functions["range"]!, a, k) },
        "set": type("set") { a, k, i throws(PyError) in try i.makeSet(a, k, frozen: false) },
        "frozenset": type("frozenset") { a, k, i throws(PyError) in try i.makeSet(a, k, frozen: true) },
        "bytes": type("bytes") { a, _, i throws(PyError) in
            guard let v = a.first else { return .object(BytesObject([])) }
            switch v {
            case .int(let n):
                if n < 0 { throw .valueError("negative count") }
                try i.charge(bytes: n)
                return .object(BytesObject([UInt8](repeating: 0, count: n)))
            case .str(let s):
                guard a.count > 1 else { throw .typeError("string argument without an encoding") }
                return .object(BytesObject(Array(s.utf8)))
            default:
                var out: [UInt8] = []
                for x in try i.iterate(v) {
                    guard let n = x.asIndex else { throw x.notAnIndex("'\(x.typeName)' object cannot be interpreted as an integer") }
                    guard n >= 0, n < 256 else { throw .valueError("bytes must be in range(0, 256)") }
                    out.append(UInt8(n))
                }
                return .object(BytesObject(out))
            }
        },
        "object": .object(ObjectClass()),
        "type": .object(BuiltinType("type") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("type() takes 1 or 3 arguments") }
            return i.classOf(a[0])
        }),
        "super": fn("super") { a, _, i throws(PyError) in
            if a.isEmpty { return try i.zeroArgumentSuper() }
            guard a.count == 2, case .object(let c as UserClass) = a[0] else {
                throw .typeError("super() argument 1 must be a type, not \(a.first?.typeName ?? "nothing")")
            }
            return .object(SuperObject(c, a[1]))
        },
        "staticmethod": fn("staticmethod") { a, _, _ throws(PyError) in
            guard let f = a.first else { throw .typeError("staticmethod expected 1 argument, got 0") }
            return .object(StaticMethod(f))
        },
        "classmethod": fn("classmethod") { a, _, _ throws(PyError) in
            guard let f = a.first else { throw .typeError("classmethod expected 1 argument, got 0") }
            return .object(ClassMethod(f))
        },
        "property": fn("property") { a, k, _ throws(PyError) in
            let b = try bind("property", ["fget", "fset", "fdel", "doc"], required: 0, a, k)
            return .object(PropertyObject(b[0] ?? .none, b[1]))
        },
        "isinstance": fn("isinstance") { a, _, i throws(PyError) in
            guard a.count == 2 else { throw .typeError("isinstance expected 2 arguments, got \(a.count)") }
            return .bool(try i.isInstance(a[0], a[1], "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        },
        "issubclass": fn("issubclass") { a, _, i throws(PyError) in
            guard a.count == 2 else { throw .typeError("issubclass expected 2 arguments, got \(a.count)") }
            return .bool(try i.isSubclass(a[0], a[1]))
        },
        "callable": fn("callable") { a, _, _ throws(PyError) in
            guard a.count == 1 else { throw .typeError("callable() takes exactly one argument (\(a.count) given)") }
            if case .object(let o) = a[0] { return .bool(o.isCallable) }
            return .bool(false)
        },
        "getattr": fn("getattr") { a, _, i throws(PyError) in
            guard a.count == 2 || a.count == 3 else { throw .typeError("getattr expected 2 or 3 arguments, got \(a.count)") }
            guard case .str(let n) = a[1] else { throw .typeError("attribute name must be string, not '\(a[1].typeName)'") }
            do throws(PyError) { return try i.attribute(a[0], n) } catch {
                if a.count == 3, error.type == "AttributeError", !error.isLimit { return a[2] }
                throw error
            }
        },
        "hasattr": fn("hasattr") { a, _, i throws(PyError) in
            guard a.count == 2 else { throw .typeError("hasattr expected 2 arguments, got \(a.count)") }
            guard case .str(let n) = a[1] else { throw .typeError("attribute name must be string, not '\(a[1].typeName)'") }
            do throws(PyError) { _ = try i.attribute(a[0], n); return .bool(true) } catch {
                // Only an AttributeError means no: MiniPy lacking a name torch has (NotImplementedError) is no answer.
                if error.type == "AttributeError", !error.isLimit { return .bool(false) }
                throw error
            }
        },
        "setattr": fn("setattr") { a, _, i throws(PyError) in
            guard a.count == 3 else { throw .typeError("setattr expected 3 arguments, got \(a.count)") }
            guard case .str(let n) = a[1] else { throw .typeError("attribute name must be string, not '\(a[1].typeName)'") }
            if case .tensor(let t) = a[0] {
                guard ["grad", "requires_grad", "data"].contains(n) else { throw i.tensorAttributeNotSettable(n) }
                // A leaf changes where it lives; any other tensor is a value that only `x.NAME = v` can rebind.
                if try i.setGradAttribute(t, n, a[2]) != nil {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support setattr() on a tensor that is not a leaf yet (write x.\(n) = ...)")
                }
                return .none
            }
            try i.setAttribute(a[0], n, a[2])
            return .none
        },
        "delattr": fn("delattr") { a, _, i throws(PyError) in
            guard a.count == 2, case .str(let n) = a[1] else { throw .typeError("delattr expected 2 arguments, got \(a.count)") }
            try i.deleteAttribute(a[0], n)
            return .none
        },
        "all": fn("all") { a, k, i throws(PyError) in
            try noKwargs("all", k)
            guard a.count == 1 else { throw .typeError("all() takes exactly one argument (\(a.count) given)") }
            var result = true
            try i.forEach(a[0]) { (x: PyValue) throws(PyError) -> Bool in
                try i.pulse()
                if try !i.truth(x) { result = false; return false }
                return true
            }
            return .bool(result)
        },
        "any": fn("any") { a, k, i throws(PyError) in
            try noKwargs("any", k)
            guard a.count == 1 else { throw .typeError("any() takes exactly one argument (\(a.count) given)") }
            var result = false
            try i.forEach(a[0]) { (x: PyValue) throws(PyError) -> Bool in
                try i.pulse()
                if try i.truth(x) { result = true; return false }
                return true
            }
            return .bool(result)
        },
        "divmod": fn("divmod") { a, _, i throws(PyError) in
            guard a.count == 2 else { throw .typeError("divmod expected 2 arguments, got \(a.count)") }
            if case .int = a[0], case .int = a[1], a[1].asIndex == 0 { throw PyError(type: "ZeroDivisionError", message: "integer division or modulo by zero") }
            if a[1].asDouble == 0, a[0].asDouble != nil { throw PyError(type: "ZeroDivisionError", message: a[0].typeName == "float" || a[1].typeName == "float" ? "float divmod()" : "integer division or modulo by zero") }
            do throws(PyError) {
                return .tuple([try i.binary("//", a[0], a[1]), try i.binary("%", a[0], a[1])])
            } catch {
                if error.type == "TypeError", error.message.hasPrefix("unsupported operand") {
                    throw .typeError("unsupported operand type(s) for divmod(): '\(a[0].typeName)' and '\(a[1].typeName)'")
                }
                throw error
            }
        },
        "pow": fn("pow") { a, k, i throws(PyError) in
            let b = try bind("pow", ["base", "exp", "mod"], required: 2, a, k)
            if let m = b[2], !m.isNone {
                guard var base = b[0]!.asIndex, var e = b[1]!.asIndex, let mod = m.asIndex else {
                    throw .typeError("pow() 3rd argument not allowed unless all arguments are integers")
                }
                if mod == 0 { throw .valueError("pow() 3rd argument cannot be 0") }
                if e < 0 { throw .valueError("base is not invertible for the given modulus") }
                var r = 1 % abs(mod)
                base = ((base % mod) + mod) % mod
                let mm = abs(mod)
                while e > 0 {
                    if e & 1 == 1 { r = Int((Int64(r).multipliedFullWidth(by: Int64(base))).low % UInt64(mm)) }
                    base = Int(UInt64(base) * UInt64(base) % UInt64(mm))
                    e >>= 1
                }
                if mod < 0 && r != 0 { r += mod }
                return .int(r)
            }
            return try i.binary("**", b[0]!, b[1]!)
        },
        "sorted": fn("sorted") { a, k, i throws(PyError) in
            guard a.count == 1 else {
                if a.isEmpty { throw .typeError("sorted expected 1 argument, got 0") }
                throw .typeError("sorted expected 1 argument, got \(a.count)")
            }
            var items = try i.iterate(a[0])
            try i.sortList(&items, k, "sorted")
            return .list(PyList(items))
        },
        "min": fn("min") { a, k, i throws(PyError) in try i.pyExtremum(a, k, "min", "<") },
        "max": fn("max") { a, k, i throws(PyError) in try i.pyExtremum(a, k, "max", ">") },
        "sum": fn("sum") { a, k, i throws(PyError) in
            let b = try bind("sum", ["iterable", "start"], required: 1, a, k)
            var acc: PyValue = b[1] ?? .int(0)
            if case .str = acc { throw .typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            try i.forEach(b[0]!) { (x: PyValue) throws(PyError) -> Bool in
                try i.pulse()
                acc = try i.binary("+", acc, x)
                return true
            }
            return acc
        },
        "map": fn("map") { a, _, i throws(PyError) in
            guard a.count >= 2 else { throw .typeError("map() must have at least two arguments.") }
            let f = a[0]
            var its: [PyIterator] = []
            for x in a.dropFirst() { its.append(try i.makeIterator(x)) }
            return .object(ClosureIterator("map") { (i: Interpreter) throws(PyError) -> PyValue? in
                var args: [PyValue] = []
                for it in its { guard let x = try it.next(i) else { return nil }; args.append(x) }
                return try i.call(f, args, [])
            })
        },
        "filter": fn("filter") { a, _, i throws(PyError) in
            guard a.count == 2 else { throw .typeError("filter expected 2 arguments, got \(a.count)") }
            let f = a[0]
            let it = try i.makeIterator(a[1])
            return .object(ClosureIterator("filter") { (i: Interpreter) throws(PyError) -> PyValue? in
                while let x = try it.next(i) {
                    try i.pulse()
                    let keep = f.isNone ? try i.truth(x) : try i.truth(try i.call(f, [x], []))
                    if keep { return x }
                }
                return nil
            })
        },
        "zip": fn("zip") { a, k, i throws(PyError) in
            var strict = false
            for (key, v) in k {
                guard key == "strict" else { throw .typeError("zip() got an unexpected keyword argument '\(key)'") }
                strict = try i.truth(v)
            }
            var its: [PyIterator] = []
            for (n, x) in a.enumerated() {
                do throws(PyError) { its.append(try i.makeIterator(x)) } catch {
                    if error.type == "TypeError" { throw .typeError("'\(x.typeName)' object is not iterable") }
                    _ = n
                    throw error
                }
            }
            return .object(ClosureIterator("zip") { (i: Interpreter) throws(PyError) -> PyValue? in
                if its.isEmpty { return nil }
                var items: [PyValue] = []
                for (n, it) in its.enumerated() {
                    guard let x = try it.next(i) else {
                        if strict {
                            if n > 0 { throw .valueError("zip() argument \(n + 1) is shorter than argument\(n == 1 ? "" : "s") 1\(n == 1 ? "" : "-\(n)")") }
                            for (m, other) in its.enumerated().dropFirst() where try other.next(i) != nil {
                                throw .valueError("zip() argument \(m + 1) is longer than argument\(m == 1 ? "" : "s") 1\(m == 1 ? "" : "-\(m)")")
                            }
                        }
                        return nil
                    }
                    items.append(x)
                }
                return .tuple(items)
            })
        },
        "enumerate": fn("enumerate") { a, k, i throws(PyError) in
            let b = try bind("enumerate", ["iterable", "start"], required: 1, a, k)
            var n = 0
            if let s = b[1] {
                guard let v = s.asIndex else { throw s.notAnIndex("'\(s.typeName)' object cannot be interpreted as an integer") }
                n = v
            }
            let it = try i.makeIterator(b[0]!)
            return .object(ClosureIterator("enumerate") { (i: Interpreter) throws(PyError) -> PyValue? in
                guard let x = try it.next(i) else { return nil }
                defer { n += 1 }
                return .tuple([.int(n), x])
            })
        },
        "reversed": fn("reversed") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("reversed expected 1 argument, got \(a.count)") }
            if let r = try i.special(a[0], "__reversed__") { return try i.call(r, [], []) }
            switch a[0] {
            case .list, .tuple, .str, .range, .size:
                let name = a[0].typeName == "list" ? "list_reverseiterator" : a[0].typeName == "range" ? "range_iterator" : "reversed"
                return .object(SequenceIterator(.items(try i.iterate(a[0]).reversed()), name: name))
            case .dict(let d): return .object(SequenceIterator(.items(d.keys.reversed()), name: "dict_reversekeyiterator"))
            case .tensor: return .object(SequenceIterator(.items(try i.iterate(a[0]).reversed()), name: "reversed"))
            default:
                if let len = try i.special(a[0], "__len__"), let get = try i.special(a[0], "__getitem__") {
                    var k = try i.lengthOf(len, a[0])
                    return .object(ClosureIterator("reversed") { (i: Interpreter) throws(PyError) -> PyValue? in
                        guard k > 0 else { return nil }
                        k -= 1
                        return try i.call(get, [.int(k)], [])
                    })
                }
                throw .typeError("'\(a[0].typeName)' object is not reversible")
            }
        },
        "iter": fn("iter") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("iter expected 1 argument, got \(a.count)") }
            return .object(try i.makeIterator(a[0]))
        },
        "next": fn("next") { a, _, i throws(PyError) in
            guard a.count == 1 || a.count == 2 else { throw .typeError("next expected at least 1 argument, got \(a.count)") }
            guard case .object(let o) = a[0] else { throw .typeError("'\(a[0].typeName)' object is not an iterator") }
            if let it = o as? PyIterator {
                if let v = try it.next(i) { return v }
                if a.count == 2 { return a[1] }
                if let g = it as? PyGenerator { throw g.stopIteration(i) }
                throw PyError(type: "StopIteration", message: "")
            }
            if let n = try i.special(a[0], "__next__") {
                do throws(PyError) { return try i.call(n, [], []) } catch {
                    if error.type == "StopIteration", a.count == 2, !error.isLimit { return a[1] }
                    throw error
                }
            }
            throw .typeError("'\(a[0].typeName)' object is not an iterator")
        },
        "len": fn("len") { a, k, i throws(PyError) in
            try noKwargs("len", k)
            guard a.count == 1 else { throw .typeError("len() takes exactly one argument (\(a.count) given)") }
            if case .object(let o) = a[0] {
                switch o {
                case let s as SetObject: return .int(s.count)
                case let b as BytesObject: return .int(b.bytes.count)
                case let d as DictView: return .int(d.items.count)
                case let t as NamedTupleObject: return .int(t.items.count)
                default:
                    if let l = try i.special(a[0], "__len__") { return .int(try i.lengthOf(l, a[0])) }
                }
            }
            if case .str(let s) = a[0] { return .int(s.unicodeScalars.count) }
            return try i.call(functions["len"]!, a, k)
        },
        "abs": fn("abs") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("abs() takes exactly one argument (\(a.count) given)") }
            if case .int(let n) = a[0] {
                guard n != Int.min else { throw Lexer.bigInt(0) }
                return .int(abs(n))
            }
            if let m = try i.special(a[0], "__abs__") { return try i.call(m, [], []) }
            return try i.call(functions["abs"]!, a, [])
        },
        "round": fn("round") { a, k, i throws(PyError) in try i.round(a, k) },
        "hex": fn("hex") { a, _, i throws(PyError) in .str(try i.intToBase(a, "hex", 16, "0x")) },
        "oct": fn("oct") { a, _, i throws(PyError) in .str(try i.intToBase(a, "oct", 8, "0o")) },
        "bin": fn("bin") { a, _, i throws(PyError) in .str(try i.intToBase(a, "bin", 2, "0b")) },
        "chr": fn("chr") { a, _, _ throws(PyError) in
            guard a.count == 1 else { throw .typeError("chr() takes exactly one argument (\(a.count) given)") }
            guard let n = a[0].asIndex else { throw a[0].notAnIndex("'\(a[0].typeName)' object cannot be interpreted as an integer") }
            guard n >= 0, n <= 0x10FFFF else { throw .valueError("chr() arg not in range(0x110000)") }
            guard let u = Unicode.Scalar(UInt32(n)) else { throw .valueError("MiniPy cannot represent a lone surrogate") }
            return .str(String(Character(u)))
        },
        "ord": fn("ord") { a, _, _ throws(PyError) in
            guard a.count == 1 else { throw .typeError("ord() takes exactly one argument (\(a.count) given)") }
            if case .object(let b as BytesObject) = a[0] {
                guard b.bytes.count == 1 else { throw .typeError("ord() expected a character, but string of length \(b.bytes.count) found") }
                return .int(Int(b.bytes[0]))
            }
            guard case .str(let s) = a[0] else { throw .typeError("ord() expected string of length 1, but \(a[0].typeName) found") }
            let u = Array(s.unicodeScalars)
            guard u.count == 1 else { throw .typeError("ord() expected a character, but string of length \(u.count) found") }
            return .int(Int(u[0].value))
        },
        "format": fn("format") { a, _, i throws(PyError) in
            guard a.count == 1 || a.count == 2 else { throw .typeError("format expected at most 2 arguments, got \(a.count)") }
            var spec = ""
            if a.count == 2 {
                guard case .str(let s) = a[1] else { throw .typeError("format() argument 2 must be str, not \(a[1].typeName)") }
                spec = s
            }
            return .str(try i.format(a[0], spec))
        },
        "ascii": fn("ascii") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("ascii() takes exactly one argument (\(a.count) given)") }
            return .str(i.asciiRepr(try i.checkedRepr(a[0])))
        },
        "id": fn("id") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("id() takes exactly one argument (\(a.count) given)") }
            i.unsteady = true
            if case .object(let o) = a[0] { return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue)) & 0x7FFF_FFFF_FFFF) }
            return .int(0x7f00_0000_0000)
        },
        "hash": fn("hash") { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("hash() takes exactly one argument (\(a.count) given)") }
            if let h = try i.special(a[0], "__hash__") { return try i.call(h, [], []) }
            switch a[0] {
            case .int(let n): return .int(n == -1 ? -2 : n % ((1 << 61) - 1))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let f) where f == f.rounded() && abs(f) < 1e18: return .int(Int(f) == -1 ? -2 : Int(f))
            case .str(let text):
                // CPython's string hashes change from run to run; MiniPy's are its own (FNV-1a), equal for equal strings.
                var h: UInt64 = 0xcbf29ce484222325
                for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
                return .int(Int(truncatingIfNeeded: h >> 1))
            case .float(let f): return .int(Int(truncatingIfNeeded: f.bitPattern >> 1))
            case .none: return .int(0x7f00_0000_0000 >> 4)
            case .tuple:
                var h = 0x345678
                for x in try i.iterate(a[0]) {
                    guard case .int(let v) = try i.call(Builtins.all["hash"]!, [x], []) else { break }
                    h = (h ^ v) &* 1000003
                }
                return .int(h)
            default:
                _ = try HashKey(a[0])
                return .int(0x7f00_0000_0000 >> 4)
            }
        },
        "vars": fn("vars") { a, _, i throws(PyError) in
            guard let v = a.first else { throw PyError(type: "NotImplementedError", message: "MiniPy does not support vars() without an argument yet") }
            do throws(PyError) { return try i.attribute(v, "__dict__") } catch {
                throw .typeError("vars() argument must have __dict__ attribute")
            }
        },
        "input": fn("input") { a, _, i throws(PyError) in
            if let p = a.first { try i.write(try i.str(p)) }
            throw PyError(type: "EOFError", message: "EOF when reading a line")
        },
        "print": functions["print"]!,
        "Ellipsis": .object(EllipsisObject.shared),
        "NotImplemented": .object(NotImplementedObject.shared),
        "slice": fn("slice") { a, _, _ throws(PyError) in
            switch a.count {
            case 1: return .object(SliceObject(.none, a[0], .none))
            case 2: return .object(SliceObject(a[0], a[1], .none))
            case 3: return .object(SliceObject(a[0], a[1], a[2]))
            default: throw .typeError("slice expected at least 1 argument, got 0")
            }
        },
        "exit": fn("exit") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support exit() yet") },
        "quit": fn("quit") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support quit() yet") },
        "open": fn("open") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support files (open) yet") },
        "eval": fn("eval") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support eval() yet") },
        "exec": fn("exec") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support exec() yet") },
        "globals": fn("globals") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support globals() yet") },
        "locals": fn("locals") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support locals() yet") },
        "dir": fn("dir") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support dir() yet") },
        "complex": fn("complex") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support complex numbers yet") },
        "bytearray": fn("bytearray") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support bytearray yet") },
        "memoryview": fn("memoryview") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support memoryview yet") },
        "__import__": fn("__import__") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support __import__ yet") },
        "breakpoint": fn("breakpoint") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support breakpoint() yet") },
        "aiter": fn("aiter") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support async iteration yet") },
        "anext": fn("anext") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support async iteration yet") },
        "help": fn("help") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support help() yet") },
        "compile": fn("compile") { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support compile() yet") },
        "__name__": .str("__main__"),
    ]
}

/// `list.append`, `str.upper` reached through the type: called with the instance first; printed as CPython's
/// method descriptor.
final class MethodDescriptor: PyObject {
    let name: String, owner: String
    let body: ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue
    init(_ name: String, of owner: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) {
        self.name = name; self.owner = owner; self.body = body
    }
    override var typeName: String { "method_descriptor" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try body(args, kwargs, interp)
    }
    override func repr(_ interp: Interpreter) -> String { "<method '\(name)' of '\(owner)' objects>" }
}
