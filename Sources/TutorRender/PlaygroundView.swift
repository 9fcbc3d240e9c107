import TutorCore

/// The playground: the snippet with line numbers and a cursor, and below it, in rows of its own, what the
/// last run printed (its last lines: a traceback ends with the error, a training loop with its result).
/// Long lines do not wrap: the code scrolls sideways as a whole (`PlaygroundState.leftCell`) and a
/// mark beside a line says it goes on past the edge.
enum PlaygroundView {
    static func render(_ state: PlaygroundState, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var play = state
        let textWidth = play.textWidth(screenWidth: area.width)
        let outputRows = play.outputRows(bodyHeight: area.height)
        let codeHeight = max(1, area.height - outputRows)
        // Idempotent when update already scrolled for this size; it keeps the cursor in view otherwise.
        play.keepCursorInView(textWidth: textWidth, bodyHeight: codeHeight)
        var doc = Doc(width: area.width - 2)
        doc.line([Span("Snippet \(glyphs.count(play.snippetIndex + 1, of: play.snippetCount))", .bold), Span(" · " + play.title)])
        doc.gap()
        let numberWidth = play.gutterWidth - 3
        // Only the rows that can be on screen are laid out (the others stay empty rows, so the
        // scroll measure is the same): laying out every line on every frame made each key take
        // time in the length of the whole snippet. The view scrolls to at most `scroll`, and no
        // further back than one screen (the cursor's row, 2 + row, is within a screen of it).
        let shown = (play.scroll - codeHeight - 2)...(play.scroll + codeHeight + 2)
        for (i, line) in play.lines.enumerated() {
            guard shown.contains(i + 2) || i == play.row else {
                doc.line([])
                continue
            }
            let number = String(i + 1).padding(toLength: numberWidth, withPad: " ", startingAt: 0)
            let chars = Array(line)
            let cursor = i == play.row ? min(play.column, chars.count) : nil
            let lineWidth = chars.reduce(0) { $0 + DisplayWidth.of($1) }
            let hiddenLeft = play.leftCell > 0 && lineWidth > 0
            var spans = [Span("\(number) \(glyphs.vertical)", .dim), Span(hiddenLeft ? glyphs.moreLeft : " ", .dim)]
            spans += visibleSpans(chars, from: play.leftCell, width: textWidth, cursor: cursor)
            if lineWidth > play.leftCell + textWidth {
                let used = spans.dropFirst(2).reduce(0) { $0 + DisplayWidth.of($1.text) }
                spans.append(Span(String(repeating: " ", count: max(0, textWidth - used)) + glyphs.moreRight, .dim))
            }
            if cursor != nil { doc.pin = doc.count }
            doc.line(spans)
        }
        if outputRows == 0 {
            doc.gap()
            doc.line([Span("Ctrl-R runs it; the output or the traceback appears here.", .dim)])
        } else {
            drawOutput(play, into: &buffer, area: Rect(x: area.x + 1, y: area.y + codeHeight + 1, width: area.width - 2,
                                                      height: outputRows - 1), glyphs: glyphs)
        }
        // The code last: its scroll limit is the one the screen's marks and wheel follow.
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: codeHeight), scroll: play.scroll)
    }

    /// The run's header, then the end of what it printed (wrapped lines included), scrolled to its last row.
    static func drawOutput(_ play: PlaygroundState, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        guard area.height > 0 else { return }
        var header = Doc(width: area.width)
        if play.running {
            header.line([Span("Running…", .dim)])
        } else {
            var spans = [Span(play.failed ? "\(glyphs.cross) Output (it raised)" : "\(glyphs.check) Output", play.failed ? .bad : .good)]
            // Which interpreter printed it: MiniPy's answer and real torch's can differ.
            spans.append(Span(" · " + play.runtime, .dim))
            if play.outputIsStale { spans.append(Span(" · of the code before your edit; Ctrl-R runs it again", Style(color: .warn, bold: true))) }
            header.line(spans)
        }
        header.draw(into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: 1), scroll: 0)
        guard area.height > 1, !play.running else { return }
        var body = Doc(width: area.width)
        for line in play.outputLines { body.paragraph(line, play.failed ? Style(color: .bad) : .plain, indent: 2) }
        body.draw(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), scroll: Int.max)
    }

    /// The cells `[left, left + width)` of a line: the text before the cursor, the cursor (the
    /// character under it reversed, a space past the end of the line), the text after it. A wide
    /// character cut by the left edge shows as a space, one cut by the right edge is left out.
    static func visibleSpans(_ chars: [Character], from left: Int, width: Int, cursor: Int?) -> [Span] {
        var before = "", after = "", under: String?
        var cell = 0
        for (i, c) in chars.enumerated() {
            let w = DisplayWidth.of(c)
            defer { cell += w }
            var shown = String(c)
            if cell + w <= left || cell + w > left + width { continue }
            if cell < left { shown = String(repeating: " ", count: cell + w - left) }  // the visible half of a wide character
            if let cursor, i == cursor { under = shown } else if let cursor, i > cursor { after += shown } else { before += shown }
        }
        var spans = [Span(before, Style(color: .accent))]
        if let cursor {
            if cursor >= chars.count { under = " " }
            spans.append(Span(under ?? " ", Style(reverse: true), focus: true))
            if !after.isEmpty { spans.append(Span(after, Style(color: .accent))) }
        }
        return spans
    }
}
