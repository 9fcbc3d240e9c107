import Foundation
import Testing
@testable import TutorCore

/// What the task screens ask the runtime to save, and what they apply to the state at once.
@Suite struct RecordUpdateTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)
    let lesson = SeedLesson.lesson.id

    @Test func openingATaskRecordsWhereTheLearnerLeftOff() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.now = t
        _ = state.openLesson(at: 0)
        let effects = state.open(.try, lessonIndex: 0, task: 2)
        let id = SeedLesson.lesson.tryIt!.tasks[2].id
        #expect(effects == [.record(.leftOff(lesson: lesson, mode: "try", task: id, at: t))])
        #expect(state.progress.resumePoint?.task == id)
    }

    /// The seed lesson open in `mode` at `task`, shown at `t`.
    func opened(_ mode: Mode, task: Int) -> State {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.now = t
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: task)
        return state
    }

    @Test func aRightCheckRecordsASolvedAttempt() {
        var state = opened(.try, task: 0)
        state.now = t + 9
        _ = state.update(.key(.char("a")))
        let effects = state.update(.key(.enter))
        let id = SeedLesson.lesson.tryIt!.tasks[0].id
        let answer = Answer(at: t + 9, mode: .try, chosen: ["A"], correct: true, attempt: 1, seconds: 9, grade: .good)
        #expect(effects == [.record(.attempt(lesson: lesson, item: id, answer: answer))])
        #expect(state.progress.status(lesson: lesson, item: id) == .solved)
        #expect(state.progress.item(lesson: lesson, item: id)?.history == [answer])
    }

    @Test func everyCheckRecordsWhatWasChosenAndTheLastWrongOneIsAMiss() {
        var state = opened(.try, task: 1)
        #expect(state.fill?.task.answers == [1: "A"])
        let id = SeedLesson.lesson.tryIt!.tasks[1].id
        state.send(.char("b"))
        state.now = t + 12
        #expect(state.update(.key(.enter)) == [.record(.attempt(lesson: lesson, item: id, answer: Answer(
            at: t + 12, mode: .try, chosen: ["B"], wrongBlanks: [1], correct: false, attempt: 1, seconds: 12, grade: nil)))])
        state.send(.char("c"), .enter, .char("d"))
        state.now = t + 40
        let effects = state.update(.key(.enter))
        #expect(effects == [
            .record(.attempt(lesson: lesson, item: id, answer: Answer(
                at: t + 40, mode: .try, chosen: ["D"], wrongBlanks: [1], correct: false, attempt: 3, seconds: 40, grade: .again))),
            .record(.missed(lesson: lesson, item: id, at: t + 40)),
        ])
        #expect(state.progress.status(lesson: lesson, item: id) == .missed)
        #expect(state.progress.item(lesson: lesson, item: id)?.history.map(\.chosen) == [["B"], ["C"], ["D"]])
    }

    @Test func rightAfterARetryIsHardAndTheSecondsCountFromWhenTheTaskWasShown() {
        var state = opened(.try, task: 1)
        state.send(.char("b"), .enter)
        state.now = t + 25
        state.send(.char("a"))
        let id = SeedLesson.lesson.tryIt!.tasks[1].id
        #expect(state.update(.key(.enter)) == [.record(.attempt(lesson: lesson, item: id, answer: Answer(
            at: t + 25, mode: .try, chosen: ["A"], correct: true, attempt: 2, seconds: 25, grade: .hard)))])
    }

    @Test func hintAndMistakesAreRecordedWhenShown() {
        var state = SeedLesson.state(.try, task: 0)
        #expect(state.update(.key(.char("h"))).count == 1)
        #expect(state.update(.key(.char("h"))).isEmpty)  // hiding it again records nothing
        #expect(state.update(.key(.char("m"))).count == 1)
    }

    @Test func aWrongPracticeAnswerRecordsAttemptMissAndSolutionSeen() {
        var state = opened(.practice, task: 2)
        state.now = t + 30
        state.send(.char("a"))
        let id = SeedLesson.lesson.practice!.questions[2].id
        #expect(state.update(.key(.enter)) == [
            .record(.attempt(lesson: lesson, item: id, answer: Answer(
                at: t + 30, mode: .practice, chosen: ["A"], correct: false, attempt: 1, seconds: 30, grade: .again))),
            .record(.missed(lesson: lesson, item: id, at: t + 30)),
            .record(.solutionSeen(lesson: lesson, item: id, at: t + 30)),
        ])
    }

    /// The answers an update returned, in order.
    func answers(_ effects: [Effect]) -> [Answer] {
        effects.compactMap { if case .record(.attempt(_, _, let answer)) = $0 { answer } else { nil } }
    }

    @Test func testAnswersAreRecordedWithTheirChoiceAndTimeAndGradedOnce() {
        var state = opened(.test, task: 0)
        state.now = t + 20
        state.send(.char("a"))   // try-num-layers: A is right
        var effects = state.press(.enter)
        #expect(answers(effects) == [Answer(at: t + 20, mode: .test, chosen: ["A"], correct: true, attempt: 1, seconds: 20, grade: .good)])
        state.now = t + 50
        state.send(.char("b"))   // try-hidden-zeros: A is right, B is wrong
        effects = state.press(.enter)
        // The next question's clock starts at its own showing (t + 20).
        #expect(answers(effects) == [Answer(at: t + 50, mode: .test, chosen: ["B"], wrongBlanks: [1], correct: false, attempt: 1, seconds: 30, grade: .again)])
        #expect(effects.contains(.record(.missed(lesson: lesson, item: "try-hidden-zeros", at: t + 50))))
    }

    @Test func aChallengeChoiceRightAfterAWrongAnswerIsHard() {
        var state = opened(.challenge, task: 0)   // challenge-h-n-layers: B is right, two attempts
        state.now = t + 5
        state.send(.char("a"))
        var effects = state.press(.enter)
        #expect(answers(effects) == [Answer(at: t + 5, mode: .challenge, chosen: ["A"], correct: false, attempt: 1, seconds: 5, grade: nil)])
        state.now = t + 9
        state.send(.char("b"))
        effects = state.press(.enter)
        #expect(answers(effects) == [Answer(at: t + 9, mode: .challenge, chosen: ["B"], correct: true, attempt: 2, seconds: 9, grade: .hard)])
    }

    @Test func aChallengeRunningOutOfTimeRecordsWhatWasInPlaceAsAgain() {
        var state = opened(.challenge, task: 1)   // challenge-batch-first: a fill task
        let fill: FillState? = if case .fill(let f)? = state.challenge?.work { f } else { nil }
        let blanks = fill?.task.blanks.count ?? 0
        state.send(.char("a"))   // only the first blank filled
        let limit = TimeInterval(state.challenge!.item.timeLimit)
        let effects = state.update(.tick(t + limit))
        let expected = Answer(at: t + limit, mode: .challenge, chosen: ["A"] + Array(repeating: nil, count: blanks - 1),
                              wrongBlanks: fill!.task.blanks.sorted().filter { $0 == 1 ? fill!.task.answers[1] != "A" : true },
                              correct: false, attempt: 1, seconds: Int(limit), grade: .again, timedOut: true)
        #expect(answers(effects) == [expected])
        #expect(state.progress.item(lesson: lesson, item: "challenge-batch-first")?.attemptsUsed == 0)   // out of time is no attempt
        #expect(state.progress.item(lesson: lesson, item: "challenge-batch-first")?.rightAtFirstTry == false)
    }

    @Test func reviewGradesAreRecordedWithTheirSeconds() {
        var state = opened(.review, task: 0)
        let cards = SeedLesson.lesson.review!.cards
        state.send(.char(" "))
        state.now = t + 6
        #expect(state.press(.char("3")) == [.record(.reviewed(lesson: lesson, item: cards[0].id, grade: .good, seconds: 6, at: t + 6))])
        state.send(.char(" "))
        state.now = t + 20
        #expect(state.press(.char("1")) == [.record(.reviewed(lesson: lesson, item: cards[1].id, grade: .again, seconds: 14, at: t + 20))])
        #expect(state.progress.item(lesson: lesson, item: cards[1].id)?.history == [.review(.again, seconds: 14, at: t + 20)])
        state.send(.char(" "))
        state.now = t + 23
        #expect(state.press(.char("2")) == [.record(.reviewed(lesson: lesson, item: cards[2].id, grade: .hard, seconds: 3, at: t + 23))])
        state.send(.char(" "))
        state.now = t + 24
        #expect(state.press(.char("4")) == [.record(.reviewed(lesson: lesson, item: cards[3].id, grade: .easy, seconds: 1, at: t + 24))])
    }

    @Test func rResumesAtTheRecordedTask() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.progress.apply(.leftOff(lesson: lesson, mode: "practice", task: SeedLesson.lesson.practice!.questions[3].id, at: t))
        state.send(.char("r"))
        #expect(state.choice?.questionIndex == 3)
        state.send(.char("q"), .char("q"))
        guard case .menu = state.screen else { Issue.record("q did not lead back to the menu"); return }
    }
}
