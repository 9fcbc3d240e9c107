import RNNEngine

/// Sizes, views and reshaping: each view records the strides torch gives it (`Strides`).
extension TensorOps {
    static let shape: [String: TensorOp] = [
        "size": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["dim"])
            let x = c.x
            guard let d = b[0] else { return .size(x.shape) }
            guard let n = d.asIndex else { throw .typeError("size() received an invalid combination of arguments - got (\(d.typeName))") }
            if x.dim == 0 { throw .indexError("Dimension specified as \(n) but tensor has no dimensions") }
            return .int(x.shape[try tc { try x.wrapDim(n) }])
        },
        "dim": TensorOp(.method) { c throws(PyError) in .int(c.x.dim) },
        "ndimension": TensorOp(.method) { c throws(PyError) in .int(c.x.dim) },
        "numel": TensorOp { c throws(PyError) in .int(c.x.count) },
        "nelement": TensorOp(.method) { c throws(PyError) in .int(c.x.count) },
        "view": TensorOp(.method) { c throws(PyError) in
            let x = c.x
            let shape = try tc { try x.viewed(try c.interp.dims("view", c.args)) }.shape
            guard let s = Strides.view(x.shape, c.input.torchStrides, as: shape) else { throw .runtime(Strides.viewError) }
            return viewResult(c.input, x.reshaped(shape), "ViewBackward0", strides: s) { g in g.reshaped(x.shape) }
        },
        "reshape": TensorOp { c throws(PyError) in
            let shape = try tc { try c.x.viewed(try c.interp.dims("reshape", c.args)) }.shape
            return reshapeResult(c.input, shape)
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
            let x = c.x
            guard x.dim > 0 else {
                return .tensor(Autograd.record("ViewBackward0", x.reshaped([1]), dtype: c.input.dtype, inputs: [c.input], saves: false) { g in [g.reshaped(x.shape)] })
            }
            let s = try tc { try x.wrapDim(try b[0].map { v throws(PyError) in try c.int(v, "start_dim") } ?? 0) }
            let e = try tc { try x.wrapDim(try b[1].map { v throws(PyError) in try c.int(v, "end_dim") } ?? -1) }
            guard s <= e else { throw .runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
            if s == e { return .tensor(c.input) }
            let shape = Array(x.shape[..<s]) + [x.shape[s...e].reduce(1, *)] + Array(x.shape[(e + 1)...])
            return reshapeResult(c.input, shape)
        },
        "unsqueeze": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"], required: 1)
            let x = c.x, ts = c.input.torchStrides
            let d = try c.dim(b[0], extra: 1)
            var s = ts
            s.insert(d < x.dim ? ts[d] * x.shape[d] : 1, at: d)
            return viewResult(c.input, x.unsqueezed(d), "UnsqueezeBackward0", strides: s) { g in g.reshaped(x.shape) }
        },
        "squeeze": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"])
            let x = c.x, ts = c.input.torchStrides
            let dim = try b[0].map { v throws(PyError) in try c.int(v, "dim") }
            let y = try tc { try x.squeezing(dim) }
            let wrapped = try dim.map { v throws(PyError) in try tc { try x.wrapDim(v) } }
            let kept = (0..<x.dim).filter { x.shape[$0] != 1 || (wrapped != nil && $0 != wrapped) }
            return viewResult(c.input, y, dim == nil ? "SqueezeBackward0" : "SqueezeBackward1", strides: kept.map { ts[$0] }) { g in g.reshaped(x.shape) }
        },
        "transpose": TensorOp { c throws(PyError) in
            let b = try c.bind(["dim0", "dim1"], required: 2)
            let x = c.x
            let d0 = try c.int(b[0], "dim0"), d1 = try c.int(b[1], "dim1")
            let y = try tc { try x.transposed(d0, d1) }
            var s = c.input.torchStrides
            if x.dim > 0 { s.swapAt(try tc { try x.wrapDim(d0) }, try tc { try x.wrapDim(d1) }) }
            return viewResult(c.input, y, "TransposeBackward0", strides: s) { g throws(PyError) in try tc { try g.transposed(d0, d1) } }
        },
        "t": TensorOp { c throws(PyError) in
            let x = c.x, ts = c.input.torchStrides
            guard x.dim <= 2 else { throw .runtime("t() expects a tensor with <= 2 dimensions, but self is \(x.dim)D") }
            return viewResult(c.input, x.dim < 2 ? x : try tc { try x.transposed(0, 1) }, "TBackward0", strides: x.dim < 2 ? ts : [ts[1], ts[0]]) { g throws(PyError) in
                g.dim < 2 ? g : try tc { try g.transposed(0, 1) }
            }
        },
        "permute": TensorOp { c throws(PyError) in
            let x = c.x, ts = c.input.torchStrides
            let perm = try c.interp.dims("permute", c.args)
            let y = try tc { try x.permuted(perm) }
            var inverse = [Int](repeating: 0, count: perm.count)
            for (k, p) in perm.enumerated() { inverse[(p + perm.count) % perm.count] = k }
            return viewResult(c.input, y, "PermuteBackward0", strides: perm.map { ts[($0 + perm.count) % perm.count] }) { g throws(PyError) in
                try tc { try g.permuted(inverse) }
            }
        },
        "contiguous": TensorOp(.method) { c throws(PyError) in
            // Self when contiguous, as torch returns it; else a contiguous copy.
            c.input.isContiguous ? .tensor(c.input)
                : .tensor(Autograd.record("CloneBackward0", c.x, dtype: c.input.dtype, inputs: [c.input], saves: false) { g in [g] })
        },
        "flip": TensorOp { c throws(PyError) in
            let x = c.x
            var dims: [Int] = []
            for d in try c.interp.dims("flip", c.args) { dims.append(try tc { try x.wrapDim(d) }) }
            let y = Interpreter.flipped(x, dims)
            return .tensor(Autograd.record("FlipBackward0", y, dtype: c.input.dtype, inputs: [c.input], saves: false) { g in [Interpreter.flipped(g, dims)] })
        },
        "chunk": TensorOp { c throws(PyError) in
            let b = try c.bind(["chunks", "dim"], required: 1)
            let x = c.x
            let chunks = try c.int(b[0], "chunks")
            guard x.dim > 0 else { throw .runtime("chunk expects at least a 1-dimensional tensor") }
            guard chunks > 0 else { throw .runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
            let d = try tc { try x.wrapDim(try b[1].map { v throws(PyError) in try c.int(v, "dim") } ?? 0) }
            let n = x.shape[d], size = (n + chunks - 1) / chunks
            var parts: [PyValue] = []
            var start = 0
            while start < n || (n == 0 && parts.isEmpty) {
                let stop = min(n, start + max(size, 1))
                var items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d)
                items.append(.object(SliceObject(.int(start), .int(stop), .none)))
                let part = try c.interp.tensorIndex(c.input, items)
                if case .tensor(var p) = part, case .node(let node, _)? = p.origin {
                    // torch names every chunk's grad_fn SplitBackward0.
                    p.origin = .node(GradNode(["SplitBackward0"], shapes: node.outputShapes, inputs: node.inputs,
                                              saves: false) { g throws(PyError) in try node.run(g) }, 0)
                    parts.append(.tensor(p))
                } else {
                    parts.append(part)
                }
                start = stop
                if n == 0 { break }
            }
            return .tuple(parts)
        },
    ]

    /// A view of `input`: `r` with the strides torch gives it; its gradient is g put back into the input's shape.
    static func viewResult(_ input: PyTensor, _ r: Tensor, _ gradName: String, strides: [Int],
                           _ back: @escaping (Tensor) throws(PyError) -> Tensor) -> PyValue {
        .tensor(Autograd.record(gradName, r, dtype: input.dtype, inputs: [input], saves: false) { g throws(PyError) in [try back(g)] }
            .withStrides(strides))
    }

    /// `reshape`: a view when torch can view (ViewBackward0 if contiguous, ReshapeAliasBackward0 if not), else a
    /// contiguous copy (UnsafeViewBackward0).
    static func reshapeResult(_ input: PyTensor, _ shape: [Int]) -> PyValue {
        let x = input.t
        let r = x.reshaped(shape)
        let back: (Tensor) throws(PyError) -> Tensor = { g in g.reshaped(x.shape) }
        if input.isContiguous { return viewResult(input, r, "ViewBackward0", strides: Strides.contiguous(shape), back) }
        if let s = Strides.view(x.shape, input.torchStrides, as: shape) { return viewResult(input, r, "ReshapeAliasBackward0", strides: s, back) }
        return .tensor(Autograd.record("UnsafeViewBackward0", r, dtype: input.dtype, inputs: [input], saves: false) { g throws(PyError) in [try back(g)] })
    }
}
