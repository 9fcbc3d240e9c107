import Foundation
import TutorCore

extension ProgressEvent {
    /// An answer whose details the test does not look at: a first try in try mode, graded Good when
    /// right and Again when wrong (as a practice answer is), with nothing chosen and no time.
    static func attempt(lesson: String, item: String, correct: Bool, at: Date) -> ProgressEvent {
        .attempt(lesson: lesson, item: item, answer: Answer(at: at, mode: .try, correct: correct, attempt: 1, grade: correct ? .good : .again))
    }
}
