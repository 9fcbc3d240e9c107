import Foundation
import RNNEngine

/// `torch.optim.SGD` and `torch.optim.Adam` with torch's defaults, checks and update rules (the single-tensor
/// CPU path). The hyperparameters live in `param_groups[0]`, a dict a snippet may change, as in torch.
final class Optimizer: PyObject {
    enum Kind: String { case sgd = "SGD", adam = "Adam", adamw = "AdamW" }
    let kind: Kind
    let leaves: [GradLeaf]
    let group: PyDict
    /// Per parameter tensor (as torch's `state[p]`, so a tensor listed twice shares it): SGD's momentum
    /// buffer; Adam's step count, exp_avg, exp_avg_sq and max_exp_avg_sq.
    private var momentum: [ObjectIdentifier: Tensor] = [:]
    private var steps: [ObjectIdentifier: Int] = [:]
    private var expAvg: [ObjectIdentifier: Tensor] = [:], expAvgSq: [ObjectIdentifier: Tensor] = [:], maxExpAvgSq: [ObjectIdentifier: Tensor] = [:]

    init(_ kind: Kind, leaves: [GradLeaf], group: PyDict) {
        self.kind = kind; self.leaves = leaves; self.group = group
    }

    override var typeName: String { kind.rawValue }
    override var attributeNames: [String] { ["step", "zero_grad", "param_groups", "defaults"] }

