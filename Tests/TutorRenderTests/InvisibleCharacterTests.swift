import Testing
import TutorCore
@testable import TutorRender

/// Characters a terminal draws in no cell (or obeys) are drawn as `?` in the one cell the frame gives
/// them, so what follows on the row stays where the frame put it.
@Suite struct InvisibleCharacterTests {
    @Test func bidiOverridesAndByteOrderMarksAreDrawnAsAQuestionMark() {
        var buffer = CellBuffer(width: 20, height: 1)
        let end = buffer.put("A\u{202E}B\u{FEFF}C\u{2060}D\u{85}E\u{2066}F", x: 0, y: 0)
        #expect(buffer.lines == ["A?B?C?D?E?F"])
        #expect(end == 11)
    }

    @Test func combiningMarksAndZeroWidthSpacesStillTakeNoCell() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("e\u{301}x\u{200B}y", x: 0, y: 0)
        #expect(buffer.lines == ["e\u{301}xy"])
    }

    /// What a learner typed into the playground: the rest of the line is drawn where it belongs.
    @Test func aPlaygroundLineWithARightToLeftOverrideKeepsItsColumns() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        _ = state.open(.playground, lessonIndex: 0, task: 0)
        for c in "x = \"\u{202E}abc\"" { _ = state.update(.key(.char(c))) }
        let text = Renderer.render(state).text
        #expect(text.contains("x = \"?abc\"import torch"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E })
    }
}
