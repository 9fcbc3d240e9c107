import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// A wrong answer in a Challenge with an attempt left says more than "A is wrong": the hint that points
/// at what decides the answer, and the option's own explanation when the lesson gives one.
@Suite struct ChallengeWrongReplyTests {
    func challenge(_ lesson: Lesson) -> State {
        var state = State(lessons: [lesson], size: Size(width: 80, height: 30))
        _ = state.openLesson(at: 0)
        _ = state.open(.challenge, lessonIndex: 0, task: 0)
        return state
    }

    static func joined(_ state: State) -> String {
        Renderer.render(state).text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test func aWrongChoiceWithAnAttemptLeftShowsTheHint() throws {
        let lesson = ScreenSnapshotTests.seed
        guard let item = lesson.challenge?.items.first, case .choice(let q) = item.item else { Issue.record("item 1 is not a choice"); return }
        var state = challenge(lesson)
        let wrong = try #require(q.options.first { $0.letter != q.answer }).letter
        _ = state.update(.key(.char(Character(wrong.lowercased()))))
        _ = state.update(.key(.enter))
        let text = Self.joined(state)
        #expect(text.contains("Not quite: \(wrong) is wrong."))
        #expect(text.contains("Hint: " + q.hint.prefix(30)))
        #expect(!text.contains("the answer is"))
    }

    @Test func theOptionsOwnWhyIsSaidWhenTheLessonGivesOne() throws {
        var lesson = ScreenSnapshotTests.seed
        guard let item = lesson.challenge?.items.first, case .choice(var q) = item.item else { Issue.record("item 1 is not a choice"); return }
        let index = try #require(q.options.firstIndex { $0.letter != q.answer })
        q.options[index].why = "That is output's shape, one row per step."
        lesson.challenge!.items[0].item = .choice(q)
        var state = challenge(lesson)
        _ = state.update(.key(.char(Character(q.options[index].letter.lowercased()))))
        _ = state.update(.key(.enter))
        #expect(Self.joined(state).contains("That is output's shape, one row per step."))
    }
}
