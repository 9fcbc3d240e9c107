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
        #expect(state.note?.hasPrefix("Run the snippet first") == true)
        let config = VisualizerConfig(module: .RNN, inputSize: 10, hiddenSize: 20, input: Tensor(shape: [5, 3, 10], storage: Array(repeating: 0.5, count: 150)))
        _ = state.update(.snippetRan(output: "", failed: false, modules: [3: config]))
        state.send(.ctrl("v"))
        guard case .visualize(let vis) = state.screen else { Issue.record("no visualizer"); return }
        #expect(vis.config == config)
        state.send(.escape)
        #expect(play(state) != nil)
    }
}

/// The editor keeps the cursor in view: it scrolls sideways past a long line's edge, and down and
/// up through a snippet taller than the screen, moving only when the cursor would leave the view.
extension PlaygroundUpdateTests {
    /// Snippet 3, line 8 is 104 characters: `    h = torch.tanh(x[t] @ … + rnn.bias_hh_l0)`.
    static let small = Size(width: 40, height: 12)

    @Test func followMovesTheViewOnlyAsFarAsTheCursorNeeds() {
        #expect(PlaygroundState.follow(0, cursor: 31, span: 32) == 0)
        #expect(PlaygroundState.follow(0, cursor: 32, span: 32) == 1)
        #expect(PlaygroundState.follow(10, cursor: 20, span: 32) == 10)  // inside: stays put
        #expect(PlaygroundState.follow(10, cursor: 9, span: 32) == 9)
        #expect(PlaygroundState.follow(0, cursor: 30, size: 2, span: 32) == 0)  // a wide character at the edge
        #expect(PlaygroundState.follow(0, cursor: 31, size: 2, span: 32) == 1)
    }

    @Test func movingRightPastTheEdgeScrollsAndMovingBackLeftScrollsBack() throws {
        var state = SeedLesson.state(.playground, task: 2, size: Self.small)
        var p = try #require(play(state))
        // 40 columns less the margins (2), the gutter "10 │ " (5) and the mark column (1).
        #expect(p.textWidth(screenWidth: 40) == 32)
        for _ in 0..<7 { state.send(.down) }
        for _ in 0..<31 { state.send(.right) }
        p = try #require(play(state))
        #expect(p.row == 7 && p.column == 31 && p.leftCell == 0)  // the last cell shown
        state.send(.right)
        #expect(play(state)?.leftCell == 1)
        for _ in 0..<10 { state.send(.right) }
        #expect(play(state)?.leftCell == 11)  // one cell per step, the cursor on the last column
        for _ in 0..<31 { state.send(.left) }
        #expect(play(state)?.column == 11 && play(state)?.leftCell == 11)  // back across the view: no scroll yet
        state.send(.left)
        #expect(play(state)?.column == 10 && play(state)?.leftCell == 10)
        state.send(.end)
        #expect(play(state)?.column == 104 && play(state)?.leftCell == 104 + 1 - 32)  // the cell after the text shows
        state.send(.home)
        #expect(play(state)?.column == 0 && play(state)?.leftCell == 0)
    }

    @Test func typingAtTheEdgeScrollsAndEditsKeepTheCursorInView() throws {
        var state = SeedLesson.state(.playground, task: 0, size: Self.small)
        state.send(.end, .enter)
        for c in "print(\"a line typed past the right edge ends here\")" { state.send(.char(c)) }
        var p = try #require(play(state))
        // Six lines: gutter "6 │ " (4), so 33 cells of text.
        #expect(p.column == 51 && p.leftCell == 51 + 1 - 33)
        for _ in 0..<51 { state.send(.backspace) }
        p = try #require(play(state))
        #expect(p.column == 0 && p.leftCell == 0)
    }

    @Test func aResizeScrollsForTheNewWidth() throws {
        var state = SeedLesson.state(.playground, task: 2)
        for _ in 0..<7 { state.send(.down) }
        state.send(.end)
        #expect(play(state)?.leftCell == 105 - 72)
        _ = state.update(.resize(Self.small))
        #expect(play(state)?.leftCell == 105 - 32)
        _ = state.update(.resize(Size(width: 120, height: 40)))
        #expect(play(state)?.leftCell == 105 - 32)  // still in view: the view does not jump back
        state.send(.home)
        #expect(play(state)?.leftCell == 0)
    }

    @Test func verticalScrollKeepsTheCursorLineInViewAndStaysPutInside() throws {
        // 10 rows of content at 40×12: the title, a gap, then 8 of the 10 lines.
        var state = SeedLesson.state(.playground, task: 2, size: Self.small)
        for _ in 0..<7 { state.send(.down) }
        #expect(play(state)?.scroll == 0)
        state.send(.down)
        #expect(play(state)?.scroll == 1)
        state.send(.down)
        #expect(play(state)?.scroll == 2 && play(state)?.row == 9)
        state.send(.down)
        #expect(play(state)?.scroll == 2 && play(state)?.row == 9)
        for _ in 0..<8 { state.send(.up) }
        #expect(play(state)?.row == 1 && play(state)?.scroll == 2)  // row 1 is the view's first row
        state.send(.up)
        #expect(play(state)?.row == 0 && play(state)?.scroll == 0)  // the title comes back with line 1
    }
}
