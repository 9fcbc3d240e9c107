import RNNEngine

/// The loss the visualizer's gradient view differentiates: a sum over part of the module's output, so its
/// gradient dL/d(output) is ones where it sums and zeros elsewhere. Written in a lesson as `loss: last_sum`,
/// `loss: last_unit:N` or `loss: all_sum` (and so after `unroll visualize --loss`).
public enum VisualizeLoss: Sendable, Equatable {
    /// `output[-1].sum()`: every feature of the last step (the default).
    case lastSum
    /// `output[-1][..., N].sum()`: feature N (from 0, as Python indexes) of the last step.
    case lastUnit(Int)
    /// `output.sum()`: every step.
    case allSum

    /// The spellings a lesson may use, for messages.
    public static let spellings = "last_sum, last_unit:N or all_sum"

    /// The loss a lesson's text names, or nil (a negative or malformed unit too).
    public init?(_ text: String) {
        switch text {
        case "last_sum": self = .lastSum
        case "all_sum": self = .allSum
        default:
            let prefix = "last_unit:"
            guard text.hasPrefix(prefix), let n = Int(text.dropFirst(prefix.count)), n >= 0,
                  text.dropFirst(prefix.count).allSatisfy(\.isASCII) else { return nil }
            self = .lastUnit(n)
        }
    }

    /// As a lesson writes it.
    public var text: String {
        switch self {
        case .lastSum: "last_sum"
        case .lastUnit(let n): "last_unit:\(n)"
        case .allSum: "all_sum"
        }
    }

    /// The loss in PyTorch's terms, for the screen: `output[-1].sum()`, `output[-1][2]`, `output[-1][:, 2].sum()`.
    public func code(batched: Bool) -> String {
        switch self {
        case .lastSum: "output[-1].sum()"
        case .lastUnit(let n): batched ? "output[-1][:, \(n)].sum()" : "output[-1][\(n)]"
        case .allSum: "output.sum()"
        }
    }

    /// The feature it reads past the output's `features` (hidden_size × directions), if any.
    public func unitOutOfRange(features: Int) -> Int? {
        if case .lastUnit(let n) = self, n >= features { return n }
        return nil
    }

    /// dL/d(output) for an output of `shape` ([L, F] or [L, N, F], time first): ones where the loss sums.
    public func gradOutput(shape: [Int]) -> Tensor {
        let L = shape.first ?? 0, F = shape.last ?? 0
        let perStep = shape.dropFirst().reduce(1, *)
        var g = [Float](repeating: 0, count: L * perStep)
        for t in 0..<L {
            for k in 0..<perStep {
                let hit: Bool
                switch self {
                case .lastSum: hit = t == L - 1
                case .lastUnit(let n): hit = t == L - 1 && k % max(1, F) == n
                case .allSum: hit = true
                }
                if hit { g[t * perStep + k] = 1 }
            }
        }
        return Tensor(shape: shape, storage: g)
    }
}
