import Foundation

/// What `unroll progress` prints: one row per lesson (course order, then lessons only the progress file
/// still knows), as a table or as JSON. Pure; the command only chooses which and prints it.
public struct ProgressReport: Sendable, Equatable, Encodable {
    public struct Item: Sendable, Equatable, Encodable {
        public var id: String
        public var status: ItemStatus
        public var attemptsUsed: Int
        /// False for an id the lesson no longer has (kept, not counted).
        public var inLesson: Bool

        enum CodingKeys: String, CodingKey {
            case id, status, attemptsUsed = "attempts_used", inLesson = "in_lesson"
        }
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
        public var items: [Item]

        enum CodingKeys: String, CodingKey {
            case id, title, inLessons = "in_lessons", solved, missed, inProgress = "in_progress", unseen
            case test, challenge, mastery, items
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
            try c.encode(mastery.rawValue, forKey: .mastery)
            try c.encode(items, forKey: .items)
        }
    }

    public var lessons: [Lesson]
    public var resume: ResumePoint?

    enum CodingKeys: String, CodingKey { case lessons, resume }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lessons, forKey: .lessons)
        try c.encode(resume, forKey: .resume)
    }

    public init(progress: LearnerProgress, outline: ProgressOutline) {
        var rows: [Lesson] = []
        var listed = Set<String>()
        for lesson in outline.lessons where !listed.contains(lesson.id) {
            listed.insert(lesson.id)
            rows.append(Self.row(progress, id: lesson.id, title: lesson.title, itemIDs: lesson.itemIDs, inLessons: true))
        }
        for id in progress.lessons.keys.sorted() where !listed.contains(id) {
            rows.append(Self.row(progress, id: id, title: id, itemIDs: nil, inLessons: false))
        }
        lessons = rows
        resume = progress.resumePoint
    }

    /// `itemIDs` nil: a lesson no longer in the course; its recorded items are counted as they are.
    private static func row(_ progress: LearnerProgress, id: String, title: String, itemIDs: [String]?, inLessons: Bool) -> Lesson {
        let recorded = progress.lessons[id]?.items ?? [:]
        let current = itemIDs ?? recorded.keys.sorted()
        var seen = Set<String>()
        var items: [Item] = []
        for item in current where seen.insert(item).inserted {
            let p = recorded[item]
            items.append(Item(id: item, status: p?.status ?? .unseen, attemptsUsed: p?.attemptsUsed ?? 0, inLesson: inLessons))
        }
        for item in recorded.keys.sorted() where !seen.contains(item) {
            let p = recorded[item]!
            items.append(Item(id: item, status: p.status, attemptsUsed: p.attemptsUsed, inLesson: false))
        }
        return Lesson(
            id: id, title: title, inLessons: inLessons,
            summary: progress.summary(lesson: id, itemIDs: current),
            test: progress.latestTest(lesson: id), challenge: progress.latestChallenge(lesson: id),
            mastery: progress.mastery(lesson: id), items: items
        )
    }

    /// The report as JSON (pretty, sorted keys, ISO 8601 dates), ending in a newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as a plain-text table, one row per lesson, then where to resume.
    public func table() -> String {
        if lessons.isEmpty { return "No lessons and nothing recorded yet.\n" }
        let header = ["Lesson", "Title", "Solved", "Missed", "Started", "Unseen", "Test", "Mastery"]
        var rows: [[String]] = [header]
        for l in lessons {
            let title = l.inLessons ? Self.clip(l.title, 32) : "(no longer in the lessons)"
            rows.append([
                l.id, title, "\(l.summary.solved)", "\(l.summary.missed)", "\(l.summary.inProgress)",
                "\(l.summary.unseen)", l.test.map { "\($0.score)/\($0.total)" } ?? "-", l.mastery.label,
            ])
        }
        let widths = header.indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
        let numeric: Set<Int> = [2, 3, 4, 5, 6]
        var out = ""
        for row in rows {
            let cells = row.indices.map { col in
                let pad = String(repeating: " ", count: widths[col] - row[col].count)
                return numeric.contains(col) ? pad + row[col] : row[col] + pad
            }
            out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        if let r = resume {
            out += "\nLeft off: lesson \(r.lesson), mode \(r.mode), task \(r.task).\n"
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
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
