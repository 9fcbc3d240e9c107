import Foundation
import RNNEngine

extension Interpreter {
    // MARK: Arithmetic

    static let dunders: [String: (String, String)] = [
        "+": ("__add__", "__radd__"), "-": ("__sub__", "__rsub__"), "*": ("__mul__", "__rmul__"),
        "/": ("__truediv__", "__rtruediv__"), "//": ("__floordiv__", "__rfloordiv__"), "%": ("__mod__", "__rmod__"),
        "**": ("__pow__", "__rpow__"), "@": ("__matmul__", "__rmatmul__"), "&": ("__and__", "__rand__"),
        "|": ("__or__", "__ror__"), "^": ("__xor__", "__rxor__"), "<<": ("__lshift__", "__rlshift__"),
        ">>": ("__rshift__", "__rrshift__"),
    ]

    /// A user class's operator method (`__add__`, then the other operand's `__radd__`); nil when neither applies.
    func userBinary(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue? {
        guard let (forward, reflected) = Self.dunders[op] else { return nil }
        if let m = try special(l, forward) {
            let v = try call(m, [r], [])
            if case .object(is NotImplementedObject) = v {} else { return v }
        }
        if let m = try special(r, reflected) {
            let v = try call(m, [l], [])
            if case .object(is NotImplementedObject) = v {} else { return v }
        }
        return nil
    }

    func isUserInstance(_ v: PyValue) -> Bool {
        guard case .object(let o) = v else { return false }
        return o is UserObject || (o as? UserModule)?.cls != nil || (o as? ExceptionObject)?.cls.userClass != nil
    }

    /// `target op= value`: in place for lists (`+=` extends, `*=` repeats), sets and dicts (`|=`), and a user
    /// class's `__iadd__`…; otherwise the binary operation.
    func inPlace(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue {
        switch (op, l) {
        case ("+", .list(let a)):
            let items = try iterate(r)
            try checkElements(a.items.count + items.count, size: MemoryLayout<PyValue>.stride)
            a.items += items
            return l
        case ("*", .list(let a)):
            guard let n = r.asIndex else { return try binary(op, l, r) }
            let count = max(0, n)
            try checkElements(a.items.count.multipliedReportingOverflow(by: count).overflow ? Int.max : a.items.count * count,
                              size: MemoryLayout<PyValue>.stride)
            let once = a.items
            a.items = []
            for _ in 0..<count { a.items += once }
            return l
        case ("|", .dict(let d)):
            guard case .dict(let o) = r else { return try binary(op, l, r) }
            for (k, v) in zip(o.keys, o.values) { try d.set(k, v) }
            return l
        case (_, .object(let s as SetObject)) where ["|", "&", "-", "^"].contains(op):
            guard case .object(let o as SetObject) = try binary(op, l, r) else { return l }
            s.clear()
            for x in o.items { try s.add(x) }
            return l
        default:
            if isUserInstance(l), let (forward, _) = Self.dunders[op], let m = try special(l, "__i" + forward.dropFirst(2)) {
                return try call(m, [r], [])
            }
            return try binary(op, l, r)
        }
    }

    func binary(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue {
        if isUserInstance(l) || isUserInstance(r), let v = try userBinary(op, l, r) { return v }
        // A list, tuple or str beside a tensor: Python's sequence operations answer before torch's (`+` refuses,
        // `*` repeats by the tensor's __index__, as `[0] * n_tensor` does).
        if op == "+", case .tensor = r {
            switch l {
            case .list, .tuple, .str: throw .typeError("can only concatenate \(l.typeName) (not \"Tensor\") to \(l.typeName)")
            default: break
            }
        }
        if op == "*" {
            func isSequence(_ v: PyValue) -> Bool { switch v { case .list, .tuple, .str: return true; default: return false } }
            if case .tensor = r, isSequence(l) {
                guard let n = r.asIndex else { throw r.notAnIndex("") }
                return try binary(op, l, .int(n))
            }
            if case .tensor = l, isSequence(r) {
                guard let n = l.asIndex else { throw l.notAnIndex("") }
                return try binary(op, r, .int(n))
            }
        }
        if case .tensor = l { return try tensorBinary(op, l, r) }
        // `"%.4f" % loss`: str.__mod__ goes first and formats the tensor as a number.
        if case .str(let s) = l, op == "%", case .tensor = r { return .str(try percentFormat(s, r)) }
        if case .tensor = r { return try tensorBinary(op, l, r) }
        switch (l, r) {
        case (.bool(let a), .bool(let b)) where op == "&" || op == "|" || op == "^":
            return .bool(op == "&" ? a && b : op == "|" ? a || b : a != b)
        case (.int, .int), (.int, .bool), (.bool, .int), (.bool, .bool):
            return try intBinary(op, l.asIndex!, r.asIndex!)
        case (.object(let a as SetObject), .object(let b as SetObject)) where ["|", "&", "-", "^"].contains(op):
            let out = SetObject(frozen: a.frozen)
            switch op {
            case "|": for x in a.items + b.items { try out.add(x) }
            case "&": for x in a.items where try b.contains(x) { try out.add(x) }
            case "-": for x in a.items where try !b.contains(x) { try out.add(x) }
            default:
                for x in a.items where try !b.contains(x) { try out.add(x) }
                for x in b.items where try !a.contains(x) { try out.add(x) }
            }
            return .object(out)
        case (.dict(let a), .dict(let b)) where op == "|":
            let d = PyDict()
            for (k, v) in zip(a.keys + b.keys, a.values + b.values) { try d.set(k, v) }
            return .dict(d)
        case (.object(let a as BytesObject), .object(let b as BytesObject)) where op == "+":
            try charge(bytes: a.bytes.count + b.bytes.count)
            return .object(BytesObject(a.bytes + b.bytes))
        case (.object(let a as BytesObject), _) where op == "*" && r.asIndex != nil:
            let n = max(0, r.asIndex!)
            try checkElements(a.bytes.count.multipliedReportingOverflow(by: n).overflow ? Int.max : a.bytes.count * n, size: 1)
            return .object(BytesObject(Array([[UInt8]](repeating: a.bytes, count: n).joined())))
        case (.float, _) where r.asDouble != nil, (_, .float) where l.asDouble != nil:
            return try floatBinary(op, l.asDouble!, r.asDouble!)
        case (.str(let a), .str(let b)) where op == "+":
            try checkElements(a.utf8.count + b.utf8.count, size: 1)
            return .str(a + b)
        case (.list(let a), .list(let b)) where op == "+":
            try checkElements(a.items.count + b.items.count, size: MemoryLayout<PyValue>.stride)
            return .list(PyList(a.items + b.items))
        case (.tuple(let a), .tuple(let b)) where op == "+":
            try checkElements(a.count + b.count, size: MemoryLayout<PyValue>.stride)
            return .tuple(a + b)
        case (.str(let s), _) where op == "*" && r.asIndex != nil:
            let n = max(0, r.asIndex!)
            let len = s.unicodeScalars.count
            try checkElements(len.multipliedReportingOverflow(by: n).overflow ? Int.max : len * n, size: max(1, s.utf8.count / max(1, len)))
            return .str(String(repeating: s, count: n))
        case (_, .str) where op == "*" && l.asIndex != nil:
            return try binary(op, r, l)
        case (.list(let a), _) where op == "*" && r.asIndex != nil:
            let n = max(0, r.asIndex!)
            try checkElements(a.items.count.multipliedReportingOverflow(by: n).overflow ? Int.max : a.items.count * n,
                              size: MemoryLayout<PyValue>.stride)
            if a.items.count == 1 { return .list(PyList(Array(repeating: a.items[0], count: n))) }
            var out: [PyValue] = []
            out.reserveCapacity(a.items.count * n)
            for k in 0..<n { out += a.items; if k & 4095 == 4095 { try pulse() } }
            return .list(PyList(out))
        case (_, .list) where op == "*" && l.asIndex != nil:
            return try binary(op, r, l)
        case (.tuple(let a), _) where op == "*" && r.asIndex != nil:
            let n = max(0, r.asIndex!)
            try checkElements(a.count.multipliedReportingOverflow(by: n).overflow ? Int.max : a.count * n, size: MemoryLayout<PyValue>.stride)
            var out: [PyValue] = []
            out.reserveCapacity(a.count * n)
            for _ in 0..<n { out += a }
            return .tuple(out)
        case (_, .tuple) where op == "*" && l.asIndex != nil:
            return try binary(op, r, l)
        case (.str(let s), _) where op == "%":
            return .str(try percentFormat(s, r))
        default:
            if op == "+", case .str = l {
                throw .typeError("can only concatenate str (not \"\(r.typeName)\") to str")
            }
            if op == "+", case .list = l {
                throw .typeError("can only concatenate list (not \"\(r.typeName)\") to list")
            }
            if op == "+", case .tuple = l {
                throw .typeError("can only concatenate tuple (not \"\(r.typeName)\") to tuple")
            }
            if op == "*", case .str = l { throw .typeError("can't multiply sequence by non-int of type '\(r.typeName)'") }
            if op == "*", case .list = l { throw .typeError("can't multiply sequence by non-int of type '\(r.typeName)'") }
            if op == "*", case .str = r { throw .typeError("can't multiply sequence by non-int of type '\(l.typeName)'") }
            if op == "*", case .list = r { throw .typeError("can't multiply sequence by non-int of type '\(l.typeName)'") }
            let shown = op == "**" ? "** or pow()" : op
            throw .typeError("unsupported operand type(s) for \(shown): '\(l.typeName)' and '\(r.typeName)'")
        }
    }

    func intBinary(_ op: String, _ a: Int, _ b: Int) throws(PyError) -> PyValue {
        func checked(_ r: (partialValue: Int, overflow: Bool)) throws(PyError) -> PyValue {
            if r.overflow { throw Lexer.bigInt(0) }
            return .int(r.partialValue)
        }
        switch op {
        case "+": return try checked(a.addingReportingOverflow(b))
        case "-": return try checked(a.subtractingReportingOverflow(b))
        case "*": return try checked(a.multipliedReportingOverflow(by: b))
        case "/":
            if b == 0 { throw PyError(type: "ZeroDivisionError", message: "division by zero") }
            return .float(Double(a) / Double(b))
        case "//", "%":
            if b == 0 {
                throw PyError(type: "ZeroDivisionError", message: op == "//" ? "integer division or modulo by zero" : "integer modulo by zero")
            }
            if a == Int.min && b == -1 { throw Lexer.bigInt(0) }
            var q = a / b, m = a % b
            if m != 0 && ((m < 0) != (b < 0)) { q -= 1; m += b }
            return .int(op == "//" ? q : m)
        case "**":
            if b < 0 { return .float(pow(Double(a), Double(b))) }
            var result = 1, base = a, e = b
            while e > 0 {
                if e & 1 == 1 {
                    let r = result.multipliedReportingOverflow(by: base)
                    if r.overflow { throw Lexer.bigInt(0) }
                    result = r.partialValue
                }
                e >>= 1
                if e > 0 {
                    let r = base.multipliedReportingOverflow(by: base)
                    if r.overflow { throw Lexer.bigInt(0) }
                    base = r.partialValue
                }
            }
            return .int(result)
        case "&": return .int(a & b)
        case "|": return .int(a | b)
        case "^": return .int(a ^ b)
        case "<<":
            if b < 0 { throw .valueError("negative shift count") }
            if a == 0 { return .int(0) }
            guard b < 63, (a << b) >> b == a else { throw Lexer.bigInt(0) }
            return .int(a << b)
        case ">>":
            if b < 0 { throw .valueError("negative shift count") }
            return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
        default:
            throw .typeError("unsupported operand type(s) for \(op): 'int' and 'int'")
        }
    }

    func floatBinary(_ op: String, _ a: Double, _ b: Double) throws(PyError) -> PyValue {
        switch op {
        case "+": return .float(a + b)
        case "-": return .float(a - b)
        case "*": return .float(a * b)
        case "/":
            if b == 0 { throw PyError(type: "ZeroDivisionError", message: "float division by zero") }
            return .float(a / b)
        case "//":
            if b == 0 { throw PyError(type: "ZeroDivisionError", message: "float floor division by zero") }
            return .float((a / b).rounded(.down))
        case "%":
            if b == 0 { throw PyError(type: "ZeroDivisionError", message: "float modulo") }
            var m = fmod(a, b)
            if m != 0 && ((m < 0) != (b < 0)) { m += b }
            return .float(m)
        case "**":
            if a == 0 && b < 0 {
                throw PyError(type: "ZeroDivisionError", message: "0.0 cannot be raised to a negative power")
            }
            if a < 0 && b != b.rounded() && b.isFinite {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support complex numbers yet")
            }
            let r = pow(a, b)
            if r.isInfinite && a.isFinite && b.isFinite {
                throw PyError(type: "OverflowError", message: "(34, 'Numerical result out of range')")
            }
            return .float(r)
        default:
            throw .typeError("unsupported operand type(s) for \(op): 'float' and 'float'")
        }
    }

    func unary(_ op: String, _ v: PyValue) throws(PyError) -> PyValue {
        if op != "not", isUserInstance(v) {
            let name = op == "-" ? "__neg__" : op == "+" ? "__pos__" : "__invert__"
            if let m = try special(v, name) { return try call(m, [], []) }
        }
        switch (op, v) {
        case ("not", _): return .bool(!(try truth(v)))
        case ("-", .int(let i)):
            if i == Int.min { throw Lexer.bigInt(0) }
            return .int(-i)
        case ("-", .bool(let b)): return .int(b ? -1 : 0)
        case ("-", .float(let f)): return .float(-f)
        case ("+", .int), ("+", .float): return v
        case ("+", .bool(let b)): return .int(b ? 1 : 0)
        case ("~", _) where v.asIndex != nil: return .int(~v.asIndex!)
        case ("-", .object(let b as BytesObject)): _ = b; throw .typeError("bad operand type for unary -: 'bytes'")
        case (_, .tensor(let t)): return try tensorUnary(op, t)   // Torch+Arithmetic.swift
        default:
            throw .typeError("bad operand type for unary \(op): '\(v.typeName)'")
        }
    }

    // MARK: Comparison

    static let comparisonDunders: [String: (String, String)] = [
        "==": ("__eq__", "__eq__"), "!=": ("__ne__", "__ne__"), "<": ("__lt__", "__gt__"), "<=": ("__le__", "__ge__"),
        ">": ("__gt__", "__lt__"), ">=": ("__ge__", "__le__"),
    ]

    func compare(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue {
        if (op == "in" || op == "not in"), isUserInstance(r) || r.isNativeContainer, let m = try special(r, "__contains__") {
            let found = try truth(try call(m, [l], []))
            return .bool(op == "in" ? found : !found)
        }
        if let (forward, reflected) = Self.comparisonDunders[op], isUserInstance(l) || isUserInstance(r) {
            if let m = try special(l, forward) {
                let v = try call(m, [r], [])
                if case .object(is NotImplementedObject) = v {} else { return v }
            }
            if let m = try special(r, reflected) {
                let v = try call(m, [l], [])
                if case .object(is NotImplementedObject) = v {} else { return v }
            }
            if op == "!=", let m = try special(l, "__eq__") {
                let v = try call(m, [r], [])
                if case .object(is NotImplementedObject) = v {} else { return .bool(!(try truth(v))) }
            }
            if op == "==" || op == "!=" { return .bool(identical(l, r) == (op == "==")) }
            throw .typeError("'\(op)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'")
        }
        if case .object(let a as SetObject) = l, case .object(let b as SetObject) = r, op != "in", op != "not in", op != "is", op != "is not" {
            var sub = true, sup = true
            for x in a.items where try !b.contains(x) { sub = false; break }
            for x in b.items where try !a.contains(x) { sup = false; break }
            switch op {
            case "==": return .bool(sub && sup)
            case "!=": return .bool(!(sub && sup))
            case "<=": return .bool(sub)
            case "<": return .bool(sub && a.count < b.count)
            case ">=": return .bool(sup)
            default: return .bool(sup && a.count > b.count)
            }
        }
        switch op {
        case "==", "!=", "<", "<=", ">", ">=":
            if isTensor(l) || isTensor(r) {
                // Element-wise, as torch compares; a Python object it cannot compare with is Python's TypeError.
                if asTensor(l) == nil || asTensor(r) == nil {
                    if op == "==" || op == "!=" { return .bool(op == "!=") }
                    throw .typeError("'\(op)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'")
                }
                return try tensorBinary(op, l, r)
            }
            if op == "==" || op == "!=" {
                let same = equal(l, r)
                if equalOverflow {
                    equalOverflow = false
                    throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded in comparison")
                }
                return .bool(op == "==" ? same : !same)
            }
            return .bool(try order(op, l, r))
        case "is": return .bool(identical(l, r))
        case "is not": return .bool(!identical(l, r))
        case "in", "not in":
            let found: Bool
            switch r {
            case .str(let s):
                guard case .str(let sub) = l else {
                    throw .typeError("'in <string>' requires string as left operand, not \(l.typeName)")
                }
                found = sub.isEmpty || s.contains(sub)
            case .dict(let d): found = try d.get(l) != nil
            case .range(let a, let b, let st):
                if let v = l.asIndex, l.asDouble == Double(v) {
                    found = st > 0 ? (v >= a && v < b && (v - a) % st == 0) : (v <= a && v > b && (a - v) % (-st) == 0)
                } else {
                    found = try iterate(r).contains { equal(l, $0) }
                }
            case .list(let list): found = list.items.contains { equal(l, $0) }
            case .tuple, .size: found = try iterate(r).contains { equal(l, $0) }
            case .object(let s as SetObject): found = try s.contains(l)
            case .object(let b as BytesObject):
                if let n = l.asIndex { found = b.bytes.contains(UInt8(truncatingIfNeeded: n)) }
                else if case .object(let sub as BytesObject) = l {
                    found = sub.bytes.isEmpty || (0...max(0, b.bytes.count - sub.bytes.count)).contains { k in
                        k + sub.bytes.count <= b.bytes.count && Array(b.bytes[k..<(k + sub.bytes.count)]) == sub.bytes }
                } else { throw .typeError("a bytes-like object is required, not '\(l.typeName)'") }
            case .object(let dv as DictView): found = dv.items.contains { equal(l, $0) }
            case .tensor:
                // Tensor.__contains__: (element == self).any() for a tensor or a number.
                switch l {
                case .tensor, .int, .float, .bool:
                    guard case .tensor(let eq) = try compare("==", l, r) else { found = false; break }
                    found = eq.t.storage.contains { $0 != 0 }
                default:
                    throw .runtime("Tensor.__contains__ only supports Tensor or scalar, but you passed in a <class '\(l.typeName)'>.")
                }
            case .object(let o) where o is PyIterator || isUserInstance(r):
                let it = try makeIterator(r)
                var hit = false
                while let x = try it.next(self) { if equal(l, x) { hit = true; break } }
                found = hit
            default: throw .typeError("argument of type '\(r.typeName)' is not iterable")
            }
            return .bool(op == "in" ? found : !found)
        default:
            return .bool(try order(op, l, r))
        }
    }

    func identical(_ l: PyValue, _ r: PyValue) -> Bool {
        switch (l, r) {
        case (.none, .none): true
        case (.bool(let a), .bool(let b)): a == b
        case (.list(let a), .list(let b)): a === b
        case (.dict(let a), .dict(let b)): a === b
        case (.object(let a), .object(let b)): a === b
        case (.int(let a), .int(let b)): a == b && a >= -5 && a <= 256
        case (.tuple(let a), .tuple(let b)): a.isEmpty && b.isEmpty
        case (.str(let a), .str(let b)): a == b
        case (.tensor(let a), .tensor(let b)): a.identity === b.identity   // the same tensor object (PyTensor.identity)
        default: false
        }
    }

    func equal(_ l: PyValue, _ r: PyValue) -> Bool {
        switch l {
        case .list, .tuple, .dict:
            // Past Python's recursion limit: stop before Swift's stack does (the caller raises RecursionError).
            if equalOverflow { return false }
            if equalDepth >= 1000 { equalOverflow = true; return false }
            equalDepth += 1
            defer { equalDepth -= 1 }
            return equalValues(l, r)
        default:
            return equalValues(l, r)
        }
    }

    private func equalValues(_ l: PyValue, _ r: PyValue) -> Bool {
        switch (l, r) {
        case (.none, .none): return true
        case (.str(let a), .str(let b)): return a == b && a.utf8.elementsEqual(b.utf8)   // Python compares code points, Swift canonical equivalents
        case (.list(let a), .list(let b)): return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { equal($0, $1) }
        case (.tuple(let a), .tuple(let b)): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.size(let a), .size(let b)): return a == b
        case (.size(let a), .tuple(let b)), (.tuple(let b), .size(let a)):
            return a.count == b.count && zip(a, b).allSatisfy { equal(.int($0), $1) }
        case (.range(let a1, let b1, let s1), .range(let a2, let b2, let s2)): return (a1, b1, s1) == (a2, b2, s2)
        case (.dict(let a), .dict(let b)):
            guard a.keys.count == b.keys.count else { return false }
            for (k, v) in zip(a.keys, a.values) {
                guard let w = try? b.get(k), equal(v, w) else { return false }
            }
            return true
        case (.object(let a as BytesObject), .object(let b as BytesObject)): return a.bytes == b.bytes
        case (.object(let a as NamedTupleObject), _): return equal(.tuple(a.items), r)
        case (_, .object(let b as NamedTupleObject)): return equal(l, .tuple(b.items))
        case (.object(let a as SetObject), .object(let b as SetObject)):
            return a.count == b.count && a.items.allSatisfy { (try? b.contains($0)) == true }
        case (.object(let a as DictView), .object(let b as DictView)) where a.name == "dict_keys" && b.name == "dict_keys":
            return a.items.count == b.items.count && a.items.allSatisfy { x in b.items.contains { equal(x, $0) } }
        case (.object(let a), .object(let b)): return a === b
        default:
            if let a = l.asDouble, let b = r.asDouble { return a == b }
            return false
        }
    }

    func order(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> Bool {
        func cmp<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch op { case "<": a < b; case "<=": a <= b; case ">": a > b; default: a >= b }
        }
        if isUserInstance(l) || isUserInstance(r) { return try truth(try compare(op, l, r)) }
        switch (l, r) {
        case (.str(let a), .str(let b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? (op == "<" || op == "<=") : a == b ? (op == "<=" || op == ">=") : (op == ">" || op == ">=")
        case (.tensor, _), (_, .tensor):
            // Python takes the truth of torch's element-wise result (an error for more than one element).
            return try compare(op, l, r).truthy()
        case (.list, .list), (.tuple, .tuple):
            let a = try iterate(l), b = try iterate(r)
            for (x, y) in zip(a, b) where !equal(x, y) { return try order(op, x, y) }
            return cmp(a.count, b.count)
        default:
            if let a = l.asDouble, let b = r.asDouble {
                if case .int(let x) = l, case .int(let y) = r { return cmp(x, y) }
                return cmp(a, b)
            }
            throw .typeError("'\(op)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'")
        }
    }

    func scalarOf(_ v: PyValue) throws(PyError) -> Double {
        if let d = v.asDouble { return d }
        if case .tensor(let t) = v, t.t.count == 1 { return Double(t.t.storage[0]) }
        throw .runtime("Boolean value of Tensor with more than one value is ambiguous")
    }

    func isTensor(_ v: PyValue) -> Bool { if case .tensor = v { return true }; return false }

    // MARK: str and repr

    func str(_ v: PyValue) throws(PyError) -> String {
        switch v {
        case .str(let s): return s
        case .object(let o):
            let s = o.str(self)
            if let e = pendingError { pendingError = nil; throw e }
            return s
        default: return try checkedRepr(v)
        }
    }

    /// `repr(v)`, or Python's RecursionError for containers nested deeper than Python's recursion limit
    /// (Swift's stack would overflow first).
    func checkedRepr(_ v: PyValue) throws(PyError) -> String {
        let s = repr(v)
        if let e = pendingError { pendingError = nil; throw e }
        if reprOverflow {
            reprOverflow = false
            throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded while getting the repr of an object")
        }
        return s
    }

    func repr(_ v: PyValue) -> String {
        switch v {
        case .list, .tuple, .dict:
            if reprOverflow { return "" }
            if reprDepth >= 1000 { reprOverflow = true; return "" }
            reprDepth += 1
            defer { reprDepth -= 1 }
            return containerRepr(v)
        default: return leafRepr(v)
        }
    }

    private func containerRepr(_ v: PyValue) -> String {
        switch v {
        case .list(let l): return "[" + l.items.map { repr($0) }.joined(separator: ", ") + "]"
        case .tuple(let t):
            return t.count == 1 ? "(\(repr(t[0])),)" : "(" + t.map { repr($0) }.joined(separator: ", ") + ")"
        case .dict(let d) where d.defaultFactory != nil:
            return "defaultdict(\(repr(d.defaultFactory!)), {" + zip(d.keys, d.values).map { "\(repr($0)): \(repr($1))" }.joined(separator: ", ") + "})"
        case .dict(let d) where d.isCounter:
            if d.keys.isEmpty { return "Counter()" }
            return "Counter({" + PythonModules.mostCommon(d, self).map { "\(repr($0.0)): \(repr($0.1))" }.joined(separator: ", ") + "})"
        case .dict(let d) where d.isOrderedDict:
            return d.keys.isEmpty ? "OrderedDict()" : "OrderedDict([" + zip(d.keys, d.values).map { "(\(repr($0)), \(repr($1)))" }.joined(separator: ", ") + "])"
        case .dict(let d):
            return "{" + zip(d.keys, d.values).map { "\(repr($0)): \(repr($1))" }.joined(separator: ", ") + "}"
        default: return leafRepr(v)
        }
    }

    private func leafRepr(_ v: PyValue) -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return pyFloatRepr(f)
        case .str(let s): return pyStrRepr(s)
        case .list, .tuple, .dict: return repr(v)
        case .range(let a, let b, let s): return s == 1 ? "range(\(a), \(b))" : "range(\(a), \(b), \(s))"
        case .size(let s): return "torch.Size([" + s.map(String.init).joined(separator: ", ") + "])"
        case .tensor(let t): return TensorFormat.describe(t, printOptions)
        case .object(let o): return o.repr(self)
        }
    }
}

/// Python's `repr(float)`: the shortest string that round-trips.
func pyFloatRepr(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    if f == f.rounded(), abs(f) < 1e16 { return String(format: "%.1f", f) }
    var s = "\(f)"
    if let e = s.firstIndex(of: "e") {
        let mant = s[..<e], exp = s[s.index(after: e)...]
        let sign = exp.hasPrefix("-") ? "-" : "+"
        let digits = exp.drop { $0 == "-" || $0 == "+" }
        s = mant + "e" + sign + (digits.count < 2 ? "0" + digits : String(digits))
    }
    return s
}

/// Python's `repr(str)`.
func pyStrRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    // Code point by code point (a Character may hold "\r\n"); what Python deems unprintable is escaped.
    for u in s.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case _ where Character(u) == quote: out += "\\" + String(quote)
        case _ where !pyIsPrintable(u):
            let hex = String(u.value, radix: 16)
            if u.value <= 0xff { out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
            else if u.value <= 0xffff { out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
            else { out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex }
        default: out.unicodeScalars.append(u)
        }
    }
    out.append(quote)
    return out
}

/// CPython's `str.isprintable` for one code point: everything but the "Other" and "Separator" categories,
/// the space excepted.
func pyIsPrintable(_ u: Unicode.Scalar) -> Bool {
    if u == " " { return true }
    switch u.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return false
    default: return true
    }
}
