import RNNEngine

/// `torch.cat` and `torch.stack`: the parts' values copied exactly (integers too), in the widest dtype of the parts.
extension Interpreter {
    func concatenate(_ args: [PyValue], _ kwargs: [(String, PyValue)], stack: Bool) throws(PyError) -> PyValue {
        let fname = stack ? "stack" : "cat"
        // torch takes numpy's `axis` as another name for `dim`.
        let kwargs = kwargs.map { $0.0 == "axis" && !kwargs.contains { $0.0 == "dim" } ? ("dim", $0.1) : $0 }
        let b = try bind(fname, ["tensors", "dim", "out"], required: 1, args, kwargs)
        var ts: [PyTensor] = []
        switch b[0]! {
        case .list, .tuple: break
        case .tensor:
            throw .typeError("\(fname)(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor")
        default:
            throw .typeError("\(fname)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(b[0]!.typeName)")
        }
        for (k, x) in try iterate(b[0]!).enumerated() {
            guard case .tensor(let t) = x else { throw .typeError("expected Tensor as element \(k) in argument 0, but got \(x.typeName)") }
            ts.append(t)
        }
        guard let first = ts.first else {
            throw stack ? .runtime("stack expects a non-empty TensorList") : .valueError("torch.cat(): expected a non-empty list of Tensors")
        }
        var shapes = ts.map(\.shape)
        let rawDim = try b[1].map { v throws(PyError) in try intArg(fname, "dim", v) } ?? 0
        if stack {
            for (k, t) in ts.enumerated() where t.shape != first.shape {
                throw .runtime("stack expects each tensor to be equal size, but got \(pyShape(first.shape)) at entry 0 and \(pyShape(t.shape)) at entry \(k)")
            }
            let d = try tc { try first.t.wrapDim(rawDim, extra: 1) }
            shapes = shapes.map { var s = $0; s.insert(1, at: d); return s }
        } else {
            if let k = ts.firstIndex(where: { $0.shape.isEmpty }) {
                throw .runtime("zero-dimensional tensor (at position \(k)) cannot be concatenated")
            }
            // torch still skips legacy empty tensors (shape [0]) in cat.
            let kept = shapes.indices.filter { shapes[$0] != [0] }
            if !kept.isEmpty && kept.count < shapes.count { ts = kept.map { ts[$0] }; shapes = kept.map { shapes[$0] } }
            if let other = shapes.first(where: { $0.count != shapes[0].count }) {
                throw .runtime("Tensors must have same number of dimensions: got \(shapes[0].count) and \(other.count)")
            }
        }
        let rank = shapes[0].count
        guard rawDim >= -rank && rawDim < rank else {
            throw .indexError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(rawDim))")
        }
        let d = rawDim < 0 ? rawDim + rank : rawDim
        for (k, s) in shapes.enumerated() {
            if let bad = (0..<rank).first(where: { $0 != d && s[$0] != shapes[0][$0] }) {
                throw .runtime("Sizes of tensors must match except in dimension \(d). Expected size \(shapes[0][bad]) but got size \(s[bad]) for tensor number \(k) in the list.")
            }
        }
        var shape = shapes[0]
        shape[d] = shapes.reduce(0) { $0 + $1[d] }
        let total = try checkedShape(fname, shape)
        let outer = shape[..<d].reduce(1, *)
        // The result has the widest dtype of the parts (bool < int32 < int64 < float32), as torch promotes.
        let dtype = ts.map(\.dtype).max { $0.rank < $1.rank }!
        var floats: [Float] = []
        var ints: [Int] = []
        if dtype.isInteger || dtype == .bool { ints.reserveCapacity(total) } else { floats.reserveCapacity(total) }
        let partInts = dtype.isInteger || dtype == .bool ? ts.map(\.exactInts) : []
        let partFloats = dtype.isInteger || dtype == .bool ? [] : ts.map(\.floats)
        for o in 0..<outer {
            for (k, s) in shapes.enumerated() {
                let chunk = s[d...].reduce(1, *)
                if partInts.isEmpty { floats += partFloats[k][(o * chunk)..<((o + 1) * chunk)] }
                else { ints += partInts[k][(o * chunk)..<((o + 1) * chunk)] }
            }
        }
        let sizes = shapes.map { $0[d] }, partShapes = ts.map(\.shape)
        let out = partInts.isEmpty ? PyTensor(Tensor(shape: shape, storage: floats)) : PyTensor(ints: ints, shape: shape, dtype: dtype)
        return .tensor(Autograd.record(stack ? "StackBackward0" : "CatBackward0", out, inputs: ts, saves: false) { g in
            // Each part's gradient is its block of g along d.
            let inner = shape[(d + 1)...].reduce(1, *)
            var grads: [[Float]] = sizes.map { _ in [] }
            for o in 0..<outer {
                var start = o * shape[d] * inner
                for (k, n) in sizes.enumerated() {
                    grads[k] += g.storage[start..<(start + n * inner)]
                    start += n * inner
                }
            }
            return zip(grads, partShapes).map { Tensor(shape: $1, storage: $0) }
        })
    }
}

extension Interpreter {
    /// `torch.hstack` / `torch.vstack`: `cat` after torch's atleast_1d / atleast_2d (1-D tensors join end to end in
    /// hstack, and stand as rows in vstack).
    func stackAlong(_ args: [PyValue], _ kwargs: [(String, PyValue)], vertical: Bool) throws(PyError) -> PyValue {
        let fname = vertical ? "vstack" : "hstack"
        let b = try bind(fname, ["tensors", "out"], required: 1, args, kwargs)
        switch b[0]! {
        case .list, .tuple: break
        default: throw .typeError("\(fname)(): argument 'tensors' (position 1) must be tuple of Tensors, not \(b[0]!.typeName)")
        }
        var parts: [PyValue] = []
        for (k, x) in try iterate(b[0]!).enumerated() {
            guard case .tensor(let t) = x else { throw .typeError("expected Tensor as element \(k) in argument 0, but got \(x.typeName)") }
            let rank = vertical ? 2 : 1
            if t.shape.count >= rank { parts.append(x); continue }
            let shape = Array(repeating: 1, count: rank - t.shape.count) + t.shape
            parts.append(try call(try attribute(x, "reshape"), [.tuple(shape.map { .int($0) })], []))
        }
        if parts.isEmpty { throw .runtime("\(fname) expects a non-empty TensorList") }
        let allOneD = parts.allSatisfy { if case .tensor(let t) = $0 { return t.shape.count == 1 }; return false }
        return try concatenate([.list(PyList(parts)), .int(vertical || allOneD ? 0 : 1)], [], stack: false)
    }
}
