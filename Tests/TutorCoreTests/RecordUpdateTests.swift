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

    @Test func aRightCheckRecordsASolvedAttempt() {
        var state = SeedLesson.state(.try, task: 0)
        state.now = t
        _ = state.update(.key(.char("a")))
        let effects = state.update(.key(.enter))
        let id = SeedLesson.lesson.tryIt!.tasks[0].id
        #expect(effects == [.record(.attempt(lesson: lesson, item: id, correct: true, at: t))])
        #expect(state.progress.status(lesson: lesson, item: id) == .solved)
    }

    @Test func theLastWrongCheckRecordsAMiss() {
        var state = SeedLesson.state(.try, task: 1)
        state.send(.char("b"), .enter, .char("c"), .enter, .char("d"))
        let effects = state.update(.key(.enter))
        #expect(effects.count == 2)
        #expect(state.progress.status(lesson: lesson, item: SeedLesson.lesson.tryIt!.tasks[1].id) == .missed)
    }

    @Test func hintAndMistakesAreRecordedWhenShown() {
        var state = SeedLesson.state(.try, task: 0)
        #expect(state.update(.key(.char("h"))).count == 1)
        #expect(state.update(.key(.char("h"))).isEmpty)  // hiding it again records nothing
        #expect(state.update(.key(.char("m"))).count == 1)
    }

    @Test func aWrongPracticeAnswerRecordsAttemptMissAndSolutionSeen() {
        var state = SeedLesson.state(.practice, task: 2)
        state.now = t
        state.send(.char("a"))
        let id = SeedLesson.lesson.practice!.questions[2].id
        #expect(state.update(.key(.enter)) == [
            .record(.attempt(lesson: lesson, item: id, correct: false, at: t)),
            .record(.missed(lesson: lesson, item: id, at: t)),
            .record(.solutionSeen(lesson: lesson, item: id, at: t)),
        ])
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
