import Foundation
import RNNEngine

/// Binds a call's arguments to parameter names as Python does, with Python's messages.
/// Binds call arguments to parameters with Python's messages. `isMethod`: the function is a
/// method, and Python counts `self` in "takes N positional arguments but M were given".
func bind(_ fname: String, _ params: [String], required: Int, _ args: [PyValue], _ kwargs: [(String, PyValue)],
          isMethod: Bool = false) throws(PyError) -> [PyValue?] {
    var out = [PyValue?](repeating: nil, count: params.count)
    if args.count > params.count {
        let s = isMethod ? 1 : 0
        let (most, least, given) = (params.count + s, required + s, args.count + s)
        let takes = least == most ? "\(most)" : "from \(least) to \(most)"
        throw .typeError("\(fname)() takes \(takes) positional argument\(most == 1 ? "" : "s") but \(given) \(given == 1 ? "was" : "were") given")
    }
    for (i, a) in args.enumerated() { out[i] = a }
    for (k, v) in kwargs {
        guard let i = params.firstIndex(of: k) else { throw .typeError("\(fname)() got an unexpected keyword argument '\(k)'") }
        if out[i] != nil { throw .typeError("\(fname)() got multiple values for argument '\(k)'") }
        out[i] = v
    }
    let missing = (0..<required).filter { out[$0] == nil }.map { "'\(params[$0])'" }
    if !missing.isEmpty {
        let list = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
        throw .typeError("\(fname)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
    }
    return out
}

enum Builtins {
    static func fn(_ name: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
        .object(Builtin(name, body))
    }

    static func noKwargs(_ name: String, _ kwargs: [(String, PyValue)]) throws(PyError) {
        if !kwargs.isEmpty { throw .typeError("\(name)() takes no keyword arguments") }
    }

    /// The built-in names: functions, and the exception classes.
    nonisolated(unsafe) static let all: [String: PyValue] = functions.merging(ExceptionClass.builtins) { f, _ in f }.merging(language) { _, new in new }

    nonisolated(unsafe) static let functions: [String: PyValue] = [
        "print": fn("print") { args, kwargs, i throws(PyError) in
            var sep = " ", end = "\n"
            for (k, v) in kwargs {
                switch k {
                case "sep": if case .str(let s) = v { sep = s } else if case .none = v {} else { throw .typeError("sep must be None or a string, not \(v.typeName)") }
                case "end": if case .str(let s) = v { end = s } else if case .none = v {} else { throw .typeError("end must be None or a string, not \(v.typeName)") }
                case "flush", "file": break
                default: throw .typeError("'\(k)' is an invalid keyword argument for print()")
                }
            }
            var parts: [String] = []
            for a in args { parts.append(try i.str(a)) }
            try i.write(parts.joined(separator: sep) + end)
            return .none
        },
        "len": fn("len") { args, kwargs, i throws(PyError) in
            try noKwargs("len", kwargs)
            guard args.count == 1 else { throw .typeError("len() takes exactly one argument (\(args.count) given)") }
            switch args[0] {
            case .str(let s): return .int(s.count)
            case .list(let l): return .int(l.items.count)
            case .tuple(let t): return .int(t.count)
            case .dict(let d): return .int(d.keys.count)
            case .size(let s): return .int(s.count)
            case .range(let a, let b, let s): return .int(rangeCount(a, b, s))
            case .tensor(let t):
                guard t.t.dim > 0 else { throw .typeError("len() of a 0-d tensor") }
                return .int(t.t.shape[0])
            case .object(let r as ReturnTypesObject): return .int(r.items.count)
            default: throw .typeError("object of type '\(args[0].typeName)' has no len()")
            }
        },
        "range": fn("range") { args, kwargs, _ throws(PyError) in
            try noKwargs("range", kwargs)
            var ints: [Int] = []
            for a in args {
                guard let n = a.asIndex else { throw a.notAnIndex("'\(a.typeName)' object cannot be interpreted as an integer") }
                ints.append(n)
            }
            switch ints.count {
            case 1: return .range(0, ints[0], 1)
            case 2: return .range(ints[0], ints[1], 1)
            case 3:
                if ints[2] == 0 { throw .valueError("range() arg 3 must not be zero") }
                return .range(ints[0], ints[1], ints[2])
            case 0: throw .typeError("range expected at least 1 argument, got 0")
            default: throw .typeError("range expected at most 3 arguments, got \(ints.count)")
            }
        },
        "str": fn("str") { args, _, i throws(PyError) in .str(args.isEmpty ? "" : try i.str(args[0])) },
        "repr": fn("repr") { args, _, i throws(PyError) in
            guard args.count == 1 else { throw .typeError("repr() takes exactly one argument (\(args.count) given)") }
            return .str(try i.checkedRepr(args[0]))
        },
        "int": fn("int") { args, _, i throws(PyError) in
            guard let a = args.first else { return .int(0) }
            switch a {
            case .int, .bool: return .int(a.asIndex!)
            case .float(let f):
                guard f.isFinite else { throw PyError(type: f.isNaN ? "ValueError" : "OverflowError", message: f.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
                guard abs(f) < 9.2e18 else { throw PyError(type: "OverflowError", message: "integer too large for MiniPy (it has 64-bit ints)") }
                return .int(Int(f))
            case .str(let s):
                guard let n = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) else {
                    throw .valueError("invalid literal for int() with base 10: \(pyStrRepr(s))")
                }
                return .int(n)
            case .tensor(let t): return try t.pythonInt()   // PyTensor+Convert: exact, NaN and inf as Python says
            default: throw .typeError("int() argument must be a string, a bytes-like object or a real number, not '\(a.typeName)'")
            }
        },
        "float": fn("float") { args, _, _ throws(PyError) in
            guard let a = args.first else { return .float(0) }
            switch a {
            case .int, .bool, .float: return .float(a.asDouble!)
            case .str(let s):
                let t = s.trimmingCharacters(in: .whitespaces).lowercased()
                if ["inf", "+inf", "infinity"].contains(t) { return .float(.infinity) }
                if ["-inf", "-infinity"].contains(t) { return .float(-.infinity) }
                if t == "nan" { return .float(.nan) }
                guard !t.isEmpty, t.allSatisfy({ "0123456789.e+-_".contains($0) }), let d = Double(t) else {
                    throw .valueError("could not convert string to float: \(pyStrRepr(s))")
                }
                return .float(d)
            case .tensor(let t): return try t.pythonFloat()
            default: throw .typeError("float() argument must be a string or a real number, not '\(a.typeName)'")
            }
        },
        "bool": fn("bool") { args, _, _ throws(PyError) in .bool(try args.first?.truthy() ?? false) },
        "list": fn("list") { args, _, i throws(PyError) in .list(PyList(args.isEmpty ? [] : try i.iterate(args[0]))) },
        "tuple": fn("tuple") { args, _, i throws(PyError) in .tuple(args.isEmpty ? [] : try i.iterate(args[0])) },
        "dict": fn("dict") { args, kwargs, i throws(PyError) in
            let d = PyDict()
            if let a = args.first {
                if case .dict(let src) = a { for (k, v) in zip(src.keys, src.values) { try d.set(k, v) } }
                else { try i.updatePairs(d, a) }
            }
            for (k, v) in kwargs { try d.set(.str(k), v) }
            return .dict(d)
        },
        "enumerate": fn("enumerate") { args, kwargs, i throws(PyError) in
            guard let a = args.first else { throw .typeError("enumerate() missing required argument 'iterable' (pos 1)") }
            let start = (args.count > 1 ? args[1] : kwargs.first { $0.0 == "start" }?.1)?.asIndex ?? 0
            return .object(IterableObject("enumerate", try i.iterate(a).enumerated().map { .tuple([.int($0.offset + start), $0.element]) }))
        },
        "zip": fn("zip") { args, _, i throws(PyError) in
            var lists: [[PyValue]] = []
            for a in args { lists.append(try i.iterate(a)) }
            let n = lists.map(\.count).min() ?? 0
            return .object(IterableObject("zip", (0..<n).map { k in .tuple(lists.map { $0[k] }) }))
        },
        "reversed": fn("reversed") { args, _, i throws(PyError) in
            guard let a = args.first else { throw .typeError("reversed expected 1 argument, got 0") }
            return .object(IterableObject("reversed", try i.iterate(a).reversed()))
        },
        "sorted": fn("sorted") { args, kwargs, i throws(PyError) in
            guard let a = args.first else { throw .typeError("sorted expected 1 argument, got 0") }
            var items = try i.iterate(a)
            try i.sortValues(&items)
            if let r = kwargs.first(where: { $0.0 == "reverse" })?.1, try r.truthy() { items.reverse() }
            return .list(PyList(items))
        },
        "sum": fn("sum") { args, _, i throws(PyError) in
            guard let a = args.first else { throw .typeError("sum() takes at least 1 positional argument (0 given)") }
            var acc: PyValue = args.count > 1 ? args[1] : .int(0)
            for x in try i.iterate(a) { acc = try i.binary("+", acc, x) }
            return acc
        },
        "min": fn("min") { args, _, i throws(PyError) in try i.extreme(args, "min", "<") },
        "max": fn("max") { args, _, i throws(PyError) in try i.extreme(args, "max", ">") },
        "abs": fn("abs") { args, _, i throws(PyError) in
            switch args.first {
            case .int(let n)?: return .int(abs(n))
            case .bool(let b)?: return .int(b ? 1 : 0)
            case .float(let f)?: return .float(abs(f))
            case .tensor(let t)?: return .tensor(try i.activation("abs", t))   // torch's abs, with its gradient
            case let v?: throw .typeError("bad operand type for abs(): '\(v.typeName)'")
            case nil: throw .typeError("abs() takes exactly one argument (0 given)")
            }
        },
        "round": fn("round") { args, _, _ throws(PyError) in
            guard let a = args.first else { throw .typeError("round() missing required argument 'number' (pos 1)") }
            let nd = args.count > 1 ? args[1].asIndex : nil
            switch a {
            case .int, .bool: return .int(a.asIndex!)
            case .float(let f):
                guard let nd else { return .int(Int(f.rounded(.toNearestOrEven))) }
                let m = pow(10.0, Double(nd))
                return .float(Double(String(format: "%.\(max(0, nd))f", f)) ?? (f * m).rounded(.toNearestOrEven) / m)
            default: throw .typeError("type \(a.typeName) doesn't define __round__ method")
            }
        },
        "isinstance": fn("isinstance") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("isinstance expected 2 arguments, got \(args.count)") }
            // MiniPy's built-in types are functions named for the type; torch's classes are PyClass.
            func matches(_ cls: PyValue) throws(PyError) -> Bool {
                let name: String
                switch cls {
                case .object(let c as PyClass): name = c.name
                case .object(let c as ExceptionClass):
                    guard case .object(let e as ExceptionObject) = args[0] else { return false }
                    return e.cls.isSubclass(of: c.name)
                case .object(let f as Builtin) where ["int", "float", "str", "list", "tuple", "dict", "bool", "range"].contains(f.name): name = f.name
                case .tuple(let options):
                    for o in options where try matches(o) { return true }
                    return false
                default: throw .typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
                }
                return args[0].typeName == name || (name == "int" && args[0].typeName == "bool")
            }
            return .bool(try matches(args[1]))
        },
        "type": fn("type") { args, _, _ throws(PyError) in
            guard args.count == 1 else { throw .typeError("type() takes 1 or 3 arguments") }
            let v = args[0]
            let q: String
            switch v {
            case .tensor: q = "torch.Tensor"
            case .size: q = "torch.Size"
            case .object(let o as ModuleBase): q = o.qualifiedName
            case .object(let e as ExceptionObject): return .object(e.cls)
            case .dict(let d) where d.isOrderedDict: q = "collections.OrderedDict"
            default: q = v.typeName
            }
            return .object(PyClass(v.typeName, qualified: q) { _, _, _ throws(PyError) in throw .typeError("MiniPy cannot construct this type") })
        },
    ]
}

