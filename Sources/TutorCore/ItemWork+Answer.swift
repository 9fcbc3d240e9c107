import Foundation

extension FillState {
    /// The answer just checked, for the progress file: the options as checked (blank 1 first), the
    /// blanks that were wrong, the attempt number of this showing, the seconds since it was shown, and
    /// the grade when the showing is over (`Grade.forAnswer`).
    public func answer(mode: AnswerMode, at now: Date) -> Answer {
        let correct = outcome == .solved
        return Answer(at: now, mode: mode, chosen: chosen(checked), wrongBlanks: wrongBlanks(checked), correct: correct,
                      attempt: max(1, attemptsUsed), seconds: Answer.seconds(from: shownAt, to: now),
                      grade: Grade.forAnswer(correct: correct, attempt: attemptsUsed, final: isFinished))
    }

    /// The options in place when the clock ran out (some blanks may be empty): graded Again.
    public func timedOutAnswer(mode: AnswerMode, at now: Date) -> Answer {
        Answer(at: now, mode: mode, chosen: chosen(filled), wrongBlanks: wrongBlanks(filled), correct: false,
               attempt: max(1, attemptsUsed + 1), seconds: Answer.seconds(from: shownAt, to: now), grade: .again, timedOut: true)
    }

    /// The letters by blank number, 1 first, up to the highest blank (blanks are numbered without gaps).
    private func chosen(_ letters: [Int: String]) -> [String?] {
        let last = task.blanks.max() ?? 0
        return last > 0 ? (1 ... last).map { letters[$0] } : []
    }

    private func wrongBlanks(_ letters: [Int: String]) -> [Int] {
        task.blanks.sorted().filter { letters[$0] != task.answers[$0] }
    }
}

extension ChoiceState {
    /// The answer just given: the letter chosen, right or wrong, and the seconds since it was shown.
    /// Practice asks once (`attempt` 1, `final`); a challenge asks again after a wrong answer while
    /// attempts are left.
    public func answer(mode: AnswerMode, at now: Date, attempt: Int = 1, final: Bool = true) -> Answer {
        Answer(at: now, mode: mode, chosen: answered.map { [$0] }, correct: isCorrect, attempt: attempt,
               seconds: Answer.seconds(from: shownAt, to: now), grade: Grade.forAnswer(correct: isCorrect, attempt: attempt, final: final))
    }

    /// Out of time with nothing (or nothing new) chosen: graded Again.
    public func timedOutAnswer(mode: AnswerMode, at now: Date, attempt: Int) -> Answer {
        Answer(at: now, mode: mode, chosen: answered.map { [$0] }, correct: false, attempt: attempt,
               seconds: Answer.seconds(from: shownAt, to: now), grade: .again, timedOut: true)
    }
}

extension ItemWork {
    /// The answer just given to the embedded item (see `FillState.answer`, `ChoiceState.answer`).
    public func answer(mode: AnswerMode, at now: Date, attempt: Int = 1, final: Bool = true) -> Answer {
        switch self {
        case .fill(let f): f.answer(mode: mode, at: now)
        case .choice(let c): c.answer(mode: mode, at: now, attempt: attempt, final: final)
        }
    }

    public func timedOutAnswer(mode: AnswerMode, at now: Date, attempt: Int) -> Answer {
        switch self {
        case .fill(let f): f.timedOutAnswer(mode: mode, at: now)
        case .choice(let c): c.timedOutAnswer(mode: mode, at: now, attempt: attempt)
        }
    }
}

extension ItemWork {
    /// When the embedded item was shown.
    public var shownAt: Date? {
        get {
            switch self {
            case .fill(let f): f.shownAt
            case .choice(let c): c.shownAt
            }
        }
        set {
            switch self {
            case .fill(var f): f.shownAt = newValue; self = .fill(f)
            case .choice(var c): c.shownAt = newValue; self = .choice(c)
            }
        }
    }
}
