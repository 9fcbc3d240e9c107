/// A claim a question makes about the numbers the visualizer's gradient view shows (`gradients:`): the ratio of
/// two steps' gradient norms of one of the lesson's visualize items, below or above a bound. `unroll check` proves
/// it by running that item through the engine's backward trace, the numbers the learner sees.
///
///     gradients:
///       - {visualize: 2, ratio: [1, 40], below: 1.0e-6}   # ‖∂L/∂h_1‖ / ‖∂L/∂h_40‖ of item 2
///       - {visualize: 3, of: c, ratio: [1, 40], above: 0.1}
public struct GradientClaim: Sendable, Equatable {
    /// Which gradient: dL/dh_t, or dL/dc_t (LSTM's cell state).
    public enum State: String, Sendable, Equatable, CaseIterable {
        case h, c
    }

    /// The lesson's visualize item, from 1 (as `--task` counts).
    public var item: Int
    public var state: State
    /// The subscripts of the two states, as the course counts them: h_0 the initial state, h_t = output[t-1].
    public var numerator: Int
    public var denominator: Int
    public var below: Double?
    public var above: Double?
    /// Where the claim was written.
    public var position: SourcePosition

    public init(item: Int, state: State = .h, numerator: Int, denominator: Int, below: Double? = nil, above: Double? = nil,
                position: SourcePosition = SourcePosition(line: 1, column: 1)) {
        self.item = item; self.state = state; self.numerator = numerator; self.denominator = denominator
        self.below = below; self.above = above; self.position = position
    }

    /// "‖∂L/∂h_1‖ / ‖∂L/∂h_40‖"
    public var ratioText: String {
        "‖∂L/∂\(state.rawValue)_\(numerator)‖ / ‖∂L/∂\(state.rawValue)_\(denominator)‖"
    }

    /// "below 1e-06 and above 0"
    public var boundsText: String {
        var parts: [String] = []
        if let below { parts.append("below \(Self.format(below))") }
        if let above { parts.append("above \(Self.format(above))") }
        return parts.joined(separator: " and ")
    }

    static func format(_ x: Double) -> String { String(format: "%g", x) }
}
