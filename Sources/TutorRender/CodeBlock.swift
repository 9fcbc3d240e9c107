import TutorCore

/// Code shown as the seed page shows it: a "PyTorch" label, then the lines behind a rule.
enum CodeBlock {
    static func plain(_ code: String, into doc: inout Doc, glyphs: Glyphs) {
        doc.line([Span("PyTorch", .dim)])
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            doc.flow([(Span(String(line), Style(color: .accent)), false)], indent: glyphs.vertical + " ", continuation: glyphs.vertical + "   ")
        }
    }

    /// A fill task's code as written, its blanks as `[N]`.
    static func task(_ task: FillTask, into doc: inout Doc, glyphs: Glyphs) {
        plain(task.code, into: &doc, glyphs: glyphs)
    }
}
