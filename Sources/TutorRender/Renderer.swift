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
        let area = buffer.area
        let body = Rect(x: 0, y: 1, width: area.width, height: area.height - 2)
        Chrome.title("Unroll", detail: titleDetail(state), into: &buffer, glyphs: glyphs)
        switch state.screen {
        case .menu(let menu):
            MenuView.render(menu, state: state, into: &buffer, area: body, glyphs: glyphs)
        case .modes(let chooser):
            ModeChooserView.render(chooser, lesson: state.lessons[chooser.lessonIndex], into: &buffer, area: body, glyphs: glyphs)
        case .fill(let fill):
            FillView.render(fill, before: state.progress.status(lesson: state.lessons[fill.lessonIndex].id, item: fill.task.id),
                            into: &buffer, area: body, glyphs: glyphs)
        case .choice(let choice):
            ChoiceView.render(choice, before: state.progress.status(lesson: state.lessons[choice.lessonIndex].id, item: choice.question.id),
                              into: &buffer, area: body, glyphs: glyphs)
        case .visualize(let vis):
            VisualizerView.render(vis, into: &buffer, area: body, glyphs: glyphs)
        case .page(let page):
            let lesson = state.lessons[page.lessonIndex]
            PageView.render(page, lesson: lesson, next: state.nextMode(after: page.mode, lesson: lesson), into: &buffer, area: body, glyphs: glyphs)
        case .test(let test):
            TestView.render(test, into: &buffer, area: body, glyphs: glyphs)
        case .review(let review):
            ReviewView.render(review, into: &buffer, area: body, glyphs: glyphs)
        case .challenge(let challenge):
            ChallengeView.render(challenge, now: state.now, into: &buffer, area: body, glyphs: glyphs)
        case .playground(let play):
            PlaygroundView.render(play, into: &buffer, area: body, glyphs: glyphs)
        }
        if state.settings.preview { Preview.render(state, into: &buffer, body: body) }
        Chrome.footer(status: state.settings.preview ? Preview.status(state) : state.status, hints: footerHints(state.screen), into: &buffer)
        if state.showsHelp {
            HelpView.render(title: state.screen.helpTitle, entries: state.screen.help, into: &buffer, glyphs: glyphs)
        }
        if state.settings.ascii { buffer.asciify() }
    }

    static func titleDetail(_ state: State) -> String {
        switch state.screen {
        case .menu: return "lessons"
        case .modes(let c): return state.lessons[c.lessonIndex].title
        case .fill(let f): return "\(state.lessons[f.lessonIndex].title) · Try"
        case .choice(let c): return "\(state.lessons[c.lessonIndex].title) · Practice"
        case .visualize(let v): return v.lessonIndex.map { "\(state.lessons[$0].title) · Visualize" } ?? "visualize"
        case .page(let p): return "\(state.lessons[p.lessonIndex].title) · \(p.mode.title)"
        case .test(let t): return "\(state.lessons[t.lessonIndex].title) · Test"
        case .review(let r): return "\(state.lessons[r.lessonIndex].title) · Review"
        case .challenge(let c): return "\(state.lessons[c.lessonIndex].title) · Challenge"
        case .playground(let p): return "\(state.lessons[p.lessonIndex].title) · Playground"
        }
    }

    static func footerHints(_ screen: Screen) -> String {
        switch screen {
        case .menu: return "↑↓ move · Enter open · r resume · ? help · q quit"
        case .modes: return "↑↓ move · Enter open · ? help · q back"
        case .fill(let f):
            if f.isFinished { return "n next · p previous · h hint · m mistakes · ? help · q back" }
            if f.carrying != nil { return "← → Tab move · Space/Enter drop · Esc put back · ? help" }
            return "Tab blank · a-d place · ←→ Space drag · Enter check · h hint · ? help · q back"
        case .choice(let c):
            if c.answered != nil { return "↑↓ scroll · n next · p previous · ? help · q back" }
            return "↑↓ a-d choose · Enter answer · h hint · ? help · q back"
        case .visualize(let v):
            return "→ step · ← back · Space \(v.playing ? "pause" : "play") · Home End · ↑↓ layer · b batch · r reseed · ? help · q back"
        case .page: return "↑↓ PgUp PgDn scroll · n next mode · ? help · q back"
        case .test(let t):
            if t.isFinished { return "↑↓ PgUp PgDn scroll · r again · ? help · q back" }
            return "answer with the item's keys · Enter answer · ? help · q back"
        case .review(let r):
            if r.isFinished { return "r again · ? help · q back" }
            return r.revealed ? "y knew it · n not yet · ? help · q back" : "Space show answer · ? help · q back"
        case .challenge(let c):
            if c.isFinished { return "r again · ? help · q back" }
            if c.outcome != .working { return "n next · m mistakes · ? help · q back" }
            return "answer with the item's keys · Enter check · ? help · q back"
        case .playground(let p):
            if p.running { return "running…" }
            return "type to edit · Ctrl-R run" + (p.modules.isEmpty ? "" : " · Ctrl-V visualize") + " · Ctrl-N/P snippet · Ctrl-G help · Esc back"
        }
    }
}
