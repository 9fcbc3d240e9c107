import ArgumentParser
import Testing
@testable import unroll

/// `unroll run --time-limit S`: a limit that is no limit (NaN never expires, infinity, 0 expires at once) is refused
/// in one line before anything runs. (What `run` reads: SnippetFileTests.)
@Suite struct RunTimeLimitTests {
    @Test(arguments: ["nan", "inf", "0", "90000"])
    func aTimeLimitThatIsNoLimitIsRefused(_ value: String) {
        #expect(throws: (any Error).self) { try Unroll.Run.parse(["--time-limit", value, "x.py"]) }
    }

    @Test func anOrdinaryTimeLimitParses() throws {
        #expect(try Unroll.Run.parse(["--time-limit", "2.5", "x.py"]).timeLimit == 2.5)
    }
}
