import Foundation

/// What a learner has done, keyed by stable lesson and item ids (never by position), so a course that is
/// reordered or edited loses nothing. A plain value: the tutor changes it only through `apply(_:)`, and
/// the store (TutorStore) is the only thing that reads or writes it on disk.
///
/// ```swift
/// var progress = LearnerProgress()
/// let answer = Answer(at: now, mode: .try, chosen: ["A"], correct: true, attempt: 1, seconds: 9, grade: .good)
/// progress.apply(.attempt(lesson: "rnn-shapes", item: "t1", answer: answer))
/// progress.status(lesson: "rnn-shapes", item: "t1")   // .solved
/// ```
public struct LearnerProgress: Sendable, Equatable, Codable {
    /// The version this build writes; a file with a larger one is left alone (never overwritten).
    /// 2 added each item's `history`, and `learner`; a format-1 file is migrated (`migratingFromV1`).
    public static let currentFormatVersion = 2

    /// The version of the file this was read from (1 until a format-1 file is written again as 2).
    public var formatVersion: Int
    /// Whose progress this is (`unroll --learner NAME` or `$UNROLL_LEARNER`), for an instructor's report.
    public var learner: String?
    /// Lesson id → what was done in it. Ids no longer in the lessons stay here.
    public var lessons: [String: LessonProgress]
    /// Where the learner left off, so `unroll` with no argument can offer to resume there.
    public var resumePoint: ResumePoint?

    public init(lessons: [String: LessonProgress] = [:], resumePoint: ResumePoint? = nil, learner: String? = nil) {
        self.formatVersion = LearnerProgress.currentFormatVersion
        self.learner = learner
        self.lessons = lessons
        self.resumePoint = resumePoint
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case learner
        case lessons
        case resumePoint = "resume"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        learner = try c.decodeIfPresent(String.self, forKey: .learner)
        lessons = try c.decodeIfPresent([String: LessonProgress].self, forKey: .lessons) ?? [:]
        resumePoint = try c.decodeIfPresent(ResumePoint.self, forKey: .resumePoint)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encodeIfPresent(learner, forKey: .learner)
        try c.encode(lessons, forKey: .lessons)
        try c.encodeIfPresent(resumePoint, forKey: .resumePoint)
    }
}

/// Everything recorded for one lesson.
public struct LessonProgress: Sendable, Equatable, Codable {
    /// Task, question or review card id → its record.
    public var items: [String: ItemProgress]
    /// Test scores, oldest first.
    public var tests: [Score]
    /// Challenge scores, oldest first.
    public var challenges: [Score]

    public init(items: [String: ItemProgress] = [:], tests: [Score] = [], challenges: [Score] = []) {
        self.items = items
        self.tests = tests
        self.challenges = challenges
    }

    enum CodingKeys: String, CodingKey { case items, tests, challenges }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decodeIfPresent([String: ItemProgress].self, forKey: .items) ?? [:]
        tests = try c.decodeIfPresent([Score].self, forKey: .tests) ?? []
        challenges = try c.decodeIfPresent([Score].self, forKey: .challenges) ?? []
    }
}

/// One test or challenge result.
public struct Score: Sendable, Hashable, Codable, Comparable {
    public var score: Int
    public var total: Int
    public var at: Date

    public init(score: Int, total: Int, at: Date) {
        self.score = score
        self.total = total
        self.at = at
    }

    /// score / total, 0 when total is 0.
    public var fraction: Double { total > 0 ? Double(score) / Double(total) : 0 }

    enum CodingKeys: String, CodingKey { case score, total, at }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Int.self, forKey: .score)
        total = try c.decode(Int.self, forKey: .total)
        at = try c.decode(Date.self, forKey: .at)
        if score < 0 { throw DecodingError.dataCorruptedError(forKey: .score, in: c, debugDescription: "negative") }
        if total < score { throw DecodingError.dataCorruptedError(forKey: .total, in: c, debugDescription: "below the score") }
    }

    /// By date, then score, then total: a total order, so merged lists sort the same on every side.
    public static func < (a: Score, b: Score) -> Bool {
        (a.at, a.score, a.total) < (b.at, b.score, b.total)
    }
}

