import Testing
@testable import TutorCore

/// Typing in the playground's editor keeps the cursor where the typed text ends, in characters of the
/// line as it now is.
@Suite struct PlaygroundTypingTests {
    func play(_ state: State) -> PlaygroundState? { if case .playground(let p) = state.screen { return p }; return nil }

    /// A combining accent typed after a letter joins it: the cursor was put one character further,
    /// and the next key landed inside the following word ("F́iGmport torch").
    @Test func aCombiningMarkJoinsTheLetterBeforeAndTheCursorStaysAfterIt() throws {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.char("F"), .char("\u{301}"), .char("G"))
        let p = try #require(play(state))
        #expect(p.lines[0] == "F\u{301}Gimport torch")
        #expect(p.column == 2)
    }

    @Test func wideCharactersAndAMarkAtTheStartOfALineCountAsOneEach() throws {
        var state = SeedLesson.state(.playground, task: 0)
        state.send(.char("\u{301}"), .char("中"), .char("文"), .char("x"))
        let p = try #require(play(state))
        #expect(p.lines[0] == "\u{301}中文ximport torch" && p.column == 4)
        state.send(.backspace, .backspace)
        #expect(play(state)?.lines[0] == "\u{301}中import torch" && play(state)?.column == 2)
    }
}
