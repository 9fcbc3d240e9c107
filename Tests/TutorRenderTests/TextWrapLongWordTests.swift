import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Words wider than the line: cut into pieces in one pass, whatever their length or their characters.
@Suite struct TextWrapLongWordTests {
    /// What a snippet printing a million characters on one line gave the output pane: cutting a piece
    /// off the front and measuring the rest again took time squared in the length (minutes).
    @Test(.timeLimit(.minutes(1))) func aMillionCharacterWordIsCutInOnePass() {
        let word = String(repeating: "x", count: 1_000_000)
        let start = Date()
        let lines = TextWrap.wrap("a " + word + " b", width: 78)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(lines.first == "a")
        #expect(lines.count == 2 + 1_000_000 / 78)
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 78 })
        #expect(lines.last == String(repeating: "x", count: 1_000_000 % 78) + " b")
    }

    /// A character wider than the whole line made an empty piece for ever.
    @Test(.timeLimit(.minutes(1))) func aWideCharacterInAOneCellLineGetsAPieceOfItsOwn() {
        #expect(TextWrap.wrap("中文x", width: 1) == ["中", "文", "x"])
        #expect(TextWrap.wrap("ab中", width: 2) == ["ab", "中"])
    }
}
