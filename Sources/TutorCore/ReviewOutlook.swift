import Foundation

/// What the menu says about review on the local day of `now`: the day's session across the course
/// (`dueReview`), how many of its items each lesson has, how long it should take (the learner's own
/// times), the next day something is due, the streak and the count of items learned.
///
/// ```swift
/// let outlook = ReviewOutlook(lessons: lessons, progress: progress, now: now, timeZone: .current)
/// "Review — \(outlook.total) due, ~\(outlook.minutes) min"
/// ```
public struct ReviewOutlook: Sendable, Equatable {
    /// The day's review session across the course, in the order it is shown.
    public var items: [ReviewItem]
    /// Items of the session per lesson id.
    public var perLesson: [String: Int]
    /// Seconds the session should take (`estimatedSeconds`).
    public var seconds: Int
    /// The first day after today with something due; nil when nothing is scheduled.
    public var nextDue: CalendarDay?
    public var streak: Streak
    /// Items and cards whose latest recall was right (`learnedCount`).
    public var learned: Int
    public var learner: String?

    public init(lessons: [Lesson], progress: LearnerProgress, now: Date, timeZone: TimeZone, policy: ReviewPolicy = ReviewPolicy()) {
        let outline = ProgressOutline(lessons)
        let today = CalendarDay(now, in: timeZone)
        let all = progress.reviewItems(outline: outline, timeZone: timeZone, fsrs: policy.fsrs)
        items = progress.dueReview(outline: outline, at: now, timeZone: timeZone, policy: policy)
        var per: [String: Int] = [:]
        for item in items { per[item.lesson, default: 0] += 1 }
        perLesson = per
        seconds = progress.estimatedSeconds(for: items, outline: outline, policy: policy)
        nextDue = all.compactMap { $0.schedule?.due }.filter { $0 > today }.min()
        streak = progress.streak(at: now, timeZone: timeZone)
        learned = all.filter { $0.schedule?.lastGrade.isPass == true }.count
        learner = progress.learner
    }

    public var total: Int { items.count }
    /// The "~4 min" of the session (whole minutes, rounded up).
    public var minutes: Int { LearnerProgress.minutes(seconds: seconds) }
    /// Items of the session from one lesson.
    public func due(lesson id: String) -> Int { perLesson[id] ?? 0 }

    /// "streak 3 days", "streak 1 day".
    public var streakText: String { "streak \(streak.days) day\(streak.days == 1 ? "" : "s")" }

    /// The rule the menu's `?` states.
    public static let streakRule = "Days in a row with an answer or a review, by your local calendar day; "
        + "a day with nothing breaks it (today counts once you answer)."
    public static let learnedRule = "Items you got right the last time they were asked."
    public static let dueRule = "Items whose review day has come (FSRS-6, timed for a 90\u{00A0}% chance you still recall them), "
        + "and up to 20 new cards a day from the lessons you have started. The minutes come from your own answer times."
}

extension ScreenContext {
    /// The review outlook on the context's day.
    public var reviewOutlook: ReviewOutlook {
        ReviewOutlook(lessons: lessons, progress: progress, now: now, timeZone: timeZone)
    }
}

extension State {
    /// The review outlook on the state's day (the menu's counts).
    public var reviewOutlook: ReviewOutlook { context.reviewOutlook }
}
