import RNNEngine

/// What autograd knows of a tensor that requires grad: it is a leaf (made with `requires_grad=True`, or a
/// module's parameter), or output `index` of a recorded operation.
enum GradOrigin {
    case leaf(GradLeaf)
    case node(GradNode, Int)
}

/// A tensor that requires grad and was made, not computed: it holds its storage (an optimizer changes the values
/// in place, so every alias and view of it sees the step) and accumulates `.grad`.
final class GradLeaf {
    private(set) var storage: TensorStorage
    private(set) var shape: [Int]
    /// The values. Setting values of the same size writes them into the storage (as torch's in-place updates);
    /// another size gets a new storage.
    var value: Tensor {
        get { Tensor(shape: shape, storage: storage.floats) }
        set {
            shape = newValue.shape
            if newValue.count == storage.count {
                storage.write(floats: newValue.storage, ints: nil, at: nil)
            } else {
                storage = TensorStorage(floats: newValue.storage)
                storage.owner = owner
                owner?.parametersChanged()
            }
        }
    }
    /// `.grad`: a storage of its own, so `w.grad.zero_()` changes the gradient where it lives.
    private(set) var gradStorage: TensorStorage?
    private(set) var gradShape: [Int] = []
    var grad: Tensor? {
        get { gradStorage.map { Tensor(shape: gradShape, storage: $0.floats) } }
        set {
            guard let g = newValue else { gradStorage = nil; return }
            if let s = gradStorage, s.count == g.count, gradShape == g.shape { s.write(floats: g.storage, ints: nil, at: nil) }
            else { gradStorage = TensorStorage(floats: g.storage); gradShape = g.shape }
        }
    }
    /// False once frozen (`p.requires_grad = False`, `p.requires_grad_(False)` on a parameter): operations on
    /// it record nothing and backward leaves its .grad alone.
    var requiresGrad = true
    /// The module this is a parameter of: it reloads its engine when an optimizer changes the value.
    weak var owner: ModuleBase? {
        didSet { storage.owner = owner }
    }
    /// Its AccumulateGrad object while one is held.
    var accumulator: WeakObject?

    init(_ value: Tensor, owner: ModuleBase? = nil) {
        storage = TensorStorage(floats: value.storage)
        shape = value.shape
        self.owner = owner
        storage.owner = owner
    }

    /// A leaf over `t`'s storage (shared when `t` is a whole float storage, as `nn.Parameter(t)` shares torch's).
    convenience init(sharing t: PyTensor) {
        self.init(Tensor(shape: [0], storage: []))
        replaceData(t)
    }

    /// `p.data = t`: the leaf's values become `t`'s storage (shared, as torch's `set_data`) when `t` is a whole
    /// float storage, else a copy.
    func replaceData(_ t: PyTensor) {
        if t.positions == nil, t.storage.ints == nil, t.storage.count == t.count, t.dtype == .float32 {
            storage = t.storage
            storage.owner = owner
            shape = t.shape
            owner?.parametersChanged()
        } else {
            shape = t.shape
            storage = TensorStorage(floats: t.floats)
            storage.owner = owner
            owner?.parametersChanged()
        }
    }

    /// `.grad` as a tensor sharing the gradient's storage.
    var gradTensor: PyTensor? {
        guard let s = gradStorage else { return nil }
        return PyTensor(storage: s, shape: gradShape)
    }

    /// `p.grad = g`: the gradient becomes `g`'s values (shared when `g` is a whole storage).
    func setGrad(_ g: PyTensor?) {
        guard let g else { gradStorage = nil; return }
        if g.positions == nil, g.storage.count == g.count { gradStorage = g.storage }
        else { gradStorage = TensorStorage(floats: g.floats) }
        gradShape = g.shape
    }

    /// `zero_grad(set_to_none=True)`, of a module or an optimizer: the gradients cleared, or zeroed.
    static func zeroGrad(_ leaves: [GradLeaf], _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("zero_grad", ["set_to_none"], required: 0, args, kwargs, isMethod: true)
        let toNone = try b[0]?.truthy() ?? true
        for l in leaves { l.grad = toNone ? nil : l.grad.map { Tensor.zeros($0.shape) } }   // zeros in place, as torch's zero_()
        return .none
    }
}

