import RNNEngine

extension VisualizerConfig {
    /// The input's output shape, time first: [L, D·H] (unbatched) or [L, N, D·H].
    var outputShape: [Int] {
        var shape = Array(input.shape.dropLast())
        shape.append(hiddenSize * (bidirectional ? 2 : 1))
        return shape
    }

    /// Runs the engine's backward for `loss`, every step recorded (`RNNBase.gradientTrace`). Pure and deterministic.
    public func gradientTrace(seed: UInt64) -> Result<RNNGradientTrace, VisualizerError> {
        if let n = loss.unitOutOfRange(features: outputShape.last ?? 0) {
            return .failure(VisualizerError(message: "loss last_unit:\(n): the output has \(outputShape.last ?? 0) features"))
        }
        return module(seed: seed).flatMap { base in
            do throws(TorchError) { return .success(try base.gradientTrace(input, gradOutput: loss.gradOutput(shape: outputShape))) } catch {
                return .failure(VisualizerError(message: "\(error.type): \(error.message)"))
            }
        }
    }
}

/// The visualizer's gradient view (`g`): the engine's backward trace for the item's loss, revealed one step of
/// backpropagation through time at a time (the reverse of the forward's order), and what the view shows of it,
/// every number read from the trace: each step's norms and the factor that carried the gradient into it.
public struct VisualizerGradient: Sendable {
    public typealias Trace = RNNGradientTrace
    public typealias Factor = ChainFactor

    public let loss: VisualizeLoss
    public private(set) var trace: RNNGradientTrace?
    public private(set) var error: String?
    /// How many entries of `trace.steps` are shown (0: only the loss; each (layer, direction) has seqLen + 1,
    /// its steps from where its backward starts, then its h_0).
    public var revealed = 0
    /// ‖dL/dh‖ and ‖dL/dc‖ (LSTM) of each entry, per batch element: `norms[b][i]` is `trace.steps[i]`'s.
    public private(set) var norms: [[Double]] = []
    public private(set) var cellNorms: [[Double]] = []
    /// The factor that carried the gradient into each entry from the state after it in its direction's order
    /// (step t + 1's for the forward direction), per batch element; nil where the backward starts.
    public private(set) var incoming: [[ChainFactor?]] = []
    /// σ_max(W_hh) per (layer, direction), index layer·D + direction.
    public private(set) var recurrentNorms: [Double] = []

    public init(config: VisualizerConfig, seed: UInt64) {
        loss = config.loss
        switch config.gradientTrace(seed: seed) {
        case .failure(let e): error = e.message
        case .success(let g):
            trace = g
            let D = g.config.numDirections, L = g.seqLen
            norms = (0..<g.batch).map { b in g.steps.map { $0.norm(batch: b) } }
            cellNorms = (0..<g.batch).map { b in g.steps.map { $0.cellNorm(batch: b) ?? 0 } }
            incoming = (0..<g.batch).map { b in
                g.steps.map { s -> ChainFactor? in
                    let after = s.direction == 0 ? s.t + 1 : s.t - 1
                    return after >= 0 && after < L ? g.factor(layer: s.layer, direction: s.direction, t: after, batch: b) : nil
                }
            }
            recurrentNorms = (0..<(g.config.numLayers * D)).map { g.recurrentNorm(layer: $0 / D, direction: $0 % D) }
        }
    }

    public var stepCount: Int { trace?.steps.count ?? 0 }
    public var isAtEnd: Bool { revealed >= stepCount }

    /// The entry revealed last: the one the panel explains.
    public var currentIndex: Int? { revealed > 0 && revealed <= stepCount ? revealed - 1 : nil }
    public var current: GradientStep? { currentIndex.flatMap { trace?.steps[$0] } }

    /// The index in `trace.steps` of (layer, direction, t), t = −1 or seqLen for the initial state.
    public func index(layer: Int, direction: Int, t: Int) -> Int? {
        guard let trace, layer < trace.config.numLayers, direction < trace.config.numDirections,
              t >= -1, t <= trace.seqLen else { return nil }
        let L = trace.seqLen, D = trace.config.numDirections
        let k = direction == 0 ? L - 1 - t : t
        guard k >= 0, k <= L else { return nil }
        return ((trace.config.numLayers - 1 - layer) * D + direction) * (L + 1) + k
    }

    /// Whether BPTT has reached (layer, direction, t).
    public func isRevealed(layer: Int, direction: Int, t: Int) -> Bool {
        index(layer: layer, direction: direction, t: t).map { $0 < revealed } ?? false
    }

    /// The entry of (layer, direction, t) once revealed.
    public func step(layer: Int, direction: Int, t: Int) -> GradientStep? {
        guard let i = index(layer: layer, direction: direction, t: t), i < revealed else { return nil }
        return trace?.steps[i]
    }

    /// ‖dL/dh‖ of an entry divided by that of the entry after it in its direction's order: what one step back
    /// did to the norm (nil where the backward starts, or when the later norm is 0).
    public func ratio(_ i: Int, batch b: Int) -> Double? {
        guard let trace, norms.indices.contains(b), i > 0, trace.steps.indices.contains(i) else { return nil }
        let s = trace.steps[i], before = trace.steps[i - 1]
        guard before.layer == s.layer, before.direction == s.direction, norms[b][i - 1] > 0 else { return nil }
        return norms[b][i] / norms[b][i - 1]
    }
}

extension VisualizerGradient: Equatable {
    public static func == (a: VisualizerGradient, b: VisualizerGradient) -> Bool {
        a.loss == b.loss && a.error == b.error && a.revealed == b.revealed && a.trace?.steps == b.trace?.steps
    }
}

extension VisualizerGradient {
    /// The entry BPTT reached, in one sentence for the screen reader's status row (numbers as the grid shows them).
    public func sentence(batch b: Int) -> String {
        guard let trace, let i = currentIndex, let s = current, norms.indices.contains(b) else {
            return "Backpropagation through time of L = \(loss.text): nothing computed yet; the left arrow steps back from the loss."
        }
        let k = s.isInitial ? "0" : "\(s.t + 1)"
        var out = "Step \(revealed) of \(stepCount) back: layer \(s.layer), norm of dL/dh_\(k) is \(String(format: "%.2e", norms[b][i]))"
        if trace.config.mode == .lstm { out += ", of dL/dc_\(k) \(String(format: "%.2e", cellNorms[b][i]))" }
        return out + "."
    }
}
