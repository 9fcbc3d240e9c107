/// The order of one review session as it runs: "Again" puts the item back a few places later, so a
/// forgotten card comes back within the session (as Anki's relearning step does) rather than tomorrow.
///
/// ```swift
/// var queue = ReviewQueue(progress.dueReview(outline: outline, at: now, timeZone: .current))
/// queue.current        // the item on screen
/// queue.grade(.again)  // it comes back after `againGap` others (or last, when fewer are left)
/// queue.isFinished
/// ```
public struct ReviewQueue: Sendable, Equatable {
    /// Items still to show; the first is on screen.
    public private(set) var remaining: [ReviewItem]
    /// Items graded so far, with their grades, in order (an item graded Again and then Good appears twice).
    public private(set) var graded: [(item: ReviewItem, grade: Grade)] = []
    /// How many other items come before a card graded Again is shown again.
    public var againGap: Int

    public init(_ items: [ReviewItem], againGap: Int = 3) {
        remaining = items
        self.againGap = max(1, againGap)
    }

    public var current: ReviewItem? { remaining.first }
    public var isFinished: Bool { remaining.isEmpty }

    /// Grades the item on screen and moves on.
    public mutating func grade(_ grade: Grade) {
        guard let item = remaining.first else { return }
        remaining.removeFirst()
        graded.append((item, grade))
        if grade == .again { remaining.insert(item, at: min(againGap, remaining.count)) }
    }

    public static func == (a: ReviewQueue, b: ReviewQueue) -> Bool {
        a.remaining == b.remaining && a.againGap == b.againGap
            && a.graded.count == b.graded.count && zip(a.graded, b.graded).allSatisfy { $0.item == $1.item && $0.grade == $1.grade }
    }
}
