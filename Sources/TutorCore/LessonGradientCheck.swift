import Foundation
import RNNEngine

/// Proves a lesson's gradient claims (`gradients:` on a question) by running each named visualize item through
/// the engine's backward trace: the numbers the learner sees in the gradient view, not a recomputation.
public enum LessonGradientCheck {
    /// A module's weights by torch's parameter names (so the disk's edge can hold them without the engine's types).
    public typealias StateDict = [String: Tensor]

    /// A state_dict file's JSON (a name → nested list object, or an engine case with "state_dict"), as the
    /// visualizer reads it; nil when it is not one.
    public static func stateDict(json data: Data) -> [String: Tensor]? {
        guard let json = try? JSONValue.parse(data) else { return nil }
        return try? EngineCase.stateDict(from: json["state_dict"] ?? json)
    }

    /// Every claim that does not hold or cannot be checked, at the claim's position. `weights` holds the lesson's
    /// state_dict files by `VisualizeSection.weightsKey`; an item whose file is missing is skipped (the loader
    /// already reports the file).
    public static func problems(_ lesson: Lesson, file: String, weights: [String: [String: Tensor]]) -> [LessonProblem] {
        var out: [LessonProblem] = []
        var traces: [Int: VisualizerGradient] = [:]
        for item in lesson.gradableItems {
            guard case .choice(let question) = item else { continue }
            for claim in question.gradients {
                func report(_ message: String) {
                    out.append(LessonProblem(file: file, line: claim.position.line, column: claim.position.column,
                                             message: "gradients: " + message))
                }
                let items = lesson.visualizations
                guard items.indices.contains(claim.item - 1) else {
                    report("visualize item \(claim.item), but the lesson has \(items.isEmpty ? "no visualize mode" : "\(items.count) (1 to \(items.count))")")
                    continue
                }
                let section = items[claim.item - 1]
                let L = section.sequenceLength
                if let bad = [claim.numerator, claim.denominator].first(where: { $0 > L }) {
                    report("step \(bad), but visualize item \(claim.item) has \(claim.state.rawValue)_0 to \(claim.state.rawValue)_\(L)")
                    continue
                }
                if claim.state == .c && section.module != .LSTM {
                    report("'of: c' is dL/dc_t, LSTM's cell state, but visualize item \(claim.item) is \(section.module.rawValue == "RNN" ? "an" : "a") \(section.module.rawValue)")
                    continue
                }
                var stateDict: [String: Tensor]?
                if let key = section.weightsKey(lessonID: lesson.id) {
                    guard let sd = weights[key] else { continue }
                    stateDict = sd
                }
                let gradient = traces[claim.item] ?? {
                    var seed: UInt64 = 0
                    if case .seed(let n) = section.weights { seed = UInt64(max(0, n)) }
                    return VisualizerGradient(config: VisualizerConfig(section: section, stateDict: stateDict), seed: seed)
                }()
                traces[claim.item] = gradient
                if let error = gradient.error {
                    report("visualize item \(claim.item) does not run: \(error)")
                    continue
                }
                guard let ratio = gradient.ratio(claim, batch: 0) else {
                    report("\(claim.ratioText) of visualize item \(claim.item) divides by 0")
                    continue
                }
                var failed: [String] = []
                if let below = claim.below, !(ratio < below) { failed.append("below \(GradientClaim.format(below))") }
                if let above = claim.above, !(ratio > above) { failed.append("above \(GradientClaim.format(above))") }
                if !failed.isEmpty {
                    report("\(claim.ratioText) of visualize item \(claim.item) is \(GradientClaim.format(ratio)), not \(failed.joined(separator: " and "))")
                }
            }
        }
        return out
    }
}

extension VisualizerGradient {
    /// The norm of the course's state k (h_0 the initial state, h_k = output[k−1]) of layer 0's forward direction,
    /// for batch element `b`: what a gradient claim reads.
    public func norm(_ state: GradientClaim.State, step k: Int, batch b: Int) -> Double? {
        guard let i = index(layer: 0, direction: 0, t: k - 1), norms.indices.contains(b) else { return nil }
        return state == .h ? norms[b][i] : cellNorms[b][i]
    }

    /// A claim's ratio, nil when its denominator is 0 or a step is missing.
    public func ratio(_ claim: GradientClaim, batch b: Int) -> Double? {
        guard let top = norm(claim.state, step: claim.numerator, batch: b),
              let bottom = norm(claim.state, step: claim.denominator, batch: b), bottom > 0 else { return nil }
        return top / bottom
    }
}
