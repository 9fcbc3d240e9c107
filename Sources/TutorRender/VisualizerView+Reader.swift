import TutorCore

extension VisualizerView {
    /// Screen-reader mode: the unrolled RNN as sentences instead of a picture. The module, then the
    /// step on screen in full (where, its input, h before, what the cell computed, h now and why it
    /// moved), the lesson's caption, the steps before it one line each, and the keys. The cursor sits on
    /// the step's first sentence.
    static func renderSentences(_ vis: VisualizerState, into buffer: inout CellBuffer, area: Rect) {
        var doc = Doc(width: area.width - 2)
        var about = "Module \(vis.trace?.config.repr ?? vis.config.module.rawValue), "
        about += vis.config.stateDict != nil ? "weights from the lesson's state_dict" : "weights from seed \(vis.seed)"
        if vis.batchCount > 1 { about += ", batch element \(vis.batchElement + 1) of \(vis.batchCount)" }
        if let n = vis.shownLength { about += ", its length \(n)" }
        if vis.playing { about += ", playing" }
        doc.paragraph(about + ".", .bold)
        if let notice = vis.notice { doc.paragraph(notice, Style(color: .warn)) }
        doc.gap()
        let current = doc.count
        for sentence in vis.stepSentences { doc.paragraph(sentence) }
        doc.focusRow(current)
        doc.pin = current
        if let caption = vis.caption {
            doc.gap()
            doc.paragraph("Caption: " + caption, Style(color: .accent))
        }
        if vis.revealed > 1 {
            doc.gap()
            doc.line([Span("Steps before:", .bold)])
            for index in 0..<(vis.revealed - 1) { doc.paragraph(vis.pastSentence(index), indent: 2) }
        }
        doc.gap()
        doc.paragraph("Right arrow: the next step. Left arrow: back. Space: play or pause. Up and Down: the layer. b: the batch element. r: new weights.", .dim)
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }
}

extension VisualizerView {
    /// The gradient view for a screen reader: what is differentiated, the entry BPTT reached (its norm, the ratio
    /// to the step after it, the factor), then every revealed norm, one sentence each; numbers as the grid shows them.
    static func renderGradientSentences(_ vis: VisualizerState, _ g: VisualizerGradient, into buffer: inout CellBuffer, area: Rect) {
        var doc = Doc(width: area.width - 2)
        doc.paragraph("Gradient view of \(vis.trace?.config.repr ?? vis.config.module.rawValue): L = \(g.loss.code(batched: vis.config.input.shape.count == 3)), backpropagation through time \(g.revealed) of \(g.stepCount) steps.", .bold)
        if let error = g.error { doc.paragraph("The engine could not run the backward: \(error)", Style(color: .bad)) }
        doc.gap()
        let current = doc.count
        let b = vis.batchElement
        if let trace = g.trace, let i = g.currentIndex, let s = g.current {
            let k = subscriptName(s.t, seqLen: trace.seqLen)
            var sentence = "Layer \(s.layer): norm of dL/dh_\(k) is \(gradientNorm(g.norms[b][i]))"
            if let r = g.ratio(i, batch: b) { sentence += ", \(String(format: "%.3g", r)) times the step after it" }
            if g.incoming.indices.contains(b), let f = g.incoming[b][i] { sentence += "; the factor's largest singular value \(String(format: "%.3g", f.norm))" }
            if trace.config.mode == .lstm { sentence += "; norm of dL/dc_\(k) is \(gradientNorm(g.cellNorms[b][i]))" }
            doc.paragraph(sentence + ".")
        } else {
            doc.paragraph("Nothing computed yet: the left arrow takes the first step back from the loss.")
        }
        doc.focusRow(current)
        doc.pin = current
        if let trace = g.trace, g.revealed > 1, let cur = g.currentIndex {
            doc.gap()
            doc.line([Span("Norms so far:", .bold)])
            for i in 0..<cur {
                let s = trace.steps[i]
                doc.paragraph("Layer \(s.layer), h_\(subscriptName(s.t, seqLen: trace.seqLen)): \(gradientNorm(g.norms[b][i])).", indent: 2)
            }
        }
        doc.gap()
        doc.paragraph("Left arrow: one step further back through time. Right arrow: one step less. Space: play or pause. g: the forward view.", .dim)
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }
}
