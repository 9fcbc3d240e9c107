/// The end of Try or Practice: the score, the first-try rate, the items missed, the lesson's mastery,
/// and the way on (the next mode, the next lesson, or the same tasks again). The numbers come from the
/// progress file, so they count every visit, not only this one.
public struct SummaryState: Sendable, Equatable {
    public var lessonIndex: Int
    /// `.try` or `.practice`.
    public var mode: Mode
    public var scroll = 0

    public init(lessonIndex: Int, mode: Mode) {
        self.lessonIndex = lessonIndex
        self.mode = mode
    }

    /// The items of the mode summed up.
    public func items(of lesson: Lesson) -> [LessonItem] {
        switch mode {
        case .try: lesson.tryIt?.tasks.map(LessonItem.fill) ?? []
        case .practice: lesson.practice?.questions.map(LessonItem.choice) ?? []
        case .intro, .why, .deep, .challenge, .review, .visualize, .test, .playground: []
        }
    }
}

extension SummaryState: ScreenModel {
    public var screen: Screen { .summary(self) }
    public var position: ScreenPosition? { nil }
    public var helpTitle: String { "\(mode.title): summary" }
    public var help: [HelpEntry] {
        [
            HelpEntry("Enter  n", "on to the next mode"),
            HelpEntry("l", "on to the next lesson"),
            HelpEntry("r", "the \(mode == .try ? "tasks" : "questions") again from the first"),
            HelpEntry("p", "back to the last \(mode == .try ? "task" : "question")"),
            HelpEntry("↑ ↓ PgUp PgDn", "scroll"),
            HelpEntry("q  Esc", "back to the modes"),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown: scroll = context.scrolled(scroll, by: 1)
            case .wheelUp: scroll = context.scrolled(scroll, by: -1)
            case .press, .release, .move: break
            }
            return []
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessons[lessonIndex]
        switch key {
        case .enter, .char("n"):
            guard let next = lesson.mode(after: mode) else { return [.pop] }
            return [.open(next, lessonIndex: lessonIndex, task: 0, .replace)]
        case .char("l"):
            return context.nextLesson(after: lessonIndex)
        case .char("r"):
            return [.open(mode, lessonIndex: lessonIndex, task: 0, .replace)]
        case .char("p"):
            return [.open(mode, lessonIndex: lessonIndex, task: max(0, lesson.taskCount(for: mode) - 1), .replace)]
        case .char("q"), .escape:
            return [.pop]
        case .up, .char("k"):
            scroll = context.scrolled(scroll, by: -1)
        case .down, .char("j"):
            scroll = context.scrolled(scroll, by: 1)
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown, .char(" "):
            scroll = context.scrolled(scroll, by: context.page)
        case .home:
            scroll = 0
        case .end:
            scroll = context.scrollLimit
        case .char, .ctrl, .left, .right, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }
}
