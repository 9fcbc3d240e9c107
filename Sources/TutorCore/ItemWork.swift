import Foundation

/// One gradable item being worked inside test or challenge: the same fill or choice state the try and
/// practice screens use, so the keys and grading are the same.
public enum ItemWork: Sendable, Equatable {
    case fill(FillState)
    case choice(ChoiceState)

    /// A fresh item: `attempts` replaces the task's own (test: 1); choice questions count theirs outside.
    public init(_ item: LessonItem, lessonIndex: Int, index: Int, count: Int, attempts: Int, shownAt: Date? = nil) {
        switch item {
        case .fill(var task):
            task.attempts = attempts
            self = .fill(FillState(lessonIndex: lessonIndex, taskIndex: index, taskCount: count, task: task, shownAt: shownAt))
        case .choice(let question):
            self = .choice(ChoiceState(lessonIndex: lessonIndex, questionIndex: index, questionCount: count, question: question, shownAt: shownAt))
        }
    }

    /// Graded, right or wrong (nil while still being worked).
    public var verdict: Bool? {
        switch self {
        case .fill(let f): f.isFinished ? f.outcome == .solved : nil
        case .choice(let c): c.answered.map { _ in c.isCorrect }
        }
    }

    public var scroll: Int {
        switch self {
        case .fill(let f): f.scroll
        case .choice(let c): c.scroll
        }
    }

    /// Passes a key to the embedded fill or choice item. The screen around it has already taken the
    /// keys that would leave or change the screen (q, n, p, h, m), so only the item itself changes;
    /// what happened comes back for that screen to record.
    mutating func work(key: Key, _ context: ScreenContext) -> WorkEvent? {
        switch self {
        case .fill(var f):
            let event = f.work(key: key)
            self = .fill(f)
            return event
        case .choice(var c):
            let event = c.work(key: key, context)
            self = .choice(c)
            return event
        }
    }

    mutating func work(mouse: MouseEvent, _ context: ScreenContext) -> WorkEvent? {
        switch self {
        case .fill(var f):
            let event = f.work(mouse: mouse, context)
            self = .fill(f)
            return event
        case .choice(var c):
            let event = c.work(mouse: mouse, context)
            self = .choice(c)
            return event
        }
    }

    /// Scrolls the item's screen by `rows` (within what the last frame measured).
    mutating func scroll(by rows: Int, _ context: ScreenContext) {
        switch self {
        case .fill(var f): f.scroll(by: rows, context); self = .fill(f)
        case .choice(var c): c.scroll = context.scrolled(c.scroll, by: rows); self = .choice(c)
        }
    }

    /// Home and End: the top or the bottom of the item's screen.
    mutating func scroll(to top: Bool, _ context: ScreenContext) {
        switch self {
        case .fill(var f): f.scroll(to: top, context); self = .fill(f)
        case .choice(var c): c.scroll = top ? 0 : context.scrollLimit; self = .choice(c)
        }
    }

    /// Shows or hides the hint; true when it is now shown.
    mutating func toggleHint() -> Bool {
        switch self {
        case .fill(var f): f.showsHint.toggle(); self = .fill(f); return f.showsHint
        case .choice(var c): c.showsHint.toggle(); self = .choice(c); return c.showsHint
        }
    }

    /// Shows or hides a fill task's common mistakes (a question shows them in its solution); true when
    /// they are now shown.
    mutating func toggleMistakes() -> Bool {
        switch self {
        case .fill(var f): f.showsMistakes.toggle(); self = .fill(f); return f.showsMistakes
        case .choice: return false
        }
    }

    /// The item's id.
    public var itemID: String {
        switch self {
        case .fill(let f): f.task.id
        case .choice(let c): c.question.id
        }
    }
}
