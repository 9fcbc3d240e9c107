import Foundation
import RNNEngine
import Testing
@testable import TutorCore

/// The gradient view's keys: `g` opens and closes it, ← takes BPTT one step back (the loss's step first, h_0
/// last), → undoes one, Home and End, Space plays; `n` and `p` move between a lesson's visualize items.
@Suite struct VisualizerGradientUpdateTests {
    static func state(layers: Int = 1, preview: Bool = false) -> State {
        let section = VisualizerUpdateTests.section(.RNN, layers: layers)
        var state = State(lessons: [], size: Size(width: 80, height: 24), settings: Settings(preview: preview))
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section), seed: 0))]
        return state
    }

    static func gradient(_ state: State) -> VisualizerGradient? { VisualizerUpdateTests.vis(state).gradient }

    @Test func gOpensTheBackwardAndLeftStepsBackThroughTime() throws {
        var state = Self.state()
        #expect(state.update(.key(.char("g"))) == [])
        var g = try #require(Self.gradient(state))
        #expect(g.stepCount == 5 && g.revealed == 0 && g.current == nil)
        _ = state.update(.key(.left))
        g = try #require(Self.gradient(state))
        #expect(g.current?.t == 3 && g.current?.isInitial == false)
        _ = state.update(.key(.left))
        #expect(Self.gradient(state)?.current?.t == 2)
        _ = state.update(.key(.right))
        #expect(Self.gradient(state)?.current?.t == 3)
        _ = state.update(.key(.home))
        g = try #require(Self.gradient(state))
        #expect(g.revealed == 5 && g.current?.isInitial == true)
        // The initial state's gradient is what the module's backward returns as grad_hx.
        #expect(g.current?.dh == g.trace?.gradients.hx[0].reshaped([1, 3]))
        _ = state.update(.key(.end))
        #expect(Self.gradient(state)?.revealed == 0)
        _ = state.update(.key(.char("g")))
        #expect(Self.gradient(state) == nil)
        #expect(VisualizerUpdateTests.vis(state).revealed == 0)
    }

    @Test func bpttVisitsTheTopLayerFirstAndTheFocusFollows() {
        var state = Self.state(layers: 2)
        _ = state.update(.key(.char("g")))
        _ = state.update(.key(.left))
        #expect(Self.gradient(state)?.current?.layer == 1)
        #expect(VisualizerUpdateTests.vis(state).focusLayer == 1)
        for _ in 0..<5 { _ = state.update(.key(.left)) }
        #expect(Self.gradient(state)?.current?.layer == 0 && Self.gradient(state)?.current?.t == 3)
        #expect(VisualizerUpdateTests.vis(state).focusLayer == 0)
    }

    @Test func spacePlaysBackwardAndStopsAtHZero() {
        var state = Self.state()
        _ = state.update(.key(.char("g")))
        #expect(state.update(.key(.char(" "))) == [.startTimer(interval: 0.6)])
        for _ in 0..<4 { #expect(state.update(.tick(Date())) == []) }
        #expect(state.update(.tick(Date())) == [.stopTimer])
        #expect(Self.gradient(state)?.isAtEnd == true)
        // g while playing stops the clock.
        _ = state.update(.key(.char(" ")))
        #expect(state.update(.key(.char("g"))) == [.stopTimer])
    }

    @Test func reseedingKeepsTheViewAndItsPlace() throws {
        var state = Self.state()
        _ = state.update(.key(.char("g")))
        _ = state.update(.key(.left))
        _ = state.update(.key(.left))
        let before = try #require(Self.gradient(state)?.current?.dh)
        _ = state.update(.key(.char("r")))
        let g = try #require(Self.gradient(state))
        #expect(g.revealed == 2 && g.current?.dh != before)
    }

    /// In preview `g` jumps to a task everywhere else; here it is the gradient view.
    @Test func previewLeavesGToTheVisualizer() {
        var state = Self.state(preview: true)
        _ = state.update(.key(.char("g")))
        #expect(state.goto == nil && Self.gradient(state) != nil)
    }

    @Test func nAndPMoveBetweenALessonsItems() throws {
        var lesson = SeedLesson.lesson
        var second = try #require(lesson.visualize)
        second.module = .LSTM
        lesson.visualizations.append(second)
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        _ = state.open(.visualize, lessonIndex: 0, task: 0)
        #expect(VisualizerUpdateTests.vis(state).itemCount == 2)
        let depth = state.route.count
        _ = state.update(.key(.char("g")))
        _ = state.update(.key(.char("n")))
        let vis = VisualizerUpdateTests.vis(state)
        #expect(vis.item == 1 && vis.config.module == .LSTM && vis.gradient != nil)
        #expect(vis.position == ScreenPosition(.visualize, 0, 1))
        _ = state.update(.key(.char("n")))
        #expect(state.note == "This is the lesson's last visualization.")
        _ = state.update(.key(.char("p")))
        #expect(VisualizerUpdateTests.vis(state).item == 0)
        // n and p replace the screen: q still goes back to where the visualizer was opened from.
        #expect(state.route.count == depth)
    }
}
