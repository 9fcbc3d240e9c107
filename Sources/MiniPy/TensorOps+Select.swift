import RNNEngine

/// Picking elements by index (`gather`, `index_select`, `masked_select`, `nonzero`), triangles and diagonals,
/// `roll`, `unique`, and the matrix products.
extension TensorOps {
    static let selection: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        ops["gather"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "index", "sparse_grad"], required: 2)
            guard case .tensor(let index) = b[1]! else { throw .typeError("gather(): argument 'index' (position 2) must be Tensor, not \(b[1]!.typeName)") }
            let t = c.input, shape = t.shape
            let d = try c.dim(b[0])
            guard index.dtype.isInteger else { throw .runtime("gather(): Expected dtype int32/int64 for index") }
            guard index.shape.count == max(shape.count, 1) || (shape.isEmpty && index.shape.count <= 1) else {
                throw .runtime("Index tensor must have the same number of dimensions as input tensor")
            }
            let ishape = index.shape, idx = index.exactInts
            for k in ishape.indices where k != d && ishape[k] > (shape.isEmpty ? 1 : shape[k]) {
                throw .runtime("Size does not match at dimension \(k) expected index \(pyShape(ishape)) to be no larger than self \(pyShape(shape)) apart from dimension \(d)")
            }
            let st = Layout.strides(shape), ist = Layout.strides(ishape)
            let n = shape.isEmpty ? 1 : shape[d]
            var map: [Int] = []
            map.reserveCapacity(idx.count)
            for (p, v) in idx.enumerated() {
                guard v >= -n, v < n else { throw .runtime("index \(v) is out of bounds for dimension \(d) with size \(n)") }
                var at = 0
                for k in ishape.indices { at += (k == d ? (v < 0 ? v + n : v) : p / ist[k] % ishape[k]) * (shape.isEmpty ? 0 : st[k]) }
                map.append(at)
            }
            return .tensor(gathered(t, ishape, map, "GatherBackward0"))
        }
        ops["index_select"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "index"], required: 2)
            guard case .tensor(let index) = b[1]! else { throw .typeError("index_select(): argument 'index' (position 2) must be Tensor, not \(b[1]!.typeName)") }
            guard index.dtype.isInteger else { throw .runtime("index_select(): Expected dtype int32/int64 for index") }
            guard index.shape.count <= 1 else { throw .indexError("index_select(): Index is supposed to be a vector") }
            let d = try c.dim(b[0])
            // No negative indices here, unlike indexing; ATen's own kernel for dimension 1 words the failure
            // its own way, every other case says "index out of range in self".
            let size = c.input.shape.isEmpty ? 1 : c.input.shape[d]
            if let bad = index.exactInts.first(where: { $0 < 0 || $0 >= size }) {
                if d == 1 && c.input.shape.count > 1 { throw .runtime("INDICES element is out of DATA bounds, id=\(bad) axis_dim=\(size)") }
                throw .indexError("index out of range in self")
            }
            // A 0-d input gives its one value, 0-d, whatever the index's shape.
            if c.input.shape.isEmpty { return .tensor(gathered(c.input, [], [0], "IndexSelectBackward0")) }
            let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d) + [.tensor(PyTensor(ints: index.exactInts, shape: [index.count]))]
            return try renamed(try c.interp.tensorIndex(c.input, items), "IndexSelectBackward0")
        }
        ops["masked_select"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["mask"], required: 1)
            guard case .tensor(let mask) = b[0]!, mask.dtype == .bool else {
                throw .runtime("masked_select: expected BoolTensor for mask")
            }
            let shape = try tc { try Tensor.broadcastShape(c.input.shape, mask.shape) }
            let mi = Layout.broadcast(c.input.shape, to: shape), mm = Layout.broadcast(mask.shape, to: shape)
            let flags = mask.floats
            let map = mi.indices.filter { flags[mm[$0]] != 0 }.map { mi[$0] }
            return .tensor(gathered(c.input, [map.count], map, "MaskedSelectBackward0"))
        }
        ops["nonzero"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["as_tuple"])
            return try c.interp.nonzero(c.input, asTuple: try c.flag(b[0]))
        }
        ops["argwhere"] = TensorOp { c throws(PyError) in try c.interp.nonzero(c.input, asTuple: false) }
        for name in ["tril", "triu"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["diagonal"])
                let k = try b[0].map { v throws(PyError) in try c.int(v, "diagonal") } ?? 0
                let t = c.input, shape = t.shape
                guard shape.count >= 2 else { throw .runtime("\(name): input tensor must have at least 2 dimensions") }
                let rows = shape[shape.count - 2], cols = shape[shape.count - 1]
                let keep = (0..<t.count).map { p -> Bool in
                    let (r, col) = (p / cols % rows, p % cols)
                    return name == "tril" ? col - r <= k : col - r >= k
                }
                if !t.dtype.isFloatingPoint {
                    let x = t.exactInts
                    return .tensor(PyTensor(ints: x.indices.map { keep[$0] ? x[$0] : 0 }, shape: shape, dtype: t.dtype))
                }
                let x = t.floats
                return .tensor(Autograd.record(name == "tril" ? "TrilBackward0" : "TriuBackward0",
                                               Tensor(shape: shape, storage: x.indices.map { keep[$0] ? x[$0] : 0 }), inputs: [t]) { g in
                    [Tensor(shape: shape, storage: g.storage.indices.map { keep[$0] ? g.storage[$0] : 0 })]
                })
            }
        }
        ops["diagonal"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["offset", "dim1", "dim2"])
            let shape = c.input.shape
            guard shape.count == 2, (b[1] == nil && b[2] == nil) else {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support diagonal() of tensors other than matrices yet")
            }
            let k = try b[0].map { v throws(PyError) in try c.int(v, "offset") } ?? 0
            let map = diagonalMap(shape[0], shape[1], k)
            var view = PyTensor(viewOf: c.input, shape: [map.count], map: map)
            view.strides = Strides.normalized([map.count], [shape[1] + 1])
            let count = c.input.count
            return .tensor(Autograd.record("DiagonalBackward0", view, inputs: [c.input], saves: false) { g in
                [Tensor(shape: shape, storage: Layout.scatterAdd(g.storage, map, count: count))]
            })
        }
        ops["diag"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["diagonal"])
            let k = try b[0].map { v throws(PyError) in try c.int(v, "diagonal") } ?? 0
            let t = c.input, shape = t.shape
            if shape.count == 2 {
                let map = diagonalMap(shape[0], shape[1], k)
                return .tensor(gathered(t, [map.count], map, "DiagonalBackward0_copy"))
            }
            guard shape.count == 1 else { throw .runtime("diag(): Supports 1D or 2D tensors. Got \(shape.count)D") }
            let wide = shape[0].addingReportingOverflow(Int(clamping: k.magnitude))
            let n = wide.overflow ? Int.max : wide.partialValue
            _ = try c.interp.checkedShape("diag", [n, n])
            let positions = (0..<shape[0]).map { i in k >= 0 ? i * n + i + k : (i - k) * n + i }
            if !t.dtype.isFloatingPoint {
                var out = [Int](repeating: 0, count: n * n)
                let x = t.exactInts
                for (i, p) in positions.enumerated() { out[p] = x[i] }
                return .tensor(PyTensor(ints: out, shape: [n, n], dtype: t.dtype))
            }
            var out = [Float](repeating: 0, count: n * n)
            let x = t.floats
            for (i, p) in positions.enumerated() { out[p] = x[i] }
            return .tensor(Autograd.record("DiagEmbedBackward0", Tensor(shape: [n, n], storage: out), inputs: [t]) { g in
                [Tensor(shape: shape, storage: positions.map { g.storage[$0] })]
            })
        }
        ops["trace"] = TensorOp { c throws(PyError) in
            try c.noArguments()
            let shape = c.input.shape
            guard shape.count == 2 else { throw .runtime("trace: expected a matrix, but got tensor with dim \(shape.count)") }
            let map = diagonalMap(shape[0], shape[1], 0)
            if !c.input.dtype.isFloatingPoint {
                let x = c.input.exactInts
                return .tensor(PyTensor(ints: [map.reduce(0) { $0 &+ x[$1] }], shape: [], dtype: .int64))
            }
            let x = c.input.floats
            return .tensor(Autograd.record("TraceBackward0", Tensor(shape: [], storage: [map.reduce(Float(0)) { $0 + x[$1] }]), inputs: [c.input]) { g in
                [Tensor(shape: shape, storage: Layout.scatterAdd(map.map { _ in g.storage[0] }, map, count: x.count))]
            })
        }
        ops["roll"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["shifts", "dims"], required: 1)
            let shape = c.input.shape
            var shifts: [Int] = [], dims: [Int] = []
            if let s = b[0]!.asIndex { shifts = [s] } else { for v in try c.interp.iterate(b[0]!) { shifts.append(try c.int(v, "shifts")) } }
            if let dv = b[1], !dv.isNone {
                if let d = dv.asIndex { dims = [d] } else { for v in try c.interp.iterate(dv) { dims.append(try c.int(v, "dims")) } }
            }
            var map: [Int]
            let count = c.input.count
            if dims.isEmpty {
                guard shifts.count == 1 else { throw .runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:0") }
                let s = count == 0 ? 0 : ((shifts[0] % count) + count) % count
                map = (0..<count).map { ($0 - s + count) % count }
            } else {
                guard shifts.count == dims.count else { throw .runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)") }
                var lists = shape.map { Array(0..<$0) }
                for (s, d0) in zip(shifts, dims) {
                    let d = try c.dim(.int(d0), "dims")
                    let n = shape[d]
                    guard n > 0 else { continue }
                    let sh = ((s % n) + n) % n
                    lists[d] = (0..<n).map { lists[d][($0 - sh + n) % n] }
                }
                map = Layout.gather(shape, lists)
            }
            return .tensor(gathered(c.input, shape, map, "RollBackward0"))
        }
        ops["unique"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["sorted", "return_inverse", "return_counts", "dim"])
            if let d = b[3], !d.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy does not support unique() along a dim yet") }
            let t = c.input
            var values: [PyValue] = []
            var inverse: [Int] = []
            var counts: [Int] = []
            let items = t.pythonValues()
            var order: [Int] = Array(items.indices)
            var failure: PyError?
            order.sort { a, b in
                do { return try c.interp.order("<", items[a], items[b]) } catch { failure = error as? PyError; return false }
            }
            if let failure { throw failure }
            var slot = [Int](repeating: 0, count: items.count)
            for i in order {
                if let last = values.last, c.interp.equal(last, items[i]) { counts[counts.count - 1] += 1 }
                else { values.append(items[i]); counts.append(1) }
                slot[i] = values.count - 1
            }
            inverse = slot
            let out = try c.interp.made(values, shape: [values.count], dtype: t.dtype)
            var result: [PyValue] = [.tensor(out)]
            if try c.flag(b[1]) { result.append(.tensor(PyTensor(ints: inverse, shape: t.shape, dtype: .int64))) }
            if try c.flag(b[2]) { result.append(.tensor(PyTensor(ints: counts, shape: [counts.count], dtype: .int64))) }
            return result.count == 1 ? result[0] : .tuple(result)
        }
        ops["bincount"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["weights", "minlength"])
            guard c.input.dtype.isInteger, c.input.shape.count == 1 else { throw .runtime("bincount only supports 1-d non-negative integral inputs.") }
            if let w = b[0], !w.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy does not support bincount weights yet") }
            let x = c.input.exactInts
            if x.contains(where: { $0 < 0 }) { throw .runtime("bincount only supports 1-d non-negative integral inputs.") }
            let n = max((x.max() ?? -1) + 1, try b[1].map { v throws(PyError) in try c.int(v, "minlength") } ?? 0)
            _ = try c.interp.checkedShape("bincount", [n])
            var out = [Int](repeating: 0, count: n)
            for v in x { out[v] += 1 }
            return .tensor(PyTensor(ints: out, shape: [n], dtype: .int64))
        }
        // The matrix products, each with torch's checks.
        ops["matmul"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["other"], required: 1)
            return try c.interp.tensorBinary("@", .tensor(c.input), b[0]!)
        }
        ops["mm"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["mat2"], required: 1)
            guard case .tensor(let m) = b[0]! else { throw .typeError("mm(): argument 'mat2' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            guard c.input.shape.count == 2 else { throw .runtime("mm: self must be a matrix, got \(c.input.shape.count)-D tensor") }
            guard m.shape.count == 2 else { throw .runtime("mm: mat2 must be a matrix, got \(m.shape.count)-D tensor") }
            return try c.interp.tensorBinary("@", .tensor(c.input), .tensor(m))
        }
        ops["mv"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["vec"], required: 1)
            guard case .tensor(let v) = b[0]! else { throw .typeError("mv(): argument 'vec' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            guard c.input.shape.count == 2, v.shape.count == 1 else {
                throw .runtime("vector + matrix @ vector expected, got 1, \(c.input.shape.count), \(v.shape.count)")
            }
            return try c.interp.tensorBinary("@", .tensor(c.input), .tensor(v))
        }
        ops["dot"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["tensor"], required: 1)
            guard case .tensor(let v) = b[0]! else { throw .typeError("dot(): argument 'tensor' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            guard c.input.shape.count == 1, v.shape.count == 1 else {
                throw .runtime("1D tensors expected, but got \(c.input.shape.count)D and \(v.shape.count)D tensors")
            }
            return try c.interp.tensorBinary("@", .tensor(c.input), .tensor(v))
        }
        for name in ["outer", "ger"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["vec2"], required: 1)
                guard case .tensor(let v) = b[0]! else { throw .typeError("\(name)(): argument 'vec2' (position 1) must be Tensor, not \(b[0]!.typeName)") }
                guard c.input.shape.count == 1, v.shape.count == 1 else {
                    throw .runtime("outer: Expected 1-D argument self, but got \(c.input.shape.count)-D")
                }
                let column = PyTensor(viewOf: c.input, shape: [c.input.count, 1], map: nil)
                return try c.interp.tensorBinary("*", .tensor(column), .tensor(v))
            }
        }
        ops["bmm"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["mat2"], required: 1)
            guard case .tensor(let m) = b[0]! else { throw .typeError("bmm(): argument 'mat2' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            guard c.input.shape.count == 3 else { throw .runtime("batch1 must be a 3D tensor") }
            guard m.shape.count == 3 else { throw .runtime("batch2 must be a 3D tensor") }
            let (a, s) = (c.input.shape, m.shape)
            guard s[0] == a[0], s[1] == a[2] else {
                throw .runtime("Expected size for first two dimensions of batch2 tensor to be: [\(a[0]), \(a[2])] but got: [\(s[0]), \(s[1])].")
            }
            return .tensor(renamedTensor(try c.interp.batchedMatmul(c.input, m), "BmmBackward0"))
        }
        return ops
    }()

    /// A copy of `t`'s elements at `map`, recorded with the gradient going back to where each came from.
    static func gathered(_ t: PyTensor, _ shape: [Int], _ map: [Int], _ gradName: String) -> PyTensor {
        let source = t.shape, count = t.count
        return Autograd.record(gradName, PyTensor(copying: t, shape: shape, map: map), inputs: [t]) { g in
            [Tensor(shape: source, storage: Layout.scatterAdd(g.storage, map, count: count))]
        }
    }

    /// The flat positions of a matrix's diagonal `k` (above the main one for k > 0).
    static func diagonalMap(_ rows: Int, _ cols: Int, _ k: Int) -> [Int] {
        var out: [Int] = []
        var (r, c) = k >= 0 ? (0, k) : (-k, 0)
        while r < rows && c < cols { out.append(r * cols + c); r += 1; c += 1 }
        return out
    }
}

