import Foundation

/// A day on the learner's local calendar, counted from 1970-01-01 in that time zone. Review intervals,
/// due dates and the streak are counted in these days (as Anki counts them), so an item answered on
/// Monday evening with a one-day interval is due all of Tuesday, whatever the hour.
///
/// ```swift
/// let today = CalendarDay(now, in: .current)
/// today + 2        // the day after tomorrow
/// today.description   // "2026-12-03"
/// ```
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The local calendar day `date` falls on in `zone` (its offset at that instant, so summer time counts).
    public init(_ date: Date, in zone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        // Bounded before converting, so no date (even distantFuture) can trap the conversion.
        let days = (min(max(local, -1e14), 1e14) / 86_400).rounded(.down)
        number = Int(days)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.number < b.number }

    /// `n` days later (earlier for negative `n`); saturates instead of overflowing.
    public static func + (day: CalendarDay, n: Int) -> CalendarDay {
        CalendarDay(number: day.number.addingReportingOverflow(n).overflow ? (n > 0 ? .max : .min) : day.number + n)
    }

    /// Whole days from `b` to `a` (saturating).
    public static func - (a: CalendarDay, b: CalendarDay) -> Int {
        let (d, overflow) = a.number.subtractingReportingOverflow(b.number)
        return overflow ? (a.number > b.number ? .max : .min) : d
    }

    /// `YYYY-MM-DD` (proleptic Gregorian; the civil-from-days conversion of Howard Hinnant's date algorithms).
    public var description: String {
        let (y, m, d) = civil
        let year = y < 0 ? "-" + pad(-y, 4) : pad(y, 4)
        return "\(year)-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// (year, month, day).
    public var civil: (year: Int, month: Int, day: Int) {
        // Kept within ±1e12 days so the arithmetic below cannot overflow.
        let z = min(max(number, -1_000_000_000_000), 1_000_000_000_000) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
