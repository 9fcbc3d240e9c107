/// How well one recall went, on FSRS's (and Anki's) four-point scale. A review card is graded by the
/// learner; a task or question is graded from how it was answered (`Grade.forAnswer`).
public enum Grade: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case again, hard, good, easy

    /// FSRS's G: 1 again, 2 hard, 3 good, 4 easy.
    public var value: Int {
        switch self {
        case .again: 1
        case .hard: 2
        case .good: 3
        case .easy: 4
        }
    }

    /// "Again", "Hard", … as the card's keys show them.
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// True for Hard, Good and Easy: the item was recalled.
    public var isPass: Bool { self != .again }

    public static func < (a: Grade, b: Grade) -> Bool { a.value < b.value }

    /// The grade of an answer in try, practice, challenge or test: right at the first attempt of this
    /// showing → Good; right after one or more wrong attempts → Hard; wrong with no attempt left (or out
    /// of time) → Again; wrong with another attempt to come → nil (the showing is not over yet).
    /// Answers never earn Easy: only a learner grading a card says that.
    public static func forAnswer(correct: Bool, attempt: Int, final: Bool) -> Grade? {
        if correct { return attempt <= 1 ? .good : .hard }
        return final ? .again : nil
    }
}
