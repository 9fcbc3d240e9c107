import Testing
import TutorCore
@testable import TutorRender

@Suite struct CellBufferTests {
    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(width: 6, height: 1)
        let end = buffer.put("a💡b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer.lines == ["a💡b"])
        #expect(buffer[2, 0].text == "")
    }

    @Test func putStopsAtTheLimitWithoutSplittingAWideCharacter() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("ab💡", x: 0, y: 0, limit: 3)
        #expect(buffer.lines == ["ab"])
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.put("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(buffer.lines == ["a?[2Jb"])
    }

    @Test func wrapKeepsWordsAndCutsLongOnes() {
        #expect(TextWrap.wrap("the hidden state carries memory", width: 12) == ["the hidden", "state", "carries", "memory"])
        #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }

    @Test func truncateEndsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Why RNNs handle sequences", to: 10) == "Why RNNs …")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
    }
}
