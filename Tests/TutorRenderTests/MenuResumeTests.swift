import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// `r` on the menu with nowhere to resume says why instead of doing nothing.
@Suite struct MenuResumeTests {
    func menu(_ resume: ResumePoint?) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        state.progress.resumePoint = resume
        return state
    }

    static func joined(_ state: State) -> String {
        Renderer.render(state).text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test func aFreshLearnerIsToldThereIsNothingToResume() {
        var state = menu(nil)
        #expect(state.update(.key(.char("r"))).isEmpty && state.route.count == 1)
        #expect(Self.joined(state).contains("Nothing to resume yet: Enter opens the lesson under the pointer."))
    }

    @Test func aPlaceInALessonNoLongerThereIsNamed() {
        var state = menu(ResumePoint(lesson: "gone-lesson\u{1B}[2J", mode: "try", task: "t1", at: Date(timeIntervalSince1970: 0)))
        _ = state.update(.key(.char("r")))
        #expect(state.route.count == 1)
        let text = Self.joined(state)
        #expect(text.contains("Where you left off (gone-lesson\\x1b[2J · try) is not in these lessons"))
    }

    @Test func aPlaceThatIsThereStillOpens() {
        var state = menu(ResumePoint(lesson: ScreenSnapshotTests.seed.id, mode: "practice", task: "", at: Date(timeIntervalSince1970: 0)))
        _ = state.update(.key(.char("r")))
        #expect(state.route.count == 3 && state.note == nil)
    }
}

/// `l` after the last lesson says so instead of doing nothing.
@Suite struct LastLessonTests {
    @Test func lOnTheLastLessonsChooserSaysItIsTheLast() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        _ = state.update(.key(.char("l")))
        guard case .modes = state.screen else { Issue.record("left the chooser"); return }
        #expect(MenuResumeTests.joined(state).contains("This is the last lesson of the course; q goes back to the lessons."))
    }

    @Test func lOnTheLastLessonsSummarySaysItIsTheLast() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        let last = ScreenSnapshotTests.seed.taskCount(for: .practice) - 1
        _ = state.open(.practice, lessonIndex: 0, task: last)
        _ = state.update(.key(.char("n")))
        guard case .summary = state.screen else { Issue.record("no summary: \(state.screen)"); return }
        _ = state.update(.key(.char("l")))
        guard case .summary = state.screen else { Issue.record("left the summary"); return }
        #expect(MenuResumeTests.joined(state).contains("This is the last lesson of the course"))
    }
}
