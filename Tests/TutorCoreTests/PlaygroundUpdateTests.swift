import RNNEngine
import Testing
@testable import TutorCore

@Suite struct PlaygroundUpdateTests {
    func play(_ state: State) -> PlaygroundState? { if case .playground(let p) = state.screen { return p }; return nil }

    @Test func typingEditsAndCtrlRAsksTheRuntimeToRun() {
        var state = SeedLesson.state(.playground, task: 1)
        state.send(.down, .end, .char("?"), .char("g"), .backspace, .backspace)
        #expect(!state.showsHelp)  // ? and g type in the editor
        #expect(play(state)?.lines[1] == "rnn = torch.nn.RNN(input_size=8, hidden_size=4)")
        state.send(.home)
        for _ in 0..<30 { state.send(.right) }
        state.send(.delete, .char("1"), .char("0"))
        #expect(play(state)?.lines[1] == "rnn = torch.nn.RNN(input_size=10, hidden_size=4)")
        let effects = state.update(.key(.ctrl("r")))
        #expect(effects == [.runSnippet(play(state)!.code)])
        #expect(play(state)?.running == true)
        #expect(state.update(.key(.ctrl("r"))) == [])  // one run at a time
        _ = state.update(.snippetRan(output: "torch.Size([5, 3, 4])\n", failed: false))
        #expect(play(state)?.output == "torch.Size([5, 3, 4])\n" && play(state)?.running == false)
    }

    @Test func enterSplitsKeepingIndentAndBackspaceJoins() {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.end, .enter)
        #expect(play(state)?.lines[0] == "import torch" && play(state)?.lines[1] == "")
        state.send(.backspace)
        #expect(play(state)?.lines[0] == "import torch" && play(state)?.row == 0 && play(state)?.column == 12)
    }

    @Test func ctrlNAndCtrlPChangeSnippetAndEscLeaves() {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.ctrl("n"))
        #expect(play(state)?.snippetIndex == 1)
        state.send(.ctrl("p"))
        #expect(play(state)?.snippetIndex == 0)
        state.send(.ctrl("g"))
        #expect(state.showsHelp)
        state.send(.escape, .escape)
        #expect(play(state) == nil)
    }
}

extension PlaygroundUpdateTests {
    @Test func ctrlVOpensTheVisualizerOnTheModuleTheSnippetRan() throws {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.ctrl("v"))
        #expect(state.status?.hasPrefix("Run the snippet first") == true)
        let config = VisualizerConfig(module: .RNN, inputSize: 10, hiddenSize: 20, input: Tensor(shape: [5, 3, 10], storage: Array(repeating: 0.5, count: 150)))
        _ = state.update(.snippetRan(output: "", failed: false, modules: [3: config]))
        state.send(.ctrl("v"))
        guard case .visualize(let vis) = state.screen else { Issue.record("no visualizer"); return }
        #expect(vis.config == config)
        state.send(.escape)
        #expect(play(state) != nil)
    }
}
