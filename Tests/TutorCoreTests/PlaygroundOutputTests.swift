import Testing
@testable import TutorCore

/// The output pane keeps what it can show: the end of what a run printed, bounded.
@Suite struct PlaygroundOutputTests {
    @Test func aHugeLineKeepsItsEndAndSaysItWasCut() {
        let lines = PlaygroundState.lines(of: String(repeating: "x", count: 1_000_000) + "END\nTraceback\n")
        #expect(lines.count == 2)
        #expect(lines[0].count == PlaygroundState.outputLineLength && lines[0].hasPrefix("…") && lines[0].hasSuffix("xEND"))
        #expect(lines[1] == "Traceback")
    }

    @Test func manyLinesKeepTheLastAndCountTheRest() {
        let output = (1...10_000).map(String.init).joined(separator: "\n") + "\n"
        let lines = PlaygroundState.lines(of: output)
        #expect(lines.count == PlaygroundState.outputLineLimit + 1)
        #expect(lines[0] == "… \(10_000 - PlaygroundState.outputLineLimit) earlier lines not shown")
        #expect(lines[1] == String(10_000 - PlaygroundState.outputLineLimit + 1) && lines.last == "10000")
    }

    @Test func ordinaryOutputIsKeptAsItIs() {
        #expect(PlaygroundState.lines(of: "a\n\nb\n") == ["a", "", "b"])
        #expect(PlaygroundState.lines(of: "") == ["(nothing printed)"])
        #expect(PlaygroundState.lines(of: nil) == [])
    }
}

/// A screen reader hears how many lines a run printed, all of them, not the pane's kept last ones.
@Suite struct PlaygroundOutputAnnouncementTests {
    @Test func theCountIsOfEverythingPrinted() {
        var state = SeedLesson.state(.playground, task: 0)
        state.settings.screenReader = true
        _ = state.update(.key(.ctrl("r")))
        let output = (1...10_000).map(String.init).joined(separator: "\n") + "\n"
        _ = state.update(.snippetRan(output: output, failed: false))
        #expect(state.announcement == "Ran: printed 10000 lines; the last: 10000")
        #expect(PlaygroundState.printedLineCount("a\nb") == 2 && PlaygroundState.printedLineCount("a\n") == 1)
    }
}
