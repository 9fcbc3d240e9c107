import TutorCore

/// "Choose your learning style": each listed mode with its minutes; modes without content dimmed.
enum ModeChooserView {
    static func render(_ chooser: ModeChooserState, lesson: Lesson, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        doc.gap()
        doc.paragraph(lesson.title, .title)
        doc.line([Span("\(lesson.topic) · ~\(lesson.totalMinutes) min", .dim)])
        doc.gap()
        doc.line([Span("Choose your learning style", .bold), Span(" · \(lesson.modes.filter(Mode.listed.contains).count) modes available", .dim)])
        doc.gap()
        for (index, mode) in Mode.listed.enumerated() {
            let selected = index == chooser.selected
            let minutes = lesson.minutes(for: mode)
            let mark = selected ? glyphs.pointer : " "
            let name = mode.title.padding(toLength: 12, withPad: " ", startingAt: 0)
            let time = minutes.map { "\($0) min".padding(toLength: 8, withPad: " ", startingAt: 0) } ?? "—       "
            let about = minutes == nil ? "no content in this lesson" : mode.blurb
            let style: Style = minutes == nil ? .dim : (selected ? Style(bold: true, reverse: true) : .plain)
            if selected { doc.pin = doc.count }
            doc.line([Span("\(mark) \(name)\(time)\(about)", style, hit: .modeItem(index))])
        }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }
}
