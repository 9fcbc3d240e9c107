import Foundation
import RNNEngine

/// A Python value. Lists and dicts are references, as in Python; tensors are values (MiniPy has no
/// in-place tensor operations, so views sharing storage are never observable).
public enum PyValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case list(PyList)
    case tuple([PyValue])
    case dict(PyDict)
    indirect case range(Int, Int, Int)
    indirect case tensor(PyTensor)
    case size([Int])
    case object(PyObject)

    var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .str: "str"
        case .list: "list"
        case .tuple: "tuple"
        case .dict(let d): d.isOrderedDict ? "OrderedDict" : d.defaultFactory != nil ? "defaultdict" : d.isCounter ? "Counter" : "dict"
        case .range: "range"
        case .tensor: "Tensor"
        case .size: "torch.Size"  // its tp_name: Python's messages say 'torch.Size'
        case .object(let o): o.typeName
        }
    }

    /// Python's truth value.
    func truthy() throws(PyError) -> Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .str(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return !d.keys.isEmpty
        case .range(let a, let b, let s): return rangeCount(a, b, s) > 0
        case .size(let s): return !s.isEmpty
        case .tensor(let t):
            guard t.t.count == 1 else {
                throw .runtime("Boolean value of Tensor with \(t.t.count == 0 ? "no values" : "more than one value") is ambiguous")
            }
            return t.t.storage[0] != 0
        case .object: return true
        }
    }

    /// An int (or bool) as Python's `__index__`; also a one-element integer or bool tensor, which torch's
    /// `__index__` and its argument parser both take (`chars[logits.argmax()]`, `range(n_tensor)`).
    var asIndex: Int? {
        switch self {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        case .tensor(let t) where t.count == 1 && !t.dtype.isFloatingPoint: t.exactInts[0]
        default: nil
        }
    }

    /// The TypeError for a value that is not an index where Python asks for one: a tensor's `__index__` says why
    /// in its own words, anything else in CPython's (`message`).
    func notAnIndex(_ message: String) -> PyError {
        if case .tensor = self { return .typeError("only integer tensors of a single element can be converted to an index") }
        return .typeError(message)
    }

    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .bool(let b): b ? 1 : 0
        case .float(let f): f
        default: nil
        }
    }
}

func rangeCount(_ a: Int, _ b: Int, _ s: Int) -> Int {
    if s > 0 { return a < b ? (b - a - 1) / s + 1 : 0 }
    return a > b ? (a - b - 1) / (-s) + 1 : 0
}

public final class PyList {
    var items: [PyValue]
    init(_ items: [PyValue]) { self.items = items }
    deinit {
        var taken: [PyValue] = []
        swap(&taken, &items)   // the only reference to the items now: nested lists can be unique
        releaseIteratively(&taken)
    }
}

extension PyValue {
    /// A container whose release could recurse (numbers and strings never do).
    var mayNest: Bool {
        switch self {
        case .list, .dict, .tuple, .object: true
        default: false
        }
    }
}

/// Releases nested lists and dicts in a loop: a list nested 200,000 deep (`x = [x]` in a loop) released by
/// recursion overflowed the stack. The last holder of a container takes over its items.
func releaseIteratively(_ stack: inout [PyValue]) {
    // `if case` on the variable itself, not `switch v`: a switch holds a copy of its subject, so the
    // container would never be seen as unique.
    while var v = stack.popLast() {
        if case .list(var l) = v {
            v = .none
            if isKnownUniquelyReferenced(&l) { var items: [PyValue] = []; swap(&items, &l.items); stack += items.lazy.filter(\.mayNest) }
        } else if case .dict(var d) = v {
            v = .none
            // Keys are hashable, so they hold no lists or dicts; the values may.
            if isKnownUniquelyReferenced(&d) { var values: [PyValue] = []; swap(&values, &d.values); stack += values.lazy.filter(\.mayNest) }
        } else if case .tuple(var t) = v {
            v = .none
            // Only a tuple this is the last holder of is taken apart (writable access copies a shared array,
            // which moves it): descending into shared ones would walk a long chain on every assignment.
            let before = t.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            let after = t.withUnsafeMutableBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if before == after { stack += t.lazy.filter(\.mayNest) }
        }
    }
}

/// An insertion-ordered dict with hashable keys (None, bool, int, float, str, tuples of them).
public final class PyDict {
    var keys: [PyValue] = []
    var values: [PyValue] = []
    /// A `collections.OrderedDict` (what `state_dict()` returns): the same dict, printed as Python 3.11 prints it.
    var isOrderedDict = false
    /// `collections.defaultdict`'s factory (a missing key is made by calling it), and `collections.Counter`.
    var defaultFactory: PyValue?
    var isCounter = false
    deinit {
        var taken: [PyValue] = []
        swap(&taken, &values)
        releaseIteratively(&taken)
    }
    var index: [HashKey: Int] = [:]

    func get(_ k: PyValue) throws(PyError) -> PyValue? {
        guard let i = index[try HashKey(k)] else { return nil }
        return values[i]
    }

    func set(_ k: PyValue, _ v: PyValue) throws(PyError) {
        let h = try HashKey(k)
        if let i = index[h] { values[i] = v } else { index[h] = keys.count; keys.append(k); values.append(v) }
    }

    /// Removes the entry at position `i` (keeping the others' order).
    func remove(at i: Int) {
        keys.remove(at: i)
        values.remove(at: i)
        index = [:]
        for (n, k) in keys.enumerated() { if let h = try? HashKey(k) { index[h] = n } }
    }
}

