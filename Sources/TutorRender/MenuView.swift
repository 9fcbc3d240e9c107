import TutorCore

/// The lesson menu: one row per lesson (its mastery, answered items and what is due for review), the
/// selected one marked with a pointer and reversed; below them the Review line and the resume point.
enum MenuView {
    static func render(_ menu: MenuState, state: State, outlook: ReviewOutlook, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
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
        reviewLine(outlook, into: &buffer, at: area.maxY - 2, area: area, glyphs: glyphs)
        let rows = max(1, area.maxY - y - 3)
        let first = max(0, min(menu.selected - rows + 1, lessons.count - rows))
        let wide = area.width >= 60
        for (index, lesson) in lessons.enumerated().dropFirst(first).prefix(rows) {
            let selected = index == menu.selected
            let mark = selected ? glyphs.pointer : " "
            let due = outlook.due(lesson: lesson.id)
            // Narrow screens keep only what is due (the reason to come back), not the mastery.
            let summary = wide ? Self.summary(lesson, progress: state.progress, due: due, glyphs: glyphs) : due > 0 ? "\(due) due" : ""
            let titleRoom = max(8, area.width - 8 - (summary.isEmpty ? 0 : DisplayWidth.of(summary) + 2))
            let label = "\(mark) \(index + 1). " + DisplayWidth.truncate(lesson.title, to: titleRoom)
            let row = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1)
            buffer.put(label, x: area.x + 1, y: y, style: selected ? Style(bold: true, reverse: true) : .plain)
            if !summary.isEmpty {
                buffer.put(summary, x: area.maxX - DisplayWidth.of(summary) - 2, y: y, style: .dim)
            }
            buffer.addHit(row, .menuItem(index))
            y += 1
        }
    }

    /// "v  Review — 12 due, ~4 min" (the time from the learner's own answer times), or when nothing is
    /// due, the day the next review comes. A click on it opens the review, as `v` does.
    static func reviewLine(_ outlook: ReviewOutlook, into buffer: inout CellBuffer, at y: Int, area: Rect, glyphs: Glyphs = .unicode) {
        let text: String
        let style: Style
        if outlook.total > 0 {
            text = "v  Review — \(outlook.total) due, \(glyphs.about(outlook.minutes))"
            style = Style(color: .accent, bold: true)
        } else if let next = outlook.nextDue {
            text = "v  Review — nothing due today; next on \(next)"
            style = .dim
        } else {
            text = "v  Review — nothing to review yet"
            style = .dim
        }
        let shown = DisplayWidth.truncate(text, to: area.width - 4)
        buffer.put(shown, x: area.x + 2, y: y, style: style)
        buffer.addHit(Rect(x: area.x + 2, y: y, width: DisplayWidth.of(shown), height: 1), .menuReview)
    }

    /// Beside the title, as the seed's header has counters beside the learner's name: the name, the
    /// streak and the items learned, shortened until they fit.
    static func counters(_ outlook: ReviewOutlook) -> [String] {
        let streak = outlook.streakText, learned = "\(outlook.learned) learned"
        let name = outlook.learner.map { TerminalSafe.text($0) }
        return (name.map { ["\($0) · \(streak) · \(learned)"] } ?? [])
            + ["\(streak) · \(learned)", "streak \(outlook.streak.days) · \(learned)"]
    }

    /// "62 % · getting there · 9/13 · 3 due": the lesson's mastery as every screen shows it, how many of
    /// its items have been answered, and how many are due for review today. Words, never colour alone.
    static func summary(_ lesson: Lesson, progress: LearnerProgress, due: Int = 0, glyphs: Glyphs = .unicode) -> String {
        guard !lesson.gradableItems.isEmpty else { return due > 0 ? "\(due) due" : "" }
        let m = lesson.mastery(in: progress)
        return "\(m.label) · \(glyphs.count(m.answered, of: m.total))" + (due > 0 ? " · \(due) due" : "")
    }
}
