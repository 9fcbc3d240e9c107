import Foundation
import Testing
@testable import TutorCore

@Suite struct PreviewUpdateTests {
    func preview(_ mode: Mode, task: Int = 0) -> State {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24), settings: Settings(preview: true))
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: task)
        return state
    }

    @Test func gDigitsEnterJumpsToAnyTaskOfTheMode() {
        var state = preview(.try)
        state.send(.char("g"), .char("4"), .enter)
        #expect(state.fill?.taskIndex == 3 && state.goto == nil)
        state.send(.char("g"), .char("9"), .enter)
        #expect(state.fill?.taskIndex == 3)
        #expect(state.status == "There is no task 9: Try has 5.")
        var test = preview(.test)
        test.send(.char("g"), .char("1"), .char("0"), .enter)
        #expect(test.test?.index == 9)
        test.send(.char("g"), .escape)
        #expect(test.goto == nil && test.test?.index == 9)
    }

    @Test func gIsAnOrdinaryKeyOutsidePreview() {
        var state = SeedLesson.state(.try)
        state.send(.char("g"))
        #expect(state.goto == nil)
    }

    @Test func aSavedLessonIsTakenInPlaceOnTheSameModeAndTask() {
        var state = preview(.try, task: 2)
        var edited = SeedLesson.lesson
        edited.tryIt!.tasks[2].prompt = "Edited prompt"
        _ = state.update(.lessonBroken(["01.yaml:3:1: something is wrong"]))
        #expect(state.lessonProblems == ["01.yaml:3:1: something is wrong"])
        #expect(state.fill?.taskIndex == 2)
        _ = state.update(.lessonReloaded(edited))
        #expect(state.lessonProblems.isEmpty)
        #expect(state.fill?.taskIndex == 2 && state.fill?.task.prompt == "Edited prompt")
        #expect(state.route.count == 3)
    }

    @Test func previewNeverEmitsRecords() {
        var state = preview(.challenge)
        var effects: [Effect] = []
        for _ in 0..<3 {
            effects += answer(&state, right: false)
            effects += answer(&state, right: false)
            effects += state.press(.char("n"))
        }
        #expect(state.challenge?.isFinished == true)
        #expect(!effects.contains { if case .record = $0 { true } else { false } })
    }
}