extension Interpreter {
    /// `nonzero()`: the indices of the nonzero elements, one row each (or, `as_tuple`, one tensor per dimension).
    func nonzero(_ t: PyTensor, asTuple: Bool) throws(PyError) -> PyValue {
        let shape = t.shape, st = Layout.strides(shape)
        let hits = t.floats.indices.filter { t.floats[$0] != 0 }
        if asTuple {
            if shape.isEmpty { return .tuple([.tensor(PyTensor(ints: hits.map { _ in 0 }, shape: [hits.count]))]) }
            return .tuple(shape.indices.map { d in .tensor(PyTensor(ints: hits.map { $0 / st[d] % shape[d] }, shape: [hits.count])) })
        }
        var out: [Int] = []
        for p in hits { for d in shape.indices { out.append(p / st[d] % shape[d]) } }
        return .tensor(PyTensor(ints: out, shape: [hits.count, shape.count]))
    }

    /// `a @ b` with batch dimensions on both sides (broadcast), each product summed in order.
    func batchedMatmul(_ a: PyTensor, _ b: PyTensor) throws(PyError) -> PyTensor {
        let A = a.shape.count == 1 ? [1] + a.shape : a.shape
        let B = b.shape.count == 1 ? b.shape + [1] : b.shape
        let (n, k) = (A[A.count - 2], A[A.count - 1]), (k2, m) = (B[B.count - 2], B[B.count - 1])
        guard k == k2 else {
            throw .runtime("Expected size for first two dimensions of batch2 tensor to be: [\(A.dropLast(2).reduce(1, *)), \(k)] but got: [\(B.dropLast(2).reduce(1, *)), \(k2)].")
        }
        let batch = try tc { try Tensor.broadcastShape(Array(A.dropLast(2)), Array(B.dropLast(2))) }
        let nb = batch.reduce(1, *)
        try checkOperations(Double(nb) * Double(n) * Double(k) * Double(m))
        // With k = 0 there is no work, but the result (all zeros) can still be huge.
        _ = try checkedShape("matmul", batch + [n, m])
        let ma = Layout.broadcast(Array(A.dropLast(2)), to: batch), mb = Layout.broadcast(Array(B.dropLast(2)), to: batch)
        let x = a.floats, y = b.floats
        var out = [Float](repeating: 0, count: nb * n * m)
        for p in 0..<nb {
            let (ia, ib) = (ma[p] * n * k, mb[p] * k * m)
            for r in 0..<n { for j in 0..<m {
                var s: Float = 0
                for t in 0..<k { s += x[ia + r * k + t] * y[ib + t * m + j] }
                out[p * n * m + r * m + j] = s
            } }
        }
        var shape = batch + [n, m]
        if a.shape.count == 1 { shape.remove(at: shape.count - 2) }
        if b.shape.count == 1 { shape.removeLast() }
        let aShape = a.shape, bShape = b.shape
        return Autograd.record("UnsafeViewBackward0", Tensor(shape: shape, storage: out), inputs: [a, b]) { g in
            var ga = [Float](repeating: 0, count: x.count), gb = [Float](repeating: 0, count: y.count)
            for p in 0..<nb {
                let (ia, ib) = (ma[p] * n * k, mb[p] * k * m)
                for r in 0..<n { for j in 0..<m {
                    let gv = g.storage[p * n * m + r * m + j]
                    for t in 0..<k {
                        ga[ia + r * k + t] += gv * y[ib + t * m + j]
                        gb[ib + t * m + j] += gv * x[ia + r * k + t]
                    }
                } }
            }
            return [Tensor(shape: aShape, storage: ga), Tensor(shape: bShape, storage: gb)]
        }
    }
}
