import RNNEngine

/// Sizes, views and reshaping. A view shares its input's storage (an in-place change through either is seen by
/// both, as in torch) and records the strides torch gives it (`Strides`); where torch copies (`reshape` of a
/// tensor it cannot view, `flip`), so does MiniPy.
extension TensorOps {
    static let shape: [String: TensorOp] = [
        "size": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["dim"])
            let shape = c.input.shape
            guard let d = b[0] else { return .size(shape) }
            guard let n = d.asIndex else { throw .typeError("size() received an invalid combination of arguments - got (\(d.typeName))") }
            if shape.isEmpty { throw .indexError("Dimension specified as \(n) but tensor has no dimensions") }
            return .int(shape[try c.dim(d)])
        },
        "dim": TensorOp(.method) { c throws(PyError) in .int(c.input.shape.count) },
        "ndimension": TensorOp(.method) { c throws(PyError) in .int(c.input.shape.count) },
        "numel": TensorOp { c throws(PyError) in .int(c.input.count) },
        "nelement": TensorOp(.method) { c throws(PyError) in .int(c.input.count) },
        "view": TensorOp(.method) { c throws(PyError) in
            let x = c.x
            if case .object(let d as DTypeObject)? = c.args.first {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support view(\(d.repr(c.interp))) yet")
            }
            let shape = try c.interp.viewShape(try c.interp.dims("view", c.args), count: x.count)
            guard let s = Strides.view(x.shape, c.input.torchStrides, as: shape) else { throw .runtime(Strides.viewError) }
            return viewResult(c.input, shape, map: nil, "ViewBackward0", strides: s) { g in g.reshaped(x.shape) }
        },
        "view_as": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["other"], required: 1)
            guard case .tensor(let other) = b[0]! else { throw .typeError("view_as(): argument 'other' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            let x = c.x
            let shape = try c.interp.viewShape(other.shape, count: x.count)
            guard let s = Strides.view(x.shape, c.input.torchStrides, as: shape) else { throw .runtime(Strides.viewError) }
            return viewResult(c.input, shape, map: nil, "ViewBackward0", strides: s) { g in g.reshaped(x.shape) }
        },
        "reshape": TensorOp { c throws(PyError) in
            let shape = try c.interp.viewShape(try c.interp.dims("reshape", c.args), count: c.input.count)
            return reshapeResult(c.input, shape)
        },
        "reshape_as": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["other"], required: 1)
            guard case .tensor(let other) = b[0]! else { throw .typeError("reshape_as(): argument 'other' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            return reshapeResult(c.input, try c.interp.viewShape(other.shape, count: c.input.count))
        },
        "is_contiguous": TensorOp(.method) { c throws(PyError) in .bool(c.input.isContiguous) },
        "stride": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["dim"])
            let ts = c.input.torchStrides
            guard let d = b[0], !d.isNone else { return .tuple(ts.map { .int($0) }) }
            return .int(ts[try c.dim(d)])
        },
        "flatten": TensorOp { c throws(PyError) in
            let b = try c.bind(["start_dim", "end_dim"])
            let shape = c.input.shape
            guard !shape.isEmpty else {
                return .tensor(Autograd.record("ViewBackward0", PyTensor(viewOf: c.input, shape: [1], map: nil), inputs: [c.input], saves: false) { g in
                    [g.reshaped([])]
                })
            }
            let s = try c.dim(b[0] ?? .int(0), "start_dim")
            let e = try c.dim(b[1] ?? .int(-1), "end_dim")
            guard s <= e else { throw .runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
            if s == e { return .tensor(c.input) }
            return reshapeResult(c.input, Array(shape[..<s]) + [shape[s...e].reduce(1, *)] + Array(shape[(e + 1)...]))
        },
        "unsqueeze": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"], required: 1)
            let shape = c.input.shape, ts = c.input.torchStrides
            let d = try c.dim(b[0], extra: 1)
            var s = ts
            s.insert(d < shape.count ? ts[d] * shape[d] : 1, at: d)
            var out = shape
            out.insert(1, at: d)
            return viewResult(c.input, out, map: nil, "UnsqueezeBackward0", strides: s) { g in g.reshaped(shape) }
        },
        "squeeze": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"])
            let x = c.x, ts = c.input.torchStrides
            if let dv = b[0], c.interp.sequenceItems(dv) != nil {
                // squeeze(dims): each listed dimension of size 1 goes (torch 2's SqueezeBackward2).
                var dims: [Int] = []
                for (k, v) in c.interp.sequenceItems(dv)!.enumerated() {
                    guard let d = v.asIndex else {
                        throw .typeError("squeeze(): argument 'dim' failed to unpack the object at pos \(k + 1) with error \"type must be tuple of ints,but got \(v.typeName)\"")
                    }
                    let w = try tc { try x.wrapDim(d) }
                    if dims.contains(w) { throw .runtime("dim \(w) appears multiple times in the list of dims") }
                    dims.append(w)
                }
                let kept = (0..<x.dim).filter { x.shape[$0] != 1 || !dims.contains($0) }
                return viewResult(c.input, kept.map { x.shape[$0] }, map: nil, "SqueezeBackward2", strides: kept.map { ts[$0] }) { g in g.reshaped(x.shape) }
            }
            let dim = try b[0].map { v throws(PyError) in try c.int(v, "dim") }
            let y = try tc { try x.squeezing(dim) }
            let wrapped = try dim.map { v throws(PyError) in try tc { try x.wrapDim(v) } }
            let kept = (0..<x.dim).filter { x.shape[$0] != 1 || (wrapped != nil && $0 != wrapped) }
            return viewResult(c.input, y.shape, map: nil, dim == nil ? "SqueezeBackward0" : "SqueezeBackward1", strides: kept.map { ts[$0] }) { g in g.reshaped(x.shape) }
        },
        "transpose": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim0", "dim1"], required: 2)
            let shape = c.input.shape
            var perm = Array(shape.indices)
            var s = c.input.torchStrides
            if !shape.isEmpty {
                let d0 = try c.dim(b[0], "dim0"), d1 = try c.dim(b[1], "dim1")
                perm.swapAt(d0, d1)
                s.swapAt(d0, d1)
            } else {
                _ = try c.dim(b[0], "dim0"); _ = try c.dim(b[1], "dim1")
            }
            return permutedView(c.input, perm, "TransposeBackward0", strides: s)
        },
        "t": TensorOp { c throws(PyError) in
            let shape = c.input.shape, ts = c.input.torchStrides
            guard shape.count <= 2 else { throw .runtime("t() expects a tensor with <= 2 dimensions, but self is \(shape.count)D") }
            return permutedView(c.input, shape.count < 2 ? Array(shape.indices) : [1, 0], "TBackward0", strides: shape.count < 2 ? ts : [ts[1], ts[0]])
        },
        "permute": TensorOp { c throws(PyError) in
            let shape = c.input.shape, ts = c.input.torchStrides
            let given = try c.interp.dims("permute", c.args)
            _ = try tc { try c.x.permuted(given) }   // torch's checks and messages
            let perm = given.map { ($0 + shape.count) % max(shape.count, 1) }
            return permutedView(c.input, perm, "PermuteBackward0", strides: perm.map { ts[$0] })
        },
        "contiguous": TensorOp(.method) { c throws(PyError) in
            // Self when contiguous, as torch returns it; else a contiguous copy.
            c.input.isContiguous ? .tensor(c.input)
                : .tensor(Autograd.record("CloneBackward0", PyTensor(copying: c.input, shape: c.input.shape, map: nil), inputs: [c.input], saves: false) { g in [g] })
        },
        "flip": TensorOp { c throws(PyError) in
            let shape = c.input.shape
            var dims: [Int] = []
            for d in try c.interp.dims("flip", c.args) { dims.append(try tc { try c.x.wrapDim(d) }) }
            let map = Layout.gather(shape, shape.indices.map { d in dims.contains(d) ? Array((0..<shape[d]).reversed()) : Array(0..<shape[d]) })
            return .tensor(Autograd.record("FlipBackward0", PyTensor(copying: c.input, shape: shape, map: map), inputs: [c.input], saves: false) { g in
                [Interpreter.flipped(g, dims)]
            })
        },
        "chunk": TensorOp { c throws(PyError) in
            let b = try c.bind(["chunks", "dim"], required: 1)
            let shape = c.input.shape
            let chunks = try c.int(b[0], "chunks")
            guard !shape.isEmpty else { throw .runtime("chunk expects at least a 1-dimensional tensor") }
            guard chunks > 0 else { throw .runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
            let d = try c.dim(b[1] ?? .int(0))
            let n = shape[d], size = (n + chunks - 1) / chunks
            if n == 0 {
                // ATen's chunk of an empty dimension: `chunks` empty pieces (split would keep one).
                try c.interp.checkElements(chunks, size: MemoryLayout<PyValue>.stride)
                return .tuple(try splitParts(c, d, sizes: Array(repeating: 0, count: chunks), withSizes: true))
            }
            return .tuple(try splitParts(c, d, sizes: stride(from: 0, to: n, by: max(size, 1)).map { min(size, n - $0) }))
        },
        "split": TensorOp { c throws(PyError) in
            let b = try c.bind(["split_size_or_sections", "dim"], required: 1)
            let shape = c.input.shape
            guard !shape.isEmpty else { throw .runtime("split expects at least a 1-dimensional tensor") }
            let d = try c.dim(b[1] ?? .int(0))
            let n = shape[d]
            if let size = b[0]!.asIndex {
                guard size >= 0 else { throw .runtime("split expects split_size be non-negative, but got split_size=\(size)") }
                if size == 0 && n != 0 { throw .runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(n)") }
                return .tuple(try splitParts(c, d, sizes: stride(from: 0, to: max(n, 1), by: max(size, 1)).map { min(size, n - $0) }))
            }
            var sizes: [Int] = []
            for v in try c.interp.iterate(b[0]!) { sizes.append(try c.int(v, "split_size_or_sections")) }
            guard sizes.reduce(0, +) == n else {
                throw .runtime("split_with_sizes expects split_sizes to sum exactly to \(n) (input tensor's size at dimension \(d)), but got split_sizes=\(pyShape(sizes))")
            }
            return .tuple(try splitParts(c, d, sizes: sizes))
        },
        "unbind": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"])
            guard !c.input.shape.isEmpty else { throw .indexError("Dimension specified as 0 but tensor has no dimensions") }
            let d = try c.dim(b[0] ?? .int(0))
            var parts: [PyValue] = []
            for k in 0..<c.input.shape[d] {
                let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d) + [.int(k)]
                parts.append(try renamed(try c.interp.tensorIndex(c.input, items), "UnbindBackward0"))
            }
            return .tuple(parts)
        },
        "narrow": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "start", "length"], required: 3)
            guard !c.input.shape.isEmpty else { throw .runtime("narrow() cannot be applied to a 0-dim tensor.") }
            let d = try c.dim(b[0])
            let n = c.input.shape[d]
            var start = try c.int(b[1], "start")
            let length = try c.int(b[2], "length")
            if start < 0 { start += n }
            guard start >= 0, start <= n else { throw .indexError("start out of range (expected to be in range of [\(-n), \(n)], but got \(try c.int(b[1], "start")))") }
            guard length >= 0, start <= n - length else { throw .runtime("start (\(start)) + length (\(length)) exceeds dimension size (\(n)).") }
            let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d) + [.object(SliceObject(.int(start), .int(start + length), .none))]
            return try c.interp.tensorIndex(c.input, items)
        },
        "select": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "index"], required: 2)
            guard !c.input.shape.isEmpty else { throw .indexError("select() cannot be applied to a 0-dim tensor.") }
            let d = try c.dim(b[0])
            let index = try c.int(b[1], "index"), size = c.input.shape[d]
            // select() has its own words for an index past the dimension, not indexing's.
            guard index >= -size && index < size else {
                throw .indexError("select(): index \(index) out of range for tensor of size \(pyShape(c.input.shape)) at dimension \(d)")
            }
            let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d) + [.int(index)]
            return try c.interp.tensorIndex(c.input, items)
        },
        "expand": TensorOp(.method) { c throws(PyError) in
            let sizes = try c.interp.dims("expand", c.args)
            return try expanded(c.input, sizes, c.interp)
        },
        "expand_as": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["other"], required: 1)
            guard case .tensor(let other) = b[0]! else { throw .typeError("expand_as(): argument 'other' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            return try expanded(c.input, other.shape, c.interp)
        },
        "repeat": TensorOp(.method) { c throws(PyError) in
            let reps = try c.interp.dims("repeat", c.args)
            let shape = c.input.shape
            guard reps.count >= shape.count else {
                throw .runtime("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
            }
            let padded = Array(repeating: 1, count: reps.count - shape.count) + shape
            // torch multiplies in int64 and wraps: an overflow shows as a negative dimension.
            let out = zip(padded, reps).map { $0 &* $1 }
            if let neg = out.first(where: { $0 < 0 }), !reps.contains(where: { $0 < 0 }) {
                throw .runtime("Trying to create tensor with negative dimension \(neg): \(pyShape(out))")
            }
            if reps.contains(where: { $0 < 0 }) { throw .runtime("Trying to create tensor with negative dimension \(reps.first { $0 < 0 }!): \(pyShape(reps))") }
            _ = try c.interp.checkedShape("repeat", out)
            let map = Layout.gather(padded, zip(padded, reps).map { n, r in (0..<(n * r)).map { $0 % max(n, 1) } })
            let source = shape
            return .tensor(Autograd.record("RepeatBackward0", PyTensor(copying: c.input, shape: out, map: map), inputs: [c.input], saves: false) { g in
                [Tensor(shape: source, storage: Layout.scatterAdd(g.storage, map, count: source.reduce(1, *)))]
            })
        },
    ]

    /// A view of `input` with `shape`: element k is input's element `map[k]` (in order when nil), with the strides
    /// torch gives it; its gradient is g put back into the input's shape by `back`.
    static func viewResult(_ input: PyTensor, _ shape: [Int], map: [Int]?, _ gradName: String, strides: [Int],
                           _ back: @escaping (Tensor) throws(PyError) -> Tensor) -> PyValue {
        var view = PyTensor(viewOf: input, shape: shape, map: map)
        view.strides = Strides.normalized(shape, strides)
        return .tensor(Autograd.record(gradName, view, inputs: [input], saves: false) { g throws(PyError) in [try back(g)] })
    }

    /// `permute`, `transpose`, `t`: output dimension k is input dimension perm[k].
    static func permutedView(_ input: PyTensor, _ perm: [Int], _ gradName: String, strides: [Int]) -> PyValue {
        let shape = input.shape
        var inverse = [Int](repeating: 0, count: perm.count)
        for (k, p) in perm.enumerated() { inverse[p] = k }
        return viewResult(input, perm.map { shape[$0] }, map: Layout.permute(shape, perm), gradName, strides: strides) { g throws(PyError) in
            try tc { try g.permuted(inverse) }
        }
    }

    /// `reshape`: a view when torch can view (ViewBackward0 if contiguous, ReshapeAliasBackward0 if not), else a
    /// contiguous copy (UnsafeViewBackward0).
    static func reshapeResult(_ input: PyTensor, _ shape: [Int]) -> PyValue {
        let source = input.shape
        let back: (Tensor) throws(PyError) -> Tensor = { g in g.reshaped(source) }
        if input.isContiguous { return viewResult(input, shape, map: nil, "ViewBackward0", strides: Strides.contiguous(shape), back) }
        if let s = Strides.view(source, input.torchStrides, as: shape) { return viewResult(input, shape, map: nil, "ReshapeAliasBackward0", strides: s, back) }
        return .tensor(Autograd.record("UnsafeViewBackward0", PyTensor(copying: input, shape: shape, map: nil), inputs: [input], saves: false) { g throws(PyError) in [try back(g)] })
    }

    /// The parts of `split`/`chunk` along `d`: views named SplitBackward0 (SplitWithSizesBackward0 for given sizes).
    /// `withSizes`: the pieces come from ATen's split_with_sizes (split by a list, chunk of an empty dimension).
    static func splitParts(_ c: TensorCall, _ d: Int, sizes: [Int], withSizes: Bool = false) throws(PyError) -> [PyValue] {
        var parts: [PyValue] = []
        var start = 0
        let name = withSizes || (c.name == "split" && c.args.first?.asIndex == nil) ? "SplitWithSizesBackward0" : "SplitBackward0"
        for size in sizes {
            let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d) + [.object(SliceObject(.int(start), .int(start + size), .none))]
            parts.append(try renamed(try c.interp.tensorIndex(c.input, items), name))
            start += size
        }
        return parts
    }

    /// The same result with its grad_fn named as torch names it for the operation that made it.
    static func renamed(_ v: PyValue, _ name: String) throws(PyError) -> PyValue {
        guard case .tensor(var p) = v, case .node(let node, _)? = p.origin else { return v }
        p.origin = .node(GradNode([name], shapes: node.outputShapes, inputs: node.inputs, saves: false) { g throws(PyError) in try node.run(g) }, 0)
        return .tensor(p)
    }

    /// `expand(*sizes)`: a view repeating size-1 dimensions (-1 keeps a size), torch's messages otherwise.
    static func expanded(_ input: PyTensor, _ sizes: [Int], _ interp: Interpreter) throws(PyError) -> PyValue {
        let shape = input.shape
        guard sizes.count >= shape.count else {
            throw .runtime("expand(\(input.dtype.legacyTypeName){\(pyShape(shape))}, size=\(pyShape(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(shape.count))")
        }
        let lead = sizes.count - shape.count
        var out = sizes
        // ATen walks the sizes from the last: of several mismatches the innermost is the one reported.
        for k in sizes.indices.reversed() {
            let d = k - lead
            if d < 0 {
                guard sizes[k] >= 0 else { throw .runtime("The expanded size of the tensor (\(sizes[k])) isn't allowed in a leading, non-existing dimension \(k)") }
                continue
            }
            if sizes[k] == -1 { out[k] = shape[d]; continue }
            guard shape[d] == 1 || shape[d] == sizes[k] else {
                throw .runtime("The expanded size of the tensor (\(sizes[k])) must match the existing size (\(shape[d])) at non-singleton dimension \(k).  Target sizes: \(pyShape(sizes)).  Tensor sizes: \(pyShape(shape))")
            }
        }
        var n = 1
        for d in out {
            let r = n.multipliedReportingOverflow(by: d)
            if r.overflow { throw .runtime("numel: integer multiplication overflow") }
            n = r.partialValue
        }
        try interp.checkElements(n, size: 8)
        try interp.checkEmptySpan(out)
        let map = Layout.broadcast(shape, to: out)
        let ts = input.torchStrides
        let strides = out.indices.map { k -> Int in
            let d = k - lead
            return d < 0 || (shape[d] == 1 && out[k] != 1) ? 0 : ts[d]
        }
        return viewResult(input, out, map: map, "ExpandBackward0", strides: strides) { g in Autograd.sum(g, toShape: shape) }
    }
}
