import TutorCore

/// The lesson menu: one row per lesson, the selected one marked with a pointer and reversed.
enum MenuView {
    static func render(_ menu: MenuState, lessons: [Lesson], into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var y = area.y + 1
        buffer.put("Choose a lesson", x: area.x + 2, y: y, style: .title)
        y += 2
        if lessons.isEmpty {
            for line in TextWrap.wrap("No lessons found. Put lesson files in ./Lessons or name a folder with --lessons.", width: area.width - 4) {
                buffer.put(line, x: area.x + 2, y: y)
                y += 1
            }
            return
        }
        let rows = max(1, area.maxY - y - 1)
        let first = max(0, min(menu.selected - rows + 1, lessons.count - rows))
        for (index, lesson) in lessons.enumerated().dropFirst(first).prefix(rows) {
            let selected = index == menu.selected
            let mark = selected ? glyphs.pointer : " "
            let label = "\(mark) \(index + 1). " + DisplayWidth.truncate(lesson.title, to: area.width - 10)
            let row = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1)
            buffer.put(label, x: area.x + 1, y: y, style: selected ? Style(bold: true, reverse: true) : .plain)
            buffer.addHit(row, .menuItem(index))
            y += 1
        }
    }
}
