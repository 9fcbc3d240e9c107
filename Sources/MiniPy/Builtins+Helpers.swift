import Foundation
import RNNEngine

/// What the built-ins in `Builtins+Language.swift` share: conversions, sorting, min/max, isinstance.
extension Interpreter {
    /// A clock and budget check for built-ins that loop over user-sized data (`all`, `sum`, `sorted`, `str.join`…):
    /// one long operation cannot outlast the time limit by more than a few milliseconds.
    func pulse() throws(PyError) {
        pulses &+= 1
        if pulses & 255 == 0 { try checkTime() }
    }

    /// `int(x)`, `int(s, base)`.
    func intConstructor(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("int", ["x", "base"], required: 0, args, kwargs)
        guard let x = b[0] else {
            if b[1] != nil { throw .typeError("int() missing string argument") }
            return .int(0)
        }
        if let baseValue = b[1] {
            guard let base = baseValue.asIndex else { throw baseValue.notAnIndex("'\(baseValue.typeName)' object cannot be interpreted as an integer") }
            guard base == 0 || (2...36).contains(base) else { throw .valueError("int() base must be >= 2 and <= 36, or 0") }
            guard case .str(let s) = x else { throw .typeError("int() can't convert non-string with explicit base") }
            return .int(try parseInt(s, base: base))
        }
        switch x {
        case .int, .bool: return .int(x.asIndex!)
        case .float(let f): return .int(try floatToInt(f))
        case .str(let s): return .int(try parseInt(s, base: 10))
        case .tensor(let t): return try t.pythonInt()
        case .object(let b as BytesObject):
            guard let s = String(bytes: b.bytes, encoding: .ascii) else { throw .valueError("invalid literal for int() with base 10: \(b.repr(self))") }
            return .int(try parseInt(s, base: 10))
        default:
            for name in ["__int__", "__index__"] {
                if let m = try special(x, name) { return try call(m, [], []) }
            }
            throw .typeError("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
        }
    }

    /// A float's integer part, with CPython's errors for NaN and infinity; past 64 bits, MiniPy says it lacks them.
    func floatToInt(_ f: Double) throws(PyError) -> Int {
        if f.isNaN { throw .valueError("cannot convert float NaN to integer") }
        if f.isInfinite { throw PyError(type: "OverflowError", message: "cannot convert float infinity to integer") }
        let t = f.rounded(.towardZero)
        guard t >= -9.223372036854775808e18, t < 9.223372036854775808e18 else { throw Lexer.bigInt(0) }
        return Int(t)
    }

    /// `int(s, base)` as CPython parses it: whitespace around, a sign, underscores between digits, a prefix for
    /// base 0 (and allowed for its own base).
    func parseInt(_ s: String, base: Int) throws(PyError) -> Int {
        let original = s
        func fail() -> PyError { .valueError("invalid literal for int() with base \(base): \(pyStrRepr(original))") }
        var t = Substring(s.trimmingCharacters(in: .whitespacesAndNewlines))
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        var radix = base
        let lower = t.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == 0 || base == r) {
            radix = r
            t = t.dropFirst(2)
            if t.hasPrefix("_") { t = t.dropFirst() }
        }
        if radix == 0 {
            radix = 10
            if t.count > 1, t.hasPrefix("0"), t.contains(where: { $0 != "0" && $0 != "_" }) { throw fail() }
        }
        guard !t.isEmpty, !t.hasPrefix("_"), !t.hasSuffix("_"), !t.contains("__") else { throw fail() }
        let digits = t.replacingOccurrences(of: "_", with: "")
        guard digits.allSatisfy({ $0.isASCII && Int(String($0), radix: radix) != nil }) else { throw fail() }
        guard let v = Int(digits, radix: radix) else { throw Lexer.bigInt(0) }
        return negative ? -v : v
    }

    /// `hex(n)`, `oct(n)`, `bin(n)`.
    func intToBase(_ args: [PyValue], _ name: String, _ radix: Int, _ prefix: String) throws(PyError) -> String {
        guard args.count == 1 else { throw .typeError("\(name)() takes exactly one argument (\(args.count) given)") }
        var v = args[0]
        if case .object = v, let m = try special(v, "__index__") { v = try call(m, [], []) }
        guard let n = v.asIndex else { throw args[0].notAnIndex("'\(args[0].typeName)' object cannot be interpreted as an integer") }
        let magnitude = String(n.magnitude, radix: radix)
        return (n < 0 ? "-" : "") + prefix + magnitude
    }

