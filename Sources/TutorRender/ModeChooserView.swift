import TutorCore

/// "Choose your learning style": the lesson's mastery, then each listed mode with its minutes, a mark
/// for where it stands (✓ done, … in progress) and the Recommended one; modes without content dimmed.
enum ModeChooserView {
    static func render(_ chooser: ModeChooserState, lesson: Lesson, overview: LessonOverview, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        doc.gap()
        doc.paragraph(lesson.title, .title)
        doc.line([Span("\(lesson.topic) · \(glyphs.about(lesson.totalMinutes))", .dim)])
        doc.line([Span("Mastery: ", .bold), Span(overview.mastery.label, MasteryView.style(overview.mastery.level))])
        doc.gap()
        doc.line([Span("Choose your learning style", .bold), Span(" · \(lesson.modes.filter(Mode.listed.contains).count) modes available", .dim)])
        doc.gap()
        for (index, mode) in Mode.listed.enumerated() {
            let selected = index == chooser.selected
            let minutes = lesson.minutes(for: mode)
            let mark = selected ? glyphs.pointer : " "
            let stage = overview.progress(of: mode).map { stageMark($0.stage, glyphs: glyphs) } ?? " "
            let name = mode.title.padding(toLength: 11, withPad: " ", startingAt: 0)
            let time = minutes.map { "\($0) min".padding(toLength: 8, withPad: " ", startingAt: 0) } ?? "—       "
            var about = minutes == nil ? "no content in this lesson" : mode.blurb
            // On a narrow screen the mark takes the blurb's place.
            if overview.recommended == mode { about = "\(glyphs.star) Recommended" + (area.width >= 60 ? " · " + about : "") }
            let style: Style = minutes == nil ? .dim : (selected ? Style(bold: true, reverse: true) : .plain)
            if selected { doc.pin = doc.count }
            doc.line([Span("\(mark) \(stage) \(name)\(time)\(about)", style, hit: .modeItem(index))])
        }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: 0)
    }

    /// One cell: ✓ done, … in progress, blank otherwise.
    static func stageMark(_ stage: ModeProgress.Stage, glyphs: Glyphs) -> String {
        switch stage {
        case .done: glyphs.check
        case .inProgress: glyphs.inProgress
        case .notStarted, .notTracked: " "
        }
    }

    /// The stage as a word; a mode nothing records is a dash, or for a reader (which says "em dash" or
    /// nothing) "not recorded".
    static func stageWord(_ stage: ModeProgress.Stage, glyphs: Glyphs = .unicode) -> String {
        switch stage {
        case .done: "done"
        case .inProgress: "in progress"
        case .notStarted: "not started"
        case .notTracked: glyphs.linear ? "not recorded" : "—"
        }
    }
}

/// The lesson at a glance: mastery and how it is computed, each mode's stage and score, and the mode
/// recommended next.
enum OverviewView {
    static func render(_ state: OverviewState, lesson: Lesson, overview: LessonOverview, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        doc.line([Span("Lesson overview", .title), Span(" · \(lesson.title)", .dim)])
        doc.gap()
        doc.line(MasteryView.line(overview.mastery, explain: false))
        let m = overview.mastery
        var basis = "\(m.answered) of \(m.total) items answered; their record \(m.recordPercent) %"
        if let test = m.test { basis += "; latest Test \(test.score)/\(test.total)" }
        doc.paragraph(basis + ".", .dim)
        doc.gap()
        for (index, mode) in Mode.listed.enumerated() {
            guard let p = overview.progress(of: mode) else { continue }
            let selected = index == state.selected
            let name = mode.title.padding(toLength: 11, withPad: " ", startingAt: 0)
            let word = ModeChooserView.stageWord(p.stage, glyphs: glyphs).padding(toLength: glyphs.linear ? 14 : 12, withPad: " ", startingAt: 0)
            var text = "\(selected ? glyphs.pointer : " ") \(ModeChooserView.stageMark(p.stage, glyphs: glyphs)) \(name)\(word)\(glyphs.counts(in: p.detail))"
            if overview.recommended == mode { text += (p.detail.isEmpty ? "" : " · ") + "\(glyphs.star) Recommended" }
            if selected { doc.pin = doc.count }
            doc.line([Span(text, selected ? Style(bold: true, reverse: true) : .plain, hit: .modeItem(index))])
        }
        doc.gap()
        if let next = overview.recommended {
            doc.paragraph("Recommended next: \(next.title), \(next.blurb). \(reason(next, overview))", .good, first: "\(glyphs.arrowRight) ")
        } else {
            doc.paragraph("Every mode that counts is done and the Test is strong.", .good, first: "\(glyphs.check) ")
        }
        doc.gap()
        doc.paragraph("How mastery is computed: " + Mastery.explanation, .dim)
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: state.scroll)
    }

    /// Why that mode is the one recommended.
    static func reason(_ mode: Mode, _ overview: LessonOverview) -> String {
        switch mode {
        case .intro, .why, .deep: "Start by reading."
        case .try, .practice: "Not every item is answered yet."
        case .review: "\(overview.due.count) item\(overview.due.count == 1 ? " is" : "s are") due for review today."
        case .test: overview.mastery.test == nil ? "See what you know without hints." : "The latest Test is below 80 %."
        case .challenge: "Test yourself against the clock."
        case .visualize, .playground: ""
        }
    }
}

