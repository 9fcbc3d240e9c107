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
        get {
            switch self {
            case .fill(let f): f.scroll
            case .choice(let c): c.scroll
            }
        }
    }
}

extension State {
    /// Passes a key to the embedded fill or choice screen. The caller has already taken the keys that
    /// would leave or change the screen (q, n, p, h, m), so only the item itself changes.
    mutating func updateWork(_ work: inout ItemWork, key: Key) {
        switch work {
        case .fill(var f):
            _ = updateFill(&f, key: key)
            work = .fill(f)
        case .choice(var c):
            _ = updateChoice(&c, key: key)
            work = .choice(c)
        }
    }

    mutating func updateWork(_ work: inout ItemWork, mouse: MouseEvent) {
        switch work {
        case .fill(var f):
            _ = updateFill(&f, mouse: mouse)
            work = .fill(f)
        case .choice(var c):
            _ = updateChoice(&c, mouse: mouse)
            work = .choice(c)
        }
    }
}