extension Interpreter {
    func extreme(_ args: [PyValue], _ name: String, _ op: String) throws(PyError) -> PyValue {
        let items = args.count == 1 ? try iterate(args[0]) : args
        guard var best = items.first else {
            throw .valueError("\(name)() arg is an empty sequence")
        }
        for x in items.dropFirst() where try order(op, x, best) { best = x }
        return best
    }

    func sortValues(_ items: inout [PyValue]) throws(PyError) {
        // insertion-merge via Swift sort with a throwing comparison captured
        var failure: PyError?
        items.sort { a, b in
            if failure != nil { return false }
            do { return try order("<", a, b) } catch { failure = error as? PyError; return false }
        }
        if let failure { throw failure }
    }

    // MARK: Attributes

    func attribute(_ v: PyValue, _ name: String) throws(PyError) -> PyValue {
        // Every value's class is what type() gives (`m.fc.__class__.__name__`, a learner's way to name a layer).
        if name == "__class__" { return try call(Builtins.all["type"]!, [v], []) }
        switch v {
        case .str(let s): if let m = strMethod(s, name) { return m }
        case .list(let l): if let m = listMethod(l, name) { return m }
        case .dict(let d): if let m = dictMethod(d, name) { return m }
        case .tensor(let t):
            if let m = try tensorAttribute(t, name) { return m }
            if let m = builtinSpecialMethod(v, name) { return m }   // Builtins+SpecialMethods.swift
            throw missingTensorAttribute(name)   // TorchMissing.swift
        case .size(let s):
            if name == "numel" { return method(name) { _, _, _ throws(PyError) in .int(s.reduce(1, *)) } }
            if name == "index" || name == "count" { return tupleMethod(s.map { .int($0) }, name)! }
        case .tuple(let t): if let m = tupleMethod(t, name) { return m }
        case .int, .bool, .float:
            // Special methods first: the names of dir(int) MiniPy lacks are honest errors in numberAttribute.
            if let m = builtinSpecialMethod(v, name) { return m }
            if let m = try numberAttribute(v, name) { return m }   // Builtins+Numbers.swift
        case .object(let o):
            if let a = try o.getAttribute(name, self) { return a }
            if let ns = o as? Namespace { throw missingNamespaceAttribute(ns, name) }   // TorchMissing.swift
            if let m = o as? ModuleBase, let e = missingModuleAttribute(m, name) { throw e }
            var msg = "'\(o.typeName)' object has no attribute '\(name)'"
            switch o {
            case let c as UserClass: msg = "type object '\(c.name)' has no attribute '\(name)'"
            case let c as BuiltinType:
                if (c.name == "int" && Self.intNames.contains(name)) || (c.name == "float" && Self.floatNames.contains(name)) {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support \(c.name).\(name) yet")
                }
                msg = "type object '\(c.name)' has no attribute '\(name)'"
            case let c as ExceptionClass: msg = "type object '\(c.name)' has no attribute '\(name)'"
            default: break
            }
            if let s = suggestion(for: name, among: Array(Set(o.attributeNames)).sorted()) { msg += ". Did you mean: '\(s)'?" }
            throw .attributeError(msg)
        default: break
        }
        if let m = builtinSpecialMethod(v, name) { return m }   // Builtins+SpecialMethods.swift
        var msg = "'\(v.typeName)' object has no attribute '\(name)'"
        let names: [String]
        switch v {
        case .str: names = Self.strMethods
        case .list: names = Self.listMethods
        case .dict: names = Self.dictMethods
        default: names = []
        }
        if let s = suggestion(for: name, among: names.sorted()) { msg += ". Did you mean: '\(s)'?" }
        throw .attributeError(msg)
    }

