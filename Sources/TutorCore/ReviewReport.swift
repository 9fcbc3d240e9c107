import Foundation

/// What `unroll review` prints: the day's review session across the course (`dueReview`), as a table or
/// JSON. Pure: the command passes the date and the time zone.
public struct ReviewReport: Sendable, Equatable, Encodable {
    public struct Row: Sendable, Equatable, Encodable {
        public var lesson: String
        public var item: String
        public var kind: ProgressOutline.Kind
        public var schedule: ItemSchedule?
        public var retrievability: Double?

        enum CodingKeys: String, CodingKey {
            case lesson, item, kind, new, due, intervalDays = "interval_days", stability, difficulty, retrievability, leech
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(lesson, forKey: .lesson)
            try c.encode(item, forKey: .item)
            try c.encode(kind, forKey: .kind)
            try c.encode(schedule == nil, forKey: .new)
            try c.encode(schedule?.due.description, forKey: .due)
            try c.encode(schedule?.intervalDays, forKey: .intervalDays)
            try c.encode(schedule.map { ProgressReport.Item.rounded($0.memory.stability) }, forKey: .stability)
            try c.encode(schedule.map { ProgressReport.Item.rounded($0.memory.difficulty) }, forKey: .difficulty)
            try c.encode(retrievability.map(ProgressReport.Item.rounded), forKey: .retrievability)
            try c.encode(schedule?.isLeech ?? false, forKey: .leech)
        }
    }

    public var day: CalendarDay
    public var rows: [Row]
    public var seconds: Int
    /// The first day after today with something due (nil when nothing is scheduled).
    public var nextDue: CalendarDay?
    public var learner: String?

    enum CodingKeys: String, CodingKey { case day, due, minutes, items, nextDue = "next_due", learner }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day.description, forKey: .day)
        try c.encode(rows.count, forKey: .due)
        try c.encode(LearnerProgress.minutes(seconds: seconds), forKey: .minutes)
        try c.encode(rows, forKey: .items)
        try c.encode(nextDue?.description, forKey: .nextDue)
        try c.encode(learner, forKey: .learner)
    }

    public init(progress: LearnerProgress, outline: ProgressOutline, at now: Date, timeZone: TimeZone,
                policy: ReviewPolicy = ReviewPolicy()) {
        let day = CalendarDay(now, in: timeZone)
        let session = progress.dueReview(outline: outline, at: now, timeZone: timeZone, policy: policy)
        self.day = day
        rows = session.map { item in
            Row(lesson: item.lesson, item: item.item, kind: item.kind, schedule: item.schedule,
                retrievability: item.schedule.map { policy.fsrs.retrievability($0, on: day) })
        }
        seconds = progress.estimatedSeconds(for: session, outline: outline, policy: policy)
        nextDue = progress.reviewItems(outline: outline, timeZone: timeZone, fsrs: policy.fsrs)
            .compactMap { $0.schedule?.due }.filter { $0 > day }.min()
        learner = progress.learner
    }

    /// A sentence with the count and the time it should take, then one row per item (text from the
    /// file escaped by `TerminalSafe.text`).
    public func table() -> String {
        let who = learner.map { "\(TerminalSafe.text($0)): " } ?? ""
        guard !rows.isEmpty else {
            if let nextDue { return "\(who)Nothing is due on \(day); the next review is on \(nextDue).\n" }
            return "\(who)Nothing to review yet: answer something in a lesson first.\n"
        }
        let count = rows.count == 1 ? "1 item" : "\(rows.count) items"
        var out = "\(who)\(count) to review on \(day), about \(LearnerProgress.minutes(seconds: seconds)) min.\n\n"
        var table = [["Lesson", "Item", "Kind", "Due", "Interval", "Stability", "Recall", ""]]
        for r in rows {
            table.append([
                TerminalSafe.text(r.lesson), TerminalSafe.text(r.item), r.kind.rawValue,
                r.schedule.map { "\($0.due)" } ?? "new",
                r.schedule.map { "\($0.intervalDays) d" } ?? "-",
                r.schedule.map { String(format: "%.2f d", $0.memory.stability) } ?? "-",
                r.retrievability.map { String(format: "%.0f %%", $0 * 100) } ?? "-",
                r.schedule?.isLeech == true ? "leech" : "",
            ])
        }
        out += TextTable.render(table, numeric: [4, 5, 6])
        return out
    }

    /// JSON (pretty, sorted keys), escaped by `TerminalSafe.json`, ending in a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return TerminalSafe.json(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
