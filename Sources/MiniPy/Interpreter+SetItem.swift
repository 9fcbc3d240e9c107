import RNNEngine

/// Item assignment the base `assign` does not do itself: list slices, and tensors (`x[0] = v`, `x[:, 1] = 0.0`,
/// `x[1:3] = other`, `x[mask] = v`). MiniPy's tensors are values: `tensorSetItem` returns the changed tensor and
/// `assign` binds the target's variable (or element) to it.
extension Interpreter {
    /// `xs[a:b] = iterable` (any length) and `xs[a:b:c] = iterable` (the same length), as Python.
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

    /// `t[index] = value`: the new tensor. The value broadcasts into the selected region as torch's `copy_`
    /// (leading 1s of the value dropped first). A leaf that requires grad refuses, as torch does; otherwise a
    /// result that involves a tensor requiring grad is recorded as torch's `CopySlices`.
    func tensorSetItem(_ t: PyTensor, _ index: PyValue, _ value: PyValue) throws(PyError) -> PyTensor {
        let v: PyTensor
        switch value {
        case .tensor(let x): v = x
        case .int, .float, .bool: v = asTensor(value)!
        default: throw .typeError("can't assign a \(value.typeName) to a \(t.dtype.legacyTypeName)")
        }
        let x = t.t
        let items: [PyValue]
        if case .tuple(let xs) = index { items = xs } else { items = [index] }

        // Where each element of the region goes in x (row-major over the region), and the region's shape.
        var dsts: [Int] = []
        var region: [Int] = []
        var strides = [Int](repeating: 1, count: x.dim)
        if x.dim > 1 { for k in stride(from: x.dim - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * x.shape[k + 1] } }
        var vshape = v.t.shape
        while vshape.first == 1 { vshape.removeFirst() }  // torch's copy_ drops a value's leading 1s

        if items.count == 1, case .tensor(let m) = items[0], m.dtype == .bool {
            // x[mask] = value: the elements where the mask (over x's leading dimensions) is true.
            let ms = m.t.shape
            guard ms.count <= x.dim else { throw .indexError("too many indices for tensor of dimension \(x.dim)") }
            for k in 0..<ms.count where ms[k] != x.shape[k] {
                throw .indexError("The shape of the mask \(ms) at index \(k) does not match the shape of the indexed tensor \(x.shape) at index \(k)")
            }
            if t.requiresGrad && t.isLeaf && GradMode.isEnabled {
                throw .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
            }
            let rest = Array(x.shape[ms.count...])
            let inner = rest.reduce(1, *)
            for (k, flag) in m.t.storage.enumerated() where flag != 0 {
                for j in 0..<inner { dsts.append(k * inner + j) }
            }
            region = [m.t.storage.filter { $0 != 0 }.count] + rest
            let fits = vshape.count <= region.count
                && zip(vshape.reversed(), region.reversed()).allSatisfy { $0 == 1 || $0 == $1 }
            guard fits else {
                throw .runtime("shape mismatch: value tensor of shape \(v.t.shape) cannot be broadcast to indexing result of shape \(region)")
            }
        } else {
            let real = items.filter { if case .none = $0 { return false }; return true }.count
            if real > x.dim { throw .indexError("too many indices for tensor of dimension \(x.dim)") }
            var indices: [[Int]] = []
            var dim = 0
            for item in items {
                switch item {
                case .none:
                    region.append(1)
                case .object(let s as SliceObject):
                    let (a, b, step) = try s.indices(x.shape[dim])
                    if step < 0 { throw .valueError("step must be greater than zero") }
                    var r: [Int] = []
                    var k = a
                    while k < b { r.append(k); k += step }
                    indices.append(r); region.append(r.count); dim += 1
                default:
                    guard let i = item.asIndex else {
                        if case .tensor = item {
                            throw PyError(type: "NotImplementedError", message: "MiniPy does not index tensors with tensors (except a bool mask on its own)")
                        }
                        throw .indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(item.typeName))")
                    }
                    let n = x.shape[dim]
                    guard i >= -n, i < n else { throw .indexError("index \(i) is out of bounds for dimension \(dim) with size \(n)") }
                    indices.append([i < 0 ? i + n : i]); dim += 1
                }
            }
            while dim < x.dim { indices.append(Array(0..<x.shape[dim])); region.append(x.shape[dim]); dim += 1 }
            let count = indices.reduce(1) { $0 * $1.count }
            if count > 0 {
                var pos = [Int](repeating: 0, count: indices.count)
                for _ in 0..<count {
                    var d = 0
                    for k in 0..<indices.count { d += indices[k][pos[k]] * strides[k] }
                    dsts.append(d)
                    var k = indices.count - 1
                    while k >= 0 { pos[k] += 1; if pos[k] < indices[k].count { break }; pos[k] = 0; k -= 1 }
                }
            }
            // torch's expand of the value to the region, with its messages.
            if vshape.count > region.count {
                throw .runtime("expand(\(v.dtype.legacyTypeName){\(vshape)}, size=\(region)): the number of sizes provided (\(region.count)) must be greater or equal to the number of dimensions in the tensor (\(vshape.count))")
            }
            let off = region.count - vshape.count
            for k in stride(from: vshape.count - 1, through: 0, by: -1) where vshape[k] != 1 && vshape[k] != region[k + off] {
                throw .runtime("The expanded size of the tensor (\(region[k + off])) must match the existing size (\(vshape[k])) at non-singleton dimension \(k + off).  Target sizes: \(region).  Tensor sizes: \(vshape)")
            }
            if t.requiresGrad && t.isLeaf && GradMode.isEnabled {
                throw .runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
        }

        // The value expanded over the region, converted to x's dtype.
        let src = Tensor(shape: vshape, storage: v.t.storage)
        let expanded = try tc { try Tensor.broadcasting(src, Tensor.zeros(region)) { a, _ in a } }
        let convert: (Float) -> Float
        switch t.dtype {
        case .float32: convert = { $0 }
        case .int64: convert = { $0.isFinite ? $0.rounded(.towardZero) : 0 }
        case .bool: convert = { $0 != 0 ? 1 : 0 }
        }
        var out = x.storage
        for (o, d) in dsts.enumerated() { out[d] = convert(expanded.storage[o]) }
        let result = Tensor(shape: x.shape, storage: out)
        if case .leaf(let leaf)? = t.origin, !GradMode.isEnabled {
            // Inside torch.no_grad() a parameter is changed where it lives: every reference to it sees the change.
            leaf.value = result
            return t
        }
        if case .node? = t.origin, !GradMode.isEnabled {
            // The values change, the recorded graph stays (torch keeps grad_fn).
            var changed = PyTensor(result, dtype: t.dtype)
            changed.origin = t.origin
            return changed
        }
        let valueShape = v.t.shape, targetShape = x.shape
        return Autograd.record("CopySlices", result, dtype: t.dtype, inputs: [t, v], saves: false) { g in
            // The old values are overwritten: no gradient to them. The value's is the region's, summed over
            // where it was broadcast.
            var gt = g.storage
            for d in dsts { gt[d] = 0 }
            let gRegion = Tensor(shape: region, storage: dsts.map { g.storage[$0] })
            let gv = Autograd.sum(gRegion, toShape: vshape)
            return [Tensor(shape: targetShape, storage: gt), Tensor(shape: valueShape, storage: gv.storage)]
        }
    }
}
