import Foundation
import Testing
@testable import TutorCore

extension State {
    var page: PageState? { if case .page(let p) = screen { return p }; return nil }
    var test: TestState? { if case .test(let t) = screen { return t }; return nil }
    var review: ReviewState? { if case .review(let r) = screen { return r }; return nil }
    var challenge: ChallengeState? { if case .challenge(let c) = screen { return c }; return nil }

    /// Sends one key and returns the effects.
    mutating func press(_ key: Key) -> [Effect] { update(.key(key)) }
}

/// Answers the item on screen (fill or choice) rightly or wrongly with keys, as a learner would.
func answer(_ state: inout State, right: Bool) -> [Effect] {
    let work: ItemWork? = state.test?.work ?? state.challenge?.work
    switch work {
    case .fill(let f)?:
        for n in f.task.blanks {
            let letter = right ? f.task.answers[n]! : f.task.options.first { $0.letter != f.task.answers[n] }!.letter
            state.send(.char(Character(String(n))), .char(Character(letter.lowercased())))
        }
        return state.press(.enter)
    case .choice(let c)?:
        let letter = right ? c.question.answer : c.question.options.first { $0.letter != c.question.answer }!.letter
        state.send(.char(Character(letter.lowercased())))
        return state.press(.enter)
    case nil:
        return []
    }
}

@Suite struct PageUpdateTests {
    @Test func pagesScrollWithinTheLimitAndMoveOnInOrder() {
        var state = SeedLesson.state(.intro)
        #expect(state.page?.mode == .intro)
        _ = state.update(.layout(scrollLimit: 30))
        state.send(.down, .down, .pageDown)
        #expect(state.page?.scroll == 14)
        state.send(.end)
        #expect(state.page?.scroll == 30)
        state.send(.pageDown)
        #expect(state.page?.scroll == 30)
        state.send(.up, .pageUp)
        #expect(state.page?.scroll == 17)
        state.send(.home)
        #expect(state.page?.scroll == 0)
        state.send(.char("n"))
        #expect(state.page?.mode == .why && state.page?.scroll == 0)
        state.send(.char("n"))
        #expect(state.page?.mode == .deep)
        state.send(.char("n"))
        #expect(state.fill?.taskIndex == 0)
        state.send(.char("q"))
        guard case .modes = state.screen else { Issue.record("not back at the chooser"); return }
    }
}

@Suite struct TestUpdateTests {
    @Test func allTenRightIsStrongAndRecordsEveryAnswerAndTheScore() {
        var state = SeedLesson.state(.test)
        state.now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(state.test?.items.count == 10)
        var effects: [Effect] = []
        for _ in 0..<10 { effects += answer(&state, right: true) }
        let test = state.test!
        #expect(test.isFinished && test.score == 10)
        #expect(SeedLesson.lesson.mastery(in: state.progress).label == "100 % · strong")
        #expect(effects.last == .record(.testScore(lesson: SeedLesson.lesson.id, score: 10, total: 10, at: state.now)))
        #expect(effects.filter { if case .record(.attempt) = $0 { true } else { false } }.count == 10)
        #expect(state.progress.latestTest(lesson: SeedLesson.lesson.id)?.score == 10)
    }

    @Test func oneAttemptNoFeedbackAndTheVerdictBands() {
        var state = SeedLesson.state(.test)
        // A wrong answer moves straight on: one attempt, nothing said.
        _ = answer(&state, right: false)
        #expect(state.test?.index == 1 && state.test?.results == [false])
        state.send(.char("h"))
        #expect(state.note == "No hints in the test: the solutions come at the end.")
        for i in 1..<10 { _ = answer(&state, right: i < 6) }
        #expect(state.test?.score == 5)
        #expect(SeedLesson.lesson.mastery(in: state.progress).level == .gettingThere)
        #expect(state.test?.missed.map(\.id) == ["try-num-layers", "practice-rnn-init", "practice-output-shape", "practice-input-size-error", "practice-next-word"])
        let missed = state.progress.lessons[SeedLesson.lesson.id]?.items.values.filter(\.missed)
        #expect(missed?.count == 5)
    }

    @Test func previewRecordsNothing() {
        var state = SeedLesson.state(.test)
        state.settings.preview = true
        let before = state.progress
        var effects: [Effect] = []
        for _ in 0..<10 { effects += answer(&state, right: true) }
        #expect(state.test?.score == 10)
        #expect(effects.isEmpty)
        #expect(state.progress == before)
    }
}

@Suite struct ChallengeUpdateTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func start() -> (State, [Effect]) {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.now = t0
        _ = state.openLesson(at: 0)
        let effects = state.open(.challenge, lessonIndex: 0, task: 0)
        return (state, effects)
    }

    @Test func openingStartsAOneSecondClockAndTheCountdownFollowsTicks() {
        var (state, effects) = start()
        #expect(effects == [.startTimer(interval: 1), .record(.leftOff(lesson: SeedLesson.lesson.id, mode: "challenge", task: "", at: t0))])
        let limit = SeedLesson.lesson.challenge!.items[0].timeLimit
        #expect(state.challenge?.secondsLeft(at: state.now) == limit)
        _ = state.update(.tick(t0.addingTimeInterval(1)))
        #expect(state.challenge?.secondsLeft(at: state.now) == limit - 1)
        #expect(ChallengeState.clock(90) == "1:30" && ChallengeState.clock(65) == "1:05")
        _ = state.update(.tick(t0.addingTimeInterval(TimeInterval(limit))))
        #expect(state.challenge?.outcome == .timedOut && state.challenge?.results == [false])
        // Keys no longer answer a timed-out item; n moves on and restarts the clock from now.
        state.send(.char("n"))
        #expect(state.challenge?.index == 1 && state.challenge?.outcome == .working)
        #expect(state.challenge?.deadline == state.now.addingTimeInterval(TimeInterval(SeedLesson.lesson.challenge!.items[1].timeLimit)))
    }

    @Test func twoAttemptsThenMissed() {
        var (state, _) = start()
        _ = answer(&state, right: false)
        #expect(state.challenge?.outcome == .working)
        _ = answer(&state, right: false)
        #expect(state.challenge?.outcome == .missed)
    }

    @Test func allRightRecordsTheMasteryScoreAndStopsTheClock() {
        var (state, _) = start()
        let count = SeedLesson.lesson.challenge!.items.count
        var effects: [Effect] = []
        for i in 0..<count {
            _ = state.update(.tick(t0.addingTimeInterval(Double(i * 10 + 5))))
            effects += answer(&state, right: true)
            #expect(state.challenge?.outcome == .solved)
            effects += state.press(.char("n"))
        }
        #expect(state.challenge?.allRight == true)
        #expect(effects.contains(.stopTimer))
        #expect(effects.contains(.record(.challengeScore(lesson: SeedLesson.lesson.id, score: count, total: count, at: state.now))))
        _ = state.press(.char("q"))
        guard case .modes = state.screen else { Issue.record("not back at the chooser"); return }
    }

    @Test func leavingStopsTheClock() {
        var (state, _) = start()
        #expect(state.press(.char("q")) == [.stopTimer])
    }
}

@Suite struct ChallengeFromALaterTaskTests {
    @Test func aRunOpenedAtALaterTaskEndsButIsNotScored() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        let count = SeedLesson.lesson.challenge!.items.count
        _ = state.open(.challenge, lessonIndex: 0, task: count - 1)
        let effects = answer(&state, right: true)
        #expect(state.challenge?.allRight == false)
        #expect(effects.contains(.stopTimer))
        #expect(!effects.contains { if case .record(.challengeScore) = $0 { true } else { false } })
    }
}
