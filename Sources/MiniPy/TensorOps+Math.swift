import Foundation
import RNNEngine

/// Element-wise functions, products and comparisons of whole tensors.
extension TensorOps {
    static let math: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        for name in Interpreter.activations {
            ops[name] = TensorOp { c throws(PyError) in
                try c.noArguments()
                return .tensor(c.interp.activation(name, c.input))
            }
        }
        ops["abs"] = TensorOp(.method) { c throws(PyError) in
            let x = c.x
            return .tensor(Autograd.record("AbsBackward0", Autograd.mapped(x) { abs($0) }, dtype: c.input.dtype, inputs: [c.input]) { g in
                [Autograd.zipped(g, x) { $0 * ($1 > 0 ? 1 : $1 < 0 ? -1 : 0) }]
            })
        }
        ops["softmax"] = TensorOp { c throws(PyError) in try Modules.softmax([.tensor(c.input)] + c.args, c.kwargs) }
        ops["norm"] = TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["p", "dim", "keepdim", "dtype"])
            let x = c.x
            if let d = b[1], !d.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy's norm() has no dim; use (x ** 2).sum(dim) ** 0.5") }
            let p = b[0]?.asDouble ?? 2
            let n: Float = p.isInfinite ? (x.storage.map(abs).max() ?? 0)
                : Foundation.pow(x.storage.reduce(Float(0)) { $0 + Foundation.pow(abs($1), Float(p)) }, Float(1 / p))
            return .tensor(Autograd.record("LinalgVectorNormBackward0", Tensor(shape: [], storage: [n]), inputs: [c.input]) { g in
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
        ops["maximum"] = TensorOp(.function) { c throws(PyError) in
            guard c.args.count == 1 else { throw .typeError("maximum() takes 2 arguments") }
            return try c.interp.tensorBinary("max", .tensor(c.input), c.args[0])
        }
        ops["minimum"] = TensorOp(.function) { c throws(PyError) in
            guard c.args.count == 1 else { throw .typeError("minimum() takes 2 arguments") }
            return try c.interp.tensorBinary("min", .tensor(c.input), c.args[0])
        }
        ops["matmul"] = TensorOp(.function) { c throws(PyError) in
            guard c.args.count == 1 else { throw .typeError("matmul() takes 2 arguments") }
            return try c.interp.tensorBinary("@", .tensor(c.input), c.args[0])
        }
        ops["allclose"] = TensorOp(.function) { c throws(PyError) in
            let b = try c.bind(["other", "rtol", "atol"], required: 1)
            guard case .tensor(let y) = b[0]! else { throw .typeError("allclose(): argument 'other' (position 2) must be Tensor") }
            let x = c.x
            let rtol = b[1]?.asDouble ?? 1e-5, atol = b[2]?.asDouble ?? 1e-8
            let close = try tc { try Tensor.broadcasting(x, y.t) { p, q in abs(Double(p) - Double(q)) <= atol + rtol * abs(Double(q)) ? 1 : 0 } }
            return .bool(close.storage.allSatisfy { $0 == 1 })
        }
        ops["equal"] = TensorOp(.function) { c throws(PyError) in
            guard c.args.count == 1, case .tensor(let y) = c.args[0] else { throw .typeError("equal() takes two tensors") }
            return .bool(c.x == y.t)
        }
        return ops
    }()
}
