import Foundation
import RNNEngine

/// A Python iterator: `next` gives the next item, or nil when it is exhausted (StopIteration). `for` loops and
/// comprehensions pull items one at a time, so `for i in range(10**9): break` and infinite generators work.
class PyIterator: PyObject {
    func next(_ interp: Interpreter) throws(PyError) -> PyValue? { nil }
}

/// Iterates a list by index (it sees items appended while it runs, as Python's list iterator does), a tuple, a
/// string's characters, or a fixed array of items.
final class SequenceIterator: PyIterator {
    enum Source { case list(PyList), items([PyValue]), scalars([Unicode.Scalar]) }
    let source: Source
    let name: String
    var position = 0
    init(_ source: Source, name: String) { self.source = source; self.name = name }
    override var typeName: String { name }
    override func repr(_ interp: Interpreter) -> String { "<\(name) object at \(fixedAddress)>" }
    override func next(_ interp: Interpreter) throws(PyError) -> PyValue? {
        defer { position += 1 }
        switch source {
        case .list(let l): return position < l.items.count ? l.items[position] : nil
        case .items(let xs): return position < xs.count ? xs[position] : nil
        case .scalars(let s): return position < s.count ? .str(String(Character(s[position]))) : nil
        }
    }
    /// What is left, for builtins that take a whole iterable.
    var remaining: [PyValue] {
        switch source {
        case .list(let l): return position < l.items.count ? Array(l.items[position...]) : []
        case .items(let xs): return position < xs.count ? Array(xs[position...]) : []
        case .scalars(let s): return position < s.count ? s[position...].map { .str(String(Character($0))) } : []
        }
    }
}

final class RangeIterator: PyIterator {
    var current: Int
    let stop: Int, step: Int
    init(_ a: Int, _ b: Int, _ s: Int) { current = a; stop = b; step = s }
    override var typeName: String { "range_iterator" }
    override func repr(_ interp: Interpreter) -> String { "<range_iterator object at \(fixedAddress)>" }
    override func next(_ interp: Interpreter) throws(PyError) -> PyValue? {
        guard step > 0 ? current < stop : current > stop else { return nil }
        let v = current
        let (n, overflow) = current.addingReportingOverflow(step)
        current = overflow ? stop : n
        return .int(v)
    }
}

/// An iterator computed by a Swift closure (map, filter, zip, enumerate, a user class's `__next__`).
final class ClosureIterator: PyIterator {
    let name: String
    let body: (Interpreter) throws(PyError) -> PyValue?
    var done = false
    /// The repr, when not `<name object at …>` (a generator expression's).
    var displayName: String?
    init(_ name: String, _ body: @escaping (Interpreter) throws(PyError) -> PyValue?) { self.name = name; self.body = body }
    override var typeName: String { name }
    override func repr(_ interp: Interpreter) -> String { displayName ?? "<\(name) object at \(fixedAddress)>" }
    override func next(_ interp: Interpreter) throws(PyError) -> PyValue? {
        if done { return nil }
        guard let v = try body(interp) else { done = true; return nil }
        return v
    }
}

