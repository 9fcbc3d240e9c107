import TutorCore

/// The key help of a screen, drawn in a box over it.
enum HelpView {
    static func render(title: String, entries: [HelpEntry], into buffer: inout CellBuffer, glyphs: Glyphs) {
        let keyWidth = min(16, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let width = min(buffer.width - 2, max(34, keyWidth + 3 + (entries.map { DisplayWidth.of($0.does) }.max() ?? 0) + 4))
        let textWidth = max(8, width - keyWidth - 7)
        var rows: [(String, String)] = []
        for entry in entries {
            let wrapped = TextWrap.wrap(entry.does, width: textWidth)
            for (i, line) in wrapped.enumerated() { rows.append((i == 0 ? entry.keys : "", line)) }
        }
        let height = min(buffer.height - 2, rows.count + 4)
        let box = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(box)
        Chrome.box(box, into: &buffer, glyphs: glyphs, style: Style(color: .accent))
        buffer.put(" Keys · \(title) ", x: box.x + 2, y: box.y, style: .title)
        for (i, row) in rows.prefix(height - 4).enumerated() {
            let y = box.y + 2 + i
            buffer.put(row.0, x: box.x + 2, y: y, style: .bold, limit: box.x + 2 + keyWidth)
            buffer.put(row.1, x: box.x + 4 + keyWidth, y: y, limit: box.maxX - 1)
        }
        buffer.put("any key closes", x: box.maxX - 17, y: box.maxY - 1, style: .dim)
    }
}

extension HelpView {
    /// Screen-reader mode: the keys as sentences in place of the screen ("Tab, Shift-Tab or 1 to 9:
    /// focus the next, previous or Nth blank."), one column, no box; the cursor on the first.
    static func renderSentences(title: String, entries: [HelpEntry], into buffer: inout CellBuffer, area: Rect) {
        buffer.fill(area)
        var doc = Doc(width: area.width - 2)
        doc.paragraph("Keys for \(title). Any key closes this help.", .title)
        doc.focusRow(0)
        for entry in entries { doc.paragraph(Spoken.sentence(entry), indent: 2) }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }
}
