import Foundation
import RNNEngine

/// `torch.nn.CrossEntropyLoss` and `torch.nn.MSELoss`: torch's checks in torch's order, the value, and the
/// gradient with respect to the input.
final class LossModule: PyObject {
    enum Kind: String { case crossEntropy = "CrossEntropyLoss", mse = "MSELoss" }
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
        let params = kind == .crossEntropy
            ? ["weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"]
            : ["size_average", "reduce", "reduction"]
        let b = try bind("\(kind.rawValue).__init__", params, required: 0, args, kwargs, isMethod: true)
        func given(_ name: String) -> PyValue? { b[params.firstIndex(of: name)!].flatMap { $0.isNone ? nil : $0 } }
        if kind == .crossEntropy {
            if given("weight") != nil { throw PyError(type: "NotImplementedError", message: "MiniPy's CrossEntropyLoss has no class weights") }
            if let s = given("label_smoothing"), s.asDouble != 0 {
                throw PyError(type: "NotImplementedError", message: "MiniPy's CrossEntropyLoss has no label smoothing")
            }
        }
        if given("size_average") != nil || given("reduce") != nil {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not take the deprecated size_average and reduce; use reduction")
        }
        var reduction = "mean"
        if let r = given("reduction") { reduction = try interp.str(r) }
        let ignore = kind == .crossEntropy ? try given("ignore_index").map { v throws(PyError) in try interp.intArg("CrossEntropyLoss", "ignore_index", v) } ?? -100 : -100
        return .object(LossModule(kind, reduction: reduction, ignoreIndex: ignore))
    }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(kind.rawValue).forward", ["input", "target"], required: 2, args, kwargs, isMethod: true)
        switch kind {
        case .crossEntropy:
            let fname = "cross_entropy_loss"
            guard case .tensor(let input) = b[0]! else {
                throw .typeError("\(fname)(): argument 'input' (position 1) must be Tensor, not \(b[0]!.typeName)")
            }
            guard case .tensor(let target) = b[1]! else {
                throw .typeError("\(fname)(): argument 'target' (position 2) must be Tensor, not \(b[1]!.typeName)")
            }
            guard ["mean", "sum", "none"].contains(reduction) else { throw .valueError("\(reduction) is not a valid value for reduction") }
            return .tensor(try crossEntropy(input, target, interp))
        case .mse:
            guard case .tensor(let input) = b[0]! else { throw .attributeError("'\(b[0]!.typeName)' object has no attribute 'size'") }
            guard case .tensor(let target) = b[1]! else { throw .attributeError("'\(b[1]!.typeName)' object has no attribute 'size'") }
            return .tensor(try mse(input, target, interp))
        }
    }

    private func crossEntropy(_ input: PyTensor, _ target: PyTensor, _ interp: Interpreter) throws(PyError) -> PyTensor {
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
        let logp = Modules.softmax(x.storage, outer: outer, n: classes, inner: inner, logarithm: true)
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
        if x.dim != 1 && x.shape[0] != (y.dim == 0 ? 1 : y.shape[0]) {
            throw .valueError("Expected input batch_size (\(x.shape[0])) to match target batch_size (\(y.dim == 0 ? 1 : y.shape[0])).")
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
        for p in 0..<(outer * inner) {
            let t = Int(y.storage[p])
            if t == ignoreIndex { continue }
            guard t >= 0, t < classes else { throw .indexError("Target \(t) is out of bounds.") }
            losses[p] = -logp[((p / inner) * classes + t) * inner + p % inner]
            counted += 1
        }
        let (value, _) = reduce(losses, shape: targetShape, positions: counted)
        let ignore = ignoreIndex
        return Autograd.record(x.dim >= 3 ? "NllLoss2DBackward0" : "NllLossBackward0", value, inputs: [input]) { [reduction] g in
            // d/dx of -log softmax(x)[t] is softmax(x) - onehot(t).
            var gx = [Float](repeating: 0, count: x.count)
            for p in 0..<(outer * inner) {
                let t = Int(y.storage[p])
                if t == ignore { continue }
                let gp = reduction == "none" ? g.storage[p] : reduction == "mean" ? g.storage[0] / counted : g.storage[0]
                let (o, i) = (p / inner, p % inner)
                for c in 0..<classes {
                    let k = (o * classes + c) * inner + i
                    gx[k] = gp * (Foundation.exp(logp[k]) - (c == t ? 1 : 0))
                }
            }
            return [Tensor(shape: shape, storage: gx)]
        }
    }

    /// The reduced loss and the `grad_fn` torch names for class probabilities.
    private func reduce(_ losses: [Float], shape: [Int], positions: Float) -> (Tensor, String) {
        switch reduction {
        case "none": return (Tensor(shape: shape, storage: losses), "NegBackward0")
        case "sum": return (Tensor(shape: [], storage: [losses.reduce(0, +)]), "NegBackward0")
        default: return (Tensor(shape: [], storage: [losses.reduce(0, +) / positions]), "DivBackward1")
        }
    }

    private func mse(_ input: PyTensor, _ target: PyTensor, _ interp: Interpreter) throws(PyError) -> PyTensor {
        let x = input.t, y = target.t
        if x.shape != y.shape {
            interp.stderr += "UserWarning: Using a target size (torch.Size(\(pyShape(y.shape)))) that is different to the input size (torch.Size(\(pyShape(x.shape)))). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.\n"
        }
        let diff = try tc { try Tensor.broadcasting(x, y, -) }
        guard ["mean", "sum", "none"].contains(reduction) else { throw .valueError("\(reduction) is not a valid value for reduction") }
        let squares = diff.storage.map { $0 * $0 }
        let n = Float(max(1, squares.count))
        let value: Tensor
        switch reduction {
        case "none": value = Tensor(shape: diff.shape, storage: squares)
        case "sum": value = Tensor(shape: [], storage: [squares.reduce(0, +)])
        default: value = Tensor(shape: [], storage: [squares.reduce(0, +) / n])
        }
        let xShape = x.shape, yShape = y.shape
        return Autograd.record("MseLossBackward0", value, inputs: [input, target]) { [reduction] g in
            var gd = diff.storage
            for k in 0..<gd.count {
                let gk = reduction == "none" ? g.storage[k] : g.storage[0]
                gd[k] = 2 * gd[k] * gk / (reduction == "mean" ? n : 1)
            }
            let gt = Tensor(shape: diff.shape, storage: gd)
            return [Autograd.sum(gt, toShape: xShape), Autograd.sum(Autograd.mapped(gt) { -$0 }, toShape: yShape)]
        }
    }
}
