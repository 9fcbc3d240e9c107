/// One step of backpropagation through time: dL/dh_t (and for LSTM dL/dc_t) as the backward holds them when it
/// reaches step t, for every batch element. Tensors are (N, features).
///
/// dh is the whole gradient at h_t: what the loss sends through output[t] (and, above layer 0, what the layer
/// above sends back through its input), plus what step t + 1 sends back through the recurrence (t − 1 for the
/// reverse direction). dc is the whole gradient at c_t: from h_t through o·tanh(c_t), plus f_{t+1}·dL/dc_{t+1}.
public struct GradientStep: Sendable, Equatable {
    public let layer: Int
    public let direction: Int
    /// The time index of h_t (0 ≤ t < seqLen); for the direction's initial state h_0: −1 (forward) or seqLen
    /// (reverse), the side the direction starts from.
    public let t: Int
    /// dL/dh_t (N × R, R = proj_size or hidden_size); for the initial state, the module's `grad_hx[0]` rows.
    public let dh: Tensor
    /// dL/dc_t (N × H), LSTM only; for the initial state, `grad_hx[1]`'s rows.
    public let dc: Tensor?

    /// Whether this is the direction's initial state (h_0, c_0) rather than a step's output.
    public var isInitial: Bool { t < 0 || t >= seqLenBound }
    let seqLenBound: Int

    public func dh(batch b: Int) -> [Float] { Self.row(dh, b) }
    public func dc(batch b: Int) -> [Float]? { dc.map { Self.row($0, b) } }

    /// ‖dL/dh_t‖ for batch element `b`: the Euclidean norm, squares summed in Double in index order (so
    /// `sqrt(sum(v * v for v in row))` in Python over the same float32 values gives the same Double).
    public func norm(batch b: Int) -> Double { Self.norm(dh(batch: b)) }
    /// ‖dL/dc_t‖ for batch element `b` (LSTM).
    public func cellNorm(batch b: Int) -> Double? { dc(batch: b).map(Self.norm) }

    static func norm(_ v: [Float]) -> Double {
        var s = 0.0
        for x in v { s += Double(x) * Double(x) }
        return s.squareRoot()
    }

    static func row(_ t: Tensor, _ b: Int) -> [Float] {
        let w = t.shape[1]
        return Array(t.storage[(b * w)..<((b + 1) * w)])
    }
}

/// A backward pass recorded step by step, with the forward it differentiates: what the visualizer's gradient
/// view shows and `unroll engine --trace` prints for a backward case.
///
///     let rnn = try RNN(inputSize: 1, hiddenSize: 4)
///     let g = try rnn.base.gradientTrace(x, gradOutput: dOut)   // x: (40, 1), dOut: output's shape
///     g.step(layer: 0, direction: 0, t: 39).norm(batch: 0)       // ‖dL/dh_40‖ (the last step)
///     g.initial(layer: 0, direction: 0).dh                       // dL/dh_0 == g.gradients.hx[0], bit for bit
///     g.factor(layer: 0, direction: 0, t: 39, batch: 0)?.norm    // σ_max(diag(1 − h_40²)·W_hh)
///
/// Every dh and dc is copied out of the fast backward's own buffers at the moment it uses them (the backward is
/// `RNNBase.forwardBackward`, run once), so they are bit for bit the values the gradients were computed from.
public struct RNNGradientTrace: Sendable {
    /// The forward pass, every step (bit for bit what the backward ran on).
    public let forward: RNNTrace
    public var config: RNNConfig { forward.config }
    public var seqLen: Int { forward.seqLen }
    public var batch: Int { forward.batch }
    /// BPTT's order: the top layer first; within a layer direction 0 from t = L−1 down to its h_0, then
    /// direction 1 from t = 0 up to its h_0; seqLen + 1 entries per (layer, direction).
    public let steps: [GradientStep]
    /// What the backward returns (`grad_input`, `grad_hx`, the parameters' gradients).
    public let gradients: RNNGradients
    /// W_hh of each (layer, direction), index layer·D + direction, for the chain-rule factors.
    let recurrentWeights: [Tensor]

