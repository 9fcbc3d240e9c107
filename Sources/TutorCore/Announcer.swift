import Foundation

/// Screen-reader mode's status row: what an update changed, said in one short line. A pure function
/// of the state before and after the update, so no screen announces anything itself and every change
/// is said the same way wherever it happens (Try, or a fill task inside the Test or the Challenge).
///
///     Announcer.announce(from: before, to: after)   // "Placed C in blank 2. Press Enter to check."
///
/// Nil when nothing worth saying changed (a layout report, a tick with no visible effect): the row
/// keeps the last line, so a reader is not made to hear it again.
public enum Announcer {
    public static func announce(from before: State, to after: State) -> String? {
        if after.status != before.status, let status = after.status { return Spoken.text(status) }
        if after.showsHelp && !before.showsHelp {
            return "Keys for \(after.screen.helpTitle), \(after.screen.help.count) of them, listed as sentences. Any key closes the help."
        }
        if before.showsHelp && !after.showsHelp { return "Help closed. " + focus(after) }
        if after.lessonProblems != before.lessonProblems, !after.lessonProblems.isEmpty {
            return "The lesson file has \(after.lessonProblems.count) problem\(after.lessonProblems.count == 1 ? "" : "s"); they are listed on the screen."
        }
        if after.goto != before.goto, let goto = after.goto { return "Go to task: \(goto.isEmpty ? "type its number, then Enter" : goto)." }
        if identity(before.screen) != identity(after.screen) || before.route.count != after.route.count { return intro(after) }
        if let change = change(from: before, to: after) { return change }
        if after.note != before.note, let note = after.note { return Spoken.text(note) }
        return nil
    }

    /// What names a screen: a new identity is a new screen, announced from its start; within one, only
    /// what changed is said.
    static func identity(_ screen: Screen) -> String {
        switch screen {
        case .menu: "menu"
        case .modes(let s): "modes \(s.lessonIndex)"
        case .overview(let s): "overview \(s.lessonIndex)"
        case .summary(let s): "summary \(s.lessonIndex) \(s.mode)"
        case .fill(let s): "fill \(s.lessonIndex) \(s.taskIndex)"
        case .choice(let s): "choice \(s.lessonIndex) \(s.questionIndex)"
        case .visualize(let s): "visualize \(s.lessonIndex ?? -1)"
        case .page(let s): "page \(s.lessonIndex) \(s.mode)"
        case .test(let s): "test \(s.lessonIndex)"
        case .review(let s): "review \(s.lessonIndex.map(String.init) ?? "course")"
        case .challenge(let s): "challenge \(s.lessonIndex)"
        case .playground(let s): "playground \(s.lessonIndex) \(s.snippetIndex)"
        }
    }

