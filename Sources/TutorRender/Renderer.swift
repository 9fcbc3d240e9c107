import TutorCore

/// Draws the whole tutor: the screen on top of the route, the key help over it when asked for, and
/// the status line. A pure function of the state.
public enum Renderer {
    public static func render(_ state: State) -> CellBuffer {
        var buffer = CellBuffer(width: state.size.width, height: state.size.height)
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: State, into buffer: inout CellBuffer) {
        let glyphs = Glyphs.forSettings(state.settings)
        if state.size.isTooSmall {
            TooSmallView.render(size: state.size, into: &buffer)
            if state.settings.ascii { buffer.asciify() }
            return
        }
        let reader = state.settings.screenReader
        let area = buffer.area
        // A screen reader's layout keeps two rows at the bottom: the keys, then the status row it reads.
        let footer = reader ? [] : Chrome.footerRows(status: state.settings.preview ? Preview.status(state) : state.status ?? state.note,
                                                     width: area.width - 1)
        let body = Rect(x: 0, y: 1, width: area.width, height: area.height - (reader ? 3 : 1 + max(1, footer.count)))
        let view = Self.view(of: state)
        Chrome.title("Unroll", detail: view.detail, counters: view.counters, into: &buffer, glyphs: glyphs)
        if reader && state.showsHelp {
            HelpView.renderSentences(title: state.screen.helpTitle, entries: state.screen.help, into: &buffer, area: body)
        } else {
            view.draw(&buffer, column(for: body, state: state, view: view, glyphs: glyphs), glyphs)
            if state.settings.preview { Preview.render(state, into: &buffer, body: body) }
        }
        if reader {
            let line = state.announcement ?? state.status ?? Announcer.intro(state)
            Chrome.readerRows(status: (state.settings.preview ? "Preview: " : "") + line, hints: view.hints, into: &buffer)
        } else {
            Chrome.footer(rows: footer, hints: view.hints, into: &buffer)
            if state.showsHelp {
                HelpView.render(title: state.screen.helpTitle, entries: state.screen.help, into: &buffer, glyphs: glyphs)
            }
        }
        placeCursor(state, body: body, into: &buffer)
        if reader { buffer.makeReadable() }
        if state.settings.ascii { buffer.asciify() }
    }

    /// How one screen is drawn: the title's detail, the body, and the keys the footer reminds of.
    struct ScreenView {
        var detail: String
        var hints: String
        /// Right of the title, the first that fits (the menu's streak and learned count).
        var counters: [String] = []
        var draw: (inout CellBuffer, Rect, Glyphs) -> Void
    }

