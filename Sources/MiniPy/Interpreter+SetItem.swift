import RNNEngine

/// Item assignment the base `assign` does not do itself: list slices, and tensors (`x[0] = v`, `x[:, 1] = 0.0`,
/// `x[1:3] = other`, `x[mask] = v`: `tensorSetItem`, in Torch+SetItem.swift, writes into the tensor's storage).
extension Interpreter {
    /// `xs[a:b] = iterable` (any length) and `xs[a:b:c] = iterable` (the same length), as Python.
    /// `l[index] = value` (also `l.__setitem__(index, value)`).
    func setListItem(_ l: PyList, _ index: PyValue, _ value: PyValue) throws(PyError) {
        if case .object(let s as SliceObject) = index { try setListSlice(l, s, value); return }
        guard let i = index.asIndex else {
            throw index.notAnIndex("list indices must be integers or slices, not \(index.typeName)")
        }
        let j = i < 0 ? i + l.items.count : i
        guard j >= 0, j < l.items.count else { throw .indexError("list assignment index out of range") }
        l.items[j] = value
    }

    func setListSlice(_ l: PyList, _ s: SliceObject, _ value: PyValue) throws(PyError) {
        let (a, b, step) = try s.indices(l.items.count)
        let extended: Bool
        if case .none = s.step { extended = false } else { extended = step != 1 }
        let items: [PyValue]
        do { items = try iterate(value) } catch {
            if error.type == "TypeError", error.message.hasSuffix("object is not iterable") {
                throw .typeError(extended ? "must assign iterable to extended slice" : "can only assign an iterable")
            }
            throw error
        }
        if !extended {
            l.items.replaceSubrange(a..<max(a, b), with: items)
            try checkElements(l.items.count)
            return
        }
        var targets: [Int] = []
        var k = a
        while step > 0 ? k < b : k > b { targets.append(k); k += step }
        guard targets.count == items.count else {
            throw .valueError("attempt to assign sequence of size \(items.count) to extended slice of size \(targets.count)")
        }
        for (t, v) in zip(targets, items) { l.items[t] = v }
    }
}