/// The end of Try or Practice: the score, the first-try rate, what was missed (by title) and not yet
/// answered, the lesson's mastery, and the way on.
enum SummaryView {
    static func render(_ summary: SummaryState, lesson: Lesson, next: Mode?, nextLesson: Lesson?, progress: LearnerProgress,
                       into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        let items = summary.items(of: lesson)
        let t = ItemTally(items, lesson: lesson.id, progress: progress)
        doc.line([Span("\(summary.mode.title)", .title), Span(" · summary", .dim)])
        doc.gap()
        let percent = t.total == 0 ? 0 : t.right * 100 / t.total
        doc.line([Span("Score: \(glyphs.count(t.right, of: t.total)) right (\(percent) %)", .bold)])
        let firstPercent = t.answered == 0 ? 0 : t.firstTry * 100 / t.answered
        doc.line([Span("First try: \(t.firstTry) of \(t.answered) answered (\(firstPercent) %)")])
        doc.line(MasteryView.line(lesson.mastery(in: progress)))
        let word = summary.mode == .try ? "Task" : "Question"
        let missed = t.missed.compactMap { item in items.firstIndex(of: item).map { ($0, item) } }
        if !missed.isEmpty {
            doc.gap()
            doc.line([Span("Missed (\(missed.count)):", .bad)])
            for (i, item) in missed { row(glyphs.cross, "\(word) \(i + 1)", item, into: &doc, glyphs: glyphs) }
        }
        let unanswered = items.enumerated().filter { progress.item(lesson: lesson.id, item: $0.element.id).map { $0.attemptsUsed == 0 && !$0.missed } ?? true }
        if !unanswered.isEmpty {
            doc.gap()
            doc.line([Span("Not answered yet (\(unanswered.count)):", Style(color: .warn, bold: true))])
            for (i, item) in unanswered { row(glyphs.bullet, "\(word) \(i + 1)", item, into: &doc, glyphs: glyphs) }
        }
        doc.gap()
        if let next {
            doc.paragraph("Enter: \(next.title), \(next.blurb)", .good, first: "\(glyphs.arrowRight) ")
        }
        if let nextLesson {
            doc.paragraph("l: the next lesson, \(nextLesson.title)", first: "\(glyphs.arrowRight) ")
        }
        doc.line([Span("r the \(word.lowercased())s again · p the last one · q back", .dim)])
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: summary.scroll)
    }

    static func row(_ mark: String, _ label: String, _ item: LessonItem, into doc: inout Doc, glyphs: Glyphs) {
        let lead = "  \(mark) \(label) · "
        doc.line([Span(lead), Span(DisplayWidth.truncate(item.title, to: max(8, doc.measureWidth - DisplayWidth.of(lead)), ellipsis: glyphs.ellipsis))])
    }
}
