import RNNEngine

/// Reductions: sums, means, extremes and truth tests, over everything or along one dimension.
extension TensorOps {
    static let reduction: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        for name in ["sum", "mean"] {
            ops[name] = TensorOp(.method) { c throws(PyError) in
                let b = try c.bind(["dim", "keepdim"])
                let t = c.input, x = c.x
                let isMean = name == "mean"
                let prefix = isMean ? "MeanBackward" : "SumBackward"
                // torch sums integers and bools to int64 and has no mean for them.
                if isMean && t.dtype != .float32 {
                    throw PyError(type: "RuntimeError", message: "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(t.dtype == .int64 ? "Long" : "Bool")")
                }
                let dtype: PyTensor.DType = t.dtype == .float32 ? .float32 : .int64
                guard let dv = b[0] else {
                    let s = x.storage.reduce(0, +)
                    let n = Float(x.count)
                    let y = Tensor(shape: [], storage: [isMean ? s / n : s])
                    return .tensor(Autograd.record(prefix + "0", y, dtype: dtype, inputs: [t], saves: false) { g in
                        [Tensor(shape: x.shape, storage: Array(repeating: isMean ? g.storage[0] / n : g.storage[0], count: x.count))]
                    })
                }
                guard let d0 = dv.asIndex else { throw .typeError("\(name)() received an invalid combination of arguments") }
                let (_, outer, n, inner, reduced, kept) = try c.interp.reductionLayout(x, d0)
                var out = [Float](repeating: 0, count: outer * inner)
                for o in 0..<outer { for k in 0..<n { for j in 0..<inner { out[o * inner + j] += x.storage[(o * n + k) * inner + j] } } }
                if isMean { out = out.map { $0 / Float(n) } }   // 0/0 is nan, as torch's mean over an empty dim
                let shape = try c.flag(b[1]) ? kept : reduced
                return .tensor(Autograd.record(prefix + "1", Tensor(shape: shape, storage: out), dtype: dtype, inputs: [t], saves: false) { g in
                    // Every element of a reduced slice gets its slice's gradient.
                    var gx = [Float](repeating: 0, count: x.count)
                    for o in 0..<outer { for k in 0..<n { for j in 0..<inner {
                        gx[(o * n + k) * inner + j] = isMean ? g.storage[o * inner + j] / Float(n) : g.storage[o * inner + j]
                    } } }
                    return [Tensor(shape: x.shape, storage: gx)]
                })
            }
        }
        for name in ["max", "min"] {
            ops[name] = TensorOp { c throws(PyError) in try c.interp.extremum(c.input, name, c.args, c.kwargs) }
        }
        ops["argmax"] = TensorOp { c throws(PyError) in try c.interp.argmax(c.x, c.args, c.kwargs) }
        for name in ["all", "any"] {
            ops[name] = TensorOp(.method) { c throws(PyError) in
                let b = try c.bind(["dim", "keepdim"], isMethod: true)
                let x = c.x
                let isAll = name == "all"
                guard let dv = b[0], !dv.isNone else {
                    let v = isAll ? x.storage.allSatisfy { $0 != 0 } : x.storage.contains { $0 != 0 }
                    return .tensor(PyTensor(Tensor(shape: [], storage: [v ? 1 : 0]), dtype: .bool))
                }
                let (_, outer, n, inner, reduced, kept) = try c.interp.reductionLayout(x, try c.int(dv, "dim"))
                var out = [Float](repeating: isAll ? 1 : 0, count: outer * inner)
                for o in 0..<outer { for k in 0..<n { for j in 0..<inner {
                    let nonzero = x.storage[(o * n + k) * inner + j] != 0
                    if isAll && !nonzero { out[o * inner + j] = 0 }
                    if !isAll && nonzero { out[o * inner + j] = 1 }
                } } }
                let shape = try c.flag(b[1]) ? kept : reduced
                return .tensor(PyTensor(Tensor(shape: shape, storage: out), dtype: .bool))
            }
        }
        return ops
    }()
}

extension Interpreter {
    /// `argmax(dim=None, keepdim=False)`: the index of the first largest value, over everything or along `dim`.
    func argmax(_ x: Tensor, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("argmax", ["dim", "keepdim"], required: 0, args, kwargs)
        func best(_ values: [Float]) -> Int {
            var k = 0
            for (j, v) in values.enumerated() where v > values[k] || (v.isNaN && !values[k].isNaN) { k = j }
            return k
        }
        guard let dv = b[0], !dv.isNone else {
            guard x.count > 0 else { throw .runtime("argmax(): Expected reduction dim to be specified for input.numel() == 0.") }
            return .tensor(PyTensor(Tensor(shape: [], storage: [Float(best(x.storage))]), dtype: .int64))
        }
        let (d, outer, n, inner, reduced, kept) = try reductionLayout(x, try intArg("argmax", "dim", dv))
        if n == 0 { throw .indexError("argmax(): Expected reduction dim \(d) to have non-zero size.") }
        var out = [Float](repeating: 0, count: outer * inner)
        for o in 0..<outer { for j in 0..<inner {
            out[o * inner + j] = Float(best((0..<n).map { x.storage[(o * n + $0) * inner + j] }))
        } }
        let shape = try b[1]?.truthy() ?? false ? kept : reduced
        return .tensor(PyTensor(Tensor(shape: shape, storage: out), dtype: .int64))
    }

    /// A reduction over `dim` as (outer, n, inner) blocks of x: a 0-d tensor is reduced as one element,
    /// as torch allows dim 0 or -1 for it (the result stays 0-d, also with keepdim).
    func reductionLayout(_ x: Tensor, _ rawDim: Int) throws(PyError) -> (d: Int, outer: Int, n: Int, inner: Int, shape: [Int], keptShape: [Int]) {
        let d = try tc { try x.wrapDim(rawDim) }
        guard x.dim > 0 else { return (0, 1, 1, 1, [], []) }
        var shape = x.shape, kept = x.shape
        shape.remove(at: d)
        kept[d] = 1
        return (d, x.shape[..<d].reduce(1, *), x.shape[d], x.shape[(d + 1)...].reduce(1, *), shape, kept)
    }
}