    /// The entry of (layer, direction) at time index t; t = −1 (forward) or seqLen (reverse) is the initial state.
    public func step(layer: Int, direction: Int, t: Int) -> GradientStep {
        let L = seqLen, D = config.numDirections
        precondition(layer < config.numLayers && direction < D && t >= -1 && t <= L, "no such step")
        let k = direction == 0 ? L - 1 - t : t
        return steps[((config.numLayers - 1 - layer) * D + direction) * (L + 1) + k]
    }

    /// dL/dh_0 (and dL/dc_0) of (layer, direction): where its backward ends.
    public func initial(layer: Int, direction: Int) -> GradientStep {
        step(layer: layer, direction: direction, t: direction == 0 ? -1 : seqLen)
    }
}

extension RNNBase {
    /// The forward trace and a backward pass recorded step by step, for the loss
    /// L = Σ gradOutput·output + Σ gradHN·h_n + Σ gradCN·c_n (nil: zeros), as `forwardBackward` takes them.
    /// Throws what `forwardBackward` throws (bad input, gradients torch refuses).
    public func gradientTrace(_ input: Tensor, hx: [Tensor]? = nil, gradOutput: Tensor?, gradHN: Tensor? = nil,
                              gradCN: Tensor? = nil) throws(TorchError) -> RNNGradientTrace {
        let cfg = config
        let ld = cfg.numLayers * cfg.numDirections, R = cfg.outputSize, H = cfg.hiddenSize
        let isLSTM = cfg.mode == .lstm
        var dhBuffer: UnsafeMutablePointer<Float>?, dcBuffer: UnsafeMutablePointer<Float>?
        defer { dhBuffer?.deallocate(); dcBuffer?.deallocate() }
        var dims = (L: 0, N: 0)
        let (_, grads) = try forwardBackward(input, hx: hx, gradOutput: gradOutput, gradHN: gradHN, gradCN: gradCN) { L, N in
            dims = (L, N)
            dhBuffer = .allocate(capacity: max(1, ld * L * N * R))
            if isLSTM { dcBuffer = .allocate(capacity: max(1, ld * L * N * H)) }
            return BackwardRecord(dh: dhBuffer, dc: dcBuffer)
        }
        let forward = try trace(input, hx: hx)
        let (L, N) = dims
        // grad_hx as (ld, N, size) rows, whether the input was batched or not.
        func initialRows(_ t: Tensor, _ size: Int, _ index: Int) -> Tensor {
            Tensor(shape: [N, size], storage: Array(t.storage[(index * N * size)..<((index + 1) * N * size)]))
        }
        func copy(_ p: UnsafeMutablePointer<Float>?, _ offset: Int, _ size: Int) -> Tensor? {
            guard let p else { return nil }
            return Tensor(shape: [N, size], storage: Array(UnsafeBufferPointer(start: p + offset * N * size, count: N * size)))
        }
        var steps: [GradientStep] = []
        steps.reserveCapacity(ld * (L + 1))
        for layer in (0..<cfg.numLayers).reversed() {
            for d in 0..<cfg.numDirections {
                let index = layer * cfg.numDirections + d
                for k in 0..<L {
                    let t = d == 0 ? L - 1 - k : k
                    steps.append(GradientStep(layer: layer, direction: d, t: t, dh: copy(dhBuffer, index * L + t, R)!,
                                              dc: copy(dcBuffer, index * L + t, H), seqLenBound: L))
                }
                steps.append(GradientStep(layer: layer, direction: d, t: d == 0 ? -1 : L,
                                          dh: initialRows(grads.hx[0], R, index),
                                          dc: isLSTM ? initialRows(grads.hx[1], H, index) : nil, seqLenBound: L))
            }
        }
        let perDirection = parameters.count / ld
        let whh = (0..<ld).map { parameters[$0 * perDirection + 1] }
        return RNNGradientTrace(forward: forward, steps: steps, gradients: grads, recurrentWeights: whh)
    }
}
