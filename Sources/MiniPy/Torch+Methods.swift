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

/// `with torch.no_grad():` — operations inside record nothing for autograd; `with torch.enable_grad():` turns
/// recording back on inside one.
final class NoGradObject: PyObject {
    let enables: Bool
    init(enables: Bool = false) { self.enables = enables }
    override var typeName: String { enables ? "enable_grad" : "no_grad" }
    override func repr(_ interp: Interpreter) -> String { "<torch.autograd.grad_mode.\(typeName) object at 0x7f0000000000>" }
    override func withBlock(_ interp: Interpreter, _ body: (PyValue) throws(PyError) -> Void) throws(PyError) {
        try GradMode.with(enables) { () throws(PyError) in try body(.none) }
    }
    /// `@torch.no_grad()` over a function (a learner's `generate` or `evaluate`): each call runs in the mode.
    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("__call__", ["orig_func"], required: 1, args, kwargs, isMethod: true)
        let f = b[0]!, enables = enables
        let name: String
        if case .object(let fn as FunctionObject) = f { name = fn.name } else { name = "decorated" }
        return Builtins.fn(name) { a, k, i throws(PyError) in
            var result = PyValue.none
            try GradMode.with(enables) { () throws(PyError) in result = try i.call(f, a, k) }
            return result
        }
    }
}

/// Whether autograd records (off inside `torch.no_grad()`). Task-local, so concurrent runs do not share it.
enum GradMode {
    @TaskLocal static var isEnabled = true

    static func disabled(_ body: () throws(PyError) -> Void) throws(PyError) { try with(false, body) }

    static func with(_ enabled: Bool, _ body: () throws(PyError) -> Void) throws(PyError) {
        var failure: PyError?
        $isEnabled.withValue(enabled) {
            do throws(PyError) { try body() } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension Interpreter {
    static func flipped(_ x: Tensor, _ dims: [Int]) -> Tensor {
        guard x.dim > 0 else { return x }
        let indices = (0..<x.dim).map { d in dims.contains(d) ? Array((0..<x.shape[d]).reversed()) : Array(0..<x.shape[d]) }
        return x.gathered(indices, keep: Array(repeating: true, count: x.dim))
    }

    /// `x.max()`, `x.max(dim)` (values and indices), `x.max(other)`; the same for min. A NaN wins; among equal
    /// values the first is picked.
    func extremum(_ t: PyTensor, _ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let isMax = name == "max"
        let b = try bind(name, ["dim", "keepdim"], required: 0, args, kwargs)
        if case .tensor(let other)? = b[0] {
            return try tensorBinary(isMax ? "max" : "min", .tensor(t), .tensor(other))
        }
        let exact = !t.dtype.isFloatingPoint
        let ints = exact ? t.exactInts : [], floats = exact ? [] : t.floats
        func better(_ a: Int, _ b: Int) -> Bool {
            if exact { return isMax ? ints[a] > ints[b] : ints[a] < ints[b] }
            let (p, q) = (floats[a], floats[b])
            return p.isNaN ? !q.isNaN : (isMax ? p > q : p < q)
        }
        guard let dv = b[0], !dv.isNone else {
            guard t.count > 0 else {
                throw .runtime("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
            }
            var k = 0
            for j in 1..<max(t.count, 1) where better(j, k) { k = j }
            let pick = k
            if exact { return .tensor(PyTensor(ints: [ints[k]], shape: [], dtype: t.dtype)) }
            let best = floats[k], x = floats, shape = t.shape
            return .tensor(Autograd.record(isMax ? "MaxBackward1" : "MinBackward1", Tensor(shape: [], storage: [best]), inputs: [t]) { g in
                // Ties share the gradient evenly, as torch does for a full reduction.
                // A NaN wins the reduction, and its gradient goes to the NaNs.
                let hit: (Float) -> Bool = best.isNaN ? { $0.isNaN } : { $0 == best }
                let ties = Float(x.filter(hit).count)
                _ = pick
                return [Tensor(shape: shape, storage: x.map { hit($0) ? g.storage[0] / ties : 0 })]
            })
        }
        let layout = try reductionLayout(t.shape, .int(try intArg(name, "dim", dv)), name)
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        if n == 0 { throw .indexError("\(name)(): Expected reduction dim \(layout.dims.first ?? 0) to have non-zero size.") }
        var picked = [Int](repeating: 0, count: outer * inner)
        var map = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                var k = 0
                for m in 1..<max(n, 1) where better((o * n + m) * inner + j, (o * n + k) * inner + j) { k = m }
                picked[o * inner + j] = k
                map[o * inner + j] = (o * n + k) * inner + j
            }
        }
        let shape = try b[1]?.truthy() ?? false ? layout.keptShape : layout.shape
        let source = t.shape, count = t.count, m = map
        let v = Autograd.record(isMax ? "MaxBackward0" : "MinBackward0", PyTensor(copying: t, shape: shape, map: map), inputs: [t]) { g in
            [Tensor(shape: source, storage: Layout.scatterAdd(g.storage, m, count: count))]
        }
        return .object(ReturnTypesObject(name, values: .tensor(v), indices: .tensor(PyTensor(ints: picked, shape: shape, dtype: .int64))))
    }
}
