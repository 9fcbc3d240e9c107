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
