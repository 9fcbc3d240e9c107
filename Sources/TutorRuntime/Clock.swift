import Foundation
import TutorCore

/// The one clock the tutor and the commands read. For tests, `UNROLL_NOW` (an ISO 8601 time such as
/// `2026-12-03T09:00:00Z`) sets the time the program starts at; from there it runs on with the system
/// clock, so a challenge still counts down while due dates and the streak see the injected day.
///
/// ```swift
/// let clock = try Clock(environment: ProcessInfo.processInfo.environment)
/// state.now = clock.now()
/// ```
public struct Clock: Sendable {
    /// Added to the system clock.
    public let offset: TimeInterval

    /// The system clock.
    public init() { offset = 0 }

    /// A clock that reads `start` now.
    public init(startingAt start: Date) { offset = start.timeIntervalSinceNow }

    /// `UNROLL_NOW` when set (and not empty), else the system clock.
    public init(environment: [String: String]) throws(ClockError) {
        guard let text = environment["UNROLL_NOW"], !text.isEmpty else { self.init(); return }
        guard let start = Clock.parse(text) else { throw ClockError(text: text) }
        self.init(startingAt: start)
    }

    public func now() -> Date { Date().addingTimeInterval(offset) }

    /// An ISO 8601 date and time with a zone, within the years a progress file may hold.
    public static func parse(_ text: String) -> Date? {
        guard let date = try? Date.ISO8601FormatStyle().parse(text), LearnerProgress.dateRange.contains(date) else { return nil }
        return date
    }
}

/// `UNROLL_NOW` that is not a time.
public struct ClockError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "UNROLL_NOW '\(TerminalSafe.text(text))' is not an ISO 8601 time such as 2026-12-03T09:00:00Z (it is for tests; unset it to use the system clock)."
    }
}
