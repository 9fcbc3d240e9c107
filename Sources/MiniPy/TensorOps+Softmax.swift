import Foundation
import RNNEngine

extension Modules {
    /// Softmax (or log-softmax) of values laid out (outer, n, inner), along n; each slice is shifted by its max.
    static func softmax(_ x: [Float], outer: Int, n: Int, inner: Int, logarithm: Bool) -> [Float] {
        var out = x
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                var m = -Float.infinity
                for k in 0..<n { m = max(m, x[base + k * inner]) }
                var sum: Float = 0
                for k in 0..<n {
                    let e = Foundation.exp(x[base + k * inner] - m)
                    if !logarithm { out[base + k * inner] = e }
                    sum += e
                }
                let lse = logarithm ? Foundation.log(sum) : 0
                for k in 0..<n {
                    let j = base + k * inner
                    out[j] = logarithm ? x[j] - m - lse : out[j] / sum
                }
            }
        }
        return out
    }

    /// `torch.softmax(input, dim)` and `log_softmax`: exp(x - max) / sum along `dim` (its log). Lessons use softmax
    /// as the wrong activation a learner might reach for; torch's own message when `dim` is left out.
    static func softmax(_ args: [PyValue], _ kwargs: [(String, PyValue)], logarithm: Bool = false) throws(PyError) -> PyValue {
        let fname = logarithm ? "log_softmax" : "softmax"
        var input = args.first
        var dimValue = args.count > 1 ? args[1] : nil
        var dtype: PyValue?
        for (k, v) in kwargs {
            if k == "input" { input = v } else if k == "dim" { dimValue = v } else if k == "dtype" { dtype = v }
            else { throw .typeError("\(fname)() got an unexpected keyword argument '\(k)'") }
        }
        guard case .tensor(var pt)? = input else {
            throw .typeError("\(fname)(): argument 'input' (position 1) must be Tensor, not \(input?.typeName ?? "NoneType")")
        }
        guard let dimValue, let rawDim = dimValue.asIndex else {
            throw .typeError("\(fname)() missing 1 required positional arguments: \"dim\"")
        }
        if case .object(let d as DTypeObject)? = dtype { pt = pt.converted(to: try d.supported()) }
        let t = pt.t
        let rank = max(1, t.shape.count)
        if pt.dtype != .float32 {
            let last = rawDim == -1 || rawDim == t.shape.count - 1
            let kernel = (logarithm ? "log_" : "") + (last ? "softmax_lastdim_kernel_impl" : "softmax_kernel_impl")
            throw PyError(type: "NotImplementedError", message: "\"\(kernel)\" not implemented for '\(pt.dtype.scalarName)'")
        }
        guard rawDim >= -rank && rawDim < rank else {
            throw .indexError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(rawDim))")
        }
        let dim = rawDim < 0 ? rawDim + rank : rawDim
        let gradName = logarithm ? "LogSoftmaxBackward0" : "SoftmaxBackward0"
        guard !t.shape.isEmpty else {
            // The softmax of one value is 1 (its log 0), whatever it is: its gradient is 0.
            return .tensor(Autograd.record(gradName, Tensor(shape: [], storage: [logarithm ? 0 : 1]), inputs: [pt]) { _ in [Tensor.zeros([])] })
        }
        let n = t.shape[dim]
        let inner = t.shape[(dim + 1)...].reduce(1, *)
        let outer = t.shape[..<dim].reduce(1, *)
        let out = softmax(t.storage, outer: outer, n: n, inner: inner, logarithm: logarithm)
        let y = Tensor(shape: t.shape, storage: out)
        let version = VersionCounter(), saved = SavedOutput()   // the gradient reads the output (PyTensor.swift)
        var result = Autograd.record(gradName, y, inputs: [pt]) { g throws(PyError) in
            try version.check(saved: 0, shape: y.shape, op: logarithm ? "LogSoftmax" : "Softmax")
            let out = saved.values(or: out)
            // softmax: dx = y * (g - sum(g * y)); log_softmax: dx = g - exp(y) * sum(g), along dim.
            var gx = g.storage
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var dot: Float = 0
                    for k in 0..<n { dot += logarithm ? g.storage[base + k * inner] : g.storage[base + k * inner] * out[base + k * inner] }
                    for k in 0..<n {
                        let j = base + k * inner
                        gx[j] = logarithm ? g.storage[j] - Foundation.exp(out[j]) * dot : out[j] * (g.storage[j] - dot)
                    }
                }
            }
            return [Tensor(shape: y.shape, storage: gx)]
        }
        result.version = version
        if result.origin != nil { saved.storage = result.storage }
        return .tensor(result)
    }
}