    func method(_ name: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
        .object(Builtin(name, method: true, body))
    }

    static let strMethods = ["capitalize", "count", "endswith", "find", "format", "isalpha", "isdigit", "islower",
                             "isupper", "join", "lower", "lstrip", "replace", "rstrip", "split", "startswith", "strip",
                             "title", "upper", "zfill", "center", "ljust", "rjust", "index", "casefold", "swapcase",
                             "isspace", "splitlines", "partition", "encode", "expandtabs", "format_map", "isalnum",
                             "isascii", "isdecimal", "isidentifier", "isnumeric", "isprintable", "istitle", "maketrans",
                             "removeprefix", "removesuffix", "rfind", "rindex", "rpartition", "rsplit", "translate"]
    static let listMethods = ["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"]
    static let dictMethods = ["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"]

    func strArg(_ args: [PyValue], _ k: Int, _ fname: String) throws(PyError) -> String {
        guard k < args.count else { throw .typeError("\(fname)() takes at least \(k + 1) argument (\(args.count) given)") }
        guard case .str(let s) = args[k] else { throw .typeError("must be str, not \(args[k].typeName)") }
        return s
    }

    func formatString(_ s: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        var auto: Int? = 0
        return .str(try formatFields(Array(s)[...], args, kwargs, &auto, depth: 0))
    }

