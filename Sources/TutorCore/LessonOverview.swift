import Foundation

/// Counts over a set of items (a mode's, or a lesson's), from the progress file.
public struct ItemTally: Sendable, Equatable {
    public var total = 0
    /// Answered at least once.
    public var answered = 0
    /// Answered right at some attempt.
    public var right = 0
    /// The first answer was right.
    public var firstTry = 0
    /// Answered and never right.
    public var missed: [LessonItem] = []

    public init(_ items: [LessonItem], lesson: String, progress: LearnerProgress) {
        for item in items {
            total += 1
            guard let p = progress.item(lesson: lesson, item: item.id), p.attemptsUsed > 0 || p.missed else { continue }
            answered += 1
            if p.solved { right += 1 } else { missed.append(item) }
            if p.rightAtFirstTry == true { firstTry += 1 }
        }
    }

    public var isDone: Bool { total > 0 && answered == total }
}

/// Where a mode of a lesson stands, for the overview and the chooser's marks.
public struct ModeProgress: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case notStarted
        case inProgress
        case done
        /// Reading, watching and running (pages, the visualizer, the playground) are not recorded.
        case notTracked
    }

    public var mode: Mode
    public var stage: Stage
    /// "4/5 right · 3 first try", "latest 8/10", "3 due today", or "".
    public var detail: String
}

/// A lesson at a glance: each mode's stage and score, the mastery, and the mode worth doing next.
public struct LessonOverview: Sendable, Equatable {
    public var modes: [ModeProgress]
    public var recommended: Mode?
    public var mastery: Mastery
    /// The lesson's items and cards the scheduler has due today (its part of the day's review).
    public var due: [ReviewItem]

    /// `due`: the lesson's part of the day's review (`ScreenContext.dueItems`).
    public init(lesson: Lesson, progress: LearnerProgress, due: [ReviewItem] = []) {
        let id = lesson.id
        mastery = lesson.mastery(in: progress)
        self.due = due
        let test = progress.latestTest(lesson: id)
        let challenge = progress.latestChallenge(lesson: id)
        var rows: [ModeProgress] = []
        for mode in Mode.listed where lesson.opens(mode) {
            switch mode {
            case .intro, .why, .deep, .visualize, .playground:
                rows.append(ModeProgress(mode: mode, stage: .notTracked, detail: ""))
            case .try, .practice:
                let items = mode == .try ? (lesson.tryIt?.tasks.map(LessonItem.fill) ?? []) : (lesson.practice?.questions.map(LessonItem.choice) ?? [])
                let t = ItemTally(items, lesson: id, progress: progress)
                let stage: ModeProgress.Stage = t.isDone ? .done : t.answered > 0 ? .inProgress : .notStarted
                rows.append(ModeProgress(mode: mode, stage: stage, detail: t.answered == 0 ? "" : "\(t.right)/\(t.total) right · \(t.firstTry) first try"))
            case .challenge:
                let t = ItemTally(lesson.challenge?.items.map(\.item) ?? [], lesson: id, progress: progress)
                let stage: ModeProgress.Stage = challenge != nil ? .done : t.answered > 0 ? .inProgress : .notStarted
                rows.append(ModeProgress(mode: mode, stage: stage, detail: challenge.map { "latest \($0.score)/\($0.total)" } ?? ""))
            case .test:
                rows.append(ModeProgress(mode: mode, stage: test == nil ? .notStarted : .done, detail: test.map { "latest \($0.score)/\($0.total)" } ?? ""))
            case .review:
                let n = due.count
                rows.append(ModeProgress(mode: mode, stage: .notTracked, detail: n == 0 ? "" : "\(n) due today"))
            }
        }
        modes = rows
        recommended = Self.recommend(lesson: lesson, rows: rows, due: due, test: test, challenge: challenge, started: mastery.level != .notStarted)
    }

    public func progress(of mode: Mode) -> ModeProgress? { modes.first { $0.mode == mode } }

    /// The next mode worth doing: the first page of a lesson not started; then Try and Practice until
    /// every item is answered; then Review while the scheduler has items due; then the Test until it is strong;
    /// then the Challenge once.
    static func recommend(lesson: Lesson, rows: [ModeProgress], due: [ReviewItem], test: Score?, challenge: Score?, started: Bool) -> Mode? {
        func stage(_ m: Mode) -> ModeProgress.Stage? { rows.first { $0.mode == m }?.stage }
        if !started, let page = [Mode.intro, .why, .deep].first(where: lesson.opens) { return page }
        for mode in [Mode.try, .practice] where stage(mode) != nil && stage(mode) != .done { return mode }
        if !due.isEmpty, lesson.opens(.review) { return .review }
        if lesson.opens(.test), (test?.fraction ?? 0) < 0.8 { return .test }
        if lesson.opens(.challenge), challenge == nil { return .challenge }
        return nil
    }
}
