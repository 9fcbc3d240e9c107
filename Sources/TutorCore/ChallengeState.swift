import Foundation

/// Timed problems: each item has its own countdown (the lesson's limit, default 1:30) and attempts
/// (default 2). The runtime delivers `Msg.tick` once a second; `update` compares `State.now` with the
/// item's deadline, so tests move time by sending ticks with chosen dates.
public struct ChallengeState: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case working
        case solved
        case missed
        case timedOut
    }

    public var lessonIndex: Int
    public var items: [ChallengeItem]
    public var index: Int
    public var work: ItemWork
    /// Attempts left on a choice question (fill tasks count their own).
    public var choiceAttemptsLeft: Int
    /// When the item on screen runs out of time.
    public var deadline: Date
    public var outcome = Outcome.working
    /// Right or wrong for each finished item, in order.
    public var results: [Bool] = []
    public var scroll = 0

    public init(lessonIndex: Int, items: [ChallengeItem], index: Int = 0, now: Date) {
        self.lessonIndex = lessonIndex
        self.items = items
        self.index = index
        self.start = index
        let item = items[index]
        self.work = ItemWork(item.item, lessonIndex: lessonIndex, index: index, count: items.count, attempts: item.attempts, shownAt: now)
        self.choiceAttemptsLeft = item.attempts
        self.deadline = now.addingTimeInterval(TimeInterval(item.timeLimit))
    }

    public var item: ChallengeItem { items[index] }
    public var isLast: Bool { index + 1 >= items.count }
    /// The index the run started at (0 unless opened at a later task).
    public var start: Int
    /// The last item is done and the summary is on screen.
    public var isFinished: Bool { isLast && outcome != .working }
    /// The run covered every item (a run opened at a later task is not scored).
    public var isComplete: Bool { results.count == items.count }
    public var score: Int { results.filter { $0 }.count }
    public var mastered: Bool { isFinished && isComplete && score == items.count }

    /// The attempt a choice question is at (1, then 2 after a wrong answer, …).
    public var choiceAttempt: Int { max(1, item.attempts - choiceAttemptsLeft + 1) }

    /// Whole seconds left on the clock at `now` (never below zero).
    public func secondsLeft(at now: Date) -> Int {
        max(0, Int(deadline.timeIntervalSince(now).rounded(.up)))
    }

    /// `1:30`
    public static func clock(_ seconds: Int) -> String {
        "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}

extension State {
    mutating func openChallenge(lessonIndex: Int, task: Int) -> [Effect] {
        guard let items = lessons[lessonIndex].challenge?.items, !items.isEmpty else { return [] }
        let start = min(max(0, task), items.count - 1)
        route.append(.challenge(ChallengeState(lessonIndex: lessonIndex, items: items, index: start, now: now)))
        return [.startTimer(interval: 1)]
    }

    mutating func updateChallenge(_ challenge: inout ChallengeState, key: Key) -> [Effect] {
        switch key {
        case .char("q"):
            return back() + [.stopTimer]
        case .escape:
            if case .fill(let f) = challenge.work, f.carrying != nil, challenge.outcome == .working { break }
            return back() + [.stopTimer]
        default:
            break
        }
        if challenge.outcome != .working {
            switch key {
            case .char("n"), .enter:
                return nextChallengeItem(&challenge)
            case .char("m"), .char("h"), .pageUp, .pageDown, .up, .down:
                if challenge.isFinished { break }
                updateWork(&challenge.work, key: key)
            default:
                break
            }
            if challenge.isFinished {
                switch key {
                case .up: challenge.scroll = max(0, challenge.scroll - 1)
                case .down: challenge.scroll = min(scrollLimit, challenge.scroll + 1)
                case .char("r"):
                    route.removeLast()
                    return openChallenge(lessonIndex: challenge.lessonIndex, task: 0)
                default: break
                }
            }
            return []
        }
        if case .char(let c) = key, "np".contains(c) { return [] }
        updateWork(&challenge.work, key: key)
        return afterChallengeAnswer(&challenge)
    }

    mutating func updateChallenge(_ challenge: inout ChallengeState, mouse: MouseEvent) -> [Effect] {
        guard challenge.outcome == .working else { return [] }
        updateWork(&challenge.work, mouse: mouse)
        return afterChallengeAnswer(&challenge)
    }

    /// A tick: the item on screen runs out of time when `now` reaches its deadline.
    mutating func tickChallenge(_ challenge: inout ChallengeState) -> [Effect] {
        guard challenge.outcome == .working, now >= challenge.deadline else { return [] }
        challenge.outcome = .timedOut
        let answer = challenge.work.timedOutAnswer(mode: .challenge, at: now, attempt: challenge.choiceAttempt)
        return record(.attempt(lesson: lessonID(challenge.lessonIndex), item: challenge.item.id, answer: answer))
            + finishChallengeItem(&challenge, right: false)
    }

    /// After a key or click on a working item: a right answer ends it; a wrong one costs an attempt
    /// (fill counts its own; a choice question is asked again) and the last wrong one ends it.
    private mutating func afterChallengeAnswer(_ challenge: inout ChallengeState) -> [Effect] {
        if now >= challenge.deadline { return tickChallenge(&challenge) }
        guard let right = challenge.work.verdict else { return [] }
        let lesson = lessons[challenge.lessonIndex].id
        let answer = challenge.work.answer(mode: .challenge, at: now, attempt: challenge.choiceAttempt, final: right || challenge.choiceAttemptsLeft <= 1)
        let effects = record(.attempt(lesson: lesson, item: challenge.item.id, answer: answer))
        if right {
            challenge.outcome = .solved
            return effects + finishChallengeItem(&challenge, right: true)
        }
        if case .choice(var c) = challenge.work {
            challenge.choiceAttemptsLeft -= 1
            if challenge.choiceAttemptsLeft > 0 {
                status = "Not quite: \(c.answered ?? "?") is wrong. \(challenge.choiceAttemptsLeft) attempt\(challenge.choiceAttemptsLeft == 1 ? "" : "s") left."
                c.answered = nil
                challenge.work = .choice(c)
                return effects
            }
        } else if case .fill(let f) = challenge.work, !f.isFinished {
            return effects
        }
        challenge.outcome = .missed
        return effects + finishChallengeItem(&challenge, right: false)
    }

    private mutating func finishChallengeItem(_ challenge: inout ChallengeState, right: Bool) -> [Effect] {
        let lesson = lessons[challenge.lessonIndex].id
        var effects: [Effect] = []
        if !right { effects += record(.missed(lesson: lesson, item: challenge.item.id, at: now)) }
        if challenge.outcome == .timedOut, case .fill(var f) = challenge.work {
            f.outcome = .missed
            f.filled = f.task.answers
            f.wrongBlanks = []
            challenge.work = .fill(f)
        }
        challenge.results.append(right)
        status = nil
        if challenge.isLast {
            effects.append(.stopTimer)
            if challenge.isComplete {
                effects += record(.challengeScore(lesson: lesson, score: challenge.score, total: challenge.items.count, at: now))
            }
        }
        return effects
    }

    private mutating func nextChallengeItem(_ challenge: inout ChallengeState) -> [Effect] {
        guard !challenge.isLast else { return [] }
        challenge.index += 1
        let item = challenge.item
        challenge.work = ItemWork(item.item, lessonIndex: challenge.lessonIndex, index: challenge.index, count: challenge.items.count, attempts: item.attempts, shownAt: now)
        challenge.choiceAttemptsLeft = item.attempts
        challenge.deadline = now.addingTimeInterval(TimeInterval(item.timeLimit))
        challenge.outcome = .working
        challenge.scroll = 0
        return []
    }
}
