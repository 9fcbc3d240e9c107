import Foundation
import Testing
@testable import TutorCore

@Suite struct VisualizerUpdateTests {
    static func section(_ module: VisualizeSection.Module, layers: Int = 1, bidirectional: Bool = false) -> VisualizeSection {
        VisualizeSection(minutes: 1, module: module, inputSize: 2, hiddenSize: 3, numLayers: layers, bidirectional: bidirectional,
                         weights: .seed(0), inputShape: [4, 2], input: [1, 0, 0, 1, 1, 1, -0.5, 0.25])
    }

    static func state(_ module: VisualizeSection.Module = .RNN, layers: Int = 1, bidirectional: Bool = false) -> State {
        var state = State(lessons: [], size: Size(width: 80, height: 24))
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section(module, layers: layers, bidirectional: bidirectional)), seed: 0))]
        return state
    }

    static func vis(_ state: State) -> VisualizerState {
        guard case .visualize(let v) = state.screen else { fatalError("not on the visualizer") }
        return v
    }

    @Test(arguments: [VisualizeSection.Module.RNN, .LSTM, .GRU])
    func everyModuleTraces(module: VisualizeSection.Module) {
        let v = VisualizerState(config: VisualizerConfig(section: Self.section(module)), seed: 0)
        #expect(v.error == nil)
        #expect(v.stepCount == 4)
    }

    @Test func arrowsRevealAndGoBack() {
        var state = Self.state(layers: 2)
        #expect(Self.vis(state).stepCount == 8)
        #expect(state.update(.key(.right)) == [])
        #expect(Self.vis(state).revealed == 1)
        _ = state.update(.key(.end))
        #expect(Self.vis(state).revealed == 8)
        #expect(Self.vis(state).focusLayer == 1)
        _ = state.update(.key(.right))
        #expect(Self.vis(state).revealed == 8)
        _ = state.update(.key(.left))
        #expect(Self.vis(state).revealed == 7)
        _ = state.update(.key(.down))
        #expect(Self.vis(state).focusLayer == 0)
        _ = state.update(.key(.home))
        #expect(Self.vis(state).revealed == 0)
    }

    @Test func spacePlaysOnTheClockAndStopsAtTheEnd() {
        var state = Self.state()
        #expect(state.update(.key(.char(" "))) == [.startTimer(interval: 0.6)])
        #expect(Self.vis(state).playing)
        for _ in 0..<3 { #expect(state.update(.tick(Date())) == []) }
        #expect(state.update(.tick(Date())) == [.stopTimer])
        #expect(Self.vis(state).revealed == 4)
        #expect(!Self.vis(state).playing)
        // Space at the end plays again from the start; Space again pauses.
        #expect(state.update(.key(.char(" "))) == [.startTimer(interval: 0.6)])
        #expect(Self.vis(state).revealed == 0)
        #expect(state.update(.key(.char(" "))) == [.stopTimer])
    }

    @Test func quittingWhilePlayingStopsTheClock() {
        var state = Self.state()
        state.route.insert(.menu(MenuState()), at: 0)
        _ = state.update(.key(.char(" ")))
        #expect(state.update(.key(.char("q"))) == [.stopTimer])
        #expect(state.route.count == 1)
        #expect(state.update(.tick(Date())) == [.stopTimer])
    }

    @Test func rDrawsNewWeightsFromTheNextSeed() {
        var state = Self.state()
        _ = state.update(.key(.end))
        let before = Self.vis(state).trace!.result
        _ = state.update(.key(.char("r")))
        #expect(Self.vis(state).seed == 1)
        #expect(Self.vis(state).revealed == 4)
        #expect(Self.vis(state).trace!.result != before)
    }

    @Test func bCyclesTheBatch() {
        var state = State(lessons: [], size: Size(width: 80, height: 24))
        let section = VisualizeSection(minutes: 1, module: .GRU, inputSize: 1, hiddenSize: 2, weights: .seed(3),
                                       inputShape: [2, 2, 1], input: [1, 2, 3, 4])
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section), seed: 3))]
        #expect(Self.vis(state).batchCount == 2)
        _ = state.update(.key(.char("b")))
        #expect(Self.vis(state).batchElement == 1)
        _ = state.update(.key(.char("b")))
        #expect(Self.vis(state).batchElement == 0)
    }

    @Test func longSequencesScrollToKeepTheStepInView() {
        var state = State(lessons: [], size: Size(width: 40, height: 12))
        let section = VisualizeSection(minutes: 1, module: .RNN, inputSize: 1, hiddenSize: 2, weights: .seed(0),
                                       inputShape: [9, 1], input: Array(repeating: 0.5, count: 9))
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section)))]
        for _ in 0..<6 { _ = state.update(.key(.right)) }
        let v = Self.vis(state)
        let fit = VisualizerState.columnsThatFit(width: 40)
        #expect(v.scroll <= 5 && 5 < v.scroll + fit)
        _ = state.update(.key(.home))
        #expect(Self.vis(state).scroll == 0)
    }

    @Test func theChooserListsAndOpensVisualize() {
        #expect(Mode.listed.contains(.visualize))
    }
}

@Suite struct VisualizerFromTheLessonTests {
    @Test func theSeedLessonOpensItsVisualizeSection() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        _ = state.open(.visualize, lessonIndex: 0, task: 0)
        guard case .visualize(let vis) = state.screen else { Issue.record("not on the visualizer"); return }
        #expect(vis.stepCount == 4)
        #expect(vis.lessonIndex == 0)
        #expect(vis.notice == nil)
        _ = state.update(.key(.right))
        guard case .visualize(let after) = state.screen else { return }
        #expect(after.caption?.hasPrefix("The first step starts from h_0 = zeros") == true)
    }

    @Test func aStateDictThatWasNotLoadedSaysSo() {
        var lesson = SeedLesson.lesson
        lesson.visualize?.weights = .stateDict("weights.json")
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        _ = state.open(.visualize, lessonIndex: 0, task: 0)
        guard case .visualize(let vis) = state.screen else { Issue.record("not on the visualizer"); return }
        #expect(vis.notice?.contains("weights.json") == true)
        #expect(vis.trace != nil)
    }
}

extension VisualizerUpdateTests {
    @Test func narrowingTheWindowKeepsTheCurrentStepInView() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        _ = state.open(.visualize, lessonIndex: 0, task: 0)
        for _ in 0..<4 { _ = state.update(.key(.right)) }
        _ = state.update(.resize(Size(width: 40, height: 12)))
        guard case .visualize(let vis) = state.screen, let t = vis.current?.t else { Issue.record("no visualizer"); return }
        let visible = VisualizerState.columnsThatFit(width: 40)
        #expect(t >= vis.scroll && t < vis.scroll + visible)
    }
}
