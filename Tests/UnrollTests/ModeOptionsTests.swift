import ArgumentParser
import Testing
@testable import unroll

/// `--task` without `--mode` is refused in one line (it was dropped without a word).
@Suite struct ModeOptionsTests {
    @Test func aTaskWithoutAModeIsRefused() {
        for command in [["why-rnns-handle-sequences", "--task", "2"], ["preview", "why-rnns-handle-sequences", "--task", "2"]] {
            #expect(throws: (any Error).self) { try Unroll.parseAsRoot(command) }
            do {
                _ = try Unroll.parseAsRoot(command)
            } catch {
                #expect(Unroll.message(for: error).contains("--task needs --mode"), "\(command)")
            }
        }
    }

    @Test func aTaskWithAModeStillParses() throws {
        let parsed = try #require(try Unroll.parseAsRoot(["why-rnns-handle-sequences", "--mode", "try", "--task", "2"]) as? Unroll.Open)
        #expect(parsed.target.task == 2 && parsed.target.mode == "try")
    }
}