/// One recorded operation: its inputs' origins and how to turn its outputs' gradients into its inputs'.
final class GradNode {
    /// torch's `grad_fn` name for each output (one operation of torch may print differently per output).
    let outputNames: [String]
    let outputShapes: [[Int]]
    /// One per differentiable input; nil where the input does not require grad.
    private(set) var inputs: [GradOrigin?]
    /// Whether the backward reads values saved in the forward; torch frees those after a backward.
    let savesTensors: Bool
    /// The `grad_fn` object of each output while one is held (see `GradFnObject.of`).
    var fnObjects: [Int: WeakObject] = [:]
    /// Outputs whose gradient is kept (`t.retain_grad()`), and the gradients a backward gave them.
    var retainsGrad: Set<Int> = []
    var retainedGrads: [Int: Tensor] = [:]
    /// Gradients of the outputs (nil: zero) → gradients of the inputs (nil: zero). nil once freed.
    private var apply: (([Tensor?]) throws(PyError) -> [Tensor?])?

    init(_ names: [String], shapes: [[Int]], inputs: [GradOrigin?], saves: Bool,
         _ apply: @escaping ([Tensor?]) throws(PyError) -> [Tensor?]) {
        outputNames = names; outputShapes = shapes; self.inputs = inputs; savesTensors = saves; self.apply = apply
    }

    func run(_ grads: [Tensor?]) throws(PyError) -> [Tensor?] {
        guard let apply else { throw .runtime(Autograd.backwardTwice) }
        return try apply(grads)
    }

    func free() { if savesTensors { apply = nil } }

    /// A loop of 300,000 steps makes a chain of as many nodes. Released one by one, each node's release would
    /// release the next inside it and overflow the stack; instead the last holder of a node takes over its
    /// inputs, so the chain is released in a loop.
    deinit {
        var stack: [GradNode] = []
        func takeInputs(of node: GradNode) {
            for case .node(let n, _)? in node.inputs { stack.append(n) }
            node.inputs = []
            node.apply = nil   // a closure may hold nodes too
        }
        takeInputs(of: self)
        while var n = stack.popLast() {
            if isKnownUniquelyReferenced(&n) { takeInputs(of: n) }
        }
    }
}

enum Autograd {
    static let backwardTwice = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."

    /// The result of a one-output operation: recorded as a node when any input requires grad.
    /// `backward` maps the output's gradient to one gradient per input (nil: zero or not needed).
    static func record(_ name: String, _ result: Tensor, dtype: PyTensor.DType = .float32, inputs: [PyTensor],
                       saves: Bool = true, _ backward: @escaping (Tensor) throws(PyError) -> [Tensor?]) -> PyTensor {
        record(name, PyTensor(result, dtype: dtype), inputs: inputs, saves: saves, backward)
    }

