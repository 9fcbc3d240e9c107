import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Screen-reader mode (issue 21): the cursor on the focused element, no box drawing or blocks anywhere,
/// the status row saying what changed, the visualizer and the help as sentences.
@Suite struct ScreenReaderRenderTests {
    static let reader = Settings(screenReader: true)

    static func state(_ mode: Mode?, task: Int = 0, size: Size = Size(width: 80, height: 24), settings: Settings = reader,
                      keys: [Key] = []) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: size, settings: settings)
        _ = state.openLesson(at: 0)
        if let mode { _ = state.open(mode, lessonIndex: 0, task: task) }
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    /// Every screen of lesson 1, in the states a learner walks through: each mode opened, worked,
    /// answered, finished, and its help.
    static func walk(size: Size, settings: Settings = reader) -> [(String, State)] {
        var screens: [(String, State)] = []
        func add(_ name: String, _ s: State) {
            screens.append((name, s))
            var help = s
            _ = help.update(.key(s.screen.model.takesText ? .ctrl("g") : .char("?")))
            screens.append((name + " help", help))
        }
        let menu = State(lessons: [ScreenSnapshotTests.seed], size: size, settings: settings)
        add("menu", menu)
        add("modes", state(nil, size: size, settings: settings))
        add("overview", state(nil, size: size, settings: settings, keys: [.char("o")]))
        for mode in [Mode.intro, .why, .deep] {
            add("\(mode)", state(mode, size: size, settings: settings))
            add("\(mode) end", state(mode, size: size, settings: settings, keys: [.end]))
        }
        // A wrong answer to each task of lesson 1 (its blanks filled with options that are not the answer).
        let wrong: [[Key]] = [[.char("b")], [.char("b")], [.char("a")], [.char("c"), .char("d")], [.char("d"), .char("c"), .char("b")]]
        for task in 0..<5 {
            add("try \(task)", state(.try, task: task, size: size, settings: settings))
            add("try \(task) carrying", state(.try, task: task, size: size, settings: settings, keys: [.right, .char(" ")]))
            add("try \(task) wrong", state(.try, task: task, size: size, settings: settings, keys: wrong[task] + [.enter]))
            add("try \(task) missed", state(.try, task: task, size: size, settings: settings, keys: Array(repeating: wrong[task] + [.enter], count: 3).flatMap { $0 }))
            add("try \(task) solved", state(.try, task: task, size: size, settings: settings, keys: [.char("a"), .char("b"), .char("c"), .enter]))
        }
        add("try summary", state(.try, task: 4, size: size, settings: settings, keys: [.char("n")]))
        for task in 0..<5 {
            add("practice \(task)", state(.practice, task: task, size: size, settings: settings, keys: [.down]))
            add("practice \(task) answered", state(.practice, task: task, size: size, settings: settings, keys: [.char("a"), .enter, .end]))
        }
        add("practice summary", state(.practice, task: 4, size: size, settings: settings, keys: [.char("n")]))
        add("challenge", state(.challenge, size: size, settings: settings))
        add("challenge wrong", state(.challenge, size: size, settings: settings, keys: [.char("a"), .enter]))
        let answer: [Key] = [.char("a"), .char("b"), .char("c"), .enter]   // fills every blank, or chooses C
        add("challenge result", state(.challenge, size: size, settings: settings, keys: Array(repeating: answer + answer + [.char("n")], count: 3).flatMap { $0 } + [.enter]))
        add("review", state(.review, size: size, settings: settings))
        add("review back", state(.review, size: size, settings: settings, keys: [.char(" ")]))
        add("review done", state(.review, size: size, settings: settings, keys: Array(repeating: [.char(" "), .char("3")], count: 12).flatMap { $0 }))
        add("visualize", state(.visualize, size: size, settings: settings))
        add("visualize step", state(.visualize, size: size, settings: settings, keys: [.right, .right]))
        add("visualize end", state(.visualize, size: size, settings: settings, keys: [.end]))
        add("test", state(.test, size: size, settings: settings))
        add("test result", state(.test, size: size, settings: settings, keys: Array(repeating: answer, count: 10).flatMap { $0 } + [.end]))
        var play = state(.playground, size: size, settings: settings, keys: [.down, .ctrl("r")])
        add("playground running", play)
        _ = play.update(.snippetRan(output: "torch.Size([5, 3, 20])\n", failed: false))
        add("playground", play)
        return screens
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12), Size(width: 200, height: 60)])
    func noScreenOfLessonOneDrawsBoxesOrBlocks(size: Size) {
        for (name, state) in Self.walk(size: size) {
            let buffer = Renderer.render(state)
            #expect(!buffer.hasLineDrawing, "\(name) at \(size.width)x\(size.height):\n\(buffer.text)")
            #expect(buffer.cursor != nil, "\(name)")
        }
    }

    /// The cursor is on the first character of the region drawn for `target`.
    func cursorIsOn(_ target: HitTarget, _ buffer: CellBuffer) -> Bool {
        guard let cursor = buffer.cursor, let region = buffer.hits.first(where: { $0.target == target }) else { return false }
        let first = (region.rect.x..<region.rect.maxX).first { buffer[$0, region.rect.y].text != " " }
        return cursor == CursorPosition(column: first ?? region.rect.x, row: region.rect.y)
    }

    @Test func theCursorFollowsTheFocusedBlankAndTheChipInATryTask() {
        var s = Self.state(.try, task: 4)
        let keys: [Key] = [.char("a"), .tab, .right, .right, .char(" "), .tab, .char(" "), .char("3"), .backspace, .char("1"), .left]
        #expect(cursorIsOn(.blank(1), Renderer.render(s)))
        for key in keys {
            _ = s.update(.key(key))
            guard case .fill(let f) = s.screen else { Issue.record("left the task"); return }
            let buffer = Renderer.render(s)
            let target: HitTarget = f.keyboardOn == .chip ? .chip(f.chipCursor) : .blank(f.focusedBlank ?? 0)
            #expect(cursorIsOn(target, buffer), "after \(key): cursor \(String(describing: buffer.cursor)), focus \(target)\n\(buffer.text)")
            #expect(buffer.lines.last == Chrome.cutAtWord(s.announcement ?? "", to: 79), "after \(key)")
        }
        // The cursor is on the blank's text: an empty one reads "[blank n]".
        let buffer = Renderer.render(Self.state(.try, task: 4, keys: [.tab]))
        let cursor = try! #require(buffer.cursor)
        #expect(buffer.lines[cursor.row].dropFirst(cursor.column).hasPrefix("[blank 2]"))
    }

    @Test func theCursorIsOnTheSelectedOptionAndRow() {
        let practice = Renderer.render(Self.state(.practice, keys: [.down, .down]))
        #expect(cursorIsOn(.choice(2), practice))
        #expect(practice.lines[practice.cursor!.row].contains("C. Because they process all inputs at once"))
        let chooser = Renderer.render(Self.state(nil, keys: [.down]))
        #expect(cursorIsOn(.modeItem(1), chooser))
        let menu = Renderer.render(State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24), settings: Self.reader))
        #expect(cursorIsOn(.menuItem(0), menu))
        let test = Renderer.render(Self.state(.test, keys: [.char("a"), .enter, .char("a"), .enter, .char("a"), .enter]))
        #expect(test.cursor != nil)
    }

    @Test func theCursorIsOnThePlaygroundCaret() {
        let buffer = Renderer.render(Self.state(.playground, keys: [.down, .right, .right, .right]))
        let cursor = try! #require(buffer.cursor)
        #expect(buffer[cursor.column, cursor.row].style.reverse)
        #expect(buffer[cursor.column, cursor.row].text == " ")   // "rnn =": the caret after "rnn"
        #expect(buffer.lines[cursor.row].contains("rnn = torch.nn.RNN"))
    }

    @Test func theStatusRowIsTheLastRowAndTheKeysAreAboveIt() {
        let s = Self.state(.try, task: 4, keys: [.char("a")])
        let lines = Renderer.render(s).lines
        #expect(lines[23] == "Placed A in blank 1. Next: blank 2, empty.")
        #expect(lines[22].hasSuffix("q back"))
        #expect(lines[22].contains("Enter check,"))   // the separators read as commas
        // Before any key, the row says where the learner is.
        #expect(Renderer.render(Self.state(.try, task: 4)).lines[23].hasPrefix("Task 5 of 5. Blank 1 of 3, empty."))
    }

    @Test func theVisualizerIsSentences() {
        let buffer = Renderer.render(Self.state(.visualize, keys: [.right, .right, .right]))
        let text = buffer.text
        #expect(text.contains("Step 3 of 4: layer 0 forward, t equals 2."))
        #expect(text.contains("h now: plus 0.32, plus 0.17, plus 0.22."))
        #expect(text.contains("Caption: The same weights again"))
        #expect(text.contains("Step 1, layer 0 forward, t equals 0: h is plus 0.12, minus 0.16, plus 0.26."))
        #expect(!text.contains("+0.3240"))
        let cursor = try! #require(buffer.cursor)
        #expect(buffer.lines[cursor.row].hasPrefix(" Step 3 of 4"))
        Snapshot.assertMatches(buffer, named: "reader-visualizer-80x24")
    }

    @Test func theHelpListsKeysAsSentences() {
        let buffer = Renderer.render(Self.state(.try, keys: [.char("?")]))
        #expect(buffer.text.contains("Tab, Shift-Tab or 1 to 9: focus the next, previous or Nth blank."))
        #expect(buffer.text.contains("q or Escape: back"))
        #expect(buffer.cursor == CursorPosition(column: 1, row: 1))
        Snapshot.assertMatches(buffer, named: "reader-help-80x24")
    }

    @Test func aTryTaskListsItsOptionsOneToALine() {
        let buffer = Renderer.render(Self.state(.try, task: 4, keys: [.char("a"), .right]))
        #expect(buffer.text.contains("  A. word.upper(), in blank 1"))
        #expect(buffer.text.contains("  B. len(word)"))
        #expect(!buffer.text.contains("▸"))
        Snapshot.assertMatches(buffer, named: "reader-fill-80x24")
    }

    @Test func resultsSayRightAndWrongInWords() {
        let answer: [Key] = [.char("a"), .char("b"), .char("c"), .enter]
        let text = Renderer.render(Self.state(.test, keys: Array(repeating: answer, count: 10).flatMap { $0 })).text
        #expect(text.contains(" wrong: 1. Complete the code to create a simple RNN layer"))
        #expect(text.contains("Score: 1 of 10 (10 %)"))
    }

    @Test func theReadablePassTurnsLinesIntoASCIIAndSeparatorsIntoCommas() {
        var buffer = CellBuffer(width: 24, height: 2)
        buffer.put("┌─┐ a · b ▓▒ ╔═╗", x: 0, y: 0)
        buffer.put("W_ih·x_t", x: 0, y: 1)
        buffer.makeReadable()
        #expect(buffer.lines == ["+-+ a,  b #: +-+", "W_ih·x_t"])
        #expect(!buffer.hasLineDrawing)
    }
}
