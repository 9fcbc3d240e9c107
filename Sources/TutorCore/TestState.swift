/// "Test this pattern": the lesson's test items, one attempt each, no hints or feedback until the
/// end, then the score, the lesson's mastery (the one rating; `Mastery`), each answer beside the right
/// one, and the missed items with their solutions.
public struct TestState: Sendable, Equatable {
    public var lessonIndex: Int
    public var items: [LessonItem]
    /// The item on screen (0-based).
    public var index: Int
    public var work: ItemWork
    /// Right or wrong for each item answered so far, in order.
    public var results: [Bool] = []
    /// Each item as it was answered (the learner's blanks or choice), in order, for the result page.
    public var answers: [ItemWork] = []
    /// Scroll of the result page.
    public var scroll = 0

    public init(lessonIndex: Int, items: [LessonItem], index: Int = 0) {
        self.lessonIndex = lessonIndex
        self.items = items
        self.index = index
        self.work = ItemWork(items[index], lessonIndex: lessonIndex, index: index, count: items.count, attempts: 1)
    }

    public var isFinished: Bool { results.count == items.count }
    public var score: Int { results.filter { $0 }.count }
    /// The items answered wrongly, in test order.
    public var missed: [LessonItem] { zip(items, results).filter { !$0.1 }.map(\.0) }
}

extension ScreenContext {
    func openingTest(lessonIndex: Int, task: Int) -> OpenedScreen? {
        let items = lessons[lessonIndex].testItems
        guard !items.isEmpty else { return nil }
        var test = TestState(lessonIndex: lessonIndex, items: items, index: 0)
        test.work.shownAt = now
        // Preview may jump to any question; a learner's test always starts at the first.
        if settings.preview, task > 0 { test.jump(to: min(task, items.count - 1)) }
        return OpenedScreen(screen: .test(test), commands: [leftOff(lessons[lessonIndex], .test, item: "")])
    }
}

extension TestState {
    /// Preview only: show item `i` without answering the ones before it.
    mutating func jump(to i: Int) {
        index = i
        results = []
        answers = []
        work = ItemWork(items[i], lessonIndex: lessonIndex, index: i, count: items.count, attempts: 1)
    }
}

extension TestState: ScreenModel {
    public var screen: Screen { .test(self) }
    public var position: ScreenPosition? { ScreenPosition(.test, lessonIndex, index) }
    public var helpTitle: String { "Test this pattern" }
    public var help: [HelpEntry] {
        [
            HelpEntry("keys of the item", "as in Try (fill) and Practice (choice)"),
            HelpEntry("Enter", "answer: one attempt, the next question follows"),
            HelpEntry("h m", "no hints until the end; then the solutions"),
            HelpEntry("r", "at the end: take the test again"),
            HelpEntry("q  Esc", "back to the modes (an unfinished test is not scored)"),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return isFinished ? updateResult(key: key, context) : update(key: key, context)
        case .mouse(let mouse):
            if isFinished {
                switch mouse.kind {
                case .wheelDown: scroll = context.scrolled(scroll, by: 1)
                case .wheelUp: scroll = context.scrolled(scroll, by: -1)
                case .press, .release, .move: break
                }
                return []
            }
            return afterAnswer(work.work(mouse: mouse, context), context)
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    /// The result page: scroll it, take the test again, or leave.
    private mutating func updateResult(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"), .escape: return [.pop]
        case .up, .char("k"): scroll = context.scrolled(scroll, by: -1)
        case .down, .char("j"): scroll = context.scrolled(scroll, by: 1)
        case .pageUp: scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown, .char(" "): scroll = context.scrolled(scroll, by: context.page)
        case .home: scroll = 0
        case .end: scroll = context.scrollLimit
        case .char("r"): return [.open(.test, lessonIndex: lessonIndex, task: 0, .replace)]
        case .char, .ctrl, .left, .right, .enter, .tab, .backTab, .backspace, .delete: break
        }
        return []
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"):
            return [.pop]
        case .escape:
            if case .fill(let f) = work, f.carrying != nil { break }
            return [.pop]
        case .char("n") where context.settings.preview:
            if index + 1 < items.count { jump(to: index + 1) }
            return []
        case .char("p") where context.settings.preview:
            if index > 0 { jump(to: index - 1) }
            return []
        case .char("h"), .char("m"), .char("n"), .char("p"):
            return [.note("No hints in the test: the solutions come at the end.")]
        case .pageDown:
            work.scroll(by: context.page, context)
            return []
        case .pageUp:
            work.scroll(by: -context.page, context)
            return []
        case .home, .end:
            work.scroll(to: key == .home, context)
            return []
        case .char, .ctrl, .up, .down, .left, .right, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        return afterAnswer(work.work(key: key, context), context)
    }

    /// Once the item on screen is graded: note it, move to the next item without telling whether it
    /// was right, and at the end record the score. One answer is one attempt.
    private mutating func afterAnswer(_ event: WorkEvent?, _ context: ScreenContext) -> [Command] {
        switch event {
        case nil:
            return []
        case .incomplete?, .placed?:
            return [.note(event?.sentence)]
        case .checked(let right)?:
            let lesson = context.lessonID(lessonIndex)
            let item = items[index].id
            var commands: [Command] = [.note(nil), .record(.attempt(lesson: lesson, item: item, answer: work.answer(mode: .test, at: context.now)))]
            if !right { commands.append(.record(.missed(lesson: lesson, item: item, at: context.now))) }
            if context.settings.preview, results.count < index {
                // A preview that jumped ahead has no answers for the items it skipped.
                results = Array(repeating: false, count: index)
                answers = (0..<index).map { ItemWork(items[$0], lessonIndex: lessonIndex, index: $0, count: items.count, attempts: 1) }
            }
            results.append(right)
            answers.append(work)
            if results.count < items.count {
                index += 1
                work = ItemWork(items[index], lessonIndex: lessonIndex, index: index, count: items.count, attempts: 1, shownAt: context.now)
            } else {
                scroll = 0
                commands.append(.record(.testScore(lesson: lesson, score: score, total: items.count, at: context.now)))
            }
            return commands
        }
    }
}
