import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Snapshots of the lesson screens over the real seed lesson, at 80×24 and at 40×12.
@Suite struct ScreenSnapshotTests {
    static let seed: Lesson = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons/01-why-rnns-handle-sequences.yaml")
        return LessonDecoder.decodeLesson(yaml: try! String(contentsOf: url, encoding: .utf8), file: url.path).lesson!
    }()

    static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 12)]

    func state(_ mode: Mode?, task: Int = 0, size: Size, keys: [Key] = []) -> State {
        var state = State(lessons: [Self.seed], size: size)
        _ = state.openLesson(at: 0)
        if let mode { _ = state.open(mode, lessonIndex: 0, task: task) }
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    func name(_ base: String, _ size: Size) -> String { "\(base)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes) func modeChooser(size: Size) {
        let buffer = Renderer.render(state(nil, size: size))
        #expect(buffer.text.contains("Choose your learning style"))
        Snapshot.assertMatches(buffer, named: name("modes", size))
    }

    @Test(arguments: sizes) func fillTask(size: Size) {
        let buffer = Renderer.render(state(.try, task: 4, size: size, keys: [.char("a")]))
        #expect(buffer.text.contains("Task 5/5 · hard · Attempts: 3 left"))
        #expect(buffer.hit(column: 0, row: 0) == nil)
        #expect(buffer.hits.contains { $0.target == .blank(2) })
        if size.height >= 24 { #expect(buffer.hits.contains { $0.target == .chip(3) }) }
        Snapshot.assertMatches(buffer, named: name("fill-task", size))
    }

    @Test(arguments: sizes) func fillFeedbackAfterAWrongCheck(size: Size) {
        let buffer = Renderer.render(state(.try, task: 1, size: size, keys: [.char("b"), .enter]))
        #expect(buffer.text.contains("✗"))
        Snapshot.assertMatches(buffer, named: name("fill-wrong", size))
    }

    @Test func fillMissedShowsTheAnswerAndMistakes() {
        let buffer = Renderer.render(state(.try, task: 1, size: Self.sizes[0], keys: [.char("b"), .enter, .char("c"), .enter, .char("d"), .enter]))
        #expect(buffer.text.contains("Out of attempts: the answer is filled in ([1] = A)."))
        #expect(buffer.text.contains("hidden = torch.zeros(1, 5, 20)"))
        #expect(buffer.text.contains("Mixing up batch size and hidden size dimensions."))
        Snapshot.assertMatches(buffer, named: "fill-missed-80x24")
    }

    @Test func fillSolved() {
        let buffer = Renderer.render(state(.try, task: 0, size: Self.sizes[0], keys: [.char("a"), .enter]))
        #expect(buffer.text.contains("✓ Correct! Press n for the next task."))
        #expect(buffer.text.contains("num_layers=1)"))
    }

    @Test(arguments: sizes) func choiceSolution(size: Size) {
        let buffer = Renderer.render(state(.practice, task: 2, size: size, keys: [.char("a"), .enter]))
        #expect(buffer.text.contains("wrong"))
        Snapshot.assertMatches(buffer, named: name("choice-solution", size))
    }

    @Test func choiceSolutionScrollsToTheCommonMistakes() {
        var s = state(.practice, task: 2, size: Self.sizes[0], keys: [.char("a"), .enter])
        let limit = Renderer.render(s).scrollLimit
        #expect(limit > 0)
        _ = s.update(.layout(scrollLimit: limit))
        _ = s.update(.key(.pageDown)); _ = s.update(.key(.pageDown))
        let text = Renderer.render(s).text
        #expect(text.contains("Assuming output shape swaps batch and seq_len"))
        #expect(text.contains("Output shape = (seq_len, batch, hidden_size) = (4, 2, 3)"))
    }

    @Test(arguments: sizes) func choiceQuestion(size: Size) {
        let buffer = Renderer.render(state(.practice, task: 2, size: size))
        Snapshot.assertMatches(buffer, named: name("choice-question", size))
    }

    @Test(arguments: sizes) func help(size: Size) {
        let buffer = Renderer.render(state(.try, size: size, keys: [.char("?")]))
        #expect(buffer.text.contains("Keys"))
        Snapshot.assertMatches(buffer, named: name("fill-help", size))
    }
}

extension ScreenSnapshotTests {
    @Test(arguments: sizes) func playgroundAfterARunThatRaised(size: Size) {
        var s = state(.playground, task: 1, size: size, keys: [.ctrl("r")])
        _ = s.update(.snippetRan(output: "Traceback (most recent call last):\n  File \"snippet.py\", line 4, in <module>\n    output, hidden = rnn(input_seq)\nRuntimeError: input.size(-1) must be equal to input_size. Expected 8, got 10\n", failed: true))
        let buffer = Renderer.render(s)
        #expect(buffer.text.contains("✗ Output (it raised)"))
        // The error itself, the traceback's last line, is on screen at every size (wrapped at 40 columns).
        #expect(buffer.text.contains("Expected 8, got"))
        Snapshot.assertMatches(buffer, named: name("playground-raised", size))
    }

    /// The output's header names the interpreter that printed it: MiniPy by default, the `--python` one's
    /// label when real torch ran it.
    @Test func playgroundOutputHeaderNamesTheRuntime() {
        var s = state(.playground, task: 1, size: Size(width: 80, height: 24), keys: [.ctrl("r")])
        _ = s.update(.snippetRan(output: "torch.Size([1, 3, 20])\n", failed: false))
        #expect(Renderer.render(s).lines.contains { $0.hasPrefix(" ✓ Output · MiniPy") })
        _ = s.update(.key(.ctrl("r")))
        _ = s.update(.snippetRan(output: "torch.Size([1, 3, 20])\n", failed: false, runtime: "python3.11 + torch 2.15.0"))
        #expect(Renderer.render(s).lines.contains { $0.hasPrefix(" ✓ Output · python3.11 + torch 2.15.0") })
    }

    /// A snippet taller than the screen still shows what it printed: the code scrolls above the output,
    /// whose last lines stay in view, and the cursor's line stays visible too.
    @Test(arguments: sizes) func playgroundOutputOfATallSnippetStaysInView(size: Size) throws {
        var s = state(.playground, task: 2, size: size, keys: [.ctrl("r")])
        let printed = (0..<12).map { "step \($0)" }.joined(separator: "\n") + "\ndone\n"
        _ = s.update(.snippetRan(output: printed, failed: false))
        let buffer = Renderer.render(s)
        #expect(buffer.text.contains("✓ Output"))
        #expect(buffer.lines.dropLast().last?.contains("done") == true)   // the last printed line, above the status line
        #expect(cursorCells(buffer).count == 1)
    }
}

/// The playground never hides the cursor: a line longer than the pane scrolls sideways, with a mark
/// beside each line that goes on past an edge.
extension ScreenSnapshotTests {
    /// Snippet 3, line 8 (104 characters), cursor at its end.
    func longLine(size: Size, ascii: Bool = false, keys: [Key] = [.end]) -> State {
        var s = state(.playground, task: 2, size: size, keys: Array(repeating: .down, count: 7) + keys)
        s.settings = Settings(ascii: ascii)
        return s
    }

    /// Where the reversed cursor cell was drawn.
    func cursorCells(_ buffer: CellBuffer) -> [(column: Int, row: Int)] {
        (1..<buffer.height - 1).flatMap { row in (0..<buffer.width).filter { buffer[$0, row].style.reverse }.map { (column: $0, row: row) } }
    }

    @Test(arguments: sizes) func playgroundLongLineWithTheCursorAtItsEnd(size: Size) throws {
        let buffer = Renderer.render(longLine(size: size))
        let row = try #require(buffer.lines.firstIndex { $0.contains(" 8  │‹") })
        let end = try #require(buffer.lines[row].range(of: "+ rnn.bias_hh_l0)"))  // the end of the line is on screen
        let cursor = try #require(cursorCells(buffer).first)
        #expect(cursorCells(buffer).count == 1)
        #expect(cursor.row == row && cursor.column == buffer.lines[row].distance(from: buffer.lines[row].startIndex, to: end.upperBound))  // just after the ")"
        #expect(cursor.column <= size.width - 3)  // inside the pane, left of the mark column
        #expect(buffer.lines.filter { $0.contains("│‹") }.count >= 5)  // every non-empty line says it was scrolled
        Snapshot.assertMatches(buffer, named: name("playground-long-line-end", size))
    }

    @Test func playgroundLongLineInTheMiddleMarksBothEdgesInASCII() throws {
        let keys: [Key] = Array(repeating: .right, count: 40)
        let buffer = Renderer.render(longLine(size: Self.sizes[1], ascii: true, keys: keys))
        #expect(buffer.lines.allSatisfy { $0.allSatisfy(\.isASCII) })
        let row = try #require(buffer.lines.firstIndex { $0.hasPrefix(" 8  |<") })
        #expect(buffer[38, row].text == ">")  // the mark in the pane's last column, left of the scroll mark's margin
        let cursor = try #require(cursorCells(buffer).first)
        #expect(cursor.row == row && cursor.column == 1 + 5 + 31)  // column 40 of the line, on the last cell of text (view from 9)
        Snapshot.assertMatches(buffer, named: "playground-long-line-middle-40x12-ascii")
    }

    @Test func playgroundTallerThanThePaneKeepsTheCursorLineInView() throws {
        var s = state(.playground, task: 2, size: Self.sizes[1], keys: Array(repeating: .down, count: 9))
        var text = Renderer.render(s).text
        #expect(text.contains("10 │ print(torch.allclose(output[-1]"))
        #expect(!text.contains("Snippet 3/5"))
        for _ in 0..<9 { _ = s.update(.key(.up)) }
        text = Renderer.render(s).text
        #expect(text.contains("Snippet 3/5") && text.contains(" 1  │ import torch"))
    }
}
