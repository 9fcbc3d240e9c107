import RNNEngine

/// `x[...]` as torch indexes: ints, slices, None and `...` first (a view sharing x's storage), then integer or bool
/// tensors and lists (advanced indexing: a copy), placed as torch places them.
struct IndexPlan {
    /// The result's shape, and for each of its elements (row-major) the source element it is.
    var shape: [Int]
    var map: [Int]
    /// Basic indexing only: the result is a view with these torch strides.
    var viewStrides: [Int]?
    var gradName: String
}

extension Interpreter {
    func tensorIndex(_ t: PyTensor, _ items: [PyValue]) throws(PyError) -> PyValue {
        let plan = try indexPlan(t, items)
        let source = t.shape, count = t.count, map = plan.map
        let back: (Tensor) -> [Tensor?] = { g in [Tensor(shape: source, storage: Layout.scatterAdd(g.storage, map, count: count))] }
        if let strides = plan.viewStrides {
            var view = PyTensor(viewOf: t, shape: plan.shape, map: map)
            view.strides = Strides.normalized(plan.shape, strides)
            return .tensor(Autograd.record(plan.gradName, view, inputs: [t], saves: false, back))
        }
        return .tensor(Autograd.record(plan.gradName, PyTensor(copying: t, shape: plan.shape, map: map), inputs: [t], back))
    }

