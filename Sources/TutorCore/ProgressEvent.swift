import Foundation

/// Something the learner did, as a value. `update` returns `Effect.record(event)`; the event loop hands
/// it to `ProgressStore.record`, which applies it to the file under a lock.
public enum ProgressEvent: Sendable, Equatable {
    /// One answer checked, with what was chosen, how long it took and its grade (added to the item's
    /// history). The first attempt decides `rightAtFirstTry`; a right one marks the item solved. A
    /// challenge's clock running out is recorded the same way (`timedOut`) but is not counted as an attempt.
    case attempt(lesson: String, item: String, answer: Answer)
    /// A review card (or an item shown as one) graded Again/Hard/Good/Easy by the learner.
    case reviewed(lesson: String, item: String, grade: Grade, seconds: Int?, at: Date)
    /// Out of attempts, or gave up.
    case missed(lesson: String, item: String, at: Date)
    case hintSeen(lesson: String, item: String, at: Date)
    case mistakesSeen(lesson: String, item: String, at: Date)
    case solutionSeen(lesson: String, item: String, at: Date)
    case testScore(lesson: String, score: Int, total: Int, at: Date)
    case challengeScore(lesson: String, score: Int, total: Int, at: Date)
    /// Where the learner is now (lesson, mode, task id): the resume point.
    case leftOff(lesson: String, mode: String, task: String, at: Date)
    /// Forget one lesson, or everything when `lesson` is nil (`unroll progress --reset`).
    case reset(lesson: String?)
}

extension LearnerProgress {
    /// Applies one event. Dates are kept to whole seconds so the file round-trips exactly.
    public mutating func apply(_ event: ProgressEvent) {
        switch event {
        case let .attempt(lesson, item, answer):
            var answer = answer
            answer.at = answer.at.wholeSeconds
            updateItem(lesson, item, answer.at) { p in
                let correct = answer.correct ?? false
                if p.attemptsUsed == 0, p.rightAtFirstTry == nil { p.rightAtFirstTry = correct && !answer.timedOut }
                // Saturating: a count read from an edited file may already be Int.max.
                if !answer.timedOut { p.attemptsUsed = p.attemptsUsed == .max ? .max : p.attemptsUsed + 1 }
                if correct { p.solved = true }
                p.insert(answer)
            }
        case let .reviewed(lesson, item, grade, seconds, at):
            updateItem(lesson, item, at) { $0.insert(.review(grade, seconds: seconds, at: at.wholeSeconds)) }
        case let .missed(lesson, item, at):
            updateItem(lesson, item, at) { $0.missed = true }
        case let .hintSeen(lesson, item, at):
            updateItem(lesson, item, at) { $0.hintSeen = true }
        case let .mistakesSeen(lesson, item, at):
            updateItem(lesson, item, at) { $0.mistakesSeen = true }
        case let .solutionSeen(lesson, item, at):
            updateItem(lesson, item, at) { $0.solutionSeen = true }
        case let .testScore(lesson, score, total, at):
            let s = Score(score: score, total: total, at: at.wholeSeconds)
            lessons[lesson, default: LessonProgress()].tests = LearnerProgress.union(lessons[lesson]?.tests ?? [], [s])
        case let .challengeScore(lesson, score, total, at):
            let s = Score(score: score, total: total, at: at.wholeSeconds)
            lessons[lesson, default: LessonProgress()].challenges = LearnerProgress.union(lessons[lesson]?.challenges ?? [], [s])
        case let .leftOff(lesson, mode, task, at):
            resumePoint = ResumePoint(lesson: lesson, mode: mode, task: task, at: at.wholeSeconds)
        case let .reset(lesson):
            if let lesson {
                lessons[lesson] = nil
                if resumePoint?.lesson == lesson { resumePoint = nil }
            } else {
                lessons = [:]
                resumePoint = nil
            }
        }
    }

    /// Applies events in order.
    public mutating func apply(_ events: [ProgressEvent]) {
        for e in events { apply(e) }
    }

    private mutating func updateItem(_ lesson: String, _ item: String, _ at: Date, _ change: (inout ItemProgress) -> Void) {
        let at = at.wholeSeconds
        var p = lessons[lesson]?.items[item] ?? ItemProgress()
        change(&p)
        p.firstAt = min(p.firstAt ?? at, at)
        p.lastAt = max(p.lastAt ?? at, at)
        lessons[lesson, default: LessonProgress()].items[item] = p
    }

    static func union(_ a: [Score], _ b: [Score]) -> [Score] {
        Set(a + b).sorted()
    }
}

extension ItemProgress {
    /// Adds an entry in date order (after entries of the same second), so a history stays oldest first
    /// even when an answer that failed to save is replayed after later ones.
    mutating func insert(_ answer: Answer) {
        var i = history.endIndex
        while i > history.startIndex, history[i - 1].at > answer.at { i -= 1 }
        history.insert(answer, at: i)
    }
}

extension Date {
    /// Truncated to whole seconds: what an ISO 8601 timestamp in the file can hold.
    var wholeSeconds: Date { Date(timeIntervalSince1970: (timeIntervalSince1970).rounded(.down)) }
}
