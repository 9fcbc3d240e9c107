/// "Choose your learning style": the lesson's modes with their minutes.
public struct ModeChooserState: Sendable, Equatable {
    public var lessonIndex: Int
    /// Index into `Mode.listed`.
    public var selected: Int

    public init(lessonIndex: Int, selected: Int = 0) {
        self.lessonIndex = lessonIndex
        self.selected = selected
    }
}

extension ModeChooserState: ScreenModel {
    public var screen: Screen { .modes(self) }
    public var position: ScreenPosition? { nil }
    public var helpTitle: String { "Choose your learning style" }
    public var help: [HelpEntry] {
        [
            HelpEntry("↑ ↓  k j", "move between modes (dimmed ones have no content)"),
            HelpEntry("Enter", "open the mode"),
            HelpEntry("o", "the lesson's overview: each mode's progress and score"),
            HelpEntry("l", "the next lesson"),
            HelpEntry("mouse", "click a mode, click again to open"),
            HelpEntry("q  Esc", "back to the lessons"),
            HelpEntry("✓ …", "a mode done, in progress"),
            HelpEntry("Recommended", "the mode worth doing next (see the overview)"),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key): return update(key: key, context)
        case .mouse(let mouse): return update(mouse: mouse, context)
        case .tick: return [.stopTimer]
        case .resize, .snippetRan: return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessons[lessonIndex]
        switch key {
        case .up, .char("k"):
            selected = nextOpenable(step: -1, lesson: lesson)
        case .down, .char("j"):
            selected = nextOpenable(step: 1, lesson: lesson)
        case .enter:
            return [.open(Mode.listed[selected], lessonIndex: lessonIndex, task: 0, .push)]
        case .char("q"), .escape:
            return [.pop]
        case .char("o"):
            return [.push(.overview(OverviewState(lessonIndex: lessonIndex, selected: selected)))]
        case .char("l"):
            return context.nextLesson(after: lessonIndex)
        case .char, .ctrl, .left, .right, .home, .end, .pageUp, .pageDown, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }

    private mutating func update(mouse: MouseEvent, _ context: ScreenContext) -> [Command] {
        guard mouse.kind == .press, case .modeItem(let index)? = mouse.target else { return [] }
        let lesson = context.lessons[lessonIndex]
        guard Mode.listed.indices.contains(index), lesson.opens(Mode.listed[index]) else { return [] }
        if selected == index { return [.open(Mode.listed[index], lessonIndex: lessonIndex, task: 0, .push)] }
        selected = index
        return []
    }

    /// The next mode in `step` direction that can be opened; stays put when there is none.
    private func nextOpenable(step: Int, lesson: Lesson) -> Int {
        var i = selected + step
        while Mode.listed.indices.contains(i) {
            if lesson.opens(Mode.listed[i]) { return i }
            i += step
        }
        return selected
    }
}

extension Mode {
    /// The modes the chooser lists, in order: the ones this build can open. A mode is listed only
    /// once its screen really works (playground waits for the snippet runner).
    public static let listed: [Mode] = [.intro, .why, .deep, .try, .practice, .challenge, .review, .visualize, .test, .playground]

    /// What the chooser says a mode is for.
    public var blurb: String {
        switch self {
        case .intro: "syntax and examples"
        case .why: "the big idea, before and after"
        case .deep: "the mental model and the cell"
        case .try: "fill in the blanks"
        case .practice: "multiple choice, worked solutions"
        case .challenge: "timed problems"
        case .review: "recall cards"
        case .visualize: "watch the RNN unroll"
        case .test: "10 questions: is this pattern strong?"
        case .playground: "run the snippets"
        }
    }
}
