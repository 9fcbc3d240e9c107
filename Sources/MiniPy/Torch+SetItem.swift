import RNNEngine

/// `x[index] = value`: the value (broadcast as torch's `copy_`, leading 1s dropped first, cast to x's dtype) is
/// written into x's storage, so every alias and view of x sees it. A leaf that requires grad refuses, as torch does;
/// a write that involves a tensor requiring grad is recorded as torch's `CopySlices`.
extension Interpreter {
    /// The tensor after the write: x itself, with a new autograd record when one was made (the caller binds the
    /// target to it then).
    func tensorSetItem(_ t: PyTensor, _ index: PyValue, _ value: PyValue) throws(PyError) -> PyTensor {
        let v: PyTensor
        switch value {
        case .tensor(let x): v = x
        case .int, .float, .bool: v = asTensor(value)!
        default: throw .typeError("can't assign a \(value.typeName) to a \(t.dtype.legacyTypeName)")
        }
        let items: [PyValue]
        if case .tuple(let xs) = index { items = xs } else { items = [index] }
        let plan = try indexPlan(t, items)
        let region = plan.shape
        var vshape = v.shape
        while vshape.first == 1 { vshape.removeFirst() }  // torch's copy_ drops a value's leading 1s
        if plan.viewStrides == nil {
            let fits = vshape.count <= region.count
                && zip(vshape.reversed(), region.reversed()).allSatisfy { $0 == 1 || $0 == $1 }
            guard fits else {
                throw .runtime("shape mismatch: value tensor of shape \(pyShape(v.shape)) cannot be broadcast to indexing result of shape \(pyShape(region))")
            }
            if t.requiresGrad && t.isLeaf && GradMode.isEnabled {
                throw .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
            }
        } else {
            // torch's expand of the value to the region, with its messages.
            if vshape.count > region.count {
                throw .runtime("expand(\(v.dtype.legacyTypeName){\(pyShape(vshape))}, size=\(pyShape(region))): the number of sizes provided (\(region.count)) must be greater or equal to the number of dimensions in the tensor (\(vshape.count))")
            }
            let off = region.count - vshape.count
            for k in stride(from: vshape.count - 1, through: 0, by: -1) where vshape[k] != 1 && vshape[k] != region[k + off] {
                throw .runtime("The expanded size of the tensor (\(region[k + off])) must match the existing size (\(vshape[k])) at non-singleton dimension \(k + off).  Target sizes: \(pyShape(region)).  Tensor sizes: \(pyShape(vshape))")
            }
            if t.requiresGrad && t.isLeaf && GradMode.isEnabled {
                throw .runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
            }
        }
        // The value spread over the region, in x's dtype.
        let spread = Layout.broadcast(vshape, to: region)
        if t.dtype.isInteger || t.dtype == .bool {
            let ints = v.exactInts
            let floats = v.floats
            let values = t.dtype == .bool ? spread.map { floats[$0] != 0 ? 1 : 0 } : spread.map { ints[$0] }
            t.write(at: plan.map, floats: values.map { Float($0) }, ints: values)
        } else {
            let floats = v.floats
            t.write(at: plan.map, floats: spread.map { floats[$0] })
        }
        guard GradMode.isEnabled, t.requiresGrad || v.requiresGrad else { return t }
        let dsts = plan.map, valueShape = v.shape, targetShape = t.shape
        var changed = t
        changed.origin = Autograd.record("CopySlices", t.t, inputs: [t, v], saves: false) { g in
            // The old values are overwritten: no gradient to them. The value's is the region's, summed over
            // where it was broadcast.
            var gt = g.storage
            for d in dsts { gt[d] = 0 }
            let gRegion = Tensor(shape: region, storage: dsts.map { g.storage[$0] })
            let gv = Autograd.sum(gRegion, toShape: vshape)
            return [Tensor(shape: targetShape, storage: gt), Tensor(shape: valueShape, storage: gv.storage)]
        }.origin
        return changed
    }
}

extension PyTensor {
    /// Writes values into this tensor's elements `map` (row-major indices into this tensor), where they live.
    func write(at map: [Int], floats: [Float], ints: [Int]? = nil) {
        let exact = ints.map { $0.map(dtype.stored) }
        storage.write(floats: dtype == .bool ? floats.map { $0 != 0 ? 1 : 0 } : floats, ints: exact,
                      at: map.map { positions?[$0] ?? $0 })
        version.value += 1
    }

    /// Whether `other` carries the same autograd record as this tensor (nothing new to bind a target to).
    func sameRecord(as other: PyTensor) -> Bool {
        switch (origin, other.origin) {
        case (nil, nil): true
        case (.leaf(let a)?, .leaf(let b)?): a === b
        case (.node(let a, let i)?, .node(let b, let j)?): a === b && i == j
        default: false
        }
    }
}
