
extension DecodingContext {
    static let gradientClaimKeys = ["visualize", "of", "ratio", "below", "above"]

    /// `visualize:` as one item (a mapping) or several (a list of mappings).
    func visualizeSections(_ node: Node) -> [VisualizeSection]? {
        guard case .sequence = node else { return visualizeSection(node).map { [$0] } }
        guard let items = sequence(node, "visualize") else { return nil }
        let sections = items.map(visualizeSection)
        return sections.contains(nil) || sections.isEmpty ? nil : sections.compactMap { $0 }
    }

    /// `loss: last_sum | last_unit:N | all_sum`, checked against the output's features (hidden_size × directions).
    func visualizeLoss(_ node: Node, features: Int?) -> VisualizeLoss? {
        guard let name = text(node, "loss") else { return nil }
        guard let loss = VisualizeLoss(name) else {
            report(node, "unknown loss '\(name)'; use \(VisualizeLoss.spellings) (N a feature of the last step's output, from 0)")
            return nil
        }
        if let features, let n = loss.unitOutOfRange(features: features) {
            report(node, "loss 'last_unit:\(n)' reads feature \(n), but the output has \(features) (0 to \(features - 1))")
            return nil
        }
        return loss
    }

    /// `gradients:` on a question: a list of `{visualize: N, of: h|c, ratio: [a, b], below: x, above: y}`. That
    /// item N exists and has steps a and b is checked by `unroll check` (`LessonGradientCheck`), which runs it.
    func gradientClaims(_ node: Node) -> [GradientClaim]? {
        guard let items = sequence(node, "gradients") else { return nil }
        var claims: [GradientClaim] = []
        var ok = true
        for item in items {
            guard let f = fields(item, of: "a gradient claim", allowed: Self.gradientClaimKeys, required: ["visualize", "ratio"]) else {
                ok = false
                continue
            }
            let index = int(f["visualize"], "visualize", in: 1...99)
            var state: GradientClaim.State? = .h
            if let n = f["of"] {
                state = text(n, "of").flatMap { GradientClaim.State(rawValue: $0) }
                if state == nil { report(n, "'of' is h (dL/dh_t) or c (dL/dc_t, LSTM)") }
            }
            var pair: [Int]?
            if let r = f["ratio"] {
                if case .sequence(let s) = r, s.count == 2 {
                    let ints = s.map { int($0, "ratio", in: 0...100_000) }
                    pair = ints.contains(nil) ? nil : ints.compactMap { $0 }
                } else {
                    report(r, "'ratio' is two step numbers [a, b]: the claim is about ‖∂L/∂h_a‖ / ‖∂L/∂h_b‖")
                }
            }
            let below = f["below"].map { positive($0, "below") }
            let above = f["above"].map { positive($0, "above") }
            if below == nil && above == nil {
                report(item, "a gradient claim needs 'below', 'above' or both: the bound the ratio must keep")
                ok = false
            }
            guard let index, let state, let pair, below != .some(nil), above != .some(nil) else { ok = false; continue }
            claims.append(GradientClaim(item: index, state: state, numerator: pair[0], denominator: pair[1],
                                        below: below ?? nil, above: above ?? nil, position: item.position))
        }
        return ok ? claims : nil
    }

    /// A finite number above 0.
    func positive(_ node: Node, _ name: String) -> Double? {
        guard case .scalar(let s) = node, let v = Double(s.string), v.isFinite, v > 0 else {
            report(node, "'\(name)' must be a number above 0, got \(describe(node))")
            return nil
        }
        return v
    }
}
