import Foundation
import RNNEngine

/// In-place operations (`x.zero_()`, `p.data.uniform_(-0.1, 0.1)`, `x.add_(y)`): the values are written into the
/// tensor's storage, so every alias and view of it (a module's parameter through `.data`, a list holding it) sees
/// them, as in torch. Autograd's record is the tensor's own: when an in-place operation records one, a statement
/// `x.add_(y)` binds x to the tensor carrying it (`Interpreter.rebindAfterInPlace`).
///
/// Rules, as torch's: a leaf that requires grad (or a view of one) refuses in grad mode; the result must keep the
/// tensor's shape and be castable to its dtype (never floating to integral, nor integral to bool); a view whose
/// elements share memory (`expand`) refuses every operation but `fill_`/`zero_`.
extension TensorOps {
    static let inPlace: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        // NAME_ computes NAME and writes the result back.
        let computed = ["add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "floor_divide", "remainder", "fmod",
                        "pow", "clamp", "clip", "clamp_min", "clamp_max", "masked_fill", "lerp", "round"] + Array(unaries.keys)
        for name in computed {
            ops[name + "_"] = TensorOp(.method) { c throws(PyError) in
                try c.input.checkInPlace()
                try c.input.checkWritable(name + "_")
                guard let op = table[name] else { return .none }
                guard case .tensor(let r) = try op.run(TensorCall(name: name, input: c.input, args: c.args, kwargs: c.kwargs, interp: c.interp, isMethod: true)) else {
                    return .none
                }
                return .tensor(try c.interp.writeBack(c.input, r))
            }
        }
        ops["zero_"] = TensorOp(.method) { c throws(PyError) in
            try c.noArguments()
            return .tensor(try filled(c, .int(0), gradName: "ZeroBackward0"))
        }
        ops["fill_"] = TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["value"], required: 1)
            var value = b[0]!
            if case .tensor(let v) = value {
                guard v.shape.isEmpty else { throw .runtime("fill_ only supports 0-dimension value tensor but got tensor with \(v.shape.count) dimensions.") }
                value = try v.item()
            }
            guard value.asDouble != nil else { throw .typeError("fill_() received an invalid combination of arguments - got (\(value.typeName))") }
            return .tensor(try filled(c, value, gradName: "FillBackward2"))
        }
        ops["copy_"] = TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["src", "non_blocking"], required: 1)
            guard case .tensor(let src) = b[0]! else { throw .typeError("copy_(): argument 'src' (position 1) must be Tensor, not \(b[0]!.typeName)") }
            let t = c.input
            try t.checkInPlace()
            try t.checkWritable("copy_")
            let shape = try tc { try Tensor.broadcastShape(t.shape, src.shape) }
            guard shape == t.shape else {
                throw .runtime("output with shape \(pyShape(t.shape)) doesn't match the broadcast shape \(pyShape(shape))")
            }
            let map = Layout.broadcast(src.shape, to: shape)
            var spread = PyTensor(copying: src, shape: shape, map: map).converted(to: t.dtype)
            if t.dtype == .float32, GradMode.isEnabled, src.requiresGrad || t.requiresGrad {
                let srcShape = src.shape
                spread = Autograd.record("CopyBackwards", spread, inputs: [t, src], saves: false) { g in
                    [Tensor.zeros(g.shape), Autograd.sum(g, toShape: srcShape)]
                }
            }
            return .tensor(try c.interp.assignInPlace(t, spread))
        }
        for name in ["uniform_", "normal_"] {
            ops[name] = TensorOp(.method) { c throws(PyError) in
                let isUniform = name == "uniform_"
                let b = try c.bind(isUniform ? ["from", "to", "generator"] : ["mean", "std", "generator"])
                let t = c.input
                try t.checkInPlace()
                guard t.dtype.isFloatingPoint else {
                    throw PyError(type: "NotImplementedError", message: "\"\(isUniform ? "check_uniform_bounds" : "normal_kernel_cpu")\" not implemented for '\(t.dtype.scalarName)'")
                }
                let p = b[0]?.asDouble ?? 0, q = b[1]?.asDouble ?? 1
                if isUniform && p > q {
                    throw .runtime("uniform_ expects to return a [from, to) range, but found from=\(pyFloatRepr(p)) > to=\(pyFloatRepr(q))")
                }
                if !isUniform && q < 0 { throw .runtime("normal expects std >= 0.0, but found std \(String(format: "%g", q))") }
                let values = c.interp.randomValues(t.count, uniform: isUniform, p, q)
                t.write(floats: values)
                return .tensor(t)
            }
        }
        ops["bernoulli_"] = TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["p", "generator"])
            let t = c.input
            try t.checkInPlace()
            let p = b[0]?.asDouble ?? 0.5
            let values = (0..<t.count).map { _ in Double(c.interp.rng.next() >> 11) * 0x1p-53 < p ? Float(1) : 0 }
            t.write(floats: values, ints: values.map { Int($0) })
            return .tensor(t)
        }
        ops["detach_"] = TensorOp(.method) { c throws(PyError) in .tensor(c.input.detached) }
        for name in ["resize_", "resize_as_", "set_", "as_strided_"] {
            ops[name] = TensorOp(.method) { _ throws(PyError) in
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support in-place shape changes (\(name)) yet; write x = x.\(name.dropLast())(...)")
            }
        }
        // The generating-names tutorial's `target.unsqueeze_(-1)`: the tensor object takes the view's layout, seen
        // through every reference (PyTensor.takeLayout). With an autograd record that would need a new record
        // for every reference: still MiniPy's gap.
        for name in ["t_", "transpose_", "squeeze_", "unsqueeze_", "swapaxes_"] {
            let outOfPlace = String(name.dropLast())
            ops[name] = TensorOp(.method) { c throws(PyError) in
                try c.input.checkInPlace()
                guard c.input.origin == nil, let op = TensorOps.table[outOfPlace] else {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support in-place shape changes (\(name)) of a tensor that requires grad yet; write x = x.\(outOfPlace)(...)")
                }
                let r: PyValue
                do throws(PyError) {
                    r = try op.run(TensorCall(name: outOfPlace, input: c.input, args: c.args, kwargs: c.kwargs, interp: c.interp, isMethod: true))
                } catch {
                    var e = error
                    if name == "t_", e.message.hasPrefix("t() ") { e.message = "t_() " + e.message.dropFirst(4) }
                    throw e
                }
                guard case .tensor(let view) = r else { return r }
                c.input.takeLayout(of: view)
                return .tensor(c.input)
            }
        }
        return ops
    }()

    /// `zero_`/`fill_`: every element set to the value, cast to the tensor's dtype.
    static func filled(_ c: TensorCall, _ value: PyValue, gradName: String) throws(PyError) -> PyTensor {
        let t = c.input
        try t.checkInPlace()
        if t.dtype.isInteger || t.dtype == .bool {
            let v = t.dtype == .bool ? ((try value.truthy()) ? 1 : 0) : (value.asIndex ?? intFromDouble(value.asDouble ?? 0))
            t.write(floats: Array(repeating: Float(v), count: t.count), ints: Array(repeating: v, count: t.count))
            return t
        }
        t.write(floats: Array(repeating: Float(value.asDouble ?? 0), count: t.count))
        guard GradMode.isEnabled, t.requiresGrad else { return t }
        var changed = t
        changed.origin = Autograd.record(gradName, t.t, inputs: [t], saves: false) { g in [Tensor.zeros(g.shape)] }.origin
        return changed
    }
}