extension Interpreter {
    /// `iter(v)`: an iterator over v, or Python's TypeError.
    func makeIterator(_ v: PyValue) throws(PyError) -> PyIterator {
        switch v {
        case .list(let l): return SequenceIterator(.list(l), name: "list_iterator")
        case .tuple(let t): return SequenceIterator(.items(t), name: "tuple_iterator")
        case .str(let s):
            return SequenceIterator(.scalars(Array(s.unicodeScalars)), name: s.utf8.allSatisfy { $0 < 128 } ? "str_ascii_iterator" : "str_iterator")
        case .dict(let d): return SequenceIterator(.items(d.keys), name: "dict_keyiterator")
        case .range(let a, let b, let s): return RangeIterator(a, b, s)
        case .size(let s): return SequenceIterator(.items(s.map { .int($0) }), name: "tuple_iterator")
        case .tensor: return SequenceIterator(.items(try iterate(v)), name: "iterator")
        case .object(let o):
            if let it = o as? PyIterator { return it }
            if let it = o as? IterableObject { return SequenceIterator(.items(it.takeAll()), name: it.name) }
            if let dv = o as? DictView {
                let name = dv.name == "dict_keys" ? "dict_keyiterator" : dv.name == "dict_values" ? "dict_valueiterator" : "dict_itemiterator"
                return SequenceIterator(.items(dv.items), name: name)
            }
            if let set = o as? SetObject { return SequenceIterator(.items(set.items), name: "set_iterator") }
            if let b = o as? BytesObject { return SequenceIterator(.items(b.bytes.map { .int(Int($0)) }), name: "bytes_iterator") }
            if let r = o as? ReturnTypesObject { return SequenceIterator(.items(r.items), name: "tuple_iterator") }
            if let t = o as? NamedTupleObject { return SequenceIterator(.items(t.items), name: "tuple_iterator") }
            if let m = try special(v, "__iter__") {
                let it = try call(m, [], [])
                if case .object(let o2) = it, let pit = o2 as? PyIterator { return pit }
                guard let next = try special(it, "__next__") else {
                    throw .typeError("iter() returned non-iterator of type '\(it.typeName)'")
                }
                return userIterator(next, name: it.typeName)
            }
            if let g = try special(v, "__getitem__") {
                // The old sequence protocol: items 0, 1, 2, … until IndexError.
                var k = 0
                return ClosureIterator("iterator") { (i: Interpreter) throws(PyError) -> PyValue? in
                    do throws(PyError) {
                        let x = try i.call(g, [.int(k)], [])
                        k += 1
                        return x
                    } catch {
                        if error.type == "IndexError" || error.type == "StopIteration" { return nil }
                        throw error
                    }
                }
            }
            throw .typeError("'\(v.typeName)' object is not iterable")
        default:
            throw .typeError("'\(v.typeName)' object is not iterable")
        }
    }

    /// An iterator that calls a user `__next__` until it raises StopIteration.
    func userIterator(_ next: PyValue, name: String) -> PyIterator {
        ClosureIterator(name) { (i: Interpreter) throws(PyError) -> PyValue? in
            do throws(PyError) { return try i.call(next, [], []) } catch {
                if error.type == "StopIteration", !error.isLimit { return nil }
                throw error
            }
        }
    }

    /// Each item of an iterable in turn, checking the step and memory limits as it goes.
    func forEach(_ v: PyValue, _ body: (PyValue) throws(PyError) -> Bool) throws(PyError) {
        switch v {
        case .range(let a, let b, let s):
            var k = a
            while s > 0 ? k < b : k > b {
                if try !body(.int(k)) { return }
                let (n, o) = k.addingReportingOverflow(s)
                if o { return }
                k = n
            }
        default:
            let it = try makeIterator(v)
            while let x = try it.next(self) {
                if try !body(x) { return }
            }
        }
    }
}

