import Foundation

/// Counts for one lesson's items, as the menu shows them.
public struct ProgressSummary: Sendable, Equatable {
    public var solved: Int
    public var missed: Int
    public var inProgress: Int
    public var unseen: Int

    public init(solved: Int = 0, missed: Int = 0, inProgress: Int = 0, unseen: Int = 0) {
        self.solved = solved
        self.missed = missed
        self.inProgress = inProgress
        self.unseen = unseen
    }

    public var total: Int { solved + missed + inProgress + unseen }
}

/// "Is this pattern strong?" for one lesson, from the latest test score and the first-try rate.
public enum Mastery: String, Sendable, CaseIterable, Comparable {
    case unrated
    case weak
    case developing
    case strong

    /// A short label for the menu and the table.
    public var label: String {
        switch self {
        case .unrated: return "not rated"
        case .weak: return "weak"
        case .developing: return "getting there"
        case .strong: return "strong"
        }
    }

    public static func < (a: Mastery, b: Mastery) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The rule: with both, 0.6 × latest test fraction + 0.4 × first-try rate; with one, that one;
    /// with neither, unrated. ≥ 0.8 strong, ≥ 0.5 getting there, else weak.
    public static func from(testFraction: Double?, firstTryRate: Double?) -> Mastery {
        let value: Double
        switch (testFraction, firstTryRate) {
        case let (t?, r?): value = 0.6 * t + 0.4 * r
        case let (t?, nil): value = t
        case let (nil, r?): value = r
        case (nil, nil): return .unrated
        }
        if value >= 0.8 { return .strong }
        if value >= 0.5 { return .developing }
        return .weak
    }
}

extension LearnerProgress {
    /// The record of one item, if anything was recorded.
    public func item(lesson: String, item: String) -> ItemProgress? {
        lessons[lesson]?.items[item]
    }

    /// How a task screen marks the item.
    public func status(lesson: String, item: String) -> ItemStatus {
        self.item(lesson: lesson, item: item)?.status ?? .unseen
    }

    /// Counts over the given items (the lesson's current ones, in any order); recorded ids not listed
    /// are not counted (they stay in the file).
    public func summary(lesson: String, itemIDs: [String]) -> ProgressSummary {
        var s = ProgressSummary()
        for id in Set(itemIDs) {
            switch status(lesson: lesson, item: id) {
            case .solved: s.solved += 1
            case .missed: s.missed += 1
            case .inProgress: s.inProgress += 1
            case .unseen: s.unseen += 1
            }
        }
        return s
    }

    /// The most recent test score of a lesson.
    public func latestTest(lesson: String) -> Score? { lessons[lesson]?.tests.max() }

    /// The most recent challenge score of a lesson.
    public func latestChallenge(lesson: String) -> Score? { lessons[lesson]?.challenges.max() }

    /// Share of attempted items whose first attempt was right; nil before any attempt.
    public func firstTryRate(lesson: String) -> Double? {
        let tried = lessons[lesson].map { $0.items.values.compactMap(\.rightAtFirstTry) } ?? []
        guard !tried.isEmpty else { return nil }
        return Double(tried.filter { $0 }.count) / Double(tried.count)
    }

    public func mastery(lesson: String) -> Mastery {
        Mastery.from(testFraction: latestTest(lesson: lesson)?.fraction, firstTryRate: firstTryRate(lesson: lesson))
    }
}
