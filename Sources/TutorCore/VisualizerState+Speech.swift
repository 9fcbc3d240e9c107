import RNNEngine

/// The unrolled RNN said in sentences, for screen-reader mode: what was computed at the step, the
/// numbers in a form a listener can follow (`Spoken.number`), and why h moved the way it did, read
/// off the same trace the picture is drawn from.
extension VisualizerState {
    /// "layer 0 forward, t equals 2"
    static func place(_ s: TraceStep) -> String {
        "layer \(s.layer) \(s.direction == 0 ? "forward" : "backward"), t equals \(s.t)"
    }

    /// The status row's line for the step on screen: "Step 3 of 4, layer 0 forward, t equals 2: h is
    /// plus 0.32, plus 0.17, plus 0.22; it went up most in unit 1, because its weighted sum before tanh is
    /// plus 0.56."
    public var stepSentence: String {
        guard let trace else { return "The engine could not run this module: \(error ?? "no trace")." }
        guard let s = current else {
            return "Step 0 of \(stepCount): h_0 is all zeros, nothing computed yet. Right arrow computes the first step."
        }
        // A padded step (a lesson's lengths:) says so first: the picture marks it "pad" and shows the kept h.
        if let kept = keptH(s) {
            return "Step \(Spoken.of(revealed, stepCount)), \(Self.place(s)), padding: packed, h stays at \(Spoken.list(kept))."
        }
        var line = "Step \(Spoken.of(revealed, stepCount)), \(Self.place(s)): h is \(Spoken.list(s.h(batch: batchElement)))"
        if let change = change(s, trace: trace) { line += "; " + change }
        return line + "."
    }

    /// The step on screen in full: where it is, its input, the state before, what the cell computed,
    /// the new state and why it moved, each as a sentence.
    public var stepSentences: [String] {
        guard let trace else { return [stepSentence] }
        guard let s = current else {
            return ["Step 0 of \(stepCount): nothing computed yet; h_0 is all zeros.",
                    "Right arrow computes step 1: " + Self.place(trace.steps[0]) + "."]
        }
        let b = batchElement
        let before = s.direction == 0 ? "t minus 1" : "t plus 1"
        var lines = ["Step \(Spoken.of(revealed, stepCount)): \(Self.place(s)).",
                     "Input x at t: \(Spoken.list(s.x(batch: b))).",
                     "h before, at \(before): \(Spoken.list(s.hPrev(batch: b)))."]
        switch trace.config.mode {
        case .rnnTanh, .rnnRelu:
            let f = trace.config.mode == .rnnRelu ? "relu" : "tanh"
            lines.append("Weighted sum before \(f), W_ih x plus W_hh h plus the biases: \(Spoken.list(s.preActivation(batch: b))).")
        case .lstm:
            for (name, word) in [("i", "Input gate i"), ("f", "Forget gate f"), ("g", "Candidate g"), ("o", "Output gate o")] {
                if let g = s.gate(name, batch: b) { lines.append("\(word): \(Spoken.list(g)).") }
            }
            if let c = s.c(batch: b) { lines.append("Cell state c, f times the old c plus i times g: \(Spoken.list(c)).") }
        case .gru:
            for (name, word) in [("r", "Reset gate r"), ("z", "Update gate z"), ("n", "Candidate n")] {
                if let g = s.gate(name, batch: b) { lines.append("\(word): \(Spoken.list(g)).") }
            }
        }
        lines.append("h now: \(Spoken.list(s.h(batch: b))).")
        if let change = change(s, trace: trace) {
            lines.append(change.prefix(1).uppercased() + change.dropFirst() + ".")
        }
        if let kept = keptH(s), let n = shownLength {
            lines.append("This step is padding: the sequence is \(n) step\(n == 1 ? "" : "s") long. Packed, h stays as at t equals \(n - 1): \(Spoken.list(kept)). Unpacked, zeros go in and h moves to the h above.")
        }
        return lines
    }

    /// The h a packed run keeps at step `s` when it is padding for the element shown (the numbers of
    /// `paddingNote`); nil for a real step.
    func keptH(_ s: TraceStep) -> [Float]? {
        guard s.direction == 0, isPadding(t: s.t), let kept = keptStates, kept.indices.contains(s.layer) else { return nil }
        return kept[s.layer]
    }

    /// A short line for a step already passed (the screen lists them): "Step 1, layer 0 forward, t equals
    /// 0: h is plus 0.1, minus 0.2."
    public func pastSentence(_ index: Int) -> String {
        guard let trace, trace.steps.indices.contains(index) else { return "" }
        let s = trace.steps[index]
        return "Step \(index + 1), \(Self.place(s)): h is \(Spoken.list(s.h(batch: batchElement)))."
    }

    /// Which unit of h moved most from the step before, which way, and why: "it went up most in unit
    /// 1, because its weighted sum before tanh is plus 0.56". Units count from 0, as `h[0]` does.
    func change(_ s: TraceStep, trace: RNNTrace) -> String? {
        let b = batchElement
        let h = s.h(batch: b), prev = s.hPrev(batch: b)
        guard h.count == prev.count, !h.isEmpty else { return nil }
        let deltas = zip(h, prev).map { $0 - $1 }
        guard let j = deltas.indices.max(by: { abs(deltas[$0]) < abs(deltas[$1]) }) else { return nil }
        if abs(deltas[j]) < 0.005 { return "h barely changed" }
        var line = "it went \(deltas[j] > 0 ? "up" : "down") most in unit \(j), by \(Spoken.number(abs(deltas[j])).replacingOccurrences(of: "plus ", with: ""))"
        if let reason = reason(unit: j, s, trace: trace) { line += ", because " + reason }
        return line
    }

    /// What drove unit `j` of h, in the terms of the module's update rule.
    func reason(unit j: Int, _ s: TraceStep, trace: RNNTrace) -> String? {
        let b = batchElement
        func at(_ values: [Float]?) -> Float? { values.flatMap { $0.indices.contains(j) ? $0[j] : nil } }
        func unsigned(_ v: Float) -> String { Spoken.number(v).replacingOccurrences(of: "plus ", with: "") }
        switch trace.config.mode {
        case .rnnTanh, .rnnRelu:
            guard let pre = at(s.preActivation(batch: b)) else { return nil }
            return "its weighted sum before \(trace.config.mode == .rnnRelu ? "relu" : "tanh") is \(Spoken.number(pre))"
        case .lstm:
            // With proj_size, h is a projection of the cell's units: no one cell unit drives h[j].
            guard trace.config.projSize == 0, let c = at(s.c(batch: b)), let c0 = at(s.cPrev(batch: b)),
                  let o = at(s.gate("o", batch: b)) else { return nil }
            return "its cell state went from \(Spoken.number(c0)) to \(Spoken.number(c)) and its output gate is \(unsigned(o))"
        case .gru:
            guard let z = at(s.gate("z", batch: b)), let n = at(s.gate("n", batch: b)) else { return nil }
            return "its update gate is \(unsigned(z)), so h moved toward the candidate \(Spoken.number(n))"
        }
    }
}