extension PyTensor {
    /// torch's refusal to write through a view whose elements share memory (an `expand`ed one).
    func checkWritable(_ name: String) throws(PyError) {
        guard let positions, Set(positions).count < positions.count, name != "fill_", name != "zero_" else { return }
        throw .runtime("unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.")
    }
}

extension Interpreter {
    /// The result `r` of NAME written back into `t` (NAME_): torch's shape and cast checks, then the write.
    func writeBack(_ t: PyTensor, _ r: PyTensor) throws(PyError) -> PyTensor {
        guard r.shape == t.shape else {
            throw .runtime("output with shape \(pyShape(t.shape)) doesn't match the broadcast shape \(pyShape(r.shape))")
        }
        if (r.dtype.isFloatingPoint && !t.dtype.isFloatingPoint) || (r.dtype.isInteger && t.dtype == .bool) {
            throw .runtime("result type \(r.dtype.scalarName) can't be cast to the desired output type \(t.dtype.scalarName)")
        }
        return try assignInPlace(t, r)
    }

    /// `count` draws from MiniPy's generator: uniform in [a, b), or normal with mean a and standard deviation b.
    func randomValues(_ count: Int, uniform: Bool, _ a: Double, _ b: Double) -> [Float] {
        (0..<count).map { _ in uniform ? Float(a + (b - a) * Double(rng.next() >> 11) * 0x1p-53) : Float(a + b * Double(normal())) }
    }

    /// After a statement `target.NAME_(...)`: binds the target to the result when the operation gave it a new
    /// autograd record (`w.requires_grad_()` makes a leaf; `y.add_(1)` records AddBackward0). The values were
    /// already written where the target's tensor lives.
    func rebindAfterInPlace(_ target: Expr, _ result: PyValue) {
        // Only a target that evaluating again cannot change (`x`, `self.h`, `xs[0]`): `x.sub_(1).div_(2)` must not
        // run sub_ twice.
        guard case .tensor(let r) = result, Self.isPlainTarget(target), case .tensor(let old)? = try? eval(target),
              !old.sameRecord(as: r) else { return }
        _ = try? assign(target, result)
    }

    /// A name, or attributes and constant or name subscripts of one.
    static func isPlainTarget(_ e: Expr) -> Bool {
        switch e {
        case .name: return true
        case .attribute(let base, _, _): return isPlainTarget(base)
        case .index(let base, let index, _):
            switch index {
            case .constant, .name: return isPlainTarget(base)
            default: return false
            }
        default: return false
        }
    }
}
