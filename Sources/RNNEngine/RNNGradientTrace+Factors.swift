/// What one step back multiplies the gradient by: the Jacobian of a step's state with respect to the state before
/// it, or for LSTM and GRU its direct path, with the numbers on its diagonal.
public struct ChainFactor: Sendable, Equatable {
    public enum Path: Sendable, Equatable {
        /// RNN: ∂h_t/∂h_{t−1} = diag(slope)·W_hh, slope = 1 − h_t² (tanh) or [h_t > 0] (relu).
        case recurrent
        /// LSTM: ∂c_t/∂c_{t−1} along the cell's direct path, diag(f_t) (no W_hh, no tanh on it).
        case cell
        /// GRU: ∂h_t/∂h_{t−1} along the direct path, diag(z_t).
        case update
    }

    public let path: Path
    /// The diagonal: tanh's slopes (float32 1 − h_t·h_t) or relu's, f_t, or z_t.
    public let diagonal: [Float]
    /// The factor's 2-norm, its largest singular value: σ_max(diag(slope)·W_hh), or max |f_t| (|z_t|) for a
    /// diagonal path. A gradient with nothing added on the way shrinks by at most this much per step.
    public let norm: Double
}

extension RNNGradientTrace {
    /// The factor of step t of (layer, direction): it carries dL/dh_t (dL/dc_t) back to the state the step started
    /// from (t − 1, or t + 1 for the reverse direction).
    public func factor(layer: Int, direction: Int, t: Int, batch b: Int) -> ChainFactor {
        let s = forward.step(layer: layer, direction: direction, t: t)
        switch config.mode {
        case .rnnTanh, .rnnRelu:
            let h = s.h(batch: b)
            let slope = config.mode == .rnnRelu ? h.map { $0 > 0 ? Float(1) : 0 } : h.map { 1 - $0 * $0 }
            let w = recurrentWeights[layer * config.numDirections + direction]
            return ChainFactor(path: .recurrent, diagonal: slope,
                               norm: Self.largestSingularValue(rows: w.shape[0], cols: w.shape[1]) { i, j in
                                   Double(slope[i]) * Double(w.storage[i * w.shape[1] + j])
                               })
        case .lstm:
            let f = s.gate("f", batch: b) ?? []
            return ChainFactor(path: .cell, diagonal: f, norm: f.map { Double(abs($0)) }.max() ?? 0)
        case .gru:
            let z = s.gate("z", batch: b) ?? []
            return ChainFactor(path: .update, diagonal: z, norm: z.map { Double(abs($0)) }.max() ?? 0)
        }
    }

    /// σ_max(W_hh) of (layer, direction): the most W_hh alone can stretch a gradient in one step.
    public func recurrentNorm(layer: Int, direction: Int) -> Double {
        let w = recurrentWeights[layer * config.numDirections + direction]
        return Self.largestSingularValue(rows: w.shape[0], cols: w.shape[1]) { i, j in Double(w.storage[i * w.shape[1] + j]) }
    }

    /// The largest singular value of a rows × cols matrix given by `m(i, j)`: the square root of the largest
    /// eigenvalue of MᵀM, found by cyclic Jacobi rotations (exact to rounding, for the small sizes shown).
    /// - Complexity: O(cols³) per sweep, a handful of sweeps.
    static func largestSingularValue(rows: Int, cols: Int, _ m: (Int, Int) -> Double) -> Double {
        guard rows > 0, cols > 0 else { return 0 }
        let n = cols
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<rows {
            let row = (0..<n).map { m(i, $0) }
            for p in 0..<n where row[p] != 0 {
                for q in 0..<n { a[p * n + q] += row[p] * row[q] }
            }
        }
        let scale = (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }
        guard scale > 0 else { return 0 }
        for _ in 0..<60 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
            if off <= 1e-30 * scale * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
                    let apq = a[p * n + q], app = a[p * n + p], aqq = a[q * n + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                }
            }
        }
        let largest = (0..<n).map { a[$0 * n + $0] }.max() ?? 0
        return max(0, largest).squareRoot()
    }
}
