import Foundation

/// One learner of a class: a name, where the record came from (progress files; none for an LRS), and
/// the progress (several files of one learner merged).
public struct ClassMember: Sendable, Equatable {
    public var name: String
    public var sources: [String]
    public var progress: LearnerProgress

    public init(name: String, sources: [String], progress: LearnerProgress) {
        self.name = name
        self.sources = sources
        self.progress = progress
    }
}

/// A file the report could not use, and why ("it is not valid JSON").
public struct ClassSkipped: Sendable, Equatable, Encodable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// What `unroll class` prints: per learner, per item, and who is stuck. Pure: the command reads the files
/// (or the LRS) and passes the day and time zone.
///
/// ```swift
/// let report = ClassReport(members: members, outline: outline, at: now, timeZone: .current)
/// print(report.table())            // fits 80 columns
/// ```
public struct ClassReport: Sendable {
    public struct Learner: Sendable, Equatable {
        public var name: String
        public var sources: [String]
        /// Lessons whose every task and question is solved or missed.
        public var lessonsDone: Int
        /// The tutor's rating over the course: the mean of the lessons' `Mastery` (see `courseMastery`).
        public var mastery: Mastery
        /// The share of the items tried that were right at the first try.
        public var firstTryRate: Double?
        /// The last answer, review grade, test or challenge.
        public var lastActive: Date?
        /// The local day of `lastActive`.
        public var lastActiveDay: CalendarDay?
        /// Items and cards in the learner's review session on the report's day.
        public var due: Int
        /// Answers and review grades recorded.
        public var answers: Int
        public var stuck: [Stuck]
        /// Per lesson (course order): latest test and share of its tasks and questions solved.
        public var lessons: [LessonScore]
    }

    public struct LessonScore: Sendable, Equatable {
        public var lesson: String
        /// The lesson's rating, as the tutor shows it (`LearnerProgress.mastery(lesson:itemIDs:)`).
        public var mastery: Mastery
        public var test: Score?
        public var solved: Int
        public var items: Int
        public var done: Bool
    }

    /// Why a learner is listed as stuck.
    public enum Stuck: Sendable, Equatable {
        /// Nothing answered for `days` days (at least the report's threshold).
        case idle(days: Int)
        /// Nothing answered at all.
        case notStarted
        /// The item was missed (graded Again) `times` times, the last time too.
        case missing(lesson: String, item: String, times: Int)
    }

    public struct Lesson: Sendable, Equatable {
        public var id: String
        public var title: String
        /// False for a lesson only the learners' records know.
        public var inLessons: Bool
        public var itemIDs: [String]
    }

    public var day: CalendarDay
    public var stuckDays: Int
    public var lessons: [Lesson]
    public var learners: [Learner]
    public var items: [ItemAnalysis]
    public var skipped: [ClassSkipped]

    /// A learner is stuck after this many days without an answer unless told otherwise (`--stuck-days`).
    public static let defaultStuckDays = 7
    /// Missed this many times (the last time too) makes an item one a learner is stuck on.
    public static let stuckMisses = 3

    public init(members: [ClassMember], outline: ProgressOutline, at now: Date, timeZone: TimeZone,
                stuckDays: Int = ClassReport.defaultStuckDays, skipped: [ClassSkipped] = [], policy: ReviewPolicy = ReviewPolicy()) {
        let known = Set(outline.lessons.map(\.id))
        let outline = Self.completed(outline, with: members)
        let today = CalendarDay(now, in: timeZone)
        day = today
        self.stuckDays = max(1, stuckDays)
        self.skipped = skipped
        lessons = outline.lessons.map { Lesson(id: $0.id, title: $0.title, inLessons: known.contains($0.id), itemIDs: $0.itemIDs) }
        let stuckAfter = self.stuckDays
        learners = members.map { m in
            Self.learner(m, outline: outline, now: now, today: today, timeZone: timeZone, stuckDays: stuckAfter, policy: policy)
        }
        items = ItemAnalysis.analyse(members: members, outline: outline)
    }

