import Foundation
import RNNEngine

/// `torch.nn.CrossEntropyLoss`, `NLLLoss`, `MSELoss`, `L1Loss`, `BCELoss` and `BCEWithLogitsLoss` (and their
/// `torch.nn.functional` forms): torch's checks in torch's order, the value summed in torch's order, and the
/// gradient with respect to the input.
final class LossModule: PyObject {
    enum Kind: String {
        case crossEntropy = "CrossEntropyLoss", nll = "NLLLoss", mse = "MSELoss", l1 = "L1Loss", bce = "BCELoss",
             bceWithLogits = "BCEWithLogitsLoss"

        var functionName: String {
            switch self {
            case .crossEntropy: "cross_entropy"
            case .nll: "nll_loss"
            case .mse: "mse_loss"
            case .l1: "l1_loss"
            case .bce: "binary_cross_entropy"
            case .bceWithLogits: "binary_cross_entropy_with_logits"
            }
        }
    }
    let kind: Kind
    let reduction: String
    let ignoreIndex: Int

    init(_ kind: Kind, reduction: String, ignoreIndex: Int) { self.kind = kind; self.reduction = reduction; self.ignoreIndex = ignoreIndex }

    override var typeName: String { kind.rawValue }
    override var isCallable: Bool { true }
    override func repr(_ interp: Interpreter) -> String { "\(kind.rawValue)()" }
    override var attributeNames: [String] { ["forward", "reduction", "ignore_index"] }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "forward": .object(Builtin("forward", method: true) { a, k, i throws(PyError) in try self.call(a, k, i) })
        case "reduction": .str(reduction)
        case "ignore_index" where kind == .crossEntropy: .int(ignoreIndex)
        default: nil
        }
    }

    static func make(_ kind: Kind, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let params: [String]
        switch kind {
        case .crossEntropy: params = ["weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"]
        case .nll: params = ["weight", "size_average", "ignore_index", "reduce", "reduction"]
        case .bce: params = ["weight", "size_average", "reduce", "reduction"]
        case .bceWithLogits: params = ["weight", "size_average", "reduce", "reduction", "pos_weight"]
        case .mse, .l1: params = ["size_average", "reduce", "reduction"]
        }
        let b = try bind("\(kind.rawValue).__init__", params, required: 0, args, kwargs, isMethod: true)
        func given(_ name: String) -> PyValue? { b[params.firstIndex(of: name)!].flatMap { $0.isNone ? nil : $0 } }
        if params.contains("weight"), given("weight") != nil {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support \(kind.rawValue) weight yet")
        }
        if params.contains("pos_weight"), given("pos_weight") != nil {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support BCEWithLogitsLoss pos_weight yet")
        }
        if params.contains("label_smoothing"), let s = given("label_smoothing"), s.asDouble != 0 {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support CrossEntropyLoss label_smoothing yet")
        }
        if given("size_average") != nil || given("reduce") != nil {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support the deprecated size_average and reduce yet; use reduction")
        }
        var reduction = "mean"
        if let r = given("reduction") { reduction = try interp.str(r) }
        let ignore = params.contains("ignore_index") ? try given("ignore_index").map { v throws(PyError) in try interp.intArg(kind.rawValue, "ignore_index", v) } ?? -100 : -100
        return .object(LossModule(kind, reduction: reduction, ignoreIndex: ignore))
    }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(kind.rawValue).forward", ["input", "target"], required: 2, args, kwargs, isMethod: true)
        return .tensor(try compute(b[0]!, b[1]!, interp))
    }

    /// The loss of `input` against `target` (what the module and the functional form both compute).
    func compute(_ inputValue: PyValue, _ targetValue: PyValue, _ interp: Interpreter) throws(PyError) -> PyTensor {
        switch kind {
        case .crossEntropy, .nll:
            let fname = kind == .nll ? "nll_loss_nd" : "cross_entropy_loss"
            guard case .tensor(let input) = inputValue else {
                throw .typeError("\(fname)(): argument 'input' (position 1) must be Tensor, not \(inputValue.typeName)")
            }
            guard case .tensor(let target) = targetValue else {
                throw .typeError("\(fname)(): argument 'target' (position 2) must be Tensor, not \(targetValue.typeName)")
            }
            guard ["mean", "sum", "none"].contains(reduction) else { throw .valueError("\(reduction) is not a valid value for reduction") }
            return try crossEntropy(input, target, interp, logProbabilities: kind == .nll)
        case .mse, .l1, .bce, .bceWithLogits:
            guard case .tensor(let input) = inputValue else { throw .attributeError("'\(inputValue.typeName)' object has no attribute 'size'") }
            guard case .tensor(let target) = targetValue else { throw .attributeError("'\(targetValue.typeName)' object has no attribute 'size'") }
            return try elementwiseLoss(input, target, interp)
        }
    }

    private func crossEntropy(_ input: PyTensor, _ target: PyTensor, _ interp: Interpreter, logProbabilities: Bool) throws(PyError) -> PyTensor {
        let x = input.t, y = target.t
        let classDim = x.dim == 1 ? 0 : 1
        if x.dim == 0 { throw .indexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)") }
        if input.dtype != .float32 {
            throw PyError(type: "NotImplementedError",
                          message: "\"\(x.dim <= 2 ? "log_softmax_lastdim_kernel_impl" : "log_softmax_kernel_impl")\" not implemented for '\(input.dtype.scalarName)'")
        }
        let classes = x.shape[classDim]
        let outer = classDim == 0 ? 1 : x.shape[0]
        let inner = x.dim <= 2 ? 1 : x.shape[2...].reduce(1, *)
        try interp.checkOperations(Double(x.count) * 4)
        let logp = logProbabilities ? x.storage : Modules.softmax(x.storage, outer: outer, n: classes, inner: inner, logarithm: true)
        let shape = x.shape
        if x.shape == y.shape {
            // Class probabilities: the loss of each position is -Σ p·log q.
            guard target.dtype == .float32 else {
                throw .runtime("Expected floating point type for target with class probabilities, got \(target.dtype.scalarName)")
            }
            var losses = [Float](repeating: 0, count: outer * inner)
            for o in 0..<outer { for i in 0..<inner { for c in 0..<classes {
                let k = (o * classes + c) * inner + i
                losses[o * inner + i] -= y.storage[k] * logp[k]
            } } }
            let positions = outer * inner
            let (value, name) = reduce(losses, shape: classDim == 0 ? [] : [outer] + Array(x.shape.dropFirst(2)), positions: Float(positions))
            return Autograd.record(name, value, inputs: [input, target]) { [reduction] g in
                var gx = [Float](repeating: 0, count: x.count)
                for o in 0..<outer { for i in 0..<inner {
                    let p = o * inner + i
                    let gp = reduction == "none" ? g.storage[p] : reduction == "mean" ? g.storage[0] / Float(positions) : g.storage[0]
                    var mass: Float = 0
                    for c in 0..<classes { mass += y.storage[(o * classes + c) * inner + i] }
                    for c in 0..<classes {
                        let k = (o * classes + c) * inner + i
                        gx[k] = gp * (Foundation.exp(logp[k]) * mass - y.storage[k])
                    }
                } }
                return [Tensor(shape: shape, storage: gx), nil]
            }
        }
        // Class indices: nll_loss_nd's checks, then the dtype.
        if x.dim != 1 && y.dim == 0 {
            // A single class index for a batch: torch counts the 0-D target's batch as 0 (reading its size(0)
            // only when the input's batch is empty too, which fails).
            if x.shape[0] == 0 { throw .indexError("Dimension specified as 0 but tensor has no dimensions") }
            throw .valueError("Expected input batch_size (\(x.shape[0])) to match target batch_size (0).")
        }
        if x.dim != 1 && x.shape[0] != y.shape[0] {
            throw .valueError("Expected input batch_size (\(x.shape[0])) to match target batch_size (\(y.shape[0])).")
        }
        var targetShape = classDim == 0 ? [Int]() : [outer]
        if x.dim >= 3 {
            let expected = [x.shape[0]] + Array(x.shape[2...])
            if y.shape != expected { throw .runtime("Expected target size \(pyShape(expected)), got \(pyShape(y.shape))") }
            targetShape = expected
        } else if x.dim == 2 {
            if y.dim > 1 { throw .runtime("0D or 1D target tensor expected, multi-target not supported") }
        } else if y.dim == 1 {
            if y.shape[0] != 1 { throw .valueError("For 1D input, 1D target must have size 1, but got target size: \(y.shape[0])") }
            targetShape = [1]
        } else if y.dim > 1 {
            throw .runtime("0D or 1D target tensor expected, multi-target not supported")
        }
        guard target.dtype == .int64 else { throw .runtime("expected target dtype to be Long or Byte, but got \(target.dtype.scalarName)") }
        var losses = [Float](repeating: 0, count: outer * inner)
        var counted: Float = 0
        let targets = target.exactInts
        for p in 0..<(outer * inner) {
            let t = targets[p]
            if t == ignoreIndex { continue }
            guard t >= 0, t < classes else { throw .indexError("Target \(t) is out of bounds.") }
            losses[p] = -logp[((p / inner) * classes + t) * inner + p % inner]
            counted += 1
        }
        var (value, _) = reduce(losses, shape: targetShape, positions: counted)
        if x.dim <= 2 && reduction != "none" {
            // nll_loss's own cascade summation over the batch (LossNLL.cpp), for 1-D and 2-D inputs.
            let picked = (0..<(outer * inner)).filter { targets[$0] != ignoreIndex }.map { losses[$0] }
            let total = Self.nllSum(picked, batch: outer * inner, ignoredAt: (0..<(outer * inner)).map { targets[$0] == ignoreIndex })
            value = Tensor(shape: [], storage: [reduction == "mean" ? total / counted : total])
        }
        let ignore = ignoreIndex
        _ = y
        return Autograd.record(x.dim >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0", value, inputs: [input]) { [reduction] g in
            // d/dx of -log softmax(x)[t] is softmax(x) - onehot(t).
            var gx = [Float](repeating: 0, count: x.count)
            for p in 0..<(outer * inner) {
                let t = targets[p]
                if t == ignore { continue }
                let gp = reduction == "none" ? g.storage[p] : reduction == "mean" ? g.storage[0] / counted : g.storage[0]
                let (o, i) = (p / inner, p % inner)
                for c in 0..<classes {
                    let k = (o * classes + c) * inner + i
                    gx[k] = logProbabilities ? (c == t ? -gp : 0) : gp * (Foundation.exp(logp[k]) - (c == t ? 1 : 0))
                }
            }
            return [Tensor(shape: shape, storage: gx)]
        }
    }

    /// The reduced loss and the `grad_fn` torch names for class probabilities.
    private func reduce(_ losses: [Float], shape: [Int], positions: Float) -> (Tensor, String) {
        switch reduction {
        case "none": return (Tensor(shape: shape, storage: losses), "NegBackward0")
        case "sum": return (Tensor(shape: [], storage: [Reduction.total(losses)]), "NegBackward0")
        default: return (Tensor(shape: [], storage: [Reduction.total(losses) / positions]), "DivBackward1")
        }
    }

    /// nll_loss's summation (LossNLL.cpp, `nll_loss_out_frame`): each loss subtracted into the lowest of 8 partial
    /// sums, carried up a level every 2^levelPower steps, the levels added last.
    static func nllSum(_ values: [Float], batch: Int, ignoredAt: [Bool]) -> Float {
        let levels = 8
        let levelPower = max(4, Reduction.ceilLog2(batch) / levels)
        let levelMask = (1 << levelPower) - 1
        var partial = [Float](repeating: 0, count: levels)
        var next = 0
        for b in 0..<batch {
            if ignoredAt[b] { continue }
            partial[0] -= -values[next]   // the kernel subtracts the picked log-probability
            next += 1
            for j in 0..<(levels - 1) {
                if b & (levelMask << (j * levelPower)) != 0 { break }
                partial[j + 1] += partial[j]
                partial[j] = 0
            }
        }
        return partial.reduce(Float(0), +)
    }

    /// What torch's kernels say of integer or bool operands. mse promotes them (one float is enough), l1 subtracts
    /// first (promoting, but refusing bool), binary_cross_entropy wants the target in the input's dtype, and
    /// the logits version takes log_sigmoid of the input and then writes into the target's dtype.
    private func checkDTypes(_ x: PyTensor.DType, _ y: PyTensor.DType) throws(PyError) {
        func notImplemented(_ kernel: String, _ d: PyTensor.DType) -> PyError {
            PyError(type: "NotImplementedError", message: "\"\(kernel)\" not implemented for '\(d.scalarName)'")
        }
        let twoBools = "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
        let boolSubtraction = x == .bool && y == .bool ? twoBools
            : "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        switch kind {
        case .mse:
            if !x.isFloatingPoint && !y.isFloatingPoint { throw notImplemented("mse_cpu", x) }
        case .l1:
            if x == .bool || y == .bool { throw PyError(type: "NotImplementedError", message: boolSubtraction) }
            if !x.isFloatingPoint && !y.isFloatingPoint {
                let promoted = x.rank >= y.rank ? x : y
                if reduction == "mean" {
                    throw PyError(type: "NotImplementedError", message: "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(promoted.scalarName)")
                }
                // torch gives an integer tensor here; MiniPy computes these losses in float only.
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support L1Loss between integer tensors yet")
            }
        case .bce:
            if x != y { throw .runtime("Found dtype \(y.scalarName) but expected \(x.scalarName)") }
            if !x.isFloatingPoint { throw notImplemented("binary_cross_entropy", x) }
        case .bceWithLogits:
            if !x.isFloatingPoint { throw notImplemented("log_sigmoid_cpu", x) }
            // (1 - target) on a bool target is computed as bool - bool.
            if y == .bool { throw PyError(type: "NotImplementedError", message: twoBools) }
            if !y.isFloatingPoint { throw .runtime("result type Float can't be cast to the desired output type \(y.scalarName)") }
        case .crossEntropy, .nll: break
        }
    }

    /// MSELoss, L1Loss, BCELoss and BCEWithLogitsLoss: a loss per element, then the reduction (torch's sum order).
    private func elementwiseLoss(_ input: PyTensor, _ target: PyTensor, _ interp: Interpreter) throws(PyError) -> PyTensor {
        let x = input.t, y = target.t
        if x.shape != y.shape {
            switch kind {
            case .bce:
                throw .valueError("Using a target size (torch.Size(\(pyShape(y.shape)))) that is different to the input size (torch.Size(\(pyShape(x.shape)))) is deprecated. Please ensure they have the same size.")
            case .bceWithLogits:
                throw .valueError("Target size (torch.Size(\(pyShape(y.shape)))) must be the same as input size (torch.Size(\(pyShape(x.shape))))")
            case .mse, .l1, .crossEntropy, .nll:
                interp.stderr += "UserWarning: Using a target size (torch.Size(\(pyShape(y.shape)))) that is different to the input size (torch.Size(\(pyShape(x.shape)))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.\n"
            }
        }
        guard ["mean", "sum", "none"].contains(reduction) else { throw .valueError("\(reduction) is not a valid value for reduction") }
        try checkDTypes(input.dtype, target.dtype)
        if kind == .bce, x.storage.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw .runtime("all elements of input should be between 0 and 1")
        }
        let shape = try tc { try Tensor.broadcastShape(x.shape, y.shape) }
        let xs = try tc { try Tensor.broadcasting(x, Tensor.zeros(shape)) { p, _ in p } }.storage
        let ys = try tc { try Tensor.broadcasting(y, Tensor.zeros(shape)) { p, _ in p } }.storage
        let losses: [Float] = xs.indices.map { k in
            let (p, t) = (xs[k], ys[k])
            switch kind {
            case .mse: return (p - t) * (p - t)
            case .l1: return abs(p - t)
            case .bce: return -(t * max(Foundation.log(p), -100) + (1 - t) * max(Foundation.log(1 - p), -100))
            case .bceWithLogits: return (1 - t) * p + (Foundation.log1p(Foundation.exp(-abs(p))) + max(-p, 0))
            case .crossEntropy, .nll: return 0
            }
        }
        let n = Float(max(1, losses.count))
        let value: Tensor
        switch reduction {
        case "none": value = Tensor(shape: shape, storage: losses)
        case "sum": value = Tensor(shape: [], storage: [Reduction.total(losses)])
        default: value = Tensor(shape: [], storage: [Reduction.total(losses) / n])
        }
        let gradName: String
        switch kind {
        case .mse: gradName = "MseLossBackward0"
        case .l1: gradName = reduction == "none" ? "AbsBackward0" : reduction == "sum" ? "SumBackward0" : "MeanBackward0"
        case .bce: gradName = "BinaryCrossEntropyBackward0"
        case .bceWithLogits: gradName = "BinaryCrossEntropyWithLogitsBackward0"
        case .crossEntropy, .nll: gradName = ""
        }
        let xShape = x.shape, yShape = y.shape, lossKind = kind
        return Autograd.record(gradName, value, inputs: [input, target]) { [reduction] g in
            var gx = [Float](repeating: 0, count: losses.count), gy = gx
            for k in losses.indices {
                let gk = (reduction == "none" ? g.storage[k] : g.storage[0]) / (reduction == "mean" ? n : 1)
                let (p, t) = (xs[k], ys[k])
                switch lossKind {
                case .mse: gx[k] = 2 * (p - t) * gk; gy[k] = -gx[k]
                case .l1: let s: Float = p > t ? 1 : p < t ? -1 : 0; gx[k] = s * gk; gy[k] = -gx[k]
                case .bce:
                    gx[k] = gk * (p - t) / max((1 - p) * p, 1e-12)
                    gy[k] = gk * (max(Foundation.log(1 - p), -100) - max(Foundation.log(p), -100))
                case .bceWithLogits:
                    gx[k] = gk * (1 / (1 + Foundation.exp(-p)) - t)
                    gy[k] = -gk * p
                case .crossEntropy, .nll: break
                }
            }
            return [Autograd.sum(Tensor(shape: shape, storage: gx), toShape: xShape), Autograd.sum(Tensor(shape: shape, storage: gy), toShape: yShape)]
        }
    }
}
