import Foundation

/// What `unroll progress` prints: one row per lesson (course order, then lessons only the progress file
/// still knows), as a table or as JSON, with each item's schedule and history. Pure: the command passes
/// the date and time zone, and chooses which form to print.
public struct ProgressReport: Sendable, Equatable, Encodable {
    public struct Item: Sendable, Equatable, Encodable {
        public var id: String
        /// Nil for an id the lesson no longer has.
        public var kind: ProgressOutline.Kind?
        public var status: ItemStatus
        public var attemptsUsed: Int
        /// False for an id the lesson no longer has (kept, not counted).
        public var inLesson: Bool
        /// Nil until something is graded.
        public var schedule: ItemSchedule?
        /// The chance of recall on the report's day (nil without a schedule).
        public var retrievability: Double?
        public var history: [Answer]

        enum CodingKeys: String, CodingKey {
            case id, kind, status, attemptsUsed = "attempts_used", inLesson = "in_lesson", history
            case due, intervalDays = "interval_days", stability, difficulty, retrievability
            case lastReview = "last_review", reviews, lapses, leech
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(status, forKey: .status)
            try c.encode(attemptsUsed, forKey: .attemptsUsed)
            try c.encode(inLesson, forKey: .inLesson)
            try c.encode(history, forKey: .history)
            try c.encode(schedule?.due.description, forKey: .due)
            try c.encode(schedule?.intervalDays, forKey: .intervalDays)
            try c.encode(schedule.map { Self.rounded($0.memory.stability) }, forKey: .stability)
            try c.encode(schedule.map { Self.rounded($0.memory.difficulty) }, forKey: .difficulty)
            try c.encode(retrievability.map(Self.rounded), forKey: .retrievability)
            try c.encode(schedule?.lastReview.description, forKey: .lastReview)
            try c.encode(schedule?.reviews ?? 0, forKey: .reviews)
            try c.encode(schedule?.lapses ?? 0, forKey: .lapses)
            try c.encode(schedule?.isLeech ?? false, forKey: .leech)
        }

        /// Four decimals: enough to check by hand, short enough to read.
        static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    }

    public struct Lesson: Sendable, Equatable, Encodable {
        public var id: String
        public var title: String
        /// False for a lesson that is only in the progress file.
        public var inLessons: Bool
        public var summary: ProgressSummary
        public var test: Score?
        public var challenge: Score?
        public var mastery: Mastery
        /// Tasks and questions (and recorded ids the lesson no longer has).
        public var items: [Item]
        public var cards: [Item]
        /// Items and cards in the day's review session.
        public var due: Int

        enum CodingKeys: String, CodingKey {
            case id, title, inLessons = "in_lessons", solved, missed, inProgress = "in_progress", unseen
            case test, challenge, mastery, masteryPercent = "mastery_percent", items, cards, due
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(inLessons, forKey: .inLessons)
            try c.encode(summary.solved, forKey: .solved)
            try c.encode(summary.missed, forKey: .missed)
            try c.encode(summary.inProgress, forKey: .inProgress)
            try c.encode(summary.unseen, forKey: .unseen)
            try c.encode(test, forKey: .test)
            try c.encode(challenge, forKey: .challenge)
            try c.encode(mastery.level.key, forKey: .mastery)
            try c.encode(mastery.percent, forKey: .masteryPercent)
            try c.encode(items, forKey: .items)
            try c.encode(cards, forKey: .cards)
            try c.encode(due, forKey: .due)
        }
    }

    public var lessons: [Lesson]
    public var resume: ResumePoint?
    public var learner: String?
    /// The local day the report is for.
    public var day: CalendarDay
    public var streak: Streak
    public var learned: Int
    /// Items and cards in the day's review session, and the seconds it should take.
    public var due: Int
    public var dueSeconds: Int