    /// The one place a screen's view is registered (its state's update is registered in `Screen`).
    static func view(of state: State) -> ScreenView {
        let lessons = state.lessons
        func title(_ index: Int, _ mode: String) -> String { "\(lessons[index].title) · \(mode)" }
        switch state.screen {
        case .menu(let menu):
            let outlook = state.reviewOutlook
            return ScreenView(detail: "lessons", hints: "↑↓ move · Enter open · v review · r resume · ? help · q quit",
                              counters: MenuView.counters(outlook)) {
                MenuView.render(menu, state: state, outlook: outlook, into: &$0, area: $1, glyphs: $2)
            }
        case .modes(let chooser):
            let overview = state.overview(lessonIndex: chooser.lessonIndex)
            return ScreenView(detail: lessons[chooser.lessonIndex].title, hints: "↑↓ move · Enter open · o overview · ? help · q back") {
                ModeChooserView.render(chooser, lesson: lessons[chooser.lessonIndex], overview: overview, into: &$0, area: $1, glyphs: $2)
            }
        case .overview(let o):
            let overview = state.overview(lessonIndex: o.lessonIndex)
            return ScreenView(detail: title(o.lessonIndex, "Overview"), hints: "↑↓ move · Enter open · ? help · q back") {
                OverviewView.render(o, lesson: lessons[o.lessonIndex], overview: overview, into: &$0, area: $1, glyphs: $2)
            }
        case .summary(let summary):
            let lesson = lessons[summary.lessonIndex]
            let nextLesson = summary.lessonIndex + 1 < lessons.count ? lessons[summary.lessonIndex + 1] : nil
            let next = lesson.mode(after: summary.mode)
            let hints = (next == nil ? "" : "Enter next mode · ") + (nextLesson == nil ? "" : "l next lesson · ") + "r again · ? help · q back"
            return ScreenView(detail: title(summary.lessonIndex, summary.mode.title), hints: hints) {
                SummaryView.render(summary, lesson: lesson, next: next, nextLesson: nextLesson, progress: state.progress, into: &$0, area: $1, glyphs: $2)
            }
        case .fill(let fill):
            return ScreenView(detail: title(fill.lessonIndex, "Try"), hints: FillView.hints(fill)) {
                FillView.render(fill, before: state.progress.status(lesson: lessons[fill.lessonIndex].id, item: fill.task.id),
                                into: &$0, area: $1, glyphs: $2,
                                wayOn: fill.taskIndex + 1 < fill.taskCount ? "Press n for the next task." : "Press n for the summary.")
            }
        case .choice(let choice):
            return ScreenView(detail: title(choice.lessonIndex, "Practice"), hints: ChoiceView.hints(choice)) {
                ChoiceView.render(choice, before: state.progress.status(lesson: lessons[choice.lessonIndex].id, item: choice.question.id),
                                  into: &$0, area: $1, glyphs: $2)
            }
        case .visualize(let vis):
            let items = vis.itemCount > 1 ? " · n p item" : ""
            let hints = vis.gradient == nil
                ? "→ step · ← back · Space \(vis.playing ? "pause" : "play") · Home End · g gradients\(items) · ↑↓ layer · b batch · r reseed · ? help · q back"
                : "← BPTT step · → undo · Space \(vis.playing ? "pause" : "play") · Home End · g forward\(items) · ↑↓ layer · ? help · q back"
            return ScreenView(detail: vis.lessonIndex.map { title($0, "Visualize") } ?? "visualize", hints: hints) {
                VisualizerView.render(vis, into: &$0, area: $1, glyphs: $2)
            }
        case .page(let page):
            let lesson = lessons[page.lessonIndex]
            return ScreenView(detail: title(page.lessonIndex, page.mode.title), hints: "↑↓ PgUp PgDn scroll · n next mode · ? help · q back") {
                PageView.render(page, lesson: lesson, next: lesson.mode(after: page.mode), into: &$0, area: $1, glyphs: $2)
            }
        case .test(let test):
            let hints = test.isFinished ? "↑↓ PgUp PgDn scroll · r again · ? help · q back" : "answer with the item's keys · Enter answer · ? help · q back"
            return ScreenView(detail: title(test.lessonIndex, "Test"), hints: hints) {
                TestView.render(test, mastery: lessons[test.lessonIndex].mastery(in: state.progress), into: &$0, area: $1, glyphs: $2)
            }
        case .review(let review):
            return ScreenView(detail: review.lessonIndex.map { title($0, "Review") } ?? "Review · every lesson",
                              hints: ReviewView.hints(review, lessons: lessons, width: state.size.width)) {
                ReviewView.render(review, state: state, into: &$0, area: $1, glyphs: $2)
            }
        case .challenge(let challenge):
            let hints = challenge.isFinished ? "↑↓ scroll · r again · ? help · q back"
                : challenge.outcome != .working ? (challenge.isLast ? "Enter result" : "n next") + " · h hint · m mistakes · ? help · q back"
                : "answer with the item's keys · Enter check · ? help · q back"
            return ScreenView(detail: title(challenge.lessonIndex, "Challenge"), hints: hints) {
                ChallengeView.render(challenge, now: state.now, mastery: lessons[challenge.lessonIndex].mastery(in: state.progress), into: &$0, area: $1, glyphs: $2)
            }
        case .playground(let play):
            let hints = play.running ? "running… · Esc back"
                : "type to edit · Ctrl-R run" + (play.modules.isEmpty ? "" : " · Ctrl-V visualize") + " · Ctrl-N/P snippet · Ctrl-G help · Esc back"
            return ScreenView(detail: title(play.lessonIndex, "Playground"), hints: hints) {
                PlaygroundView.render(play, into: &$0, area: $1, glyphs: $2)
            }
        }
    }
}