/// `b"..."`: an immutable sequence of bytes.
final class BytesObject: PyObject {
    let bytes: [UInt8]
    init(_ b: [UInt8]) { bytes = b }
    override var typeName: String { "bytes" }
    override func repr(_ interp: Interpreter) -> String { BytesObject.repr(bytes) }
    static func repr(_ bytes: [UInt8]) -> String {
        let quote: Character = bytes.contains(0x27) && !bytes.contains(0x22) ? "\"" : "'"
        var out = "b" + String(quote)
        for b in bytes {
            switch b {
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case UInt8(quote.asciiValue!): out += "\\" + String(quote)
            case 0x20..<0x7F: out.append(Character(Unicode.Scalar(b)))
            default: out += "\\x" + String(b, radix: 16).leftPad(2)
            }
        }
        return out + String(quote)
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "decode":
            return interp.method(n) { _, _, _ throws(PyError) in
                guard let s = String(bytes: self.bytes, encoding: .utf8) else {
                    throw PyError(type: "UnicodeDecodeError", message: "'utf-8' codec can't decode bytes")
                }
                return .str(s)
            }
        case "hex": return interp.method(n) { _, _, _ throws(PyError) in .str(self.bytes.map { String($0, radix: 16).leftPad(2) }.joined()) }
        case "upper", "lower":
            return interp.method(n) { _, _, _ throws(PyError) in
                .object(BytesObject(self.bytes.map { b in
                    n == "upper" ? (b >= 97 && b <= 122 ? b - 32 : b) : (b >= 65 && b <= 90 ? b + 32 : b) }))
            }
        case "startswith", "endswith", "count", "find", "split", "strip", "replace", "join":
            // The str method on the bytes read as Latin-1 (one character per byte), the result turned back.
            let latin = String(String.UnicodeScalarView(self.bytes.map { Unicode.Scalar($0) }))
            guard let m = interp.strMethod(latin, n) else { return nil }
            return interp.method(n) { a, k, i throws(PyError) in
                func toStr(_ v: PyValue) throws(PyError) -> PyValue {
                    switch v {
                    case .object(let b as BytesObject): return .str(String(String.UnicodeScalarView(b.bytes.map { Unicode.Scalar($0) })))
                    case .tuple(let t): return .tuple(try t.map(toStr))
                    case .list(let l): return .list(PyList(try l.items.map(toStr)))
                    default: return v
                    }
                }
                func toBytes(_ v: PyValue) -> PyValue {
                    switch v {
                    case .str(let s): return .object(BytesObject(s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
                    case .list(let l): return .list(PyList(l.items.map(toBytes)))
                    default: return v
                    }
                }
                var args: [PyValue] = []
                for x in a { args.append(try toStr(x)) }
                return toBytes(try i.call(m, args, k))
            }
        default: return nil
        }
    }
    override var attributeNames: [String] { ["count", "decode", "endswith", "find", "hex", "join", "lower", "replace", "split", "startswith", "strip", "upper"] }
}

/// `...`
final class EllipsisObject: PyObject {
    nonisolated(unsafe) static let shared = EllipsisObject()
    override var typeName: String { "ellipsis" }
    override func repr(_ interp: Interpreter) -> String { "Ellipsis" }
}

/// `{1, 2}`, `set()`: CPython's hash table (3.11's `setobject.c`: size 8 doubling, linear probes of 9, perturbation),
/// so a set of ints iterates and prints in CPython's order. Strings hash differently on every CPython run, so no order
/// of a set of strings is "CPython's"; MiniPy's is its own.
final class SetObject: PyObject {
    private enum Slot { case empty, dummy, full(PyValue, HashKey, Int) }
    private var table = [Slot](repeating: .empty, count: 8)
    private var fill = 0
    private(set) var count = 0
    let frozen: Bool
    init(frozen: Bool = false) { self.frozen = frozen }
    override var typeName: String { frozen ? "frozenset" : "set" }

    /// The items in table order (Python's iteration order).
    var items: [PyValue] {
        table.compactMap { if case .full(let v, _, _) = $0 { return v }; return nil }
    }

    /// CPython's hash for ints (and bools, and floats with an int value); other keys get a hash of their own.
    private static func pyHash(_ k: HashKey) -> Int {
        if case .int(let v) = k {
            let modulus = (1 << 61) - 1
            var h = abs(v) % modulus
            if v < 0 { h = -h }
            return h == -1 ? -2 : h
        }
        if case .custom(let h, _) = k { return h == -1 ? -2 : h }
        // Swift seeds hashValue per process, as CPython seeds str's hash: the order now differs from run to run.
        Interpreter.current?.unsteady = true
        let h = k.hashValue
        return h == -1 ? -2 : h
    }

