import Foundation
import RNNEngine

/// `torch.return_types.max(values=…, indices=…)`: a named tuple, unpacked or read by name.
final class ReturnTypesObject: PyObject {
    let name: String
    let values: PyValue
    let indices: PyValue
    init(_ name: String, values: PyValue, indices: PyValue) { self.name = name; self.values = values; self.indices = indices }
    var items: [PyValue] { [values, indices] }
    override var typeName: String { name }
    override var attributeNames: [String] { ["values", "indices"] }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n { case "values": values; case "indices": indices; default: nil }
    }
    override func repr(_ interp: Interpreter) -> String {
        "torch.return_types.\(name)(\nvalues=\(interp.repr(values)),\nindices=\(interp.repr(indices)))"
    }
}

/// `with torch.no_grad():` — operations inside record nothing for autograd.
final class NoGradObject: PyObject {
    override var typeName: String { "no_grad" }
    override func repr(_ interp: Interpreter) -> String { "<torch.autograd.grad_mode.no_grad object at 0x7f0000000000>" }
    override func withBlock(_ interp: Interpreter, _ body: (PyValue) throws(PyError) -> Void) throws(PyError) {
        try GradMode.disabled { () throws(PyError) in try body(.none) }
    }
}

/// Whether autograd records (off inside `torch.no_grad()`). Task-local, so concurrent runs do not share it.
enum GradMode {
    @TaskLocal static var isEnabled = true

