import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Snapshots of the reading pages, test, review and challenge over the seed lesson.
@Suite struct ModeSnapshotTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func state(_ mode: Mode, size: Size = Size(width: 80, height: 24), preview: Bool = false, progress: LearnerProgress = LearnerProgress(), keys: [Key] = []) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: size, settings: Settings(preview: preview))
        state.progress = progress
        state.now = Self.t0
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: 0)
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    /// Answers every test item with its answer letters (fill: blank by blank; choice: the letter).
    func answerAll(_ state: inout State, wrongAt: Set<Int> = []) {
        var i = 0
        while case .test(let t) = state.screen, !t.isFinished {
            let right = !wrongAt.contains(i)
            switch t.work {
            case .fill(let f):
                for n in f.task.blanks {
                    let letter = right ? f.task.answers[n]! : f.task.options.first { $0.letter != f.task.answers[n] }!.letter
                    _ = state.update(.key(.char(Character(String(n)))))
                    _ = state.update(.key(.char(Character(letter.lowercased()))))
                }
            case .choice(let c):
                let letter = right ? c.question.answer : c.question.options.first { $0.letter != c.question.answer }!.letter
                _ = state.update(.key(.char(Character(letter.lowercased()))))
            }
            _ = state.update(.key(.enter))
            i += 1
        }
    }

    @Test(arguments: [Mode.intro, .why, .deep]) func pages(mode: Mode) {
        let buffer = Renderer.render(state(mode))
        #expect(buffer.text.contains(mode.title))
        Snapshot.assertMatches(buffer, named: "page-\(mode.rawValue)-80x24")
    }

    @Test func pageEndsWithTheWayOn() {
        let buffer = Renderer.render(state(.intro, size: Size(width: 80, height: 24), keys: [.end]))
        // The first frame measures the limit; End then shows the bottom.
        var s = state(.intro)
        _ = s.update(.layout(scrollLimit: buffer.scrollLimit))
        _ = s.update(.key(.end))
        let bottom = Renderer.render(s)
        #expect(bottom.text.contains("Next: Why, the big idea, before and after. Press n."))
        Snapshot.assertMatches(bottom, named: "page-intro-end-80x24")
    }

    @Test func testQuestionAndStrongResult() {
        var s = state(.test)
        let first = Renderer.render(s)
        #expect(first.text.contains("question 1 of 10 · one attempt, no hints"))
        #expect(!first.text.contains("h hint"))
        Snapshot.assertMatches(first, named: "test-question-80x24")
        answerAll(&s)
        let result = Renderer.render(s)
        #expect(result.text.contains("Score: 10/10 (100 %)"))
        #expect(result.text.contains("Lesson mastery: 100 % · strong"))
        Snapshot.assertMatches(result, named: "test-strong-80x24")
    }

    @Test func testMissedShowsSolutions() {
        var s = state(.test, size: Size(width: 80, height: 60))
        answerAll(&s, wrongAt: [0, 6])
        let result = Renderer.render(s)
        #expect(result.text.contains("Lesson mastery: 80 % · strong"))
        #expect(result.text.contains("Missed (2), with their solutions:"))
        #expect(result.text.contains("Your answer: [1] = B (0)"))
        #expect(result.text.contains("Answer: [1] = A (1)"))
        Snapshot.assertMatches(result, named: "test-missed-80x60")
    }

    @Test func challengeCountdown() {
        var s = state(.challenge)
        _ = s.update(.tick(Self.t0.addingTimeInterval(25)))
        let buffer = Renderer.render(s)
        #expect(buffer.text.contains("Challenge 1/"))
        #expect(buffer.text.contains("time 1:05"))
        Snapshot.assertMatches(buffer, named: "challenge-80x24")
        _ = s.update(.tick(Self.t0.addingTimeInterval(90)))
        #expect(Renderer.render(s).text.contains("time is up"))
    }

    @Test func previewShowsTheAnswerAndSaysPreview() {
        let buffer = Renderer.render(state(.test, preview: true))
        #expect(buffer.text.contains("ANSWER (preview): [1] = A"))
        #expect(buffer.text.contains("PREVIEW"))
        Snapshot.assertMatches(buffer, named: "preview-test-80x24")
    }

    @Test func challengeMasteryAndTimeUp() {
        var s = state(.challenge)
        // Item 1 (choice, B) right; item 2 runs out of time; item 3 (choice, B) right.
        for key in [Key.char("b"), .enter] { _ = s.update(.key(key)) }
        _ = s.update(.key(.char("n")))
        _ = s.update(.tick(Self.t0.addingTimeInterval(200)))
        let timedOut = Renderer.render(s)
        #expect(timedOut.text.contains("time is up"))
        Snapshot.assertMatches(timedOut, named: "challenge-time-up-80x24")
        _ = s.update(.key(.char("n")))
        for key in [Key.char("b"), .enter] { _ = s.update(.key(key)) }
        // The last item's feedback and solution come first; Enter shows the result.
        let last = Renderer.render(s)
        #expect(last.text.contains("Challenge 3/3 · solved · Enter: the result"))
        #expect(last.text.contains("Solution"))
        _ = s.update(.key(.enter))
        let result = Renderer.render(s)
        #expect(result.text.contains("Score: 2/3"))
        #expect(result.text.contains("Not every challenge right yet"))
        #expect(result.text.contains("2. Complete the code so the RNN reads a batch"))
        #expect(!result.text.contains("challenge-batch-first"))
        Snapshot.assertMatches(result, named: "challenge-result-80x24")
    }

    @Test func challengeMasteryBadge() {
        var s = state(.challenge)
        for keys in [[Key.char("b"), .enter, .char("n")], [.char("a"), .char("d"), .enter, .char("n")], [.char("b"), .enter, .enter]] {
            for key in keys { _ = s.update(.key(key)) }
        }
        let result = Renderer.render(s)
        #expect(result.text.contains("Every challenge right, in time."))
        Snapshot.assertMatches(result, named: "challenge-mastery-80x24")
    }
}