    enum CodingKeys: String, CodingKey {
        case lessons, resume, learner, day, streakDays = "streak_days", learned, due, dueMinutes = "due_minutes"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lessons, forKey: .lessons)
        try c.encode(resume, forKey: .resume)
        try c.encode(learner, forKey: .learner)
        try c.encode(day.description, forKey: .day)
        try c.encode(streak.days, forKey: .streakDays)
        try c.encode(learned, forKey: .learned)
        try c.encode(due, forKey: .due)
        try c.encode(LearnerProgress.minutes(seconds: dueSeconds), forKey: .dueMinutes)
    }

    /// The report on the local day of `now` in `timeZone` (due dates, retrievability and the streak depend on both).
    public init(progress: LearnerProgress, outline: ProgressOutline, at now: Date, timeZone: TimeZone,
                policy: ReviewPolicy = ReviewPolicy()) {
        let day = CalendarDay(now, in: timeZone)
        let session = progress.dueReview(outline: outline, at: now, timeZone: timeZone, policy: policy)
        var duePerLesson: [String: Int] = [:]
        for item in session { duePerLesson[item.lesson, default: 0] += 1 }
        let context = RowContext(progress: progress, day: day, timeZone: timeZone, fsrs: policy.fsrs)
        var rows: [Lesson] = []
        var listed = Set<String>()
        for lesson in outline.lessons where !listed.contains(lesson.id) {
            listed.insert(lesson.id)
            rows.append(context.row(id: lesson.id, title: lesson.title, outline: lesson, due: duePerLesson[lesson.id] ?? 0))
        }
        for id in progress.lessons.keys.sorted() where !listed.contains(id) {
            rows.append(context.row(id: id, title: id, outline: nil, due: 0))
        }
        lessons = rows
        resume = progress.resumePoint
        learner = progress.learner
        self.day = day
        streak = progress.streak(at: now, timeZone: timeZone)
        learned = progress.learnedCount(outline: outline, timeZone: timeZone, fsrs: policy.fsrs)
        due = session.count
        dueSeconds = progress.estimatedSeconds(for: session, outline: outline, policy: policy)
    }

    private struct RowContext {
        let progress: LearnerProgress
        let day: CalendarDay
        let timeZone: TimeZone
        let fsrs: FSRS

        /// `outline` nil: a lesson no longer in the course; its recorded items are counted as they are.
        func row(id: String, title: String, outline: ProgressOutline.Lesson?, due: Int) -> Lesson {
            let recorded = progress.lessons[id]?.items ?? [:]
            let current = outline?.itemIDs ?? recorded.keys.sorted()
            let kinds = Dictionary(outline?.items.map { ($0.id, $0.kind) } ?? [], uniquingKeysWith: { a, _ in a })
            var seen = Set<String>()
            var items: [Item] = [], cards: [Item] = []
            for item in current where seen.insert(item).inserted {
                items.append(self.item(item, recorded[item], kind: kinds[item], inLesson: outline != nil))
            }
            for card in outline?.cardIDs ?? [] where seen.insert(card).inserted {
                cards.append(self.item(card, recorded[card], kind: .card, inLesson: true))
            }
            for item in recorded.keys.sorted() where !seen.contains(item) {
                items.append(self.item(item, recorded[item], kind: nil, inLesson: false))
            }
            return Lesson(
                id: id, title: title, inLessons: outline != nil,
                summary: progress.summary(lesson: id, itemIDs: current),
                test: progress.latestTest(lesson: id), challenge: progress.latestChallenge(lesson: id),
                mastery: progress.mastery(lesson: id, itemIDs: current), items: items, cards: cards, due: due
            )
        }

        func item(_ id: String, _ p: ItemProgress?, kind: ProgressOutline.Kind?, inLesson: Bool) -> Item {
            let schedule = fsrs.schedule(p?.history ?? [], timeZone: timeZone)
            return Item(id: id, kind: kind, status: p?.status ?? .unseen, attemptsUsed: p?.attemptsUsed ?? 0, inLesson: inLesson,
                        schedule: schedule, retrievability: schedule.map { fsrs.retrievability($0, on: day) }, history: p?.history ?? [])
        }
    }

    /// The report as JSON (pretty, sorted keys, ISO 8601 dates), ending in a newline; controls and bidi
    /// marks from the file are escaped (`TerminalSafe.json`), so printing it is safe.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(self)) ?? Data()
        return TerminalSafe.json(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// The report as a plain-text table: a line with the learner, streak, items learned and what is due,
    /// one row per lesson, then where to resume. Text from the file is escaped (`TerminalSafe.text`).
    public func table() -> String {
        if lessons.isEmpty { return "No lessons and nothing recorded yet.\n" }
        var out = learner.map { "Learner: \(TerminalSafe.text($0)) · " } ?? ""
        out += "Streak: \(streak.days) day\(streak.days == 1 ? "" : "s") · Learned: \(learned) · Due today: \(due)"
        out += due > 0 ? " (about \(LearnerProgress.minutes(seconds: dueSeconds)) min)\n\n" : "\n\n"
        let header = ["Lesson", "Title", "Solved", "Missed", "Started", "Unseen", "Due", "Test", "Mastery"]
        var rows: [[String]] = [header]
        for l in lessons {
            let title = l.inLessons ? Self.clip(TerminalSafe.text(l.title), 32) : "(no longer in the lessons)"
            rows.append([
                TerminalSafe.text(l.id), title, "\(l.summary.solved)", "\(l.summary.missed)", "\(l.summary.inProgress)",
                "\(l.summary.unseen)", "\(l.due)", l.test.map { "\($0.score)/\($0.total)" } ?? "-", l.mastery.label,
            ])
        }
        out += TextTable.render(rows, numeric: [2, 3, 4, 5, 6, 7])
        if let r = resume {
            out += "\nLeft off: lesson \(TerminalSafe.text(r.lesson)), mode \(TerminalSafe.text(r.mode)), task \(TerminalSafe.text(r.task)).\n"
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}

/// The words of `unroll progress --reset`, kept pure so they are tested without a terminal.
public enum ProgressReset {
    /// The question asked before resetting.
    public static func prompt(lesson: String?, path: String) -> String {
        if let lesson { return "Forget all progress in lesson \(lesson) (in \(path))? [y/N] " }
        return "Forget all progress in every lesson (in \(path))? [y/N] "
    }

    /// Only "y" or "yes" (any case, surrounding spaces ignored) confirms; nothing read means no.
    public static func confirms(_ line: String?) -> Bool {
        guard let answer = line?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
