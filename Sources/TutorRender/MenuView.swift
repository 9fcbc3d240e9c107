import TutorCore

/// The lesson menu: one row per lesson, the selected one marked with a pointer and reversed.
enum MenuView {
    static func render(_ menu: MenuState, state: State, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        let lessons = state.lessons
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
        if let resume = state.resumeTarget {
            let task = resume.task + 1
            var text = "r resumes: \(lessons[resume.lessonIndex].title) · \(resume.mode.title)"
            switch resume.mode {
            case .try: text += " · task \(task)"
            case .practice: text += " · question \(task)"
            case .playground: text += " · snippet \(task)"
            case .intro, .why, .deep, .challenge, .review, .visualize, .test: break
            }
            buffer.put(DisplayWidth.truncate(text, to: area.width - 4), x: area.x + 2, y: area.maxY - 1, style: Style(color: .accent))
        }
        let rows = max(1, area.maxY - y - 2)
        let first = max(0, min(menu.selected - rows + 1, lessons.count - rows))
        for (index, lesson) in lessons.enumerated().dropFirst(first).prefix(rows) {
            let selected = index == menu.selected
            let mark = selected ? glyphs.pointer : " "
            let summary = Self.summary(lesson, progress: state.progress, glyphs: glyphs)
            let titleRoom = max(8, area.width - 8 - (area.width >= 60 ? DisplayWidth.of(summary) + 2 : 0))
            let label = "\(mark) \(index + 1). " + DisplayWidth.truncate(lesson.title, to: titleRoom)
            let row = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1)
            buffer.put(label, x: area.x + 1, y: y, style: selected ? Style(bold: true, reverse: true) : .plain)
            if area.width >= 60 {
                buffer.put(summary, x: area.maxX - DisplayWidth.of(summary) - 2, y: y, style: .dim)
            }
            buffer.addHit(row, .menuItem(index))
            y += 1
        }
    }

    /// "62 % · getting there · 9/13": the lesson's mastery as every screen shows it, then how many of
    /// its items have been answered. Words, never colour alone.
    static func summary(_ lesson: Lesson, progress: LearnerProgress, glyphs: Glyphs) -> String {
        guard !lesson.gradableItems.isEmpty else { return "" }
        let m = lesson.mastery(in: progress)
        return "\(m.label) · \(m.answered)/\(m.total)"
    }
}
