/// `torch.optim.lr_scheduler`'s StepLR, MultiStepLR, ExponentialLR and LambdaLR, as torch 2.15's: made, they
/// record `initial_lr` in the optimizer's param group and take their first step (epoch 0); each `step()` then
/// sets `param_groups[0]['lr']` by the scheduler's recurrence on the group's current lr (Python arithmetic, so
/// the values are CPython's to the last bit). The other schedulers say MiniPy lacks them.
final class LRScheduler: PyObject {
    enum Kind {
        case step(size: PyValue, gamma: PyValue)
        case multiStep(milestones: [Int: Int], gamma: PyValue)
        case exponential(gamma: PyValue)
        case lambda(PyValue)

        var name: String {
            switch self {
            case .step: "StepLR"
            case .multiStep: "MultiStepLR"
            case .exponential: "ExponentialLR"
            case .lambda: "LambdaLR"
            }
        }
    }
    let kind: Kind
    let optimizer: Optimizer
    var lastEpoch = -1
    let baseLR: PyValue
    var lastLR: PyValue = .none

    init(_ kind: Kind, _ optimizer: Optimizer, _ interp: Interpreter) throws(PyError) {
        self.kind = kind; self.optimizer = optimizer
        let group = optimizer.group
        let lr = try group.get(.str("lr")) ?? .none
        if try group.get(.str("initial_lr")) == nil { try group.set(.str("initial_lr"), lr) }
        baseLR = try group.get(.str("initial_lr")) ?? lr
        super.init()
        try step(interp)
    }

    override var typeName: String { kind.name }
    override func repr(_ interp: Interpreter) -> String { "<torch.optim.lr_scheduler.\(kind.name) object at \(fixedAddress)>" }

    func step(_ interp: Interpreter) throws(PyError) {
        lastEpoch += 1
        let group = optimizer.group
        let lr = try group.get(.str("lr")) ?? .none
        let next: PyValue
        switch kind {
        case .step(let size, let gamma):
            if lastEpoch == 0 { next = lr; break }
            let r = try interp.binary("%", .int(lastEpoch), size)
            next = try interp.truth(r) ? lr : try interp.binary("*", lr, gamma)
        case .multiStep(let milestones, let gamma):
            guard let count = milestones[lastEpoch] else { next = lr; break }
            next = try interp.binary("*", lr, try interp.binary("**", gamma, .int(count)))
        case .exponential(let gamma):
            next = lastEpoch == 0 ? lr : try interp.binary("*", lr, gamma)
        case .lambda(let f):
            next = try interp.binary("*", baseLR, try interp.call(f, [.int(lastEpoch)], []))
        }
        try group.set(.str("lr"), next)
        lastLR = next
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "step":
            return .object(Builtin("step", method: true) { a, k, i throws(PyError) in
                let b = try bind("step", ["epoch"], required: 0, a, k, isMethod: true)
                if let e = b[0], !e.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy does not support scheduler.step(epoch) yet") }
                try self.step(i)
                return .none
            })
        case "get_last_lr":
            return .object(Builtin("get_last_lr", method: true) { _, _, _ throws(PyError) in .list(PyList([self.lastLR])) })
        case "last_epoch": return .int(lastEpoch)
        case "base_lrs": return .list(PyList([baseLR]))
        case "optimizer": return .object(optimizer)
        case "gamma":
            switch kind {
            case .step(_, let g), .multiStep(_, let g), .exponential(let g): return g
            case .lambda: return nil
            }
        case "step_size":
            if case .step(let size, _) = kind { return size }
            return nil
        case _ where ["state_dict", "load_state_dict", "get_lr", "print_lr", "_get_closed_form_lr"].contains(name):
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support \(kind.name).\(name) yet")
        default: return nil
        }
    }
    override var attributeNames: [String] { ["step", "get_last_lr", "last_epoch", "base_lrs", "optimizer"] }

    /// The `torch.optim.lr_scheduler` namespace.
    nonisolated(unsafe) static let namespace: Namespace = {
        func make(_ name: String, _ params: [String], required: Int,
                  _ build: @escaping ([PyValue?], Optimizer, Interpreter) throws(PyError) -> Kind) -> PyValue {
            .object(PyClass(name, qualified: "torch.optim.lr_scheduler.\(name)") { a, k, i throws(PyError) in
                let b = try bind("\(name).__init__", ["optimizer"] + params + ["last_epoch"], required: required + 1, a, k, isMethod: true)
                guard case .object(let opt as Optimizer) = b[0]! else { throw .typeError("\(b[0]!.typeName) is not an Optimizer") }
                if let e = b[params.count + 1], e.asIndex != -1 {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support resuming a scheduler (last_epoch) yet")
                }
                return .object(try LRScheduler(try build(Array(b[1...params.count]), opt, i), opt, i))
            })
        }
        return Namespace("torch.optim.lr_scheduler", [
            "StepLR": make("StepLR", ["step_size", "gamma"], required: 1) { b, _, _ throws(PyError) in
                .step(size: b[0]!, gamma: b[1] ?? .float(0.1))
            },
            "MultiStepLR": make("MultiStepLR", ["milestones", "gamma"], required: 1) { b, _, i throws(PyError) in
                var counts: [Int: Int] = [:]
                for m in try i.iterate(b[0]!) {
                    guard let n = m.asIndex else { throw PyError(type: "NotImplementedError", message: "MiniPy does not support milestones that are not ints yet") }
                    counts[n, default: 0] += 1
                }
                return .multiStep(milestones: counts, gamma: b[1] ?? .float(0.1))
            },
            "ExponentialLR": make("ExponentialLR", ["gamma"], required: 1) { b, _, _ throws(PyError) in .exponential(gamma: b[0]!) },
            "LambdaLR": make("LambdaLR", ["lr_lambda"], required: 1) { b, _, _ throws(PyError) in
                guard case .object(let f) = b[0]!, f.isCallable else {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support LambdaLR with a list of lambdas yet")
                }
                return .lambda(b[0]!)
            },
        ])
    }()
}