    /// `out` (a view, or a result made exactly) recorded as the output of a one-output operation.
    static func record(_ name: String, _ out: PyTensor, inputs: [PyTensor], saves: Bool = true,
                       _ backward: @escaping (Tensor) throws(PyError) -> [Tensor?]) -> PyTensor {
        var out = out
        guard out.dtype == .float32, GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return out }
        let shape = out.shape
        let node = GradNode([name], shapes: [shape], inputs: inputs.map(\.gradInput), saves: saves) { grads throws(PyError) in
            try backward(grads[0] ?? Tensor.zeros(shape))
        }
        out.origin = .node(node, 0)
        return out
    }

    /// `tensor.backward(gradient, retain_graph)`: accumulates into every leaf's `.grad`.
    /// `inputs`: when given, only these leaves get gradients (`backward(inputs=[...])`).
    static func backward(_ root: PyTensor, gradient: Tensor?, retainGraph: Bool, inputs: [GradLeaf]? = nil) throws(PyError) {
        guard let origin = root.origin else {
            throw .runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let g: Tensor
        if let gradient {
            guard gradient.shape == root.t.shape else {
                throw .runtime("Mismatch in shape: grad_output[0] has a shape of torch.Size(\(pyShape(gradient.shape))) and output[0] has a shape of torch.Size(\(pyShape(root.t.shape))).")
            }
            g = gradient
        } else {
            guard root.t.count == 1 else { throw .runtime("grad can be implicitly created only for scalar outputs") }
            g = Tensor(shape: root.t.shape, storage: [1])
        }
        switch origin {
        case .leaf(let leaf): if inputs?.contains(where: { $0 === leaf }) ?? true { accumulate(leaf, g) }
        case .node(let node, let index):
            let order = topologicalOrder(node)
            var pending: [ObjectIdentifier: [Tensor?]] = [:]
            // Leaves get their gradients once the whole graph has run: a backward that fails part-way
            // (a freed graph) changes no .grad, as in torch.
            var leafGrads: [(GradLeaf, Tensor)] = []
            var retained: [(GradNode, Int, Tensor)] = []
            pending[ObjectIdentifier(node)] = (0..<node.outputNames.count).map { $0 == index ? g : nil }
            for n in order {
                guard let grads = pending.removeValue(forKey: ObjectIdentifier(n)) else { continue }
                retained += n.retainsGrad.compactMap { k in grads[k].map { (n, k, $0) } }
                let inputGrads = try n.run(grads)
                for (input, ig) in zip(n.inputs, inputGrads) {
                    guard let input, let ig else { continue }
                    switch input {
                    case .leaf(let leaf): leafGrads.append((leaf, ig))
                    case .node(let m, let k):
                        var slots = pending[ObjectIdentifier(m)] ?? Array(repeating: nil, count: m.outputNames.count)
                        slots[k] = slots[k].map { add($0, ig) } ?? ig
                        pending[ObjectIdentifier(m)] = slots
                    }
                }
            }
            for (leaf, g) in leafGrads where leaf.requiresGrad && (inputs?.contains { $0 === leaf } ?? true) { accumulate(leaf, g) }
            for (n, k, g) in retained where inputs == nil { n.retainedGrads[k] = n.retainedGrads[k].map { add($0, g) } ?? g }
            if !retainGraph { for n in order { n.free() } }
        }
    }

    /// torch's AccumulateGrad: the first gradient is stored, later ones are added in place.
    static func accumulate(_ leaf: GradLeaf, _ g: Tensor) {
        leaf.grad = leaf.grad.map { add($0, g) } ?? g
    }

    /// Every node `root` depends on, each after every node that feeds it (iterative: graphs of long loops are deep).
    static func topologicalOrder(_ root: GradNode) -> [GradNode] {
        var post: [GradNode] = []
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack: [(GradNode, Int)] = [(root, 0)]
        while let (n, i) = stack.popLast() {
            if i < n.inputs.count {
                stack.append((n, i + 1))
                if case .node(let m, _)? = n.inputs[i], seen.insert(ObjectIdentifier(m)).inserted { stack.append((m, 0)) }
            } else {
                post.append(n)
            }
        }
        return post.reversed()
    }

    // MARK: Tensor arithmetic for backward formulas

    static func add(_ a: Tensor, _ b: Tensor) -> Tensor {
        Tensor(shape: a.shape, storage: zip(a.storage, b.storage).map { $0 + $1 })
    }

    static func zipped(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        Tensor(shape: a.shape, storage: zip(a.storage, b.storage).map(f))
    }

    static func mapped(_ a: Tensor, _ f: (Float) -> Float) -> Tensor { Tensor(shape: a.shape, storage: a.storage.map(f)) }

    /// `g` (of a broadcast shape) summed down to `shape`: the gradient of an input that was broadcast.
    static func sum(_ g: Tensor, toShape shape: [Int]) -> Tensor {
        if g.shape == shape { return g }
        let n = g.shape.count
        var strides = [Int](repeating: 0, count: n)
        var acc = 1
        for k in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[k + n - shape.count] = shape[k] == 1 ? 0 : acc
            acc *= shape[k]
        }
        var out = [Float](repeating: 0, count: shape.reduce(1, *))
        var idx = [Int](repeating: 0, count: n)
        for o in 0..<g.count {
            var target = 0
            for k in 0..<n { target += idx[k] * strides[k] }
            out[target] += g.storage[o]
            var k = n - 1
            while k >= 0 { idx[k] += 1; if idx[k] < g.shape[k] { break }; idx[k] = 0; k -= 1 }
        }
        return Tensor(shape: shape, storage: out)
    }

    /// (rows, k) @ (k, m) on flat storage.
    static func mm(_ a: [Float], _ b: [Float], rows: Int, k: Int, m: Int) -> [Float] {
        var out = [Float](repeating: 0, count: rows * m)
        for r in 0..<rows {
            for t in 0..<k {
                let x = a[r * k + t]
                if x == 0 { continue }
                for j in 0..<m { out[r * m + j] += x * b[t * m + j] }
            }
        }
        return out
    }

    static func transpose(_ a: [Float], rows: Int, cols: Int) -> [Float] {
        var out = [Float](repeating: 0, count: a.count)
        for r in 0..<rows { for c in 0..<cols { out[c * rows + r] = a[r * cols + c] } }
        return out
    }

    /// Gradients of `a @ b` (the shapes `Tensor.matmul` takes: 1-D, 2-D, or a batch (…, n, k) @ (k, m)).
    static func matmulGrads(_ a: Tensor, _ b: Tensor, _ g: Tensor) -> (Tensor, Tensor) {
        let k = a.shape[a.dim - 1]
        let rows = a.count / max(k, 1)
        let m = b.dim == 1 ? 1 : b.shape[1]
        let ga = mm(g.storage, transpose(b.storage, rows: k, cols: m), rows: rows, k: m, m: k)
        let gb = mm(transpose(a.storage, rows: rows, cols: k), g.storage, rows: k, k: rows, m: m)
        return (Tensor(shape: a.shape, storage: ga), Tensor(shape: b.shape, storage: gb))
    }
}
