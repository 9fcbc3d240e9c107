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
