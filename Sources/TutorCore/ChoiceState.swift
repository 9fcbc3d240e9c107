import Foundation

/// A multiple-choice question being answered, then its worked solution.
public struct ChoiceState: Sendable, Equatable {
    public var lessonIndex: Int
    public var questionIndex: Int
    public var questionCount: Int
    public var question: ChoiceQuestion
    /// Index into `question.options` under the cursor.
    public var selected = 0
    /// The letter chosen with Enter; nil until answered. One answer per question.
    public var answered: String?
    public var showsHint = false
    public var scroll = 0
    /// The solution is shown without an answer (the challenge's time ran out).
    public var revealed = false
    /// Options already chosen and found wrong (the challenge asks again): marked ✗, not chosen again.
    public var ruledOut: Set<String> = []
    /// When the question was shown (`State.now`), for the time an answer took; nil when not known.
    public var shownAt: Date?

    public init(lessonIndex: Int, questionIndex: Int, questionCount: Int, question: ChoiceQuestion, shownAt: Date? = nil) {
        self.lessonIndex = lessonIndex
        self.questionIndex = questionIndex
        self.questionCount = questionCount
        self.question = question
        self.shownAt = shownAt
    }

    public var isCorrect: Bool { answered == question.answer }
}
