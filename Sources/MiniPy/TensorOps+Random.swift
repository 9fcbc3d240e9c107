import RNNEngine

/// Sampling: `multinomial` and `bernoulli` draw from MiniPy's own generator (SplitMix64, reset by
/// `torch.manual_seed`), so the samples differ from torch's; torch's checks and messages are kept, and a certain
/// outcome (a probability of 0 or 1) is the same.
extension TensorOps {
    static let random: [String: TensorOp] = [
        "multinomial": TensorOp { c throws(PyError) in
            let b = try c.bind(["num_samples", "replacement", "generator"], required: 1)
            let t = c.input
            let n = try c.int(b[0], "num_samples")
            let replacement = try c.flag(b[1])
            guard t.dtype.isFloatingPoint else { throw .runtime("multinomial only supports floating-point dtypes for input, got: \(t.dtype.scalarName)") }
            guard t.shape.count == 1 || t.shape.count == 2 else { throw .runtime("prob_dist must be 1 or 2 dim") }
            let categories = t.shape.last!, rows = t.shape.count == 1 ? 1 : t.shape[0]
            guard n > 0 else { throw .runtime("cannot sample n_sample <= 0 samples") }
            guard replacement || n <= categories else { throw .runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement") }
            let p = t.floats
            if p.contains(where: { !$0.isFinite || $0 < 0 }) { throw .runtime("probability tensor contains either `inf`, `nan` or element < 0") }
            var out: [Int] = []
            for r in 0..<rows {
                var weights = (0..<categories).map { Double(p[r * categories + $0]) }
                guard weights.reduce(0, +) > 0 else { throw .runtime("invalid multinomial distribution (sum of probabilities <= 0)") }
                for _ in 0..<n {
                    let total = weights.reduce(0, +)
                    guard total > 0 else { throw .runtime("invalid multinomial distribution (with replacement=False, not enough non-negative category to sample)") }
                    let u = Double(c.interp.rng.next() >> 11) * 0x1p-53 * total
                    var acc = 0.0, pick = categories - 1
                    for k in 0..<categories where weights[k] > 0 {
                        acc += weights[k]
                        if u < acc { pick = k; break }
                    }
                    while weights[pick] == 0, pick > 0 { pick -= 1 }
                    out.append(pick)
                    if !replacement { weights[pick] = 0 }
                }
            }
            return .tensor(PyTensor(ints: out, shape: t.shape.count == 1 ? [n] : [rows, n]))
        },
        "bernoulli": TensorOp { c throws(PyError) in
            let b = try c.bind(["p", "generator"])
            let t = c.input
            let probs = b[0]?.asDouble.map { Array(repeating: Float($0), count: t.count) } ?? t.floats
            if probs.contains(where: { !($0 >= 0 && $0 <= 1) }) {
                throw .runtime("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
            }
            let values = probs.map { Float(Double(c.interp.rng.next() >> 11) * 0x1p-53 < Double($0) ? 1 : 0) }
            return .tensor(PyTensor(Tensor(shape: t.shape, storage: values), dtype: t.dtype))
        },
    ]
}
