import TutorCore

/// A reading page (intro, why, deep): headings, wrapped paragraphs, code and diagrams verbatim,
/// bulleted lists; at the end, the way on to the next mode.
enum PageView {
    static func render(_ page: PageState, lesson: Lesson, next: Mode?, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        if let content = lesson.page(for: page.mode) {
            doc.line([Span(page.mode.title, .title), Span(" · \(content.minutes) min", .dim)])
            for (i, block) in content.blocks.enumerated() {
                doc.gap()
                switch block {
                case .heading(let text):
                    // Opened at this heading (a review's `t`): it stays at the top until the learner scrolls.
                    if page.heading == i { doc.anchor = doc.count }
                    doc.paragraph(text, Style(bold: true, underline: true))
                case .text(let text):
                    doc.paragraph(text)
                case .code(let code):
                    CodeBlock.plain(code, into: &doc, glyphs: glyphs)
                case .diagram(let text):
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                        doc.line([Span("  " + line, Style(color: .accent))])
                    }
                case .list(let items):
                    for item in items { doc.paragraph(item, first: "  \(glyphs.bullet) ") }
                }
            }
        }
        doc.gap()
        if let next {
            doc.paragraph("Next: \(next.title), \(next.blurb). Press n.", .good, first: "\(glyphs.arrowRight) ")
        } else {
            doc.paragraph("That is the last mode of this lesson. q goes back to the modes.", .good, first: "\(glyphs.check) ")
        }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: page.scroll)
    }
}