    /// `round(x)`, `round(x, n)`: ints stay ints (rounded half to even to 10**-n when n < 0); floats round half to
    /// even, to an int without n.
    func round(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("round", ["number", "ndigits"], required: 1, args, kwargs)
        let x = b[0]!
        var nd: Int?
        if let n = b[1], !n.isNone {
            guard let v = n.asIndex else { throw n.notAnIndex("'\(n.typeName)' object cannot be interpreted as an integer") }
            nd = v
        }
        switch x {
        case .int, .bool:
            let v = x.asIndex!
            guard let nd, nd < 0 else { return .int(v) }
            if nd < -18 { return .int(0) }
            var p = 1
            for _ in 0..<(-nd) { p *= 10 }
            var q = v / p, r = v % p
            if r < 0 { q -= 1; r += p }
            if r * 2 > p || (r * 2 == p && q % 2 != 0) { q += 1 }
            let (result, overflow) = q.multipliedReportingOverflow(by: p)
            if overflow { throw Lexer.bigInt(0) }
            return .int(result)
        case .float(let f):
            guard let nd else { return .int(try floatToInt(f.rounded(.toNearestOrEven))) }
            if !f.isFinite || nd > 323 { return .float(f) }
            if nd >= 0 {
                return .float(Double(String(format: "%.\(nd)f", f)) ?? f)
            }
            if nd < -308 { return .float(f.sign == .minus ? -0.0 : 0.0) }
            let p = Foundation.pow(10.0, Double(-nd))
            let r = (f / p).rounded(.toNearestOrEven) * p
            return .float(r.isFinite ? r : f)
        case .tensor:
            throw .typeError("type Tensor doesn't define __round__ method")   // torch.Tensor has no __round__
        default:
            if let m = try special(x, "__round__") { return try call(m, nd.map { [.int($0)] } ?? [], []) }
            throw .typeError("type \(x.typeName) doesn't define __round__ method")
        }
    }