    static func disabled(_ body: () throws(PyError) -> Void) throws(PyError) {
        var failure: PyError?
        $isEnabled.withValue(false) {
            do throws(PyError) { try body() } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension Interpreter {
    /// Tensor methods beyond shapes and autograd: `flip`, `chunk`, `abs`, `max`/`min`, `norm`, `copy_`.
    func moreTensorMethods(_ t: PyTensor, _ name: String) -> PyValue? {
        let x = t.t
        func m(_ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue { method(name, body) }
        switch name {
        case "flip":
            return m { args, _, i throws(PyError) in
                var dims: [Int] = []
                for d in try i.dims("flip", args) { dims.append(try tc { try x.wrapDim(d) }) }
                let y = Self.flipped(x, dims)
                return .tensor(Autograd.record("FlipBackward0", y, dtype: t.dtype, inputs: [t], saves: false) { g in [Self.flipped(g, dims)] })
            }
        case "chunk":
            return m { args, kwargs, i throws(PyError) in
                let b = try bind("chunk", ["chunks", "dim"], required: 1, args, kwargs)
                let chunks = try i.intArg("chunk", "chunks", b[0])
                guard x.dim > 0 else { throw .runtime("chunk expects at least a 1-dimensional tensor") }
                guard chunks > 0 else { throw .runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
                let d = try tc { try x.wrapDim(try b[1].map { v throws(PyError) in try i.intArg("chunk", "dim", v) } ?? 0) }
                let n = x.shape[d], size = (n + chunks - 1) / chunks
                var parts: [PyValue] = []
                var start = 0
                while start < n || (n == 0 && parts.isEmpty) {
                    let stop = min(n, start + max(size, 1))
                    var items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: d)
                    items.append(.object(SliceObject(.int(start), .int(stop), .none)))
                    let part = try i.tensorIndex(t, items)
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
            }
        case "abs":
            return m { _, _, _ throws(PyError) in
                .tensor(Autograd.record("AbsBackward0", Autograd.mapped(x) { abs($0) }, dtype: t.dtype, inputs: [t]) { g in
                    [Autograd.zipped(g, x) { $0 * ($1 > 0 ? 1 : $1 < 0 ? -1 : 0) }]
                })
            }
        case "max", "min":
            return m { args, kwargs, i throws(PyError) in try i.extremum(t, name, args, kwargs) }
        case "softmax":
            return m { args, kwargs, _ throws(PyError) in try Modules.softmax([.tensor(t)] + args, kwargs) }
        case "norm":
            return m { args, kwargs, _ throws(PyError) in
                let b = try bind("norm", ["p", "dim", "keepdim", "dtype"], required: 0, args, kwargs)
                if let d = b[1], !d.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy's norm() has no dim; use (x ** 2).sum(dim) ** 0.5") }
                let p = b[0]?.asDouble ?? 2
                let n: Float = p.isInfinite ? (x.storage.map(abs).max() ?? 0)
                    : Foundation.pow(x.storage.reduce(Float(0)) { $0 + Foundation.pow(abs($1), Float(p)) }, Float(1 / p))
                return .tensor(Autograd.record("LinalgVectorNormBackward0", Tensor(shape: [], storage: [n]), inputs: [t]) { g in
                    // The 2-norm's gradient, x / ‖x‖ (zero at zero); the inf-norm's, sign(x) shared among the
                    // elements of largest |x|; other p as torch: |x|^(p-1)·sign(x) / ‖x‖^(p-1), zero at zero.
                    let ties = Float(max(1, x.storage.filter { abs($0) == n }.count))
                    return [Autograd.mapped(x) { v in
                        let sign: Float = v > 0 ? 1 : v < 0 ? -1 : 0
                        if n == 0 || v == 0 { return 0 }
                        if p.isInfinite { return abs(v) == n ? g.storage[0] * sign / ties : 0 }
                        return g.storage[0] * (p == 2 ? v / n : Foundation.pow(abs(v) / n, Float(p - 1)) * sign)
                    }]
                })
            }
        case "copy_":
            return m { args, _, _ throws(PyError) in
                guard case .tensor(let src)? = args.first else { throw .typeError("copy_(): argument 'src' (position 1) must be Tensor") }
                let values = try tc { try Tensor.broadcasting(src.t, x) { v, _ in v } }
                guard values.shape == x.shape else {
                    throw .runtime("output with shape \(pyShape(x.shape)) doesn't match the broadcast shape \(pyShape(values.shape))")
                }
                guard case .leaf(let leaf)? = t.origin else {
                    // MiniPy's tensors are values: only a leaf (a parameter) can be changed where it lives.
                    throw PyError(type: "NotImplementedError", message: "MiniPy changes tensors in place only for parameters; write x = y.clone() instead of x.copy_(y)")
                }
                guard !GradMode.isEnabled else {
                    throw .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
                }
                leaf.value = values
                return .tensor(t)
            }
        default: return nil
        }
    }

    static func flipped(_ x: Tensor, _ dims: [Int]) -> Tensor {
        guard x.dim > 0 else { return x }
        let indices = (0..<x.dim).map { d in dims.contains(d) ? Array((0..<x.shape[d]).reversed()) : Array(0..<x.shape[d]) }
        return x.gathered(indices, keep: Array(repeating: true, count: x.dim))
    }

    /// `x.max()`, `x.max(dim)` (values and indices), `x.max(other)`; the same for min.
    func extremum(_ t: PyTensor, _ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let x = t.t
        let isMax = name == "max"
        func better(_ a: Float, _ b: Float) -> Bool { a.isNaN ? !b.isNaN : (isMax ? a > b : a < b) }
        let b = try bind(name, ["dim", "keepdim"], required: 0, args, kwargs)
        if case .tensor(let other)? = b[0] {
            return try tensorBinary(isMax ? "max" : "min", .tensor(t), .tensor(other))
        }
        guard let dv = b[0], !dv.isNone else {
            guard x.count > 0 else {
                throw .runtime("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
            }
            var k = 0
            for j in 1..<x.count where better(x.storage[j], x.storage[k]) { k = j }
            let best = x.storage[k]
            return .tensor(Autograd.record(isMax ? "MaxBackward1" : "MinBackward1", Tensor(shape: [], storage: [best]),
                                           dtype: t.dtype, inputs: [t]) { g in
                // Ties share the gradient evenly, as torch does for a full reduction.
                // A NaN wins the reduction, and its gradient goes to the NaNs.
                let hit: (Float) -> Bool = best.isNaN ? { $0.isNaN } : { $0 == best }
                let ties = Float(x.storage.filter(hit).count)
                return [Autograd.mapped(x) { hit($0) ? g.storage[0] / ties : 0 }]
            })
        }
        let rawDim = try intArg(name, "dim", dv)
        let (d, outer, n, inner, reduced, kept) = try reductionLayout(x, rawDim)
        if n == 0 { throw .indexError("\(name)(): Expected reduction dim \(d) to have non-zero size.") }
        var values = [Float](repeating: 0, count: outer * inner), indices = values
        for o in 0..<outer {
            for j in 0..<inner {
                var k = 0
                for c in 1..<max(n, 1) where better(x.storage[(o * n + c) * inner + j], x.storage[(o * n + k) * inner + j]) { k = c }
                values[o * inner + j] = n > 0 ? x.storage[(o * n + k) * inner + j] : 0
                indices[o * inner + j] = Float(k)
            }
        }
        let shape = try b[1]?.truthy() ?? false ? kept : reduced
        let picked = indices
        let v = Autograd.record(isMax ? "MaxBackward0" : "MinBackward0", Tensor(shape: shape, storage: values), dtype: t.dtype, inputs: [t]) { g in
            var gx = [Float](repeating: 0, count: x.count)
            for o in 0..<outer { for j in 0..<inner { gx[(o * n + Int(picked[o * inner + j])) * inner + j] = g.storage[o * inner + j] } }
            return [Tensor(shape: x.shape, storage: gx)]
        }
        return .object(ReturnTypesObject(name, values: .tensor(v), indices: .tensor(PyTensor(Tensor(shape: shape, storage: indices), dtype: .int64))))
    }
}