    /// The outline with the lessons and items only the learners' records name added (sorted, untitled),
    /// so a report without the lesson files still counts everything.
    static func completed(_ outline: ProgressOutline, with members: [ClassMember]) -> ProgressOutline {
        var lessons = outline.lessons
        var index = Dictionary(lessons.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var extra: [String: [String: ProgressOutline.Kind]] = [:]
        for m in members {
            for (lessonID, lesson) in m.progress.lessons {
                let listed = index[lessonID].map { Set(lessons[$0].items.map(\.id)) } ?? []
                for (itemID, item) in lesson.items where !listed.contains(itemID) && !item.history.isEmpty {
                    // Only review grades: a card. A wrong answer with a choice but no wrong blank: a question.
                    let kind: ProgressOutline.Kind
                    if !item.history.contains(where: { $0.mode != .review }) {
                        kind = .card
                    } else if item.history.contains(where: { $0.correct == false && $0.chosen?.count == 1 && $0.wrongBlanks.isEmpty }) {
                        kind = .choice
                    } else {
                        kind = .fill
                    }
                    let known = extra[lessonID]?[itemID]
                    if known == nil || known == .card || (known == .fill && kind == .choice) { extra[lessonID, default: [:]][itemID] = kind }
                }
                if index[lessonID] == nil, extra[lessonID] == nil, !lesson.tests.isEmpty { extra[lessonID] = [:] }
            }
        }
        for lessonID in extra.keys.sorted() {
            let items = extra[lessonID]!.sorted { $0.key < $1.key }.map { ProgressOutline.Item(id: $0.key, kind: $0.value) }
            if let i = index[lessonID] {
                lessons[i].items += items
            } else {
                index[lessonID] = lessons.count
                lessons.append(ProgressOutline.Lesson(id: lessonID, title: "", items: items))
            }
        }
        return ProgressOutline(lessons: lessons)
    }

    static func learner(_ m: ClassMember, outline: ProgressOutline, now: Date, today: CalendarDay, timeZone: TimeZone,
                        stuckDays: Int, policy: ReviewPolicy) -> Learner {
        let p = m.progress
        var scores: [LessonScore] = []
        var tried = 0, rightFirst = 0
        for lesson in outline.lessons {
            let ids = lesson.itemIDs
            let statuses = ids.map { p.status(lesson: lesson.id, item: $0) }
            scores.append(LessonScore(lesson: lesson.id, mastery: p.mastery(lesson: lesson.id, itemIDs: ids), test: p.latestTest(lesson: lesson.id),
                                      solved: statuses.filter { $0 == .solved }.count, items: ids.count,
                                      done: !ids.isEmpty && statuses.allSatisfy { $0 == .solved || $0 == .missed }))
            for id in ids {
                guard let first = p.item(lesson: lesson.id, item: id)?.rightAtFirstTry else { continue }
                tried += 1
                if first { rightFirst += 1 }
            }
        }
        let firstTryRate = tried == 0 ? nil : Double(rightFirst) / Double(tried)
        var last: Date?
        var answers = 0
        var stuck: [Stuck] = []
        for (lessonID, lesson) in p.lessons.sorted(by: { $0.key < $1.key }) {
            for score in lesson.tests + lesson.challenges { last = max(last ?? score.at, score.at) }
            for (itemID, item) in lesson.items.sorted(by: { $0.key < $1.key }) {
                answers += item.history.count
                for entry in item.history { last = max(last ?? entry.at, entry.at) }
                let graded = item.history.compactMap(\.grade)
                let misses = graded.filter { $0 == .again }.count
                if misses >= stuckMisses, graded.last == .again { stuck.append(.missing(lesson: lessonID, item: itemID, times: misses)) }
            }
        }
        if let last {
            let idle = today - CalendarDay(last, in: timeZone)
            if idle >= stuckDays { stuck.insert(.idle(days: idle), at: 0) }
        } else {
            stuck.insert(.notStarted, at: 0)
        }
        return Learner(
            name: m.name, sources: m.sources, lessonsDone: scores.filter(\.done).count,
            mastery: courseMastery(scores.filter { $0.items > 0 }.map(\.mastery)),
            firstTryRate: firstTryRate, lastActive: last,
            lastActiveDay: last.map { CalendarDay($0, in: timeZone) },
            due: p.dueReview(outline: outline, at: now, timeZone: timeZone, policy: policy).count,
            answers: answers, stuck: stuck, lessons: scores)
    }

    /// A learner's rating over the course: the mean of the lessons' percentages (each lesson's own rule,
    /// `LearnerProgress.mastery(lesson:itemIDs:)`), banded by `Mastery.level`; not started while no lesson
    /// is. The one place the class report turns the tutor's per-lesson rating into one per learner.
    static func courseMastery(_ lessons: [Mastery]) -> Mastery {
        guard !lessons.isEmpty else { return Mastery(percent: 0, level: .notStarted, answered: 0, total: 0, recordPercent: 0, test: nil) }
        let mean = lessons.map { Double($0.percent) }.reduce(0, +) / Double(lessons.count)
        let record = lessons.map { Double($0.recordPercent) }.reduce(0, +) / Double(lessons.count)
        let started = lessons.contains { $0.level != .notStarted }
        return Mastery(percent: Int(mean.rounded(.down)), level: started ? Mastery.level(mean / 100) : .notStarted,
                       answered: lessons.map(\.answered).reduce(0, +), total: lessons.map(\.total).reduce(0, +),
                       recordPercent: Int(record.rounded(.down)), test: nil)
    }

    /// Lessons with at least one task or question (what "lessons done" counts out of).
    public var gradedLessons: Int { lessons.filter { !$0.itemIDs.isEmpty }.count }
}
