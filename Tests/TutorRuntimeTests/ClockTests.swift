import Foundation
import Testing
@testable import TutorRuntime

/// `UNROLL_NOW`, the test clock: honoured only when set, and then the program starts at that time.
@Suite struct ClockTests {
    @Test func unsetOrEmptyIsTheSystemClock() throws {
        #expect(try Clock(environment: [:]).offset == 0)
        #expect(try Clock(environment: ["UNROLL_NOW": ""]).offset == 0)
    }

    @Test func anInjectedTimeStartsThereAndRunsOn() throws {
        let clock = try Clock(environment: ["UNROLL_NOW": "2026-12-03T09:00:00Z"])
        let start = Date(timeIntervalSince1970: 1_796_288_400)
        let now = clock.now()
        #expect(now >= start && now.timeIntervalSince(start) < 60)
        #expect(Clock.parse("2026-12-03T10:00:00+01:00") == start)
    }

    @Test(arguments: ["tomorrow", "2026-12-03", "1969-12-31T23:59:59Z", "2026-13-03T09:00:00Z", "\u{1B}[2J"])
    func anythingElseIsRefusedWithOneLine(text: String) {
        #expect(throws: ClockError(text: text)) { try Clock(environment: ["UNROLL_NOW": text]) }
        let line = ClockError(text: text).description
        #expect(line.hasPrefix("UNROLL_NOW '") && line.contains("2026-12-03T09:00:00Z") && !line.contains("\u{1B}"))
    }
}