    private func slot(of key: HashKey, hash: Int) -> (found: Int?, free: Int) {
        let mask = table.count - 1
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        var perturb = UInt(bitPattern: hash)
        var freeslot: Int?
        while true {
            var probes = i + 9 <= mask ? 9 : 0
            var j = i
            while true {
                switch table[j] {
                case .empty: return (nil, freeslot ?? j)
                case .dummy: if freeslot == nil { freeslot = j }
                case .full(_, let k, let h): if h == hash && k == key { return (j, j) }
                }
                if probes == 0 { break }
                probes -= 1
                j += 1
            }
            perturb >>= 5
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    func contains(_ v: PyValue) throws(PyError) -> Bool {
        let k = try HashKey(v)
        return slot(of: k, hash: Self.pyHash(k)).found != nil
    }

    func add(_ v: PyValue) throws(PyError) {
        let k = try HashKey(v)
        let h = Self.pyHash(k)
        let (found, free) = slot(of: k, hash: h)
        if found != nil { return }
        if case .dummy = table[free] { table[free] = .full(v, k, h); count += 1; return }
        table[free] = .full(v, k, h)
        fill += 1; count += 1
        if fill * 5 >= (table.count - 1) * 3 { resize(count > 50000 ? count * 2 : count * 4) }
    }

    private func resize(_ minUsed: Int) {
        var size = 8
        while size <= minUsed { size <<= 1 }
        let old = table
        table = [Slot](repeating: .empty, count: size)
        fill = 0
        for case .full(let v, let k, let h) in old {
            let (_, free) = slot(of: k, hash: h)
            table[free] = .full(v, k, h)
            fill += 1
        }
    }

    func remove(_ v: PyValue) throws(PyError) -> Bool {
        let k = try HashKey(v)
        guard let j = slot(of: k, hash: Self.pyHash(k)).found else { return false }
        table[j] = .dummy
        count -= 1
        return true
    }

    func clear() { table = [Slot](repeating: .empty, count: 8); fill = 0; count = 0 }

    override var attributeNames: [String] {
        ["add", "clear", "copy", "difference", "difference_update", "discard", "intersection", "intersection_update",
         "isdisjoint", "issubset", "issuperset", "pop", "remove", "symmetric_difference", "symmetric_difference_update",
         "union", "update"]
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        func m(_ body: @escaping ([PyValue], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            interp.method(n) { a, _, i throws(PyError) in try body(a, i) }
        }
        func others(_ a: [PyValue], _ i: Interpreter) throws(PyError) -> [SetObject] {
            var out: [SetObject] = []
            for x in a {
                if case .object(let s as SetObject) = x { out.append(s) } else {
                    let s = SetObject()
                    for v in try i.iterate(x) { try s.add(v) }
                    out.append(s)
                }
            }
            return out
        }
        let mutating = ["add", "clear", "discard", "remove", "pop", "update", "difference_update", "intersection_update",
                        "symmetric_difference_update"]
        if frozen && mutating.contains(n) { return nil }
        switch n {
        case "add":
            return m { a, _ throws(PyError) in
                guard a.count == 1 else { throw .typeError("set.add() takes exactly one argument (\(a.count) given)") }
                try self.add(a[0]); return .none
            }
        case "remove":
            return m { a, i throws(PyError) in
                guard a.count == 1 else { throw .typeError("set.remove() takes exactly one argument (\(a.count) given)") }
                if try !self.remove(a[0]) { throw PyError(type: "KeyError", message: i.repr(a[0])) }
                return .none
            }
        case "discard": return m { a, _ throws(PyError) in _ = try self.remove(a.first ?? .none); return .none }
        case "pop":
            return m { _, _ throws(PyError) in
                guard let first = self.items.first else { throw PyError(type: "KeyError", message: "'pop from an empty set'") }
                _ = try self.remove(first); return first
            }
        case "clear": return m { _, _ throws(PyError) in self.clear(); return .none }
        case "copy":
            return m { _, _ throws(PyError) in
                let c = SetObject(frozen: self.frozen); for x in self.items { try c.add(x) }; return .object(c)
            }
        case "update", "union", "intersection", "difference", "symmetric_difference",
             "intersection_update", "difference_update", "symmetric_difference_update":
            return m { a, i throws(PyError) in
                var result = PyValue.object(self)
                let op: String
                switch n {
                case "update", "union": op = "|"
                case "intersection", "intersection_update": op = "&"
                case "difference", "difference_update": op = "-"
                default: op = "^"
                }
                if n == "union" || n == "intersection" || n == "difference" || n == "symmetric_difference" {
                    let c = SetObject(frozen: self.frozen); for x in self.items { try c.add(x) }; result = .object(c)
                }
                for o in try others(a, i) { result = try i.binary(op, result, .object(o)) }
                if n.hasSuffix("update") {
                    guard case .object(let r as SetObject) = result else { return .none }
                    if r !== self { self.clear(); for x in r.items { try self.add(x) } }
                    return .none
                }
                return result
            }
        case "issubset", "issuperset", "isdisjoint":
            return m { a, i throws(PyError) in
                guard a.count == 1 else { throw .typeError("set.\(n)() takes exactly one argument (\(a.count) given)") }
                let o = try others(a, i)[0]
                switch n {
                case "issubset": return try i.compare("<=", .object(self), .object(o))
                case "issuperset": return try i.compare(">=", .object(self), .object(o))
                default:
                    for x in self.items where try o.contains(x) { return .bool(false) }
                    return .bool(true)
                }
            }
        default: return nil
        }
    }

    override func repr(_ interp: Interpreter) -> String {
        if count == 0 { return frozen ? "frozenset()" : "set()" }
        let body = "{" + items.map { interp.repr($0) }.joined(separator: ", ") + "}"
        return frozen ? "frozenset(\(body))" : body
    }
}