/// Python's hashing: 1 == 1.0 == True hash alike.
enum HashKey: Hashable {
    case none, int(Int), num(Double), str(String), tuple([HashKey]), object(ObjectIdentifier), bytes([UInt8])
    /// An instance of a class with `__hash__`: its hash, and its `__eq__` for equality.
    case custom(Int, CustomKey)

    init(_ v: PyValue) throws(PyError) {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let f):
            // 2.0 is the key 2: floats with an int value hash as that int.
            if f == f.rounded(), abs(f) < 9.2e18 { self = .int(Int(f)) } else { self = .num(f) }
        case .str(let s): self = .str(s)
        case .object(let b as BytesObject): self = .bytes(b.bytes)
        case .object(let s as SetObject) where s.frozen:
            self = .tuple(try s.items.map { x throws(PyError) in try HashKey(x) }.sorted { "\($0)" < "\($1)" })
        case .object(let s as SetObject) where !s.frozen: throw .typeError("unhashable type: 'set'")
        case .object(let o):
            if let interp = Interpreter.current, interp.isUserInstance(v) {
                if let h = try interp.special(v, "__hash__") {
                    guard case .int(let n) = try interp.call(h, [], []) else { throw .typeError("__hash__ method should return an integer") }
                    self = .custom(n, CustomKey(o))
                    return
                }
                if try interp.special(v, "__eq__") != nil { throw .typeError("unhashable type: '\(v.typeName)'") }
            }
            self = .object(ObjectIdentifier(o))
        case .tensor(let t): self = .object(ObjectIdentifier(t.identity))   // tensors hash by identity, as torch's
        case .tuple(let t):
            var ks: [HashKey] = []
            for x in t { ks.append(try HashKey(x)) }
            self = .tuple(ks)
        case .size(let s): self = .tuple(s.map { .int($0) })
        default: throw .typeError("unhashable type: '\(v.typeName)'")
        }
    }
}

/// Reference-typed Python objects: functions, modules (`torch`), and torch.nn modules.
public class PyObject {
    var typeName: String { "object" }
    func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? { nil }
    func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        throw .typeError("'\(typeName)' object is not callable")
    }
    var isCallable: Bool { false }
    func repr(_ interp: Interpreter) -> String { "<\(typeName) object>" }
    /// `str(self)`: the repr, unless the type says otherwise (an exception's message).
    func str(_ interp: Interpreter) -> String { repr(interp) }
    /// Attribute names, for "Did you mean" suggestions.
    var attributeNames: [String] { [] }
    /// `with self as target: body`: runs `body` with what `as` binds. Objects that are not context managers
    /// raise Python's error.
    func withBlock(_ interp: Interpreter, _ body: (PyValue) throws(PyError) -> Void) throws(PyError) {
        throw .typeError("'\(typeName)' object does not support the context manager protocol")
    }
}

/// A function or bound method implemented in Swift.
final class Builtin: PyObject {
    let name: String
    let isMethod: Bool
    /// A method torch writes in Python (nn.Module's `parameters`, `eval`, …): its type is `method`, which a
    /// learner meets in "'method' object is not iterable" after `SGD(model.parameters, ...)`.
    let isBoundPythonMethod: Bool
    let body: ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue

    init(_ name: String, method: Bool = false, pythonMethod: Bool = false,
         _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) {
        self.name = name; self.isMethod = method || pythonMethod; self.isBoundPythonMethod = pythonMethod; self.body = body
    }
    override var typeName: String { isBoundPythonMethod ? "method" : "builtin_function_or_method" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try body(args, kwargs, interp)
    }
    override func repr(_ interp: Interpreter) -> String {
        isMethod ? "<built-in method \(name)>" : "<built-in function \(name)>"
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        n == "__name__" || n == "__qualname__" ? .str(name) : nil
    }
}

/// A Python module object: `torch`, `torch.nn`, with attributes.
final class Namespace: PyObject {
    let name: String
    var attributes: [String: PyValue]
    init(_ name: String, _ attributes: [String: PyValue]) { self.name = name; self.attributes = attributes }
    override var typeName: String { "module" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? { attributes[n] }
    override func repr(_ interp: Interpreter) -> String { "<module '\(name)'>" }
    override var attributeNames: [String] { Array(attributes.keys) }
}

/// A class such as `torch.nn.RNN` or `torch.Size`: calling it constructs.
final class PyClass: PyObject {
    let name: String
    let qualified: String
    let construct: ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue
    /// Class-level attributes (`nn.Embedding.from_pretrained`).
    var classAttributes: [String: PyValue] = [:]
    init(_ name: String, qualified: String, _ construct: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) {
        self.name = name; self.qualified = qualified; self.construct = construct
    }
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try construct(args, kwargs, interp)
    }
    override func repr(_ interp: Interpreter) -> String { "<class '\(qualified)'>" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        n == "__name__" || n == "__qualname__" ? .str(name) : classAttributes[n]
    }
}

/// A dict or set key whose class defines `__hash__`/`__eq__`: equality asks the class (through the interpreter
/// running on this thread).
final class CustomKey: Hashable {
    let object: PyObject
    init(_ o: PyObject) { object = o }
    func hash(into hasher: inout Hasher) {}
    static func == (a: CustomKey, b: CustomKey) -> Bool {
        if a.object === b.object { return true }
        guard let interp = Interpreter.current else { return false }
        return (try? interp.truth(try interp.compare("==", .object(a.object), .object(b.object)))) ?? false
    }
}
