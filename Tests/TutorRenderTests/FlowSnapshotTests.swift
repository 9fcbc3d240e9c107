import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Snapshots of the screens issue 16 added or changed: feedback that teaches, the Try summary, the
/// lesson overview, at 80×24 and 40×12.
@Suite struct FlowSnapshotTests {
    static let sizes = ScreenSnapshotTests.sizes
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func state(_ mode: Mode?, task: Int = 0, size: Size, progress: LearnerProgress = LearnerProgress(), keys: [Key] = []) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: size)
        state.progress = progress
        state.now = t0
        _ = state.openLesson(at: 0)
        if let mode { _ = state.open(mode, lessonIndex: 0, task: task) }
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    func name(_ base: String, _ size: Size) -> String { "\(base)-\(size.width)x\(size.height)" }

    /// Try's first task answered with B: what PyTorch does with 0 layers, and why 0 is wrong.
    @Test(arguments: sizes) func feedbackOnAWrongOption(size: Size) {
        let buffer = Renderer.render(state(.try, size: size, keys: [.char("b"), .enter]))
        #expect(buffer.text.contains("ValueError: num_layers must be greater than zero") || size.width < 80)
        #expect(buffer.text.contains("ValueError:"))
        Snapshot.assertMatches(buffer, named: name("feedback-wrong", size))
    }

    /// A right answer: what the code now prints, and why.
    @Test(arguments: sizes) func feedbackOnARightAnswer(size: Size) {
        let buffer = Renderer.render(state(.try, size: size, keys: [.char("a"), .enter]))
        #expect(buffer.text.contains("Correct! Press n for the next task."))
        #expect(buffer.text.contains("It now prints RNN(10, 20)"))
        Snapshot.assertMatches(buffer, named: name("feedback-right", size))
    }

    /// Practice: the chosen wrong option's explanation before the worked solution.
    @Test func practiceExplainsTheChosenWrongOption() {
        let buffer = Renderer.render(state(.practice, task: 2, size: Size(width: 80, height: 24), keys: [.char("a"), .enter]))
        #expect(buffer.text.contains("Why not A: This puts hidden_size (3) where the batch (2) goes"))
    }

    static func someTryProgress(_ t0: Date) -> LearnerProgress {
        let seed = ScreenSnapshotTests.seed
        var p = LearnerProgress()
        let tasks = seed.tryIt!.tasks
        p.apply(.attempt(lesson: seed.id, item: tasks[0].id, correct: true, at: t0))
        p.apply(.attempt(lesson: seed.id, item: tasks[1].id, correct: false, at: t0))
        p.apply(.missed(lesson: seed.id, item: tasks[1].id, at: t0))
        p.apply(.attempt(lesson: seed.id, item: tasks[2].id, correct: false, at: t0))
        p.apply(.attempt(lesson: seed.id, item: tasks[2].id, correct: true, at: t0))
        p.apply(.attempt(lesson: seed.id, item: tasks[4].id, correct: true, at: t0))
        return p
    }

    @Test(arguments: sizes) func trySummary(size: Size) {
        let buffer = Renderer.render(state(.try, task: 4, size: size, progress: Self.someTryProgress(t0), keys: [.char("n")]))
        #expect(buffer.text.contains("Try · summary"))
        if size.height >= 24 {
            #expect(buffer.text.contains("Score: 3/5 right (60 %)"))
            #expect(buffer.text.contains("First try: 2 of 4 answered (50 %)"))
            #expect(buffer.text.contains("Task 2 · Complete the code to initialize the hidden state"))
            #expect(buffer.text.contains("Enter: Practice, multiple choice, worked solutions"))
        }
        Snapshot.assertMatches(buffer, named: name("summary-try", size))
    }

    @Test(arguments: sizes) func lessonOverview(size: Size) {
        var p = Self.someTryProgress(t0)
        p.apply(.testScore(lesson: ScreenSnapshotTests.seed.id, score: 6, total: 10, at: t0))
        let buffer = Renderer.render(state(nil, size: size, progress: p, keys: [.char("o")]))
        #expect(buffer.text.contains("Lesson overview"))
        #expect(buffer.text.contains("Lesson mastery: 60 % · getting there"))
        if size.height >= 24 {
            #expect(buffer.text.contains("3/5 right · 2 first try"))
            #expect(buffer.text.contains("latest 6/10"))
            #expect(buffer.text.contains("★ Recommended"))
        }
        Snapshot.assertMatches(buffer, named: name("overview", size))
    }

    @Test func theMasteryReadsTheSameOnTheMenuTheChooserTheOverviewAndTheResults() {
        var p = Self.someTryProgress(t0)
        p.apply(.testScore(lesson: ScreenSnapshotTests.seed.id, score: 6, total: 10, at: t0))
        let label = ScreenSnapshotTests.seed.mastery(in: p).label
        #expect(label == "60 % · getting there")
        var menu = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        menu.progress = p
        #expect(Renderer.render(menu).text.contains(label))
        #expect(Renderer.render(state(nil, size: Size(width: 80, height: 24), progress: p)).text.contains("Mastery: " + label))
        #expect(Renderer.render(state(.try, task: 4, size: Size(width: 80, height: 24), progress: p, keys: [.char("n")])).text.contains("Lesson mastery: " + label))
    }
}
