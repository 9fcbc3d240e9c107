/// What one time step of one (layer, direction) computed, for every batch element.
///
/// Tensors are (N, features); the per-element accessors return one row as `[Float]`.
/// `preActivation` holds what each nonlinearity received: RNN `hW + xW`; LSTM the four chunks
/// `i|f|g|o` of `hW + xW`; GRU `r|z` of `hW + xW` and, for `n`, `xW_n + r*hW_n`.
public struct TraceStep: Sendable, Equatable {
    public let layer: Int
    public let direction: Int
    /// The time index in the sequence (the reverse direction visits t = L−1 first).
    public let t: Int
    /// `[]` (RNN), `["i","f","g","o"]` (LSTM), `["r","z","n"]` (GRU).
    public let gateNames: [String]
    /// x_t: the layer's input at t (for layer > 0, the concatenated outputs of the layer below).
    public let x: Tensor
    /// h_{t−1} (h_{t+1} for the reverse direction): the state this step started from.
    public let hPrev: Tensor
    /// c_{t−1} (LSTM).
    public let cPrev: Tensor?
    public let preActivation: Tensor
    /// The gate values, in `gateNames` blocks of H columns (LSTM, GRU).
    public let gates: Tensor?
    /// c_t (LSTM).
    public let c: Tensor?
    /// o*tanh(c_t) before `weight_hr` (LSTM with proj_size only).
    public let hUnprojected: Tensor?
    /// h_t.
    public let h: Tensor

    public func x(batch b: Int) -> [Float] { row(x, b) }
    public func hPrev(batch b: Int) -> [Float] { row(hPrev, b) }
    public func cPrev(batch b: Int) -> [Float]? { cPrev.map { row($0, b) } }
    public func preActivation(batch b: Int) -> [Float] { row(preActivation, b) }
    public func c(batch b: Int) -> [Float]? { c.map { row($0, b) } }
    public func h(batch b: Int) -> [Float] { row(h, b) }

    /// One gate's values ("i", "f", "g", "o" or "r", "z", "n") for batch element `b`; nil for an unknown name.
    public func gate(_ name: String, batch b: Int) -> [Float]? {
        guard let gates, let g = gateNames.firstIndex(of: name) else { return nil }
        let H = gates.shape[1] / gateNames.count
        return Array(row(gates, b)[(g * H)..<((g + 1) * H)])
    }

    /// One gate's pre-activation for batch element `b`.
    public func preActivation(_ name: String, batch b: Int) -> [Float]? {
        guard let g = gateNames.firstIndex(of: name) else { return nil }
        let H = preActivation.shape[1] / gateNames.count
        return Array(row(preActivation, b)[(g * H)..<((g + 1) * H)])
    }

    private func row(_ t: Tensor, _ b: Int) -> [Float] {
        let w = t.shape[1]
        return Array(t.storage[(b * w)..<((b + 1) * w)])
    }
}

/// Every step of a forward pass, for the visualizer.
///
/// Ask for the dimensions, then for any (layer, direction, t):
///
///     let lstm = try LSTM(inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true)
///     let tr = try lstm.trace(x)                     // x: (L, N, 2); unbatched input gives batch == 1
///     for t in 0..<tr.seqLen {                       // ← → in the visualizer: t − 1, t + 1
///         let s = tr.step(layer: 0, direction: 0, t: t)
///         s.x(batch: 0)          // x_t                [Float] (2)
///         s.hPrev(batch: 0)      // h_{t−1}            [Float] (3)
///         s.gate("f", batch: 0)  // forget gate        [Float] (3)
///         s.c(batch: 0)          // c_t                [Float]? (3)
///         s.h(batch: 0)          // h_t                [Float] (3)
///     }
///     tr.result.output           // identical to try lstm.forward(x).output, bit for bit
///
/// To run lazily one step at a time instead, use `stepper(_:hx:)` and `RNNStepper.next()`.
public struct RNNTrace: Sendable {
    public let config: RNNConfig
    public var numLayers: Int { config.numLayers }
    public var numDirections: Int { config.numDirections }
    public let seqLen: Int
    public let batch: Int
    public var gateNames: [String] { config.mode.gateNames }
    /// Steps in computation order: layer, then direction, then k-th step of that direction.
    public let steps: [TraceStep]
    /// The forward result (`output`, `h_n`, `c_n`) in PyTorch's shapes.
    public let result: RNNOutput

    /// The step of (layer, direction) at time index t (0 ≤ t < seqLen).
    public func step(layer: Int, direction: Int, t: Int) -> TraceStep {
        precondition(layer < numLayers && direction < numDirections && t >= 0 && t < seqLen, "no such step")
        let k = direction == 0 ? t : seqLen - 1 - t
        return steps[(layer * numDirections + direction) * seqLen + k]
    }
}
