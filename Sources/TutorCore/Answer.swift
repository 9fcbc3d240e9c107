import Foundation

/// Where an answer was given. `v1` marks the one entry made from a format-1 file's counters when it was
/// migrated (the old format kept no history).
public enum AnswerMode: String, Sendable, Hashable, Codable, CaseIterable {
    case `try`, practice, challenge, test, review, v1
}

/// One entry of an item's history: an answer checked in try, practice, challenge or test, or a grade given
/// in review. The schedule, the streak, the time estimate and an instructor's item analysis are all read
/// from these entries, so the file keeps them whole.
///
/// ```swift
/// Answer(at: now, mode: .try, chosen: ["A", "C"], wrongBlanks: [2], correct: false, attempt: 1,
///        seconds: 14, grade: nil)          // wrong, a retry to come: not graded yet
/// Answer(at: now, mode: .review, seconds: 6, grade: .good)   // a review card
/// ```
public struct Answer: Sendable, Hashable, Codable {
    public var at: Date
    public var mode: AnswerMode
    /// A fill task: the option letter in each blank, blank 1 first (nil for a blank left empty, as when
    /// time ran out). A choice question: the one letter chosen. Nil for a card grade and for `v1`.
    public var chosen: [String?]?
    /// A fill task answered wrongly: the blank numbers that held a wrong option.
    public var wrongBlanks: [Int]
    /// Right or wrong; nil for a review card (the learner grades it).
    public var correct: Bool?
    /// 1 for the first attempt at this showing of the item, 2 for the retry after it, …
    public var attempt: Int?
    /// Whole seconds from when the item was shown to this answer (so a retry's includes the first try).
    public var seconds: Int?
    /// Set on the answer that ends a showing (right, or wrong with no attempt left) and on card grades;
    /// nil on a wrong answer that leaves another attempt. Only graded entries move the schedule.
    public var grade: Grade?
    /// A challenge item whose clock ran out (`chosen` is what was in place then).
    public var timedOut: Bool

    public init(at: Date, mode: AnswerMode, chosen: [String?]? = nil, wrongBlanks: [Int] = [], correct: Bool? = nil,
                attempt: Int? = nil, seconds: Int? = nil, grade: Grade?, timedOut: Bool = false) {
        self.at = at
        self.mode = mode
        self.chosen = chosen
        self.wrongBlanks = wrongBlanks
        self.correct = correct
        self.attempt = attempt
        self.seconds = seconds
        self.grade = grade
        self.timedOut = timedOut
    }

    /// A grade given to a card (or to an item shown as a card) in review.
    public static func review(_ grade: Grade, seconds: Int?, at: Date) -> Answer {
        Answer(at: at, mode: .review, seconds: seconds, grade: grade)
    }

    /// Whole seconds from `shown` to `now`, never negative; nil when the start is unknown.
    public static func seconds(from shown: Date?, to now: Date) -> Int? {
        guard let shown else { return nil }
        let s = now.timeIntervalSince(shown)
        guard s.isFinite else { return nil }
        return Int(min(max(s, 0), 1e9).rounded(.down))
    }

    enum CodingKeys: String, CodingKey {
        case at, mode, chosen, wrongBlanks = "wrong_blanks", correct, attempt, seconds, grade, timedOut = "timed_out"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(Date.self, forKey: .at)
        mode = try c.decode(AnswerMode.self, forKey: .mode)
        chosen = try c.decodeIfPresent([String?].self, forKey: .chosen)
        wrongBlanks = try c.decodeIfPresent([Int].self, forKey: .wrongBlanks) ?? []
        correct = try c.decodeIfPresent(Bool.self, forKey: .correct)
        attempt = try c.decodeIfPresent(Int.self, forKey: .attempt)
        seconds = try c.decodeIfPresent(Int.self, forKey: .seconds)
        grade = try c.decodeIfPresent(Grade.self, forKey: .grade)
        timedOut = try c.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false
        // Numbers a later sum, median or comparison could trip over are refused here, with the field named.
        if let attempt, attempt < 1 {
            throw DecodingError.dataCorruptedError(forKey: .attempt, in: c, debugDescription: "below 1")
        }
        if let seconds, seconds < 0 {
            throw DecodingError.dataCorruptedError(forKey: .seconds, in: c, debugDescription: "negative")
        }
        if wrongBlanks.contains(where: { $0 < 1 }) {
            throw DecodingError.dataCorruptedError(forKey: .wrongBlanks, in: c, debugDescription: "blank below 1")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(mode, forKey: .mode)
        try c.encodeIfPresent(chosen, forKey: .chosen)
        if !wrongBlanks.isEmpty { try c.encode(wrongBlanks, forKey: .wrongBlanks) }
        try c.encodeIfPresent(correct, forKey: .correct)
        try c.encodeIfPresent(attempt, forKey: .attempt)
        try c.encodeIfPresent(seconds, forKey: .seconds)
        try c.encodeIfPresent(grade, forKey: .grade)
        if timedOut { try c.encode(timedOut, forKey: .timedOut) }
    }

    /// A total order (date first), so merged histories list the same entries in the same order everywhere.
    static func precedes(_ a: Answer, _ b: Answer) -> Bool {
        if a.at != b.at { return a.at < b.at }
        return a.sortKey.lexicographicallyPrecedes(b.sortKey)
    }

    private var sortKey: [String] {
        [mode.rawValue, attempt.map(String.init) ?? "", grade?.rawValue ?? "", correct.map { $0 ? "1" : "0" } ?? "",
         seconds.map(String.init) ?? "", timedOut ? "1" : "0",
         chosen.map { $0.map { $0 ?? "\u{0}" }.joined(separator: "\u{1}") } ?? "\u{2}",
         wrongBlanks.map(String.init).joined(separator: ",")]
    }
}