    /// A screen as it opens: where the learner is, then what has focus.
    public static func intro(_ state: State) -> String {
        let lessons = state.lessons
        switch state.screen {
        case .menu:
            // What is due comes first: it is the reason to open the tutor today, and `v` is one key away.
            let due = state.reviewOutlook.total
            return "Menu. " + (due > 0 ? "\(due) due for review: v starts it. " : "") + focus(state)
        case .modes:
            return "Modes. " + focus(state)
        case .overview(let s):
            let o = state.overview(lessonIndex: s.lessonIndex)
            return "Overview of \(lessons[s.lessonIndex].title): mastery \(Spoken.text(o.mastery.label)). " + focus(state)
        case .summary(let s):
            let lesson = lessons[s.lessonIndex]
            let t = ItemTally(s.items(of: lesson), lesson: lesson.id, progress: state.progress)
            var line = "\(s.mode.title) summary: \(t.right) of \(t.total) right, \(t.missed.count) missed. "
            if let next = lesson.mode(after: s.mode) { line += "Enter goes on to \(next.title). " }
            return line + "r starts again."
        case .fill(let f):
            return "Task \(Spoken.of(f.taskIndex + 1, f.taskCount)). " + focus(state)
        case .choice(let c):
            return "Question \(Spoken.of(c.questionIndex + 1, c.questionCount)). " + focus(state)
        case .visualize(let v):
            return "Visualizer, \(v.trace?.config.repr ?? v.config.module.rawValue), \(v.stepCount) steps. " + v.stepSentence
        case .page(let p):
            let next = lessons[p.lessonIndex].mode(after: p.mode).map { "n goes on to \($0.title)." } ?? "q goes back."
            return "\(p.mode.title) page. Down arrow and Page Down scroll; \(next)"
        case .test(let t):
            if t.isFinished { return testResult(t) }
            return "Test question \(Spoken.of(t.index + 1, t.items.count)), one attempt. " + focus(state)
        case .review(let r):
            if r.isFinished {
                let more = state.reviewOutlook.total
                return "Review done: \(r.queue.graded.count) graded, \(r.count(.again)) again. "
                    + (more > 0 ? "\(more) more due: r reviews them." : "Nothing more is due today. q goes back.")
            }
            return "Review, item \(Spoken.of(r.place.shown, r.place.of)). " + focus(state)
        case .challenge(let c):
            if c.isFinished { return "Challenge done: \(c.score) of \(c.results.count) right. r tries again." }
            return "Challenge \(Spoken.of(c.index + 1, c.items.count)), \(clock(c.secondsLeft(at: state.now))). " + focus(state)
        case .playground(let p):
            return "Snippet \(Spoken.of(p.snippetIndex + 1, p.snippetCount)): \(p.title). Control-R runs it. " + focus(state)
        }
    }

    /// The focused element of the screen on top: the blank or chip, the option, the row, the caret.
    public static func focus(_ state: State) -> String {
        let lessons = state.lessons
        switch state.screen {
        case .menu(let m):
            return menuRow(m.selected, state)
        case .modes(let s):
            return modeRow(s.selected, lesson: lessons[s.lessonIndex], overview: state.overview(lessonIndex: s.lessonIndex))
        case .overview(let s):
            return overviewRow(s.selected, overview: state.overview(lessonIndex: s.lessonIndex))
        case .fill(let f):
            return fillFocus(f)
        case .choice(let c):
            return choiceFocus(c)
        case .test(let t):
            return t.isFinished ? testResult(t) : workFocus(t.work)
        case .challenge(let c):
            return c.isFinished ? "Challenge done." : workFocus(c.work)
        case .review(let r):
            guard !r.isFinished else { return "Review done." }
            if let work = r.work { return workFocus(work) }
            return r.revealed ? "The answer is shown. " + gradeKeys : "Answer in your head, then Space shows the answer."
        case .playground(let p):
            return "Line \(Spoken.of(p.row + 1, p.lines.count)): \(p.lines[p.row].trimmingCharacters(in: .whitespaces).isEmpty ? "blank" : p.lines[p.row])"
        case .visualize(let v):
            return v.stepSentence
        case .page, .summary:
            return intro(state)
        }
    }

    // MARK: Rows and items

    static func menuRow(_ index: Int, _ state: State) -> String {
        guard state.lessons.indices.contains(index) else { return "No lessons." }
        let lesson = state.lessons[index]
        var line = "Lesson \(Spoken.of(index + 1, state.lessons.count)): \(lesson.title)"
        // Before the mastery: a line too long for the status row loses its end, not the due count.
        let due = state.reviewOutlook.due(lesson: lesson.id)
        if due > 0 { line += ", \(due) due" }
        if !lesson.gradableItems.isEmpty {
            let m = lesson.mastery(in: state.progress)
            line += ", \(Spoken.text(m.label)), \(m.answered) of \(m.total) answered"
        }
        return line + "."
    }

    static func modeRow(_ index: Int, lesson: Lesson, overview: LessonOverview) -> String {
        guard Mode.listed.indices.contains(index) else { return "" }
        let mode = Mode.listed[index]
        guard let minutes = lesson.minutes(for: mode) else { return "\(mode.title): no content in this lesson." }
        var line = "\(mode.title), \(mode.blurb), \(minutes) minute\(minutes == 1 ? "" : "s")"
        if let stage = overview.progress(of: mode)?.stage, let word = stage.spoken { line += ", " + word }
        if overview.recommended == mode { line += ", recommended" }
        return Spoken.text(line) + "."
    }