    /// `str.format`'s grammar: `{name[key].attr!conversion:spec}`, a spec itself holding `{}` fields, `{{`/`}}`
    /// for braces, and CPython's errors (mixing `{}` with `{0}`, a lone brace, an unknown conversion).
    /// `auto` is the next automatic index, nil once a field was numbered by hand.
    private func formatFields(_ s: ArraySlice<Character>, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ auto: inout Int?, depth: Int) throws(PyError) -> String {
        var out = ""
        var chars = s
        while let c = chars.popFirst() {
            if c == "}" {
                guard chars.first == "}" else { throw .valueError("Single '}' encountered in format string") }
                chars.removeFirst(); out.append("}"); continue
            }
            guard c == "{" else { out.append(c); continue }
            if chars.first == "{" { chars.removeFirst(); out.append("{"); continue }
            // The field runs to its matching brace; brackets may hold any character.
            var field: [Character] = []
            var level = 1, inBracket = false, closed = false
            while let d = chars.popFirst() {
                if inBracket { if d == "]" { inBracket = false }; field.append(d); continue }
                if d == "[" { inBracket = true } else if d == "{" { level += 1 } else if d == "}" {
                    level -= 1
                    if level == 0 { closed = true; break }
                }
                field.append(d)
            }
            guard closed else {
                throw .valueError(field.isEmpty && chars.isEmpty && level == 1 ? "Single '{' encountered in format string" : "expected '}' before end of string")
            }
            // Name (with [key] and .attr), then !conversion, then :spec.
            var k = 0
            var bracket = false
            while k < field.count {
                if bracket { if field[k] == "]" { bracket = false } } else if field[k] == "[" { bracket = true } else if field[k] == "!" || field[k] == ":" { break }
                k += 1
            }
            let name = field[0..<k]
            var conversion: Character?
            var specChars = ArraySlice<Character>()
            if k < field.count, field[k] == "!" {
                guard k + 1 < field.count else { throw .valueError("end of string while looking for conversion specifier") }
                conversion = field[k + 1]
                if k + 2 < field.count {
                    guard field[k + 2] == ":" else { throw .valueError("expected ':' after conversion specifier") }
                    specChars = field[(k + 3)...]
                }
            } else if k < field.count {
                specChars = field[(k + 1)...]
            }
            var v = try formatFieldValue(name, args, kwargs, &auto)
            switch conversion {
            case nil: break
            case "r"?: v = .str(try checkedRepr(v))
            case "s"?: v = .str(try str(v))
            case "a"?: v = .str(asciiRepr(try checkedRepr(v)))
            case let x?: throw .valueError("Unknown conversion specifier \(x)")
            }
            var spec = String(specChars)
            if specChars.contains("{") {
                guard depth < 1 else { throw .valueError("Max string recursion exceeded") }
                spec = try formatFields(specChars, args, kwargs, &auto, depth: depth + 1)
            }
            out += try format(v, spec)
        }
        return out
    }

