import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// A long snippet in the playground: a frame lays out the rows that can be seen, wherever the cursor is.
@Suite struct PlaygroundLongSnippetTests {
    static func state(lines: Int, row: Int) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        _ = state.open(.playground, lessonIndex: 0, task: 0)
        guard case .playground(var play) = state.screen else { return state }
        play.lines = (1...lines).map { "x\($0) = \($0) * 2" }
        play.row = row
        play.column = 0
        play.keepCursorInView(size: state.size)
        state.screen = .playground(play)
        return state
    }

    @Test(arguments: [0, 1, 10, 5_000, 19_990, 19_999])
    func theCursorsNeighbourhoodIsDrawnWhereverItIs(row: Int) {
        let text = Renderer.render(Self.state(lines: 20_000, row: row)).text
        #expect(text.contains("x\(row + 1) = \(row + 1) * 2"))
        // A row beside it too (above it when the view is scrolled to keep it at the bottom), not a blank placeholder.
        let beside = row > 0 ? row : 2
        #expect(text.contains("x\(beside) = \(beside) * 2"))
    }

    /// Every line was laid out on every frame: each key took time in the length of the whole snippet.
    @Test(.timeLimit(.minutes(1))) func aFrameOfATwentyThousandLineSnippetIsQuick() {
        let state = Self.state(lines: 20_000, row: 10_000)
        _ = Renderer.render(state)
        let start = Date()
        for _ in 0..<20 { _ = Renderer.render(state) }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
