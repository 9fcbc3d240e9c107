import TutorCore

/// The frame around every screen: a title row at the top and a status/keys row at the bottom.
enum Chrome {
    /// `counters` go at the right end (the menu's name, streak and learned count, as the seed's header
    /// has them beside the learner's name): the first of them that fits beside the title, else none.
    static func title(_ title: String, detail: String, counters: [String] = [], into buffer: inout CellBuffer, glyphs: Glyphs) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: .reverse)
        var x = buffer.put(" " + title, x: 0, y: 0, style: Style(bold: true, reverse: true))
        if !detail.isEmpty {
            x = buffer.put(" · " + DisplayWidth.truncate(detail, to: max(0, buffer.width - x - 4)), x: x, y: 0, style: .reverse)
        }
        if let right = counters.first(where: { x + 2 + DisplayWidth.of($0) + 1 <= buffer.width }) {
            buffer.put(right, x: buffer.width - DisplayWidth.of(right) - 1, y: 0, style: Style(bold: true, reverse: true))
        }
    }

    /// The most rows a status sentence takes at the bottom; the body gives them up while it is shown.
    static let statusRowLimit = 4

    /// The rows the footer takes: the status sentence wrapped at words (a sentence cut at the edge
    /// loses its end, which is where it says what happens now: "…; progress is not being saved"),
    /// at most `statusRowLimit`, the last cut at a word when even those are not enough; one row for
    /// the keys when there is no status.
    static func footerRows(status: String?, width: Int) -> [String] {
        guard let status else { return [] }
        let lines = TextWrap.wrap(status.replacingOccurrences(of: "\n", with: " "), width: width)
        guard lines.count > statusRowLimit else { return lines }
        let rest = lines[(statusRowLimit - 1)...].joined(separator: " ")
        return Array(lines.prefix(statusRowLimit - 1)) + [cutAtWord(rest, to: width)]
    }

    /// The status sentence when there is one (it matters more than the key reminder), else the keys.
    /// `rows` is `footerRows(status:width:)`, measured before the body was laid out above it.
    static func footer(rows: [String], hints: String, into buffer: inout CellBuffer) {
        guard !rows.isEmpty else {
            buffer.put(fitted(hints, to: buffer.width - 1), x: 0, y: buffer.height - 1, style: .dim)
            return
        }
        let top = buffer.height - rows.count
        for (i, row) in rows.enumerated() {
            buffer.fill(Rect(x: 0, y: top + i, width: buffer.width, height: 1), style: .plain)
            buffer.put(row, x: 0, y: top + i, style: Style(color: .warn, bold: true))
        }
    }

    /// Screen-reader mode's two bottom rows: the keys, then the status row, which says what the last key
    /// changed (`State.announcement`) and which a reader reads each time it changes. A line too long for
    /// the row is cut at a word, never mid-word.
    static func readerRows(status: String, hints: String, into buffer: inout CellBuffer) {
        let width = buffer.width - 1
        let spoken = hints.components(separatedBy: " · ").map(Spoken.text).joined(separator: " · ")
        buffer.put(fitted(spoken, to: width), x: 0, y: buffer.height - 2, style: .dim)
        buffer.put(cutAtWord(status, to: width), x: 0, y: buffer.height - 1, style: .bold)
    }

    /// `text` cut to `width` at the last space that leaves room for an ellipsis.
    static func cutAtWord(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let cut = DisplayWidth.truncate(text, to: width - 1, ellipsis: "")
        guard let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > width / 2 else {
            return DisplayWidth.truncate(text, to: width)
        }
        return String(cut[..<space]) + "…"
    }

    /// Key hints (`a · b · ? help · q back`) that fit `width`. Whole hints are dropped, the least needed
    /// first: screens list their hints most needed first, so one further along the line goes before one
    /// nearer its start; then the help (`?` still opens it); the way back (the last hint) never. Only a
    /// line that still does not fit is cut.
    static func fitted(_ hints: String, to width: Int) -> String {
        var parts = hints.components(separatedBy: " · ")
        while DisplayWidth.of(parts.joined(separator: " · ")) > width && parts.count > 1 {
            let drop = parts.indices.dropLast().max { priority(parts[$0], at: $0) < priority(parts[$1], at: $1) }!
            parts.remove(at: drop)
        }
        return DisplayWidth.truncate(parts.joined(separator: " · "), to: width)
    }

    /// How readily a hint is dropped: higher goes first. The back key (the last) is never asked.
    static func priority(_ hint: String, at index: Int) -> Int {
        if hint.hasPrefix("? ") || hint.hasPrefix("Ctrl-G ") { return 1 }
        return 2 + index
    }

    /// A box outline; the inside is left as it is.
    static func box(_ rect: Rect, into buffer: inout CellBuffer, glyphs: Glyphs, style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let h = String(repeating: glyphs.horizontal, count: rect.width - 2)
        buffer.put(glyphs.topLeft + h + glyphs.topRight, x: rect.x, y: rect.y, style: style)
        buffer.put(glyphs.bottomLeft + h + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put(glyphs.vertical, x: rect.x, y: row, style: style)
            buffer.put(glyphs.vertical, x: rect.maxX - 1, y: row, style: style)
        }
    }
}
