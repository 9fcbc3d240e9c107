import Foundation

/// Where one item stands: its memory state after every graded entry of its history, and when it is due.
public struct ItemSchedule: Sendable, Equatable {
    public var memory: FSRS.Memory
    /// The local day of the last graded entry, and that entry's grade.
    public var lastReview: CalendarDay
    public var lastGrade: Grade
    /// Days from the last review to the due day.
    public var intervalDays: Int
    public var due: CalendarDay
    /// Graded entries so far.
    public var reviews: Int
    /// Again grades after the first recall (forgettings of something once known).
    public var lapses: Int
    /// Again grades given in review mode: at `FSRS.leechThreshold` the item is a leech.
    public var reviewMisses: Int

    /// Due on `day` or earlier.
    public func isDue(on day: CalendarDay) -> Bool { due <= day }

    public var isLeech: Bool { reviewMisses >= FSRS.leechThreshold }
}

extension FSRS {
    /// Missed this many times in review, an item is a leech: marked, and sent back to what teaches it.
    public static let leechThreshold = 3

    /// The schedule an item's history gives: every graded entry, oldest first (entries of the same
    /// second keep their order), each one step of FSRS with the whole local days since the one before.
    /// Nil when nothing in the history is graded. A pure function of the history and the time zone, so
    /// two copies of a file, or a file and its merge, always agree.
    public func schedule(_ history: [Answer], timeZone: TimeZone) -> ItemSchedule? {
        let graded = history.enumerated()
            .filter { $0.element.grade != nil }
            .sorted { $0.element.at != $1.element.at ? $0.element.at < $1.element.at : $0.offset < $1.offset }
            .map(\.element)
        guard let first = graded.first, let firstGrade = first.grade else { return nil }
        var memory = initial(firstGrade)
        var last = CalendarDay(first.at, in: timeZone)
        var lastGrade = firstGrade
        var lapses = 0
        var reviewMisses = first.mode == .review && firstGrade == .again ? 1 : 0
        for entry in graded.dropFirst() {
            guard let grade = entry.grade else { continue }
            let day = CalendarDay(entry.at, in: timeZone)
            memory = next(memory, elapsedDays: max(0, day - last), grade: grade)
            if grade == .again {
                lapses += 1
                if entry.mode == .review { reviewMisses += 1 }
            }
            last = max(last, day)
            lastGrade = grade
        }
        let days = interval(stability: memory.stability)
        return ItemSchedule(memory: memory, lastReview: last, lastGrade: lastGrade, intervalDays: days,
                            due: last + days, reviews: graded.count, lapses: lapses, reviewMisses: reviewMisses)
    }

    /// The chance of recall on `day` for a schedule (1 on the day of the last review).
    public func retrievability(_ schedule: ItemSchedule, on day: CalendarDay) -> Double {
        retrievability(elapsedDays: Double(max(0, day - schedule.lastReview)), stability: schedule.memory.stability)
    }
}
