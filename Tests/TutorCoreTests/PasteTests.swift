import Testing
@testable import TutorCore

/// A paste (bracketed paste: one `Msg.paste`, not a storm of keys): the playground's editor takes it as
/// it is; no other screen acts on it.
@Suite struct PasteTests {
    func play(_ state: State) -> PlaygroundState? { if case .playground(let p) = state.screen { return p }; return nil }

    /// Typed as keys, every pasted line break auto-indented the next line on top of its own
    /// indentation: `print("done")` ended up inside the loop and the code no longer ran as pasted.
    @Test func pastedCodeKeepsItsOwnIndentationAndTheCursorEndsAfterIt() throws {
        var state = SeedLesson.state(.playground, task: 0)
        _ = state.update(.paste("for i in range(3):\n    if i:\n        print(i)\nprint(\"done\")\n"))
        let p = try #require(play(state))
        #expect(Array(p.lines.prefix(5)) == ["for i in range(3):", "    if i:", "        print(i)", "print(\"done\")", "import torch"])
        #expect(p.row == 4 && p.column == 0)
    }

    @Test func aPasteInsideALineSplitsItAroundThePastedText() throws {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.right, .right, .right)
        _ = state.update(.paste("A\n  B"))
        let p = try #require(play(state))
        #expect(Array(p.lines.prefix(2)) == ["impA", "  Bort torch"])
        #expect(p.row == 1 && p.column == 3)
    }

    @Test func lineEndsTabsAndControlCharactersAreMadeSafe() throws {
        var state = SeedLesson.state(.playground, task: 0)
        _ = state.update(.paste("a\r\nb\rc\td\u{1B}[31me\u{07}\u{85}f\u{0}"))
        let p = try #require(play(state))
        #expect(Array(p.lines.prefix(3)) == ["a", "b", "c    d[31mefimport torch"])
    }

    @Test func wideAndCombiningCharactersGoInWhole() throws {
        var state = SeedLesson.state(.playground, task: 0)
        _ = state.update(.paste("s = \"中文 e\u{301}\"\n"))
        let p = try #require(play(state))
        #expect(p.lines[0] == "s = \"中文 e\u{301}\"" && p.row == 1 && p.column == 0)
    }

    @Test func aPasteTooLongIsRefusedWholeWithANote() throws {
        var state = SeedLesson.state(.playground, task: 0)
        let before = try #require(play(state)).lines
        _ = state.update(.paste(String(repeating: "x", count: PlaygroundState.pasteLimit + 1)))
        #expect(play(state)?.lines == before)
        #expect(state.note?.contains("nothing was pasted") == true)
    }

    /// As keys, a pasted "q" answered, skipped and quit: on the menu it ended the program.
    @Test func aPasteOutsideTheEditorDoesNothingButSaySo() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        let effects = state.update(.paste("qqqq\n"))
        #expect(effects.isEmpty && state.route.count == 1)
        #expect(state.status?.contains("playground") == true)
        var fill = SeedLesson.state(.try, task: 0)
        let screen = fill.screen
        #expect(fill.update(.paste("a\n")).isEmpty && fill.screen == screen)
    }

    @Test func aPasteClosesTheHelpAndGoesNowhereElse() throws {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.ctrl("g"))
        let before = try #require(play(state)).lines
        _ = state.update(.paste("x"))
        #expect(!state.showsHelp && play(state)?.lines == before)
    }
}
