import TutorCore

/// The playground: the snippet with line numbers and a cursor, then what the last run printed.
enum PlaygroundView {
    static func render(_ play: PlaygroundState, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        doc.line([Span("Snippet \(play.snippetIndex + 1)/\(play.snippetCount)", .bold), Span(" · " + play.title)])
        doc.gap()
        let numberWidth = String(play.lines.count).count
        for (i, line) in play.lines.enumerated() {
            let number = String(i + 1).padding(toLength: numberWidth, withPad: " ", startingAt: 0)
            var spans = [Span("\(number) \(glyphs.vertical) ", .dim)]
            if i == play.row {
                doc.pin = doc.count
                let chars = Array(line)
                let at = min(play.column, chars.count)
                spans.append(Span(String(chars[..<at]), Style(color: .accent)))
                // The cursor: the character under it reversed (a space past the end of the line).
                spans.append(Span(at < chars.count ? String(chars[at]) : " ", Style(reverse: true)))
                if at + 1 < chars.count { spans.append(Span(String(chars[(at + 1)...]), Style(color: .accent))) }
            } else {
                spans.append(Span(line, Style(color: .accent)))
            }
            doc.line(spans)
        }
        doc.gap()
        if play.running {
            doc.line([Span("Running…", .dim)])
        } else if let output = play.output {
            doc.line([Span(play.failed ? "\(glyphs.cross) Output (it raised)" : "\(glyphs.check) Output", play.failed ? .bad : .good)])
            let text = output.isEmpty ? "(nothing printed)" : output
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                doc.paragraph(String(line), play.failed ? Style(color: .bad) : .plain, indent: 2)
            }
        } else {
            doc.line([Span("Ctrl-R runs it; the output or the traceback appears here.", .dim)])
        }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }
}
