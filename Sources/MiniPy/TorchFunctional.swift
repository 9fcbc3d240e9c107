import Foundation
import RNNEngine

/// `torch.nn.functional` (`import torch.nn.functional as F`): the functions the nn modules forward to.
enum Functional {
    typealias Body = ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue

    nonisolated(unsafe) static let namespace = Namespace("torch.nn.functional", functions.mapValues { f in .object(f) })

    /// Calls F.NAME (the nn modules' forward).
    static func call(_ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try functions[name]!.call(args, kwargs, interp)
    }

    /// The input tensor of an F function (torch's message otherwise).
    static func tensor(_ fname: String, _ v: PyValue?, _ param: String = "input", _ position: Int = 1) throws(PyError) -> PyTensor {
        guard let v else { throw .typeError("\(fname)() missing 1 required positional argument: '\(param)'") }
        guard case .tensor(let t) = v else { throw .typeError("\(fname)(): argument '\(param)' (position \(position)) must be Tensor, not \(v.typeName)") }
        return t
    }

    nonisolated(unsafe) static let functions: [String: Builtin] = {
        var f: [String: Builtin] = [:]
        func add(_ name: String, _ body: @escaping Body) { f[name] = Builtin(name, body) }
        // Activations: the table's element-wise functions, or one made from its parameters.
        for name in ["relu", "tanh", "sigmoid", "silu", "leaky_relu", "elu", "gelu", "softplus", "relu6", "hardtanh", "logsigmoid"] {
            add(name) { a, k, i throws(PyError) in
                let params: [String]
                switch name {
                case "leaky_relu": params = ["input", "negative_slope", "inplace"]
                case "elu": params = ["input", "alpha", "inplace"]
                case "gelu": params = ["input", "approximate"]
                case "softplus": params = ["input", "beta", "threshold"]
                case "hardtanh": params = ["input", "min_val", "max_val", "inplace"]
                case "relu", "silu", "relu6": params = ["input", "inplace"]
                default: params = ["input"]
                }
                let b = try bind(name, params, required: 1, a, k)
                // F.tanh and F.sigmoid are Python functions returning input.tanh() / input.sigmoid().
                if name == "tanh" || name == "sigmoid", let v = b[0] {
                    if case .tensor = v {} else { throw .attributeError("'\(v.typeName)' object has no attribute '\(name)'") }
                }
                let t = try tensor(name, b[0])
                let def: TensorOps.Unary
                switch name {
                case "leaky_relu":
                    let s = Float(b[1]?.asDouble ?? 0.01)
                    def = .init(gradName: "LeakyReluBackward0", f: { $0 > 0 ? $0 : $0 * s }, slope: { x, _ in x > 0 ? 1 : s }, ints: .toFloat)
                case "elu":
                    let alpha = Float(b[1]?.asDouble ?? 1)
                    def = .init(gradName: "EluBackward0", f: { $0 > 0 ? $0 : alpha * Foundation.expm1($0) }, slope: { x, y in x > 0 ? 1 : y + alpha }, ints: .toFloat)
                case "gelu":
                    let approx = try b[1].map { v throws(PyError) in try i.str(v) } ?? "none"
                    guard approx == "none" || approx == "tanh" else { throw .runtime("approximate argument must be either none or tanh.") }
                    if approx == "tanh" {
                        let c: Float = 0.7978845608028654
                        def = .init(gradName: "GeluBackward0", f: { x in 0.5 * x * (1 + Foundation.tanh(c * (x + 0.044715 * x * x * x))) }, slope: { x, _ in
                            let u = c * (x + 0.044715 * x * x * x), th = Foundation.tanh(u)
                            return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * c * (1 + 3 * 0.044715 * x * x)
                        }, ints: .toFloat)
                    } else {
                        def = .init(gradName: "GeluBackward0", f: { x in x * 0.5 * (1 + Foundation.erf(x * 0.70710678118654752)) }, slope: { x, _ in
                            0.5 * (1 + Foundation.erf(x * 0.70710678118654752)) + x * 0.3989422804014327 * Foundation.exp(-0.5 * x * x)
                        }, ints: .toFloat)
                    }
                case "softplus":
                    let beta = Float(b[1]?.asDouble ?? 1), threshold = Float(b[2]?.asDouble ?? 20)
                    def = .init(gradName: "SoftplusBackward0", f: { x in x * beta > threshold ? x : Foundation.log1p(Foundation.exp(x * beta)) / beta }, slope: { x, _ in
                        x * beta > threshold ? 1 : 1 / (1 + Foundation.exp(-x * beta))
                    }, ints: .toFloat)
                case "silu":
                    def = .init(gradName: "SiluBackward0", f: { x in x / (1 + Foundation.exp(-x)) }, slope: { x, _ in
                        let s = 1 / (1 + Foundation.exp(-x))
                        return s * (1 + x * (1 - s))
                    }, ints: .toFloat)
                case "relu6", "hardtanh":
                    let lo = Float(name == "relu6" ? 0 : b[1]?.asDouble ?? -1), hi = Float(name == "relu6" ? 6 : b[2]?.asDouble ?? 1)
                    def = .init(gradName: "HardtanhBackward0", f: { min(max($0, lo), hi) }, slope: { x, _ in x > lo && x < hi ? 1 : 0 }, ints: .toFloat)
                case "logsigmoid":
                    def = .init(gradName: "LogSigmoidBackward0", f: { x in -(Foundation.log1p(Foundation.exp(-abs(x))) + max(-x, 0)) }, slope: { x, _ in
                        1 - 1 / (1 + Foundation.exp(-x))
                    }, ints: .toFloat)
                default: def = TensorOps.unaries[name]!
                }
                let r = try TensorOps.elementwise(t, name, def)
                if params.contains("inplace"), try b[params.firstIndex(of: "inplace")!]?.truthy() ?? false {
                    try t.checkInPlace()
                    return .tensor(try i.writeBack(t, r))
                }
                return .tensor(r)
            }
        }
        for (name, log) in [("softmax", false), ("log_softmax", true), ("softmin", false)] {
            add(name) { a, k, i throws(PyError) in
                let b = try bind(name, ["input", "dim", "_stacklevel", "dtype"], required: 1, a, k)
                var t = try tensor(name, b[0])
                if name == "softmin" { guard case .tensor(let n) = try i.tensorUnary("-", t) else { return .none }; t = n }
                var dim = b[1]
                if dim == nil || dim!.isNone {
                    // torch's implicit choice, with its warning.
                    i.stderr += "UserWarning: Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.\n"
                    dim = .int([0, 1, 3].contains(t.shape.count) ? 0 : 1)
                }
                var kw: [(String, PyValue)] = [("dim", dim!)]
                if let d = b[3], !d.isNone { kw.append(("dtype", d)) }
                return try Modules.softmax([.tensor(t)], kw, logarithm: log)
            }
        }
        add("dropout") { a, k, i throws(PyError) in
            let b = try bind("dropout", ["input", "p", "training", "inplace"], required: 1, a, k)
            let t = try tensor("dropout", b[0])
            let p = b[1]?.asDouble ?? 0.5
            guard p >= 0, p <= 1 else { throw .valueError("dropout probability has to be between 0 and 1, but got \(pyFloatRepr(p))") }
            return .tensor(try dropout(t, p: p, training: try b[2]?.truthy() ?? true, interp: i))
        }
        for kind in [LossModule.Kind.crossEntropy, .nll, .mse, .l1, .bce, .bceWithLogits] {
            add(kind.functionName) { a, k, i throws(PyError) in
                guard a.count >= 2 || (a.count == 1 && k.contains { $0.0 == "target" }) || k.contains(where: { $0.0 == "input" }) else {
                    throw .typeError("\(kind.functionName)() missing 1 required positional argument: '\(a.isEmpty ? "input" : "target")'")
                }
                var rest = a
                var kw = k
                func take(_ n: String) -> PyValue? {
                    if !rest.isEmpty { return rest.removeFirst() }
                    if let j = kw.firstIndex(where: { $0.0 == n }) { return kw.remove(at: j).1 }
                    return nil
                }
                let input = take("input"), target = take("target")
                guard let input, let target else { throw .typeError("\(kind.functionName)() missing 1 required positional argument: 'target'") }
                guard case .object(let m as LossModule) = try LossModule.make(kind, rest, kw, i) else { return .none }
                return .tensor(try m.compute(input, target, i))
            }
        }
        add("one_hot") { a, k, i throws(PyError) in
            let b = try bind("one_hot", ["tensor", "num_classes"], required: 1, a, k)
            let t = try tensor("one_hot", b[0], "self")
            guard t.dtype == .int64 else { throw .runtime("one_hot is only applicable to index tensor of type LongTensor.") }
            let values = t.exactInts
            var n = try b[1].map { v throws(PyError) in try i.intArg("one_hot", "num_classes", v) } ?? -1
            if values.contains(where: { $0 < 0 }) { throw .runtime("Class values must be non-negative.") }
            if n == -1 {
                guard t.count > 0 else { throw .runtime("Can not infer total number of classes from empty tensor.") }
                n = values.max()! + 1
            } else if values.contains(where: { $0 >= n }) {
                throw .runtime("Class values must be smaller than num_classes.")
            }
            let count = try i.checkedShape("one_hot", t.shape + [n])
            var out = [Int](repeating: 0, count: count)
            for (p, v) in values.enumerated() { out[p * n + v] = 1 }
            return .tensor(PyTensor(ints: out, shape: t.shape + [n], dtype: .int64))
        }
        add("pad") { a, k, i throws(PyError) in
            let b = try bind("pad", ["input", "pad", "mode", "value"], required: 2, a, k)
            let t = try tensor("pad", b[0])
            if let m = b[2], case .str(let mode) = m, mode != "constant" {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support F.pad mode '\(mode)' yet")
            }
            var pads: [Int] = []
            for v in try i.iterate(b[1]!) { pads.append(try i.intArg("pad", "pad", v)) }
            return .tensor(try padded(t, pads, value: b[3].flatMap { $0.isNone ? nil : $0 }?.asDouble ?? 0, interp: i))
        }
        add("embedding") { a, k, i throws(PyError) in
            let b = try bind("embedding", ["input", "weight", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"], required: 2, a, k)
            let idx = try tensor("embedding", b[0]), w = try tensor("embedding", b[1], "weight", 2)
            if let m = b[3], !m.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy does not support embedding max_norm yet") }
            var pad: Int?
            if let p = b[2], !p.isNone { let v = try i.intArg("embedding", "padding_idx", p); pad = v < 0 ? v + w.shape[0] : v }
            return .tensor(try TorchModule.lookup(idx, w, padding: pad, interp: i))
        }
        add("linear") { a, k, i throws(PyError) in
            let b = try bind("linear", ["input", "weight", "bias"], required: 2, a, k)
            let x = try tensor("linear", b[0]), w = try tensor("linear", b[1], "weight", 2)
            let hasBias = b[2].map { !$0.isNone } ?? false
            if x.shape.isEmpty || w.shape.isEmpty {
                throw .runtime("both arguments to linear need to be at least 1D, but they are \(x.shape.count)D and \(w.shape.count)D")
            }
            // A 1-D weight takes ATen's dot/mv paths: MiniPy says so rather than guess.
            if w.shape.count == 1 { throw PyError(type: "NotImplementedError", message: "MiniPy does not support F.linear with a 1-D weight yet") }
            if x.shape.count >= 1, w.shape.count == 2, x.shape.last != w.shape[1] {
                // ATen's linear: addmm for 2-D or contiguous input with a bias; otherwise matmul, which folds the
                // batch into mm, unless the input is not contiguous and the weight needs no gradient (then bmm).
                let lead = x.shape.dropLast().reduce(1, *), k = x.shape.last!
                if hasBias && (x.shape.count == 2 || x.isContiguous) {
                    throw .runtime("addmm: mat1 and mat2 shapes cannot be multiplied (\(lead)x\(k) and \(w.shape[1])x\(w.shape[0]))")
                }
                if x.shape.count >= 3 && !x.isContiguous && !w.requiresGrad {
                    throw .runtime("Expected size for first two dimensions of batch2 tensor to be: [\(lead / x.shape[x.shape.count - 2]), \(k)] but got: [\(lead / x.shape[x.shape.count - 2]), \(w.shape[1])].")
                }
                throw .runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(lead)x\(k) and \(w.shape[1])x\(w.shape[0]))")
            }
            var y = try i.tensorBinary("@", .tensor(x), try i.call(try i.attribute(.tensor(w), "t"), [], []))
            if let bias = b[2], !bias.isNone { y = try i.tensorBinary("+", y, bias) }
            return y
        }
        add("layer_norm") { a, k, i throws(PyError) in
            let b = try bind("layer_norm", ["input", "normalized_shape", "weight", "bias", "eps"], required: 2, a, k)
            let x = try tensor("layer_norm", b[0])
            var shape: [Int] = []
            if let n = b[1]!.asIndex { shape = [n] } else { for v in try i.iterate(b[1]!) { shape.append(try i.intArg("layer_norm", "normalized_shape", v)) } }
            let w = try b[2].flatMap { v throws(PyError) -> PyTensor? in v.isNone ? nil : try tensor("layer_norm", v, "weight", 3) }
            let bias = try b[3].flatMap { v throws(PyError) -> PyTensor? in v.isNone ? nil : try tensor("layer_norm", v, "bias", 4) }
            return .tensor(try layerNorm(x, shape, weight: w, bias: bias, eps: b[4]?.asDouble ?? 1e-5))
        }
        add("normalize") { a, k, i throws(PyError) in
            let b = try bind("normalize", ["input", "p", "dim", "eps", "out"], required: 1, a, k)
            let x = try tensor("normalize", b[0])
            let p = b[1]?.asDouble ?? 2, eps = b[3]?.asDouble ?? 1e-12
            let dim = b[2] ?? .int(1)
            // x / max(‖x‖_p along dim, eps), keeping the dim.
            let powered = try i.tensorBinary("**", try i.call(try i.attribute(.tensor(x), "abs"), [], []), .float(p))
            let summed = try i.call(try i.attribute(powered, "sum"), [dim], [("keepdim", .bool(true))])
            let norm = try i.tensorBinary("**", summed, .float(1 / p))
            let clamped = try i.call(try i.attribute(norm, "clamp_min"), [.float(eps)], [])
            return try i.tensorBinary("/", .tensor(x), clamped)
        }
        add("cosine_similarity") { a, k, i throws(PyError) in
            let b = try bind("cosine_similarity", ["x1", "x2", "dim", "eps"], required: 2, a, k)
            let x1 = try tensor("cosine_similarity", b[0], "x1"), x2 = try tensor("cosine_similarity", b[1], "x2", 2)
            let dim = b[2] ?? .int(1), eps = b[3]?.asDouble ?? 1e-8
            // ATen's: each input divided by its own norm (kept along dim, clamped to eps), then the product summed:
            // ((x1 / ‖x1‖) * (x2 / ‖x2‖)).sum(dim), whose grad_fn is SumBackward1.
            func normalized(_ t: PyTensor) throws(PyError) -> PyValue {
                let sq = try i.tensorBinary("*", .tensor(t), .tensor(t))
                let n = try i.call(try i.attribute(try i.call(try i.attribute(sq, "sum"), [dim], [("keepdim", .bool(true))]), "sqrt"), [], [])
                let clamped = try i.call(try i.attribute(n, "clamp_min"), [.float(eps)], [])
                return try i.tensorBinary("/", .tensor(t), clamped)
            }
            let product = try i.tensorBinary("*", try normalized(x1), try normalized(x2))
            return try i.call(try i.attribute(product, "sum"), [dim], [])
        }
        return f
    }()

    /// Dropout: in training, each element kept with probability 1 - p (scaled by 1/(1 - p)) by MiniPy's own generator,
    /// so which elements drop differs from torch's; outside training (or p = 0), the input itself.
    static func dropout(_ t: PyTensor, p: Double, training: Bool, interp: Interpreter) throws(PyError) -> PyTensor {
        guard training, p > 0 else { return t }
        guard t.dtype.isFloatingPoint else { throw .runtime("result type Float can't be cast to the desired output type \(t.dtype.scalarName)") }
        let scale = p >= 1 ? 0 : Float(1 / (1 - p))
        let mask = (0..<t.count).map { _ in Double(interp.rng.next() >> 11) * 0x1p-53 >= p ? scale : 0 }
        let x = t.floats
        return Autograd.record("MulBackward0", Tensor(shape: t.shape, storage: zip(x, mask).map { $0 * $1 }), inputs: [t]) { g in
            [Tensor(shape: g.shape, storage: zip(g.storage, mask).map { $1 == 0 ? 0 : $0 * $1 })]
        }
    }

    /// `F.pad(x, pads, value=v)`, constant mode: pads (left, right) of the last dimension first; negative pads crop.
    static func padded(_ t: PyTensor, _ pads: [Int], value: Double, interp: Interpreter) throws(PyError) -> PyTensor {
        let shape = t.shape
        guard pads.count % 2 == 0 else { throw .runtime("Padding length must be divisible by 2") }
        guard pads.count / 2 <= shape.count else { throw .runtime("Padding length should be less than or equal to two times the input dimension but got padding length \(pads.count) and input of dimension \(shape.count)") }
        // The output's size as torch computes it (input + both pads), held to MiniPy's limits before any index list
        // is built: a pad of 2**31 was an allocation of that many before the check below.
        var sized = shape
        for k in 0..<(pads.count / 2) {
            let d = shape.count - 1 - k
            let a = shape[d].addingReportingOverflow(pads[2 * k])
            let b = a.partialValue.addingReportingOverflow(pads[2 * k + 1])
            sized[d] = a.overflow || b.overflow ? Int.max : max(0, b.partialValue)
        }
        _ = try interp.checkedShape("pad", sized)
        var out = shape
        var lists = shape.map { Array(0..<$0).map { Optional($0) } }
        for k in 0..<(pads.count / 2) {
            let d = shape.count - 1 - k
            let (l, r) = (pads[2 * k], pads[2 * k + 1])
            var list = lists[d]
            if l >= 0 { list = Array(repeating: nil, count: l) + list } else { list = Array(list.dropFirst(-l)) }
            if r >= 0 { list += Array(repeating: nil, count: r) } else { list = Array(list.dropLast(-r)) }
            guard !list.isEmpty || shape[d] + l + r == 0 else {
                throw .runtime("The input size \(shape[d]), plus negative padding \(min(l, 0)) and \(min(r, 0)) resulted in a negative output size, which is invalid. Check dimension \(d) of your input.")
            }
            lists[d] = list
            out[d] = list.count
        }
        let count = try interp.checkedShape("pad", out)
        let st = Layout.strides(shape)
        var map = [Int?](repeating: nil, count: count)
        var k = 0
        func walk(_ d: Int, _ base: Int?) {
            if d == shape.count { map[k] = base; k += 1; return }
            for e in lists[d] { walk(d + 1, base.flatMap { b in e.map { b + $0 * st[d] } }) }
        }
        walk(0, 0)
        if !t.dtype.isFloatingPoint {
            let x = t.exactInts
            return PyTensor(ints: map.map { $0.map { x[$0] } ?? Int(value) }, shape: out, dtype: t.dtype)
        }
        let x = t.floats
        let source = shape, n = t.count
        return Autograd.record("ConstantPadNdBackward0", Tensor(shape: out, storage: map.map { $0.map { x[$0] } ?? Float(value) }), inputs: [t]) { g in
            var gx = [Float](repeating: 0, count: n)
            for (o, p) in map.enumerated() { if let p { gx[p] += g.storage[o] } }
            return [Tensor(shape: source, storage: gx)]
        }
    }

    /// `F.layer_norm`: each block of the last `shape` dimensions normalised to mean 0 and variance 1 (biased), then
    /// scaled by `weight` and shifted by `bias`.
    static func layerNorm(_ x: PyTensor, _ shape: [Int], weight: PyTensor?, bias: PyTensor?, eps: Double) throws(PyError) -> PyTensor {
        let xs = x.shape
        guard xs.count >= shape.count, Array(xs.suffix(shape.count)) == shape else {
            let expected = "[*, " + shape.map(String.init).joined(separator: ", ") + "]"
            throw .runtime("Given normalized_shape=\(pyShape(shape)), expected input with shape \(expected), but got input of size\(pyShape(xs))")
        }
        let n = shape.reduce(1, *), rows = x.count / max(n, 1)
        let v = x.floats, w = weight?.floats, b = bias?.floats
        var out = [Float](repeating: 0, count: v.count), normed = out
        var rstds = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            var mean = 0.0
            for j in 0..<n { mean += Double(v[r * n + j]) }
            mean /= Double(n)
            var varSum = 0.0
            for j in 0..<n { let d = Double(v[r * n + j]) - mean; varSum += d * d }
            let rstd = Float(1 / (varSum / Double(n) + eps).squareRoot())
            rstds[r] = rstd
            for j in 0..<n {
                let k = r * n + j
                normed[k] = (v[k] - Float(mean)) * rstd
                out[k] = normed[k] * (w?[j] ?? 1) + (b?[j] ?? 0)
            }
        }
        let inputs = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
        let hasWeight = weight != nil, hasBias = bias != nil
        return Autograd.record("NativeLayerNormBackward0", Tensor(shape: xs, storage: out), inputs: inputs) { g in
            var gx = [Float](repeating: 0, count: v.count)
            var gw = [Float](repeating: 0, count: n), gb = gw
            for r in 0..<rows {
                var sumG: Float = 0, sumGN: Float = 0
                for j in 0..<n {
                    let k = r * n + j
                    let gn = g.storage[k] * (w?[j] ?? 1)
                    sumG += gn; sumGN += gn * normed[k]
                    gw[j] += g.storage[k] * normed[k]
                    gb[j] += g.storage[k]
                }
                for j in 0..<n {
                    let k = r * n + j
                    let gn = g.storage[k] * (w?[j] ?? 1)
                    gx[k] = rstds[r] * (gn - sumG / Float(n) - normed[k] * sumGN / Float(n))
                }
            }
            return [Tensor(shape: xs, storage: gx)] + (hasWeight ? [Tensor(shape: shape, storage: gw)] : []) + (hasBias ? [Tensor(shape: shape, storage: gb)] : [])
        }
    }
}
