import Foundation

extension ClassReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case day, stuckDays = "stuck_days", stuckMisses = "stuck_misses", lessons, learners, items, stuck, skipped, totals
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day.description, forKey: .day)
        try c.encode(stuckDays, forKey: .stuckDays)
        try c.encode(Self.stuckMisses, forKey: .stuckMisses)
        try c.encode(lessons, forKey: .lessons)
        try c.encode(learners, forKey: .learners)
        try c.encode(items, forKey: .items)
        try c.encode(learners.filter { !$0.stuck.isEmpty }.map(\.name), forKey: .stuck)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(totals, forKey: .totals)
    }

    /// Sums over the class, for a quick check against another count.
    public struct Totals: Sendable, Equatable, Encodable {
        public var learners: Int
        public var answers: Int
        public var lessonsDone: Int
        public var tried: Int
        public var rightFirst: Int
        public var missed: Int
        public var stuck: Int
        public var skipped: Int

        enum CodingKeys: String, CodingKey {
            case learners, answers, lessonsDone = "lessons_done", tried, rightFirst = "right_first", missed, stuck, skipped
        }
    }

    public var totals: Totals {
        Totals(learners: learners.count, answers: learners.map(\.answers).reduce(0, +),
               lessonsDone: learners.map(\.lessonsDone).reduce(0, +), tried: items.map(\.tried).reduce(0, +),
               rightFirst: items.map(\.rightFirst).reduce(0, +), missed: items.map(\.missedBy).reduce(0, +),
               stuck: learners.filter { !$0.stuck.isEmpty }.count, skipped: skipped.count)
    }

    /// Everything as JSON (pretty, sorted keys, ISO 8601 dates), ending in a newline; controls and bidi
    /// marks from the files are escaped (`TerminalSafe.json`), so printing it is safe.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(self)) ?? Data()
        return TerminalSafe.json(String(decoding: data, as: UTF8.self)) + "\n"
    }
}

extension ClassReport.Lesson: Encodable {
    enum CodingKeys: String, CodingKey { case id, title, inLessons = "in_lessons", items }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(inLessons, forKey: .inLessons)
        try c.encode(itemIDs, forKey: .items)
    }
}

extension ClassReport.Learner: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, sources, lessonsDone = "lessons_done", mastery, masteryPercent = "mastery_percent", firstTryRate = "first_try_rate"
        case lastActive = "last_active", lastActiveDay = "last_active_day", due, answers, stuck, lessons
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(sources, forKey: .sources)
        try c.encode(lessonsDone, forKey: .lessonsDone)
        try c.encode(mastery.level.key, forKey: .mastery)
        try c.encode(mastery.percent, forKey: .masteryPercent)
        try c.encode(firstTryRate.map(ProgressReport.Item.rounded), forKey: .firstTryRate)
        try c.encode(lastActive, forKey: .lastActive)
        try c.encode(lastActiveDay?.description, forKey: .lastActiveDay)
        try c.encode(due, forKey: .due)
        try c.encode(answers, forKey: .answers)
        try c.encode(stuck, forKey: .stuck)
        try c.encode(lessons, forKey: .lessons)
    }
}

extension ClassReport.LessonScore: Encodable {
    enum CodingKeys: String, CodingKey { case lesson, mastery, masteryPercent = "mastery_percent", test, solved, items, done }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lesson, forKey: .lesson)
        try c.encode(mastery.level.key, forKey: .mastery)
        try c.encode(mastery.percent, forKey: .masteryPercent)
        try c.encode(test, forKey: .test)
        try c.encode(solved, forKey: .solved)
        try c.encode(items, forKey: .items)
        try c.encode(done, forKey: .done)
    }
}

extension ClassReport.Stuck: Encodable {
    enum CodingKeys: String, CodingKey { case reason, days, lesson, item, times, text }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .idle(let days):
            try c.encode("idle", forKey: .reason)
            try c.encode(days, forKey: .days)
        case .notStarted:
            try c.encode("not_started", forKey: .reason)
        case let .missing(lesson, item, times):
            try c.encode("missed_item", forKey: .reason)
            try c.encode(lesson, forKey: .lesson)
            try c.encode(item, forKey: .item)
            try c.encode(times, forKey: .times)
        }
        try c.encode(ClassReport.describe(self), forKey: .text)
    }
}

extension ItemAnalysis: Encodable {
    enum CodingKeys: String, CodingKey {
        case lesson, item, kind, tried, rightFirst = "right_first", difficulty, missed, missedShare = "missed_share"
        case wrongOptions = "wrong_options", discrimination
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(lesson, forKey: .lesson)
        try c.encode(item, forKey: .item)
        try c.encode(kind, forKey: .kind)
        try c.encode(tried, forKey: .tried)
        try c.encode(rightFirst, forKey: .rightFirst)
        try c.encode(difficulty.map(ProgressReport.Item.rounded), forKey: .difficulty)
        try c.encode(missedBy, forKey: .missed)
        try c.encode(missedShare.map(ProgressReport.Item.rounded), forKey: .missedShare)
        try c.encode(wrongOptions, forKey: .wrongOptions)
        try c.encode(discrimination.map(ProgressReport.Item.rounded), forKey: .discrimination)
    }
}

extension ItemAnalysis.WrongOption: Encodable {
    enum CodingKeys: String, CodingKey { case blank, letter, learners, picks }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(blank, forKey: .blank)
        try c.encode(letter, forKey: .letter)
        try c.encode(learners, forKey: .learners)
        try c.encode(picks, forKey: .picks)
    }
}
