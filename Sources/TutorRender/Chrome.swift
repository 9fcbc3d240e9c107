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

    /// The status sentence when there is one (it matters more than the key reminder), else the keys.
    static func footer(status: String?, hints: String, into buffer: inout CellBuffer) {
        let y = buffer.height - 1
        if let status {
            buffer.put(DisplayWidth.truncate(status, to: buffer.width - 1), x: 0, y: y, style: Style(color: .warn, bold: true))
        } else {
            buffer.put(fitted(hints, to: buffer.width - 1), x: 0, y: y, style: .dim)
        }
    }

    /// Key hints (`a · b · ? help · q back`) that fit `width`: the hints before the last two are dropped
    /// from the end first, so the help and the way back (the last two) stay; only then is it cut.
    static func fitted(_ hints: String, to width: Int) -> String {
        var parts = hints.components(separatedBy: " · ")
        while DisplayWidth.of(parts.joined(separator: " · ")) > width && parts.count > 2 {
            parts.remove(at: parts.count - 3)
        }
        return DisplayWidth.truncate(parts.joined(separator: " · "), to: width)
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