/// One task, question or review card.
public struct ItemProgress: Sendable, Equatable, Codable {
    /// Answers checked (a challenge's time running out is not one). Saturates at Int.max.
    public var attemptsUsed: Int
    /// Answered right at some attempt. Wins over `missed` for the status (the learner got there).
    public var solved: Bool
    /// Ran out of attempts or gave up at least once.
    public var missed: Bool
    public var hintSeen: Bool
    public var mistakesSeen: Bool
    public var solutionSeen: Bool
    /// Whether the first attempt was right; nil until there is one.
    public var rightAtFirstTry: Bool?
    public var firstAt: Date?
    public var lastAt: Date?
    /// Every answer and review grade, oldest first: the schedule is recomputed from it (`FSRS.schedule`).
    public var history: [Answer]

    public init(
        attemptsUsed: Int = 0, solved: Bool = false, missed: Bool = false,
        hintSeen: Bool = false, mistakesSeen: Bool = false, solutionSeen: Bool = false,
        rightAtFirstTry: Bool? = nil, firstAt: Date? = nil, lastAt: Date? = nil, history: [Answer] = []
    ) {
        self.attemptsUsed = attemptsUsed
        self.solved = solved
        self.missed = missed
        self.hintSeen = hintSeen
        self.mistakesSeen = mistakesSeen
        self.solutionSeen = solutionSeen
        self.rightAtFirstTry = rightAtFirstTry
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.history = history
    }

    /// solved, else missed, else in progress once anything was recorded, else unseen.
    public var status: ItemStatus {
        if solved { return .solved }
        if missed { return .missed }
        if attemptsUsed > 0 || hintSeen || mistakesSeen || solutionSeen || firstAt != nil { return .inProgress }
        return .unseen
    }

    enum CodingKeys: String, CodingKey {
        case attemptsUsed = "attempts_used", solved, missed
        case hintSeen = "hint_seen", mistakesSeen = "mistakes_seen", solutionSeen = "solution_seen"
        case rightAtFirstTry = "right_at_first_try", firstAt = "first_at", lastAt = "last_at", history
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(attemptsUsed, forKey: .attemptsUsed)
        try c.encode(solved, forKey: .solved)
        try c.encode(missed, forKey: .missed)
        try c.encode(hintSeen, forKey: .hintSeen)
        try c.encode(mistakesSeen, forKey: .mistakesSeen)
        try c.encode(solutionSeen, forKey: .solutionSeen)
        try c.encodeIfPresent(rightAtFirstTry, forKey: .rightAtFirstTry)
        try c.encodeIfPresent(firstAt, forKey: .firstAt)
        try c.encodeIfPresent(lastAt, forKey: .lastAt)
        if !history.isEmpty { try c.encode(history, forKey: .history) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        attemptsUsed = try c.decodeIfPresent(Int.self, forKey: .attemptsUsed) ?? 0
        solved = try c.decodeIfPresent(Bool.self, forKey: .solved) ?? false
        missed = try c.decodeIfPresent(Bool.self, forKey: .missed) ?? false
        hintSeen = try c.decodeIfPresent(Bool.self, forKey: .hintSeen) ?? false
        mistakesSeen = try c.decodeIfPresent(Bool.self, forKey: .mistakesSeen) ?? false
        solutionSeen = try c.decodeIfPresent(Bool.self, forKey: .solutionSeen) ?? false
        rightAtFirstTry = try c.decodeIfPresent(Bool.self, forKey: .rightAtFirstTry)
        firstAt = try c.decodeIfPresent(Date.self, forKey: .firstAt)
        lastAt = try c.decodeIfPresent(Date.self, forKey: .lastAt)
        history = try c.decodeIfPresent([Answer].self, forKey: .history) ?? []
        if attemptsUsed < 0 {
            throw DecodingError.dataCorruptedError(forKey: .attemptsUsed, in: c, debugDescription: "negative")
        }
    }
}

/// How an item shows on the task screens and in `unroll progress --json`.
public enum ItemStatus: String, Sendable, Codable, CaseIterable {
    case solved
    case missed
    case inProgress = "in_progress"
    case unseen
}

/// Where the learner left off.
public struct ResumePoint: Sendable, Equatable, Codable {
    public var lesson: String
    public var mode: String
    public var task: String
    public var at: Date

    public init(lesson: String, mode: String, task: String, at: Date) {
        self.lesson = lesson
        self.mode = mode
        self.task = task
        self.at = at
    }
}