    /// Where `x[items]` reads from: its shape, the source element of each element, and whether it is a view.
    func indexPlan(_ t: PyTensor, _ rawItems: [PyValue]) throws(PyError) -> IndexPlan {
        let shape = t.shape
        // A Python bool indexes as a mask over a new dimension: True adds a dimension of 1.
        var items: [PyValue] = []
        for item in rawItems {
            switch item {
            case .bool(true): items.append(.none)
            case .bool(false): throw PyError(type: "NotImplementedError", message: "MiniPy does not support indexing with False yet")
            case .list, .tuple: items.append(.tensor(try indexTensor(item)))
            case .range: items.append(.tensor(try indexTensor(.list(PyList(try iterate(item))))))   // out[range(B), lengths - 1]
            default: items.append(item)
            }
        }
        // Each item's count of source dimensions: a bool mask covers as many as it has.
        func span(_ item: PyValue) -> Int {
            switch item {
            case .none: 0
            case .object(let o) where o.typeName == "ellipsis": 0
            case .tensor(let m) where m.dtype == .bool: m.shape.count
            default: 1
            }
        }
        let real = items.reduce(0) { $0 + span($1) }
        if let e = items.firstIndex(where: { if case .object(let o) = $0, o.typeName == "ellipsis" { return true }; return false }) {
            let fill = max(0, shape.count - real)
            items.replaceSubrange(e...e, with: Array(repeating: .object(SliceObject(.none, .none, .none)), count: fill))
        }
        if shape.isEmpty, real > 0 {
            if items.contains(where: { if case .object(_ as SliceObject) = $0 { return true }; return false }) {
                throw .indexError("slice() cannot be applied to a 0-dim tensor.")
            }
            if items.contains(where: { if case .tensor = $0 { return false }; return $0.asIndex != nil }) {
                throw .indexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
        }
        if real > shape.count { throw .indexError("too many indices for tensor of dimension \(shape.count)") }

        // Basic indexing: one list of indices per source dimension; advanced items keep their dimensions whole.
        var perDim: [[Int]] = []
        var basicShape: [Int] = []
        var viewStrides: [Int] = []
        let sourceStrides = t.torchStrides
        var advanced: [(dim: Int, values: [Int], shape: [Int])] = []
        var dim = 0
        var gradName = "AliasBackward0"
        for item in items {
            switch item {
            case .none:
                basicShape.append(1)
                viewStrides.append(dim < shape.count ? sourceStrides[dim] * shape[dim] : 1)
                gradName = "UnsqueezeBackward0"
            case .object(let s as SliceObject):
                let n = shape[dim]
                let (a, b, step) = try s.indices(n)
                if step < 0 { throw .valueError("step must be greater than zero") }
                var r: [Int] = []
                var k = a
                while k < b { r.append(k); k += step }
                if !(a == 0 && r.count == n && step == 1) { gradName = "SliceBackward0" }
                perDim.append(r)
                basicShape.append(r.count)
                viewStrides.append(sourceStrides[dim] * step)
                dim += 1
            case .tensor(let m) where m.dtype == .bool:
                let ms = m.shape
                for k in 0..<ms.count where ms[k] != shape[dim + k] {
                    throw .indexError("The shape of the mask \(pyShape(ms)) at index \(k) does not match the shape of the indexed tensor \(pyShape(shape)) at index \(dim + k)")
                }
                // The mask's true positions, one index list per dimension it covers (torch's nonzero).
                let flags = m.floats
                let mst = Layout.strides(ms)
                var lists = [[Int]](repeating: [], count: ms.count)
                for (p, f) in flags.enumerated() where f != 0 {
                    for k in 0..<ms.count { lists[k].append(p / mst[k] % ms[k]) }
                }
                for k in 0..<ms.count {
                    advanced.append((basicShape.count, lists[k], [lists[k].count]))
                    perDim.append(Array(0..<shape[dim]))
                    basicShape.append(shape[dim])
                    viewStrides.append(sourceStrides[dim])
                    dim += 1
                }
            case .tensor(let idx):
                guard idx.dtype.isInteger else {
                    throw .indexError("tensors used as indices must be long, int, byte or bool tensors")
                }
                let n = shape[dim]
                var values = idx.exactInts
                for (k, v) in values.enumerated() {
                    guard v >= -n, v < n else { throw .indexError("index \(v) is out of bounds for dimension \(dim) with size \(n)") }
                    if v < 0 { values[k] = v + n }
                }
                advanced.append((basicShape.count, values, idx.shape))
                perDim.append(Array(0..<n))
                basicShape.append(n)
                viewStrides.append(sourceStrides[dim])
                dim += 1
            default:
                guard let i = item.asIndex else {
                    // torch first tries to read a str as a sequence of indices (torch.tensor('a')).
                    if case .str = item { throw .typeError("new(): invalid data type 'str'") }
                    throw .indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(item.typeName))")
                }
                let n = shape[dim]
                guard i >= -n, i < n else { throw .indexError("index \(i) is out of bounds for dimension \(dim) with size \(n)") }
                perDim.append([i < 0 ? i + n : i])
                gradName = "SelectBackward0"
                dim += 1
            }
        }
        while dim < shape.count {
            perDim.append(Array(0..<shape[dim]))
            basicShape.append(shape[dim])
            viewStrides.append(sourceStrides[dim])
            dim += 1
        }
        if items.count == 1, case .object(let s as SliceObject) = items[0], (try? s.indices(shape.first ?? 0)) != nil { gradName = "SliceBackward0" }
        let basicMap = Layout.gather(shape, perDim)
        guard !advanced.isEmpty else {
            return IndexPlan(shape: basicShape, map: basicMap, viewStrides: viewStrides, gradName: gradName)
        }

        // Advanced indexing over the basic result: the index tensors broadcast together; their dimensions go where
        // the first of them was when they are adjacent, else first.
        var b: [Int] = []
        for a in advanced {
            b = try tc { try Tensor.broadcastShape(b, a.shape) }
        }
        let expanded = advanced.map { a in Layout.broadcast(a.shape, to: b).map { a.values[$0] } }
        let nB = b.reduce(1, *)
        let positions = advanced.map(\.dim)
        let adjacent = zip(positions, positions.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let rest = basicShape.indices.filter { !positions.contains($0) }
        let pre = adjacent ? rest.filter { $0 < positions[0] } : []
        let post = rest.filter { !pre.contains($0) }
        let outShape = pre.map { basicShape[$0] } + b + post.map { basicShape[$0] }
        let total = try checkedShape("index", outShape)
        let st = Layout.strides(basicShape)
        let preOffsets = Layout.gatherStrided(pre.map { basicShape[$0] }, pre.map { st[$0] })
        let postOffsets = Layout.gatherStrided(post.map { basicShape[$0] }, post.map { st[$0] })
        var map: [Int] = []
        map.reserveCapacity(total)
        for p in preOffsets {
            for k in 0..<nB {
                var at = p
                for (a, e) in zip(positions, expanded) { at += e[k] * st[a] }
                for q in postOffsets { map.append(basicMap[at + q]) }
            }
        }
        return IndexPlan(shape: outShape, map: map, viewStrides: nil, gradName: "IndexBackward0")
    }

    /// A list used as an index: a tensor of its ints (or a bool mask of its bools).
    func indexTensor(_ v: PyValue) throws(PyError) -> PyTensor {
        guard case .tensor(let t) = try makeTensor([v], []) else { return PyTensor(Tensor.zeros([0]), dtype: .int64) }
        if t.count == 0 { return PyTensor(ints: [], shape: t.shape, dtype: .int64) }
        guard t.dtype != .float32 else { throw .indexError("tensors used as indices must be long, int, byte or bool tensors") }
        return t
    }
}