    override func repr(_ interp: Interpreter) -> String {
        var lines = ["\(kind.rawValue) (", "Parameter Group 0"]
        let entries = zip(group.keys, group.values).compactMap { k, v -> (String, PyValue)? in
            guard case .str(let s) = k, s != "params" else { return nil }
            return (s, v)
        }
        for (k, v) in entries.sorted(by: { $0.0 < $1.0 }) { lines.append("    \(k): \(interp.repr(v))") }
        return (lines + [")"]).joined(separator: "\n")
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "step":
            return .object(Builtin("step", method: true) { _, _, i throws(PyError) in try self.step(i); return .none })
        case "zero_grad":
            return .object(Builtin("zero_grad", method: true) { a, k, _ throws(PyError) in try GradLeaf.zeroGrad(self.leaves, a, k) })
        case "param_groups": return .list(PyList([.dict(group)]))
        case "defaults":
            let d = PyDict()
            for (k, v) in zip(group.keys, group.values) { if case .str("params") = k { continue }; try d.set(k, v) }
            return .dict(d)
        case _ where Self.torchAttributes.contains(name):
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support torch.optim.Optimizer.\(name) yet")
        default: return nil
        }
    }

    /// The rest of what a torch 2.15 optimizer has (`dir(torch.optim.Adam(...))`): MiniPy lacks it and says so,
    /// rather than an AttributeError torch would not raise.
    static let torchAttributes: Set<String> = [
        "OptimizerPostHook", "OptimizerPreHook", "add_param_group", "load_state_dict", "profile_hook_step",
        "register_load_state_dict_post_hook", "register_load_state_dict_pre_hook", "register_state_dict_post_hook",
        "register_state_dict_pre_hook", "register_step_post_hook", "register_step_pre_hook", "state", "state_dict",
    ]

    private func number(_ key: String) throws(PyError) -> Double {
        guard let v = try group.get(.str(key)), let d = v.asDouble else {
            throw .typeError("'\(key)' of the optimizer's param group must be a number")
        }
        return d
    }

    private func flag(_ key: String) throws(PyError) -> Bool { try group.get(.str(key))?.truthy() ?? false }

    func step(_ interp: Interpreter) throws(PyError) {
        let lr = try number("lr"), weightDecay = try number("weight_decay"), maximize = try flag("maximize")
        let hadMomentum = Set(momentum.keys)
        for leaf in leaves {
            let k = ObjectIdentifier(leaf)
            guard var g = leaf.grad else { continue }   // torch skips a parameter without a gradient
            try interp.checkOperations(Double(g.count) * 8)
            var p = leaf.value
            if maximize { g = Autograd.mapped(g) { -$0 } }
            if weightDecay != 0 {
                if kind != .sgd, try flag("decoupled_weight_decay") {
                    // AdamW: the weights shrink by lr·weight_decay before the step; the gradient is left alone.
                    p = Autograd.mapped(p) { $0 * Float(1 - lr * weightDecay) }
                } else {
                    g = Autograd.zipped(g, p) { $0.addingProduct(Float(weightDecay), $1) }   // grad.add(param, alpha=wd), fused
                }
            }
            switch kind {
            case .sgd:
                let mu = try number("momentum"), dampening = try number("dampening"), nesterov = try flag("nesterov")
                if mu != 0 {
                    // torch reads the buffers before the loop: a tensor listed twice starts two fresh buffers on
                    // its first step, then shares the one stored.
                    let existing = hadMomentum.contains(k) ? momentum[k] : nil
                    // buf.mul_(momentum).add_(grad, alpha=1 - dampening); grad.add(buf, alpha=momentum): fused, as below.
                    let buf = existing.map { b in Autograd.zipped(b, g) { (Float(mu) * $0).addingProduct(Float(1 - dampening), $1) } } ?? g
                    momentum[k] = buf
                    g = nesterov ? Autograd.zipped(g, buf) { $0.addingProduct(Float(mu), $1) } : buf
                }
                // param.add_(buf, alpha=-lr): ATen's CPU kernel fuses the multiply and add (one rounding).
                p = Autograd.zipped(p, g) { $0.addingProduct(Float(-lr), $1) }
            case .adam, .adamw:
                guard case .tuple(let betas)? = try group.get(.str("betas")), betas.count == 2,
                      let beta1 = betas[0].asDouble, let beta2 = betas[1].asDouble else {
                    throw .typeError("'betas' of the optimizer's param group must be a pair of numbers")
                }
                let eps = try number("eps"), amsgrad = try flag("amsgrad")
                steps[k, default: 0] += 1
                // exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                let w = Float(1 - beta1)
                // ATen's lerp for a small weight: fma(weight, end - start, start), one rounding.
                let m = Autograd.zipped(expAvg[k] ?? Tensor.zeros(g.shape), g) { $0.addingProduct(w, $1 - $0) }
                let v = Autograd.zipped(expAvgSq[k] ?? Tensor.zeros(g.shape), g) { ($0 * Float(beta2)).addingProduct(Float(1 - beta2) * $1, $1) }
                expAvg[k] = m; expAvgSq[k] = v
                var second = v
                if amsgrad {
                    second = Autograd.zipped(maxExpAvgSq[k] ?? Tensor.zeros(g.shape), v) { max($0, $1) }
                    maxExpAvgSq[k] = second
                }
                let step = Double(steps[k, default: 0])
                let stepSize = lr / (1 - Foundation.pow(beta1, step))
                let correction2 = (1 - Foundation.pow(beta2, step)).squareRoot()
                let denom = Autograd.mapped(second) { $0.squareRoot() / Float(correction2) + Float(eps) }
                // param.addcdiv_(exp_avg, denom, value=-step_size): ATen computes self + value * t1 / t2, in that order.
                let scaled = Autograd.mapped(m) { Float(-stepSize) * $0 }
                let update = Autograd.zipped(scaled, denom) { $0 / $1 }
                p = Autograd.zipped(p, update) { $0 + $1 }
            }
            leaf.value = p
        }
    }

    // MARK: Construction

    static func make(_ kind: Kind, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let params: [String]
        let defaults: [(String, PyValue)]
        switch kind {
        case .sgd:
            params = ["params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused"]
            defaults = [("lr", .float(0.001)), ("momentum", .int(0)), ("dampening", .int(0)), ("weight_decay", .int(0)),
                        ("nesterov", .bool(false)), ("maximize", .bool(false)), ("foreach", .none), ("differentiable", .bool(false)),
                        ("fused", .none)]
        case .adam:
            params = ["params", "lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable",
                      "differentiable", "fused", "decoupled_weight_decay"]
            defaults = [("lr", .float(0.001)), ("betas", .tuple([.float(0.9), .float(0.999)])), ("eps", .float(1e-8)),
                        ("weight_decay", .int(0)), ("amsgrad", .bool(false)), ("maximize", .bool(false)), ("foreach", .none),
                        ("capturable", .bool(false)), ("differentiable", .bool(false)), ("fused", .none),
                        ("decoupled_weight_decay", .bool(false))]
        case .adamw:
            // torch 2.15's AdamW: Adam with decoupled weight decay, 0.01 by default.
            params = ["params", "lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable",
                      "differentiable", "fused"]
            defaults = [("lr", .float(0.001)), ("betas", .tuple([.float(0.9), .float(0.999)])), ("eps", .float(1e-8)),
                        ("weight_decay", .float(0.01)), ("amsgrad", .bool(false)), ("maximize", .bool(false)), ("foreach", .none),
                        ("capturable", .bool(false)), ("differentiable", .bool(false)), ("fused", .none),
                        ("decoupled_weight_decay", .bool(true))]
        }
        let b = try bind("\(kind.rawValue).__init__", params, required: 1, args, kwargs, isMethod: true)
        var values = defaults
        for (k, (name, _)) in defaults.enumerated() where k + 1 < b.count { if let v = b[k + 1] { values[k] = (name, v) } }
        func value(_ name: String) -> PyValue { values.first { $0.0 == name }!.1 }
        // SGD asks `value < 0.0`, Adam and AdamW `not 0.0 <= value`: Python's comparison, so a str or None is
        // its TypeError and Adam refuses NaN.
        func check(_ name: String, _ message: String) throws(PyError) {
            let v = value(name)
            let bad = kind == .sgd ? try interp.compare("<", v, .float(0)).truthy() : !(try interp.compare("<=", .float(0), v).truthy())
            if bad { throw .valueError("\(message): \(interp.repr(v))") }
        }
        try check("lr", "Invalid learning rate")
        if kind != .sgd { try check("eps", "Invalid epsilon value") }
        if kind == .sgd { try check("momentum", "Invalid momentum value") }
        try check("weight_decay", "Invalid weight_decay value")
        if kind != .sgd, case .tuple(let betas) = value("betas") {
            for (k, beta) in betas.enumerated() {
                if let d = beta.asDouble, !(0 <= d && d < 1) {
                    throw .valueError("Invalid beta parameter at index \(k): \(interp.repr(beta))")
                }
            }
        }
        if kind == .sgd, try value("nesterov").truthy(), value("momentum").asDouble ?? 0 <= 0 || value("dampening").asDouble ?? 0 != 0 {
            throw .valueError("Nesterov momentum requires a momentum and zero dampening")
        }
        let given = b[0]!
        if case .tensor(let t) = given {
            throw .typeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(t.dtype.legacyTypeName)")
        }
        let items = try interp.iterate(given)
        if items.isEmpty { throw .valueError("optimizer got an empty parameter list") }
        var leaves: [GradLeaf] = []
        for item in items {
            switch item {
            case .tensor(let t):
                switch t.origin {
                case .leaf(let l)?: leaves.append(l)   // a tensor given twice is stepped twice, with one state
                case .node?: throw .valueError("can't optimize a non-leaf Tensor")
                case nil: break   // never gets a gradient, so a step never changes it
                }
            case .dict:
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support optimizer parameter groups yet")
            default:
                throw .typeError("optimizer can only optimize Tensors, but one of the params is \(item.typeName)")
            }
        }
        let group = PyDict()
        try group.set(.str("params"), .list(PyList(items)))
        for (k, v) in values { try group.set(.str(k), v) }
        return .object(Optimizer(kind, leaves: leaves, group: group))
    }
}