    /// `min`/`max` with `key=` and `default=`, Python's rules for one iterable or several arguments.
    func pyExtremum(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ name: String, _ op: String) throws(PyError) -> PyValue {
        var key: PyValue?, defaultValue: PyValue?
        for (k, v) in kwargs {
            switch k {
            case "key": if !v.isNone { key = v }
            case "default": defaultValue = v
            default: throw .typeError("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        if args.isEmpty { throw .typeError("\(name) expected at least 1 argument, got 0") }
        if args.count > 1, defaultValue != nil {
            throw .typeError("Cannot specify a default for \(name)() with multiple positional arguments")
        }
        if args.count == 1, case .tensor = args[0], key == nil {
            return try extreme(args, name, op)
        }
        var best: PyValue?, bestKey: PyValue?
        func consider(_ x: PyValue) throws(PyError) {
            try pulse()
            let k = try key.map { f throws(PyError) in try call(f, [x], []) } ?? x
            if let b = bestKey {
                if try order(op, k, b) { best = x; bestKey = k }
            } else {
                best = x; bestKey = k
            }
        }
        if args.count == 1 {
            try forEach(args[0]) { (x: PyValue) throws(PyError) -> Bool in try consider(x); return true }
        } else {
            for x in args { try consider(x) }
        }
        if let best { return best }
        if let defaultValue { return defaultValue }
        throw .valueError("\(name)() arg is an empty sequence")
    }

    /// `sorted(..., key=, reverse=)` and `list.sort`: a stable merge sort (CPython's order for equal keys), with
    /// reverse done as CPython does it (reverse, sort, reverse), and the clock checked as it goes.
    func sortList(_ items: inout [PyValue], _ kwargs: [(String, PyValue)], _ fname: String) throws(PyError) {
        var key: PyValue?, reverse = false
        for (k, v) in kwargs {
            switch k {
            case "key": if !v.isNone { key = v }
            case "reverse": reverse = try truth(v)
            default: throw .typeError("'\(k)' is an invalid keyword argument for \(fname)()")
            }
        }
        var keys: [PyValue] = []
        if let key { for x in items { try pulse(); keys.append(try call(key, [x], [])) } } else { keys = items }
        var order = Array(keys.indices)
        if reverse { order.reverse() }
        var buffer = order
        var width = 1
        let n = order.count
        while width < n {
            var lo = 0
            while lo < n {
                let mid = min(lo + width, n), hi = min(lo + 2 * width, n)
                var a = lo, b = mid, k = lo
                while a < mid && b < hi {
                    try pulse()
                    // Take from the right only when it is strictly less: stable.
                    if try self.order("<", keys[order[b]], keys[order[a]]) { buffer[k] = order[b]; b += 1 }
                    else { buffer[k] = order[a]; a += 1 }
                    k += 1
                }
                while a < mid { buffer[k] = order[a]; a += 1; k += 1 }
                while b < hi { buffer[k] = order[b]; b += 1; k += 1 }
                lo = hi
            }
            swap(&order, &buffer)
            width *= 2
        }
        if reverse { order.reverse() }
        let source = items
        items = order.map { source[$0] }
    }

    /// `set(iterable)`, `frozenset(iterable)`.
    func makeSet(_ args: [PyValue], _ kwargs: [(String, PyValue)], frozen: Bool) throws(PyError) -> PyValue {
        let name = frozen ? "frozenset" : "set"
        if !kwargs.isEmpty { throw .typeError("\(name)() takes no keyword arguments") }
        if args.count > 1 { throw .typeError("\(name) expected at most 1 argument, got \(args.count)") }
        let s = SetObject(frozen: frozen)
        if let a = args.first {
            try forEach(a) { (x: PyValue) throws(PyError) -> Bool in
                try s.add(x)
                try self.pulse()
                return true
            }
            try checkElements(s.count)
        }
        return .object(s)
    }

    /// `isinstance(v, cls)`.
    func isInstance(_ v: PyValue, _ cls: PyValue, _ message: String) throws(PyError) -> Bool {
        switch cls {
        case .tuple(let options):
            for o in options where try isInstance(v, o, message) { return true }
            return false
        case .object(let t as BuiltinType): return t.contains(v)
        case .object(is ObjectClass): return true
        case .object(let u as UserClass):
            switch v {
            case .object(let o as UserObject): return o.cls.isSubclass(of: u)
            case .object(let m as UserModule): return m.cls?.isSubclass(of: u) ?? false
            case .object(let e as ExceptionObject):
                guard let ec = u.exceptionClass else { return false }
                return e.cls.isSubclass(of: ec)
            default: return false
            }
        case .object(let c as ExceptionClass):
            guard case .object(let e as ExceptionObject) = v else { return false }
            return e.cls.isSubclass(of: c)
        case .object(is ModuleBaseClass):
            if case .object(is ModuleBase) = v { return true }
            return false
        case .object(let c as PyClass):
            switch v {
            case .tensor(let t): return c.name == "Tensor" || (c.name == "Parameter" && t.isParameter) || c.qualified == t.dtype.legacyTypeName
            case .size: return c.name == "Size"
            case .object(let m as ModuleBase): return m.moduleName == c.name
            default: return v.typeName == c.name
            }
        case .object(let f as Builtin) where ["int", "float", "str", "list", "tuple", "dict", "bool", "range"].contains(f.name):
            return v.typeName == f.name || (f.name == "int" && v.typeName == "bool")
        default: throw .typeError(message)
        }
    }

    /// `issubclass(c, base)`.
    func isSubclass(_ c: PyValue, _ base: PyValue) throws(PyError) -> Bool {
        if case .tuple(let options) = base {
            for o in options where try isSubclass(c, o) { return true }
            return false
        }
        guard case .object(let co) = c, co.typeName == "type" else { throw .typeError("issubclass() arg 1 must be a class") }
        guard case .object(let bo) = base, bo.typeName == "type" else {
            throw .typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        }
        if bo is ObjectClass { return true }
        if co === bo { return true }
        switch (co, bo) {
        case (let u as UserClass, _): return u.isSubclass(of: bo) || (bo is ModuleBaseClass && u.isModule)
        case (let e as ExceptionClass, let f as ExceptionClass): return e.isSubclass(of: f)
        case (let e as ExceptionClass, let u as UserClass): return u.exceptionClass.map { e.isSubclass(of: $0) } ?? false
        case (let a as BuiltinType, let b as BuiltinType): return a.name == "bool" && b.name == "int"
        case (let a as PyClass, is ModuleBaseClass): return a.qualified.hasPrefix("torch.nn.modules")
        default: return false
        }
    }
}
