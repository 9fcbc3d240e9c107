import Foundation
import Testing
import TutorCore
@testable import TutorRender

@Suite struct MenuRenderTests {
    let lessons = [
        Lesson(id: "why-rnns-handle-sequences", title: "Why RNNs handle sequences in PyTorch"),
        Lesson(id: "shapes", title: "Shapes in, shapes out"),
    ]

    @Test func menuAt80x24() {
        var state = State(lessons: lessons, size: Size(width: 80, height: 24))
        _ = state.update(.key(.down))
        let buffer = Renderer.render(state)
        #expect(buffer.lines[4] == "   1. Why RNNs handle sequences in PyTorch")
        #expect(buffer.lines[5] == " › 2. Shapes in, shapes out")
        #expect(buffer.hit(column: 10, row: 5) == .menuItem(1))
        Snapshot.assertMatches(buffer, named: "menu-80x24")
    }

    @Test func menuAt40x12InAscii() {
        let state = State(lessons: lessons, size: Size(width: 40, height: 12), settings: Settings(ascii: true))
        let buffer = Renderer.render(state)
        #expect(buffer.lines[4] == " > 1. Why RNNs handle sequences in Py...")   // "…" reads as "...", not "."
        Snapshot.assertMatches(buffer, named: "menu-40x12-ascii")
    }

    @Test func helpOverTheMenu() {
        var state = State(lessons: lessons, size: Size(width: 80, height: 24))
        _ = state.update(.key(.char("?")))
        let buffer = Renderer.render(state)
        #expect(buffer.text.contains("Keys · Lesson menu"))
        Snapshot.assertMatches(buffer, named: "menu-help-80x24")
    }

    @Test(arguments: [Size(width: 30, height: 8), Size(width: 39, height: 24), Size(width: 80, height: 11)])
    func tooSmallWindowAsksForMore(size: Size) {
        let state = State(lessons: lessons, size: size)
        let text = Renderer.render(state).text
        #expect(text.contains("Make the window"))
        #expect(text.contains("now \(size.width)×\(size.height)"))
        #expect(!text.contains("Choose a lesson"))
    }

    @Test func menuShowsProgressAndTheResumePoint() {
        let seed = ScreenSnapshotTests.seed
        var state = State(lessons: [seed], size: Size(width: 80, height: 24))
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        state.progress.apply(.attempt(lesson: seed.id, item: seed.tryIt!.tasks[0].id, correct: true, at: t0))
        state.progress.apply(.missed(lesson: seed.id, item: seed.tryIt!.tasks[1].id, at: t0))
        state.progress.apply(.leftOff(lesson: seed.id, mode: "try", task: seed.tryIt!.tasks[2].id, at: t0))
        let text = Renderer.render(state).text
        // One item right at the first try of 13: the one rating, and how many items were answered.
        #expect(text.contains("7 % · learning · 2/\(seed.gradableItems.count)"))
        #expect(text.contains("r resumes: Why RNNs handle sequences in PyTorch · Try · task 3"))
    }

    @Test func emptyLessonFolderSaysWhatToDo() {
        let state = State(lessons: [], size: Size(width: 80, height: 24))
        #expect(Renderer.render(state).text.contains("No lessons found."))
    }
}