    /// An overview row as it reads on screen: "Try: in progress, 1 of 5 right, 0 first try, recommended."
    static func overviewRow(_ index: Int, overview: LessonOverview) -> String {
        guard Mode.listed.indices.contains(index) else { return "" }
        let mode = Mode.listed[index]
        guard let p = overview.progress(of: mode) else { return "\(mode.title): no content in this lesson." }
        // "Review: 8 due today", not "not recorded, 8 due today".
        var parts = p.stage.spoken.map { [$0] } ?? (p.detail.isEmpty ? ["not recorded"] : [])
        if !p.detail.isEmpty {
            parts.append(Spoken.text(p.detail.replacingOccurrences(of: #"(\d+)/(\d+)"#, with: "$1 of $2", options: .regularExpression)))
        }
        if overview.recommended == mode { parts.append("recommended") }
        return "\(mode.title): " + parts.joined(separator: ", ") + "."
    }

    static let gradeKeys = "Grade it: 1 again, 2 hard, 3 good, 4 easy."

    static func attempts(_ n: Int) -> String { "\(n) attempt\(n == 1 ? "" : "s") left" }

    static func clock(_ seconds: Int) -> String {
        seconds >= 60 ? "\(seconds / 60) minute\(seconds / 60 == 1 ? "" : "s") \(seconds % 60) seconds" : "\(seconds) seconds"
    }

    static func testResult(_ t: TestState) -> String {
        "Test done: \(t.score) of \(t.items.count) right. The result lists each answer; r takes the test again."
    }

    static func workFocus(_ work: ItemWork) -> String {
        switch work {
        case .fill(let f): fillFocus(f)
        case .choice(let c): choiceFocus(c)
        }
    }

    /// "Blank 2 of 3, empty. Options: A len(word), B word, C >, D 4."
    static func fillFocus(_ f: FillState) -> String {
        if f.isFinished { return f.outcome == .solved ? "Solved." : "Missed: the answer is filled in." }
        if f.keyboardOn == .chip, f.task.options.indices.contains(f.chipCursor) { return chip(f.chipCursor, f) }
        return blank(f) + (f.focusedBlank.map { f.filled[$0] == nil } == true ? " Options: " + options(f) + "." : "")
    }

    static func blank(_ f: FillState) -> String {
        guard let n = f.focusedBlank else { return "No blank." }
        let of = Spoken.of(n, f.task.blanks.count)
        if let letter = f.filled[n], let option = f.task.option(letter) { return "Blank \(of) holds \(letter), \(option.text)." }
        return "Blank \(of), empty."
    }

    static func options(_ f: FillState) -> String {
        f.task.options.map { "\($0.letter) \($0.text)" }.joined(separator: ", ")
    }

    static func chip(_ index: Int, _ f: FillState) -> String {
        let option = f.task.options[index]
        var line = "Option \(option.letter), \(option.text)"
        if let n = f.blank(holding: option.letter) { line += ", in blank \(n)" }
        return line + ". Space picks it up; a letter places it."
    }

    static func choiceFocus(_ c: ChoiceState) -> String {
        if let answered = c.answered { return c.isCorrect ? "Answered \(answered): right." : "Answered \(answered): wrong; the answer is \(c.question.answer)." }
        guard c.question.options.indices.contains(c.selected) else { return "" }
        let option = c.question.options[c.selected]
        var line = "Option \(option.letter) of \(c.question.options.count): \(option.text)"
        if c.ruledOut.contains(option.letter) { line += ", tried: wrong" }
        return line + ". Enter answers."
    }
}

extension ModeProgress.Stage {
    /// The stage as the status row says it; nil where nothing is tracked.
    var spoken: String? {
        switch self {
        case .done: "done"
        case .inProgress: "in progress"
        case .notStarted: "not started"
        case .notTracked: nil
        }
    }
}
