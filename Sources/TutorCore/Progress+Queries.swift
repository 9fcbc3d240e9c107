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

}