    /// The value a replacement field names: `{}` (the next argument), `{0}`, `{name}`, then `[key]`s and `.attr`s.
    private func formatFieldValue(_ field: ArraySlice<Character>, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ auto: inout Int?) throws(PyError) -> PyValue {
        let head = field.prefix { $0 != "[" && $0 != "." }
        let first = String(head)
        var v: PyValue
        if first.isEmpty {
            guard let n = auto else { throw .valueError("cannot switch from manual field specification to automatic field numbering") }
            guard n < args.count else { throw .indexError("Replacement index \(n) out of range for positional args tuple") }
            v = args[n]; auto = n + 1
        } else if first.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(first) {
            if let a = auto, a > 0 { throw .valueError("cannot switch from automatic field numbering to manual field specification") }
            auto = nil
            guard n < args.count else { throw .indexError("Replacement index \(n) out of range for positional args tuple") }
            v = args[n]
        } else {
            guard let kv = kwargs.first(where: { $0.0 == first }) else { throw PyError(type: "KeyError", message: pyStrRepr(first)) }
            v = kv.1
        }
        var rest = field.dropFirst(head.count)
        while let c = rest.popFirst() {
            if c == "." {
                let attr = rest.prefix { $0 != "[" && $0 != "." }
                rest = rest.dropFirst(attr.count)
                guard !attr.isEmpty else { throw .valueError("Empty attribute in format string") }
                v = try attribute(v, String(attr))
            } else if c == "[" {
                let key = rest.prefix { $0 != "]" }
                rest = rest.dropFirst(key.count)
                guard rest.popFirst() == "]" else { throw .valueError("Missing ']' in format string") }
                guard !key.isEmpty else { throw .valueError("Empty attribute in format string") }
                let ks = String(key)
                v = try getItem(v, ks.allSatisfy({ $0.isASCII && $0.isNumber }) ? .int(Int(ks) ?? 0) : .str(ks))
            } else {
                throw .valueError("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return v
    }

    func listMethod(_ l: PyList, _ name: String) -> PyValue? {
        switch name {
        case "append": return method(name) { args, _, i throws(PyError) in
            guard args.count == 1 else { throw .typeError("list.append() takes exactly one argument (\(args.count) given)") }
            l.items.append(args[0]); try i.checkElements(l.items.count); return .none }
        case "extend": return method(name) { args, _, i throws(PyError) in
            guard args.count == 1 else { throw .typeError("list.extend() takes exactly one argument (\(args.count) given)") }
            l.items += try i.iterate(args[0]); try i.checkElements(l.items.count); return .none }
        case "pop": return method(name) { args, _, _ throws(PyError) in
            guard !l.items.isEmpty else { throw .indexError("pop from empty list") }
            var k = args.first?.asIndex ?? -1
            if k < 0 { k += l.items.count }
            guard k >= 0, k < l.items.count else { throw .indexError("pop index out of range") }
            return l.items.remove(at: k) }
        case "insert": return method(name) { args, _, _ throws(PyError) in
            guard args.count == 2, var k = args[0].asIndex else { throw .typeError("insert expected 2 arguments, got \(args.count)") }
            if k < 0 { k = max(0, k + l.items.count) }
            l.items.insert(args[1], at: min(k, l.items.count)); return .none }
        case "remove": return method(name) { args, _, i throws(PyError) in
            guard let x = args.first, let k = l.items.firstIndex(where: { i.equal($0, x) }) else { throw .valueError("list.remove(x): x not in list") }
            l.items.remove(at: k); return .none }
        case "index": return method(name) { args, _, i throws(PyError) in
            guard let x = args.first, let k = l.items.firstIndex(where: { i.equal($0, x) }) else {
                throw .valueError("\(args.first.map { i.repr($0) } ?? "") is not in list") }
            return .int(k) }
        case "count": return method(name) { args, _, i throws(PyError) in
            guard let x = args.first else { throw .typeError("list.count() takes exactly one argument (0 given)") }
            return .int(l.items.filter { i.equal($0, x) }.count) }
        case "reverse": return method(name) { _, _, _ throws(PyError) in l.items.reverse(); return .none }
        case "sort": return method(name) { args, kwargs, i throws(PyError) in
            if !args.isEmpty { throw .typeError("sort() takes no positional arguments") }
            var items = l.items
            try i.sortList(&items, kwargs, "sort")
            l.items = items
            return .none }
        case "copy": return method(name) { _, _, _ throws(PyError) in .list(PyList(l.items)) }
        case "clear": return method(name) { _, _, _ throws(PyError) in l.items = []; return .none }
        default: return nil
        }
    }

    func tupleMethod(_ t: [PyValue], _ name: String) -> PyValue? {
        switch name {
        case "index": return method(name) { args, _, i throws(PyError) in
            guard let x = args.first, let k = t.firstIndex(where: { i.equal($0, x) }) else { throw .valueError("tuple.index(x): x not in tuple") }
            return .int(k) }
        case "count": return method(name) { args, _, i throws(PyError) in
            guard let x = args.first else { throw .typeError("tuple.count() takes exactly one argument (0 given)") }
            return .int(t.filter { i.equal($0, x) }.count) }
        default: return nil
        }
    }

    func dictMethod(_ d: PyDict, _ name: String) -> PyValue? {
        switch name {
        case "keys": return method(name) { _, _, _ throws(PyError) in .object(DictView(d.isOrderedDict ? "odict_keys" : "dict_keys", d.keys)) }
        case "values": return method(name) { _, _, _ throws(PyError) in .object(DictView(d.isOrderedDict ? "odict_values" : "dict_values", d.values)) }
        case "items": return method(name) { _, _, _ throws(PyError) in .object(DictView(d.isOrderedDict ? "odict_items" : "dict_items", zip(d.keys, d.values).map { .tuple([$0, $1]) })) }
        case "get": return method(name) { args, _, _ throws(PyError) in
            guard let k = args.first else { throw .typeError("get expected at least 1 argument, got 0") }
            return try d.get(k) ?? (args.count > 1 ? args[1] : .none) }
        case "pop": return method(name) { args, _, i throws(PyError) in
            guard let k = args.first else { throw .typeError("pop expected at least 1 argument, got 0") }
            guard let idx = d.index[try HashKey(k)] else {
                if args.count > 1 { return args[1] }
                throw i.keyError(k)
            }
            let v = d.values[idx]
            let keys = d.keys, values = d.values
            d.keys = []; d.values = []; d.index = [:]
            for (n, (kk, vv)) in zip(keys, values).enumerated() where n != idx { try d.set(kk, vv) }
            return v }
        case "update": return method(name) { args, kwargs, i throws(PyError) in
            if case .dict(let o)? = args.first { for (k, v) in zip(o.keys, o.values) { try d.set(k, v) } }
            else if let src = args.first { try i.updatePairs(d, src) }
            for (k, v) in kwargs { try d.set(.str(k), v) }
            return .none }
        case "copy": return method(name) { _, _, _ throws(PyError) in
            let c = PyDict(); for (k, v) in zip(d.keys, d.values) { try c.set(k, v) }
            c.isOrderedDict = d.isOrderedDict; c.defaultFactory = d.defaultFactory; c.isCounter = d.isCounter
            return .dict(c) }
        case "setdefault": return method(name) { args, _, _ throws(PyError) in
            guard let k = args.first else { throw .typeError("setdefault expected at least 1 argument, got 0") }
            if let v = try d.get(k) { return v }
            let v = args.count > 1 ? args[1] : .none
            try d.set(k, v)
            return v }
        case "popitem": return method(name) { _, _, _ throws(PyError) in
            guard !d.keys.isEmpty else { throw PyError(type: "KeyError", message: "'popitem(): dictionary is empty'") }
            let k = d.keys.count - 1
            let pair = PyValue.tuple([d.keys[k], d.values[k]])
            d.remove(at: k)
            return pair }
        case "clear": return method(name) { _, _, _ throws(PyError) in d.keys = []; d.values = []; d.index = [:]; return .none }
        case "most_common" where d.isCounter: return method(name) { args, _, i throws(PyError) in
            var pairs = PythonModules.mostCommon(d, i)
            if let n = args.first?.asIndex { pairs = Array(pairs.prefix(max(0, n))) }
            return .list(PyList(pairs.map { .tuple([$0.0, $0.1]) })) }
        case "update" where d.isCounter: return method(name) { args, _, i throws(PyError) in
            if let src = args.first { try PythonModules.counterUpdate(d, src, i) }
            return .none }
        case "total" where d.isCounter: return method(name) { _, _, i throws(PyError) in
            var acc = PyValue.int(0)
            for v in d.values { acc = try i.binary("+", acc, v) }
            return acc }
        case "elements" where d.isCounter: return method(name) { _, _, _ throws(PyError) in
            var out: [PyValue] = []
            for (k, v) in zip(d.keys, d.values) { for _ in 0..<max(0, v.asIndex ?? 0) { out.append(k) } }
            return .object(SequenceIterator(.items(out), name: "itertools.chain")) }
        default: return nil
        }
    }

    // MARK: Subscripts

    func normalize(_ i: Int, _ n: Int, _ what: String) throws(PyError) -> Int {
        let j = i < 0 ? i + n : i
        guard j >= 0, j < n else { throw .indexError("\(what) index out of range") }
        return j
    }

    func sliceItems<T>(_ items: [T], _ s: SliceObject) throws(PyError) -> [T] {
        let (a, b, step) = try s.indices(items.count)
        if step == 1 { return a < b ? Array(items[a..<b]) : [] }
        var out: [T] = []
        var k = a
        while step > 0 ? k < b : k > b { out.append(items[k]); k += step }
        return out
    }

    /// `dict(pairs)` and `d.update(pairs)`: each item a key and a value, CPython's errors naming the item's index.
    func updatePairs(_ d: PyDict, _ source: PyValue) throws(PyError) {
        for (n, item) in try iterate(source).enumerated() {
            let pair: [PyValue]
            do { pair = try iterate(item) } catch {
                if error.type == "TypeError" { throw .typeError("cannot convert dictionary update sequence element #\(n) to a sequence") }
                throw error
            }
            guard pair.count == 2 else { throw .valueError("dictionary update sequence element #\(n) has length \(pair.count); 2 is required") }
            try d.set(pair[0], pair[1])
        }
    }

    func getItem(_ v: PyValue, _ index: PyValue) throws(PyError) -> PyValue {
        switch v {
        case .list(let l):
            if case .object(let s as SliceObject) = index { return .list(PyList(try sliceItems(l.items, s))) }
            guard let i = index.asIndex else { throw index.notAnIndex("list indices must be integers or slices, not \(index.typeName)") }
            return l.items[try normalize(i, l.items.count, "list")]
        case .tuple(let t):
            if case .object(let s as SliceObject) = index { return .tuple(try sliceItems(t, s)) }
            guard let i = index.asIndex else { throw index.notAnIndex("tuple indices must be integers or slices, not \(index.typeName)") }
            return t[try normalize(i, t.count, "tuple")]
        case .size(let t):
            if case .object(let s as SliceObject) = index { return .size(try sliceItems(t, s)) }
            guard let i = index.asIndex else { throw index.notAnIndex("tuple indices must be integers or slices, not \(index.typeName)") }
            return .int(t[try normalize(i, t.count, "tuple")])
        case .str(let s):
            let chars = Array(s.unicodeScalars)
            if case .object(let sl as SliceObject) = index { return .str(String(String.UnicodeScalarView(try sliceItems(chars, sl)))) }
            guard let i = index.asIndex else { throw index.notAnIndex("string indices must be integers, not '\(index.typeName)'") }
            return .str(String(Character(chars[try normalize(i, chars.count, "string")])))
        case .range(let a, let b, let st):
            let n = rangeCount(a, b, st)
            if case .object(let sl as SliceObject) = index {   // a range again, as CPython's range slicing gives
                let (i, j, k) = try sl.indices(n)
                return .range(a + i * st, a + j * st, st * k)
            }
            guard let i = index.asIndex else { throw .typeError("range indices must be integers or slices, not \(index.typeName)") }
            return .int(a + st * (try normalize(i, n, "range object")))
        case .dict(let d):
            guard let r = try d.get(index) else {
                if d.isCounter { _ = try HashKey(index); return .int(0) }
                if let f = d.defaultFactory, !f.isNone {
                    let v = try call(f, [], [])
                    try d.set(index, v)
                    return v
                }
                throw keyError(index)
            }
            return r
        case .tensor(let t):
            if case .tuple(let items) = index { return try tensorIndex(t, items) }
            return try tensorIndex(t, [index])
        case .object(let o as ModuleBase) where !(o is NativeSpecialMethods):
            throw .typeError("'\(o.typeName)' object is not subscriptable")
        case .object(let r as ReturnTypesObject):
            // torch.return_types.max is a named tuple: x.max(1)[1] is the indices.
            return try getItem(.tuple(r.items), index)
        case .object(let t as NamedTupleObject):
            return try getItem(.tuple(t.items), index)
        case .object(let b as BytesObject):
            if case .object(let sl as SliceObject) = index { return .object(BytesObject(try sliceItems(b.bytes, sl))) }
            guard let i = index.asIndex else { throw .typeError("byte indices must be integers or slices, not \(index.typeName)") }
            return .int(Int(b.bytes[try normalize(i, b.bytes.count, "index")]))
        case .object(let c as UserClass) where c.lookup("__class_getitem__") != nil:
            return try call(try bindToInstance(c.lookup("__class_getitem__")!.0, .object(c)), [index], [])
        case .object where try special(v, "__getitem__") != nil:
            return try call(try special(v, "__getitem__")!, [index], [])
        case .object(let s as SetObject):
            throw .typeError("'\(s.typeName)' object is not subscriptable")
        default:
            throw .typeError("'\(v.typeName)' object is not subscriptable")
        }
    }
}

/// `dict.keys()`, `values()`, `items()`.
final class DictView: PyObject {
    let name: String
    let items: [PyValue]
    init(_ name: String, _ items: [PyValue]) { self.name = name; self.items = items }
    override var typeName: String { name }
    override func repr(_ interp: Interpreter) -> String { "\(name)([" + items.map { interp.repr($0) }.joined(separator: ", ") + "])" }
}
