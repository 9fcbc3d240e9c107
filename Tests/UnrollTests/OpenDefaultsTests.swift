import ArgumentParser
import Testing
@testable import unroll

/// `unroll` alone skips ArgumentParser (`Unroll.main`): what it runs with must be exactly what
/// ArgumentParser gives for an empty command line.
@Suite struct OpenDefaultsTests {
    @Test func anEmptyCommandLineParsesToTheDefaults() throws {
        let parsed = try #require(try Unroll.parseAsRoot([]) as? Unroll.Open)
        let none = Unroll.Open.Defaults()
        #expect(parsed.lesson == nil)
        #expect(parsed.common.lessons == none.lessons && parsed.common.progress == none.progress && parsed.common.learner == none.learner)
        #expect(parsed.common.noColor == none.noColor && parsed.common.ascii == none.ascii && parsed.common.screenReader == none.screenReader)
        #expect(parsed.target.mode == none.mode && parsed.target.task == none.task)
        #expect(parsed.runtimeOptions.python == none.python)
        #expect(parsed.lrs.url == none.url && parsed.lrs.auth == none.auth)
    }

    @Test func everyOptionOfOpenIsOneTheDefaultsKnow() throws {
        // A new option of `unroll [LESSON]` must be added to `Open.Defaults` (and to the test above).
        let known: Set<String> = ["--lessons", "--progress", "--learner", "--no-color", "--ascii", "--screen-reader",
                                  "--mode", "--task", "--python", "--lrs", "--lrs-auth", "-h", "--help"]
        let usage = Unroll.Open.helpMessage(columns: 1000)
        let options = Set(usage.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" })
            .filter { $0.hasPrefix("-") }.map { String($0.prefix { $0 != "=" }) })
        #expect(options.subtracting(known) == [])
        #expect(options.contains("--lessons") && options.contains("--lrs-auth"))
    }
}
