import Foundation

/// A fill-in-blank task being worked: which chip sits in which blank, what has focus, what is
/// being carried, and how the checking went.
public struct FillState: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case working
        case solved
        /// Out of attempts: the answer is filled in and the task counts as missed.
        case missed
    }

    public var lessonIndex: Int
    public var taskIndex: Int
    public var taskCount: Int
    public var task: FillTask

    /// Blank number → option letter.
    public var filled: [Int: String] = [:]
    /// Index into `task.blanks` of the focused blank.
    public var focus = 0
    /// Index into `task.options` of the chip under the keyboard cursor.
    public var chipCursor = 0
    /// What the keyboard last moved: the focused blank, or the chip cursor (← →). The terminal cursor
    /// of screen-reader mode sits on it.
    public enum KeyboardTarget: Sendable, Equatable {
        case blank
        case chip
    }

    public var keyboardOn = KeyboardTarget.blank
    /// A chip picked up with Space (keyboard drag): it goes where the focus is when dropped.
    public var carrying: String?
    /// A chip pressed with the mouse and not yet released.
    public var dragging: String?
    public var attemptsLeft: Int
    /// Blanks marked wrong by the last check (cleared as they are changed).
    public var wrongBlanks: Set<Int> = []
    public var outcome = Outcome.working
    public var showsHint = false
    public var showsMistakes = false
    /// What the view keeps in sight: the focused blank while the learner works, the feedback just after
    /// a check, or nothing once the learner scrolls (then `scroll` rules).
    public enum Follow: Sendable, Equatable {
        case focus
        case feedback
        case scroll
    }

    /// Rows scrolled down, when `follow` is `.scroll`.
    public var scroll = 0
    public var follow = Follow.focus
    /// When the task was shown (`State.now`), for the time an answer took; nil when not known.
    public var shownAt: Date?
    /// The options as they were at the last check: the learner's answer, kept when a last wrong check shows the
    /// answer in their place, so feedback and results can show both.
    public var checked: [Int: String] = [:]

    public init(lessonIndex: Int, taskIndex: Int, taskCount: Int, task: FillTask, shownAt: Date? = nil) {
        self.lessonIndex = lessonIndex
        self.taskIndex = taskIndex
        self.taskCount = taskCount
        self.task = task
        self.attemptsLeft = task.attempts
        self.shownAt = shownAt
    }

    /// The blank number with focus.
    public var focusedBlank: Int? { task.blanks.indices.contains(focus) ? task.blanks[focus] : nil }

    /// The blank a chip sits in, if it is placed.
    public func blank(holding letter: String) -> Int? {
        filled.first { $0.value == letter }?.key
    }

    public var isComplete: Bool { task.blanks.allSatisfy { filled[$0] != nil } }
    public var isFinished: Bool { outcome != .working }
}

extension FillState {
    /// Puts a chip in a blank. A chip lives in one place: placing it again moves it (as a dragged
    /// card would), and whatever the blank held goes back to the options.
    mutating func place(_ letter: String, in blank: Int) {
        guard task.option(letter) != nil, task.blanks.contains(blank), !isFinished else { return }
        if let old = self.blank(holding: letter) { filled[old] = nil; wrongBlanks.remove(old) }
        filled[blank] = letter
        wrongBlanks.remove(blank)
    }

    /// Moves the focus to the next empty blank after the current one (wrapping), if any.
    mutating func focusNextEmpty() {
        let blanks = task.blanks
        guard !blanks.isEmpty else { return }
        for step in 1...blanks.count {
            let i = (focus + step) % blanks.count
            if filled[blanks[i]] == nil { focus = i; return }
        }
    }

    mutating func moveFocus(by delta: Int) {
        let n = task.blanks.count
        guard n > 0 else { return }
        focus = ((focus + delta) % n + n) % n
    }

    /// Grades the filled blanks: right ends the task; wrong marks the wrong blanks and costs an
    /// attempt; the last wrong attempt fills in the answer and counts the task as missed.
    mutating func check() {
        guard isComplete, !isFinished else { return }
        checked = filled
        follow = .feedback
        if task.isCorrect(filled) {
            outcome = .solved
            wrongBlanks = []
            return
        }
        attemptsLeft -= 1
        wrongBlanks = Set(task.blanks.filter { filled[$0] != task.answers[$0] })
        if attemptsLeft <= 0 {
            attemptsLeft = 0
            outcome = .missed
            filled = task.answers
            wrongBlanks = []
            showsMistakes = true
        } else {
            showsHint = true
        }
    }

    /// Starts the task afresh (`r` after running out of attempts): empty blanks, every attempt back, shown
    /// again at `now`.
    mutating func retry(at now: Date) {
        self = FillState(lessonIndex: lessonIndex, taskIndex: taskIndex, taskCount: taskCount, task: task, shownAt: now)
    }

    /// The blanks the last check found wrong, with the letter the learner had put in each.
    public var lastWrong: [(blank: Int, letter: String)] {
        task.blanks.compactMap { n in checked[n].flatMap { $0 != task.answers[n] ? (n, $0) : nil } }
    }

    /// Attempts used so far (for progress).
    public var attemptsUsed: Int { task.attempts - attemptsLeft + (outcome == .solved ? 1 : 0) }
}
