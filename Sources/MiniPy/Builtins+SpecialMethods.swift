/// Special methods called by name on a built-in value: `(1, 2).__len__()`, `d.__getitem__('a')`,
/// `'ab'.__contains__('a')`, `[1].__add__([2])`, `t.__mul__(2)`. Each is the operation its syntax runs, so the
/// answer is the syntax's own. Where CPython's method answers differently from the operator (a number's
/// `__add__`, or any built-in's `__eq__`, given an operand of another type returns NotImplemented, where the
/// operator tries the other side), that is done here too. A special method the type does not have stays an
/// AttributeError, as in CPython (`(1).__len__`).
extension Interpreter {
    static let sequenceOperators: [String: String] = ["__add__": "+", "__mul__": "*", "__rmul__": "*"]
    static let numberOperators: [String: String] = [
        "__add__": "+", "__sub__": "-", "__mul__": "*", "__truediv__": "/", "__floordiv__": "//", "__mod__": "%",
        "__pow__": "**", "__radd__": "+", "__rsub__": "-", "__rmul__": "*", "__rtruediv__": "/",
        "__rfloordiv__": "//", "__rmod__": "%", "__rpow__": "**"]
    static let tensorOperators: [String: String] = numberOperators.merging(["__matmul__": "@", "__rmatmul__": "@"]) { a, _ in a }
    static let comparisonOperators: [String: String] = [
        "__eq__": "==", "__ne__": "!=", "__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="]

    func builtinSpecialMethod(_ v: PyValue, _ name: String) -> PyValue? {
        guard name.hasPrefix("__"), name.hasSuffix("__"), name.count > 4 else { return nil }
        let isSequence: Bool, isNumber: Bool, isTensor: Bool
        switch v {
        case .str, .list, .tuple, .size: (isSequence, isNumber, isTensor) = (true, false, false)
        case .int, .bool, .float: (isSequence, isNumber, isTensor) = (false, true, false)
        case .tensor: (isSequence, isNumber, isTensor) = (false, false, true)
        case .dict, .range: (isSequence, isNumber, isTensor) = (false, false, false)
        default: return nil
        }
        let owner = v.typeName
        func noArguments(_ a: [PyValue], _ k: [(String, PyValue)]) throws(PyError) {
            guard a.isEmpty, k.isEmpty else {
                throw .typeError("\(owner).\(name)() takes no arguments (\(a.count + k.count) given)")
            }
        }
        func oneArgument(_ a: [PyValue], _ k: [(String, PyValue)]) throws(PyError) -> PyValue {
            guard a.count == 1, k.isEmpty else {
                throw .typeError("expected 1 argument, got \(a.count + k.count)")
            }
            return a[0]
        }
        switch name {
        case "__len__":
            if isNumber { return nil }
            return method(name) { a, k, i throws(PyError) in
                try noArguments(a, k)
                return try i.call(Builtins.all["len"]!, [v], [])
            }
        case "__getitem__":
            if isNumber { return nil }
            return method(name) { a, k, i throws(PyError) in try i.getItem(v, try oneArgument(a, k)) }
        case "__contains__":
            if isNumber { return nil }
            return method(name) { a, k, i throws(PyError) in try i.compare("in", try oneArgument(a, k), v) }
        case "__iter__":
            if isNumber { return nil }
            return method(name) { a, k, i throws(PyError) in
                try noArguments(a, k)
                return try i.call(Builtins.all["iter"]!, [v], [])
            }
        case "__setitem__":
            return setItemMethod(v)
        case "__repr__":
            return method(name) { a, k, i throws(PyError) in
                try noArguments(a, k)
                return .str(try i.checkedRepr(v))
            }
        case "__str__":
            return method(name) { a, k, i throws(PyError) in
                try noArguments(a, k)
                return .str(try i.str(v))
            }
        default: break
        }
        if let op = Self.comparisonOperators[name] {
            return method(name) { a, k, i throws(PyError) in
                let other = try oneArgument(a, k)
                if !isTensor && !Self.sameKind(v, other) { return .object(NotImplementedObject.shared) }
                return try i.compare(op, v, other)
            }
        }
        let table = isTensor ? Self.tensorOperators : isNumber ? Self.numberOperators
            : isSequence ? Self.sequenceOperators : [:]
        guard let op = table[name] else { return nil }
        if case .size = v { return nil }
        let reflected = name.hasPrefix("__r")
        return method(name) { a, k, i throws(PyError) in
            let other = try oneArgument(a, k)
            // A number's arithmetic with another type's operand is NotImplemented (`int.__add__(1.5)`), as its
            // comparison is; a sequence's `__add__` raises what `+` raises.
            if isNumber && !Self.sameKind(v, other) { return .object(NotImplementedObject.shared) }
            return try reflected ? i.binary(op, other, v) : i.binary(op, v, other)
        }
    }

    /// `__setitem__` of a list, a dict, or a tensor changed in place (the statement `t[i] = x` may instead bind the
    /// name to a new autograd record, which a call cannot do: that case is said plainly).
    private func setItemMethod(_ v: PyValue) -> PyValue? {
        let name = "__setitem__"
        func two(_ a: [PyValue], _ k: [(String, PyValue)]) throws(PyError) -> (PyValue, PyValue) {
            guard a.count == 2, k.isEmpty else { throw .typeError("expected 2 arguments, got \(a.count + k.count)") }
            return (a[0], a[1])
        }
        switch v {
        case .list(let l):
            return method(name) { a, k, i throws(PyError) in
                let (index, value) = try two(a, k)
                try i.setListItem(l, index, value)
                return .none
            }
        case .dict(let d):
            return method(name) { a, k, _ throws(PyError) in
                let (index, value) = try two(a, k)
                try d.set(index, value)
                return .none
            }
        case .tensor(let t):
            return method(name) { a, k, i throws(PyError) in
                let (index, value) = try two(a, k)
                guard try i.tensorSetItem(t, index, value).sameRecord(as: t) else {
                    throw PyError(type: "NotImplementedError",
                                  message: "MiniPy does not support Tensor.__setitem__ on a tensor with autograd history yet (write t[i] = x)")
                }
                return .none
            }
        default:
            return nil
        }
    }

    /// Whether a comparison dunder of `v`, or a number's arithmetic one, answers for `other` itself (else
    /// NotImplemented): an int with ints, a float with numbers, a str with a str, a list with a list, a tuple with a tuple.
    static func sameKind(_ v: PyValue, _ other: PyValue) -> Bool {
        switch (v, other) {
        case (.int, .int), (.int, .bool), (.bool, .int), (.bool, .bool): return true
        case (.float, .int), (.float, .bool), (.float, .float): return true
        case (.str, .str), (.list, .list), (.tuple, .tuple), (.dict, .dict): return true
        default: return false
        }
    }
}