/// `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: they change `.grad` in place.
enum GradClipping {
    static func leaves(_ v: PyValue, _ interp: Interpreter) throws(PyError) -> [GradLeaf] {
        let items: [PyValue]
        if case .tensor = v { items = [v] } else { items = try interp.iterate(v) }
        return items.compactMap { if case .tensor(let t) = $0, case .leaf(let l)? = t.origin { return l }; return nil }
    }

    static func clipGradNorm(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("clip_grad_norm_", ["parameters", "max_norm", "norm_type", "error_if_nonfinite", "foreach"], required: 2, args, kwargs)
        let withGrad = try leaves(b[0]!, interp).filter { $0.grad != nil }
        // torch: no gradient gives tensor(0.) before any check; then float(norm_type), later float(max_norm),
        // each with float()'s own error.
        if withGrad.isEmpty { return .tensor(PyTensor(Tensor(shape: [], storage: [0]))) }
        func float(_ v: PyValue) throws(PyError) -> Double {
            guard case .float(let d) = try interp.call(Builtins.functions["float"]!, [v], []) else { return .nan }
            return d
        }
        let normType = try b[2].map { v throws(PyError) in try float(v) } ?? 2
        func norm(_ xs: [Float]) -> Float {
            if normType.isInfinite { return xs.map(abs).max() ?? 0 }
            let p = Float(normType)
            return Foundation.pow(xs.reduce(Float(0)) { $0 + Foundation.pow(abs($1), p) }, 1 / p)
        }
        let total = norm(withGrad.map { norm($0.grad!.storage) })
        if try b[3]?.truthy() ?? false, !total.isFinite {
            throw .runtime("The total norm of order \(pyFloatRepr(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        }
        let maxNorm = try float(b[1]!)
        let coef = min(Float(maxNorm) / (total + 1e-6), 1)
        for l in withGrad { l.grad = Autograd.mapped(l.grad!) { $0 * coef } }
        return .tensor(PyTensor(Tensor(shape: [], storage: [total])))
    }

    static func clipGradValue(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("clip_grad_value_", ["parameters", "clip_value", "foreach"], required: 2, args, kwargs)
        let withGrad = try leaves(b[0]!, interp).filter { $0.grad != nil }
        guard let c = b[1]!.asDouble else { throw .typeError("clip_value must be a number, not \(b[1]!.typeName)") }
        if withGrad.isEmpty {
            // torch 2.15's own message when no parameter has a gradient.
            throw .runtime("Expected !nested_tensorlist[0].empty() to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
        }
        for l in withGrad { l.grad = Autograd.mapped(l.grad!) { min(max($0, Float(-c)), Float(c)) } }
        return .none
    }
}
