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
    /// Each finished item as it was answered, in order, for the result page.
    public var answers: [ItemWork] = []
    /// The last item's feedback has been read and the result page asked for (Enter or n).
    public var resultShown = false
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
    /// The last item is done, its feedback read, and the result is on screen.
    public var isFinished: Bool { resultShown }
    /// The run covered every item (a run opened at a later task is not scored).
    public var isComplete: Bool { results.count == items.count }
    public var score: Int { results.filter { $0 }.count }
    /// Every item right, in time, in a run over all of them.
    public var allRight: Bool { isComplete && score == items.count }

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

extension ScreenContext {
    func openingChallenge(lessonIndex: Int, task: Int) -> OpenedScreen? {
        guard let items = lessons[lessonIndex].challenge?.items, !items.isEmpty else { return nil }
        let start = min(max(0, task), items.count - 1)
        return OpenedScreen(screen: .challenge(ChallengeState(lessonIndex: lessonIndex, items: items, index: start, now: now)),
                            commands: [.startTimer(interval: 1), leftOff(lessons[lessonIndex], .challenge, item: "")])
    }
}

extension ChallengeState: ScreenModel {
    public var screen: Screen { .challenge(self) }
    public var position: ScreenPosition? { ScreenPosition(.challenge, lessonIndex, index) }
    public var helpTitle: String { "Challenge" }
    public var help: [HelpEntry] {
        [
            HelpEntry("keys of the item", "as in Try (fill) and Practice (choice)"),
            HelpEntry("Enter", "check; each item has its own clock and 2 attempts"),
            HelpEntry("n  Enter", "after an item: the next one (its clock starts then); after the last, the result"),
            HelpEntry("h  m", "hint, common mistakes"),
            HelpEntry("r", "at the end: try again"),
            HelpEntry("q  Esc", "back to the modes"),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            guard outcome == .working else { return [] }
            return afterAnswer(work.work(mouse: mouse, context), context)
        case .tick:
            return tick(context)
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessonID(lessonIndex)
        switch key {
        case .char("q"):
            return [.pop, .stopTimer]
        case .escape:
            if case .fill(let f) = work, f.carrying != nil, outcome == .working { break }
            return [.pop, .stopTimer]
        case .char("h"):
            guard !isFinished else { return [] }
            return work.toggleHint() ? [.record(.hintSeen(lesson: lesson, item: item.id, at: context.now))] : []
        case .char("m"):
            guard !isFinished else { return [] }
            return work.toggleMistakes() ? [.record(.mistakesSeen(lesson: lesson, item: item.id, at: context.now))] : []
        case .char, .ctrl, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        if isFinished {
            switch key {
            case .up: scroll = context.scrolled(scroll, by: -1)
            case .down: scroll = context.scrolled(scroll, by: 1)
            case .pageUp: scroll = context.scrolled(scroll, by: -context.page)
            case .pageDown: scroll = context.scrolled(scroll, by: context.page)
            case .home: scroll = 0
            case .end: scroll = context.scrollLimit
            case .char("r"): return [.open(.challenge, lessonIndex: lessonIndex, task: 0, .replace)]
            case .char, .ctrl, .left, .right, .enter, .tab, .backTab, .backspace, .delete, .escape: break
            }
            return []
        }
        if outcome != .working {
            switch key {
            case .char("n"), .enter:
                return next(context)
            case .pageUp:
                work.scroll(by: -context.page, context)
            case .pageDown:
                work.scroll(by: context.page, context)
            case .up:
                work.scroll(by: -1, context)
            case .down:
                work.scroll(by: 1, context)
            case .home, .end:
                work.scroll(to: key == .home, context)
            case .char, .ctrl, .left, .right, .tab, .backTab, .backspace, .delete, .escape:
                break
            }
            return []
        }
        switch key {
        case .char("n"), .char("p"):
            return []
        case .pageUp:
            work.scroll(by: -context.page, context)
            return []
        case .pageDown:
            work.scroll(by: context.page, context)
            return []
        case .home, .end:
            work.scroll(to: key == .home, context)
            return []
        case .char, .ctrl, .up, .down, .left, .right, .enter, .tab, .backTab, .backspace, .delete, .escape:
            return afterAnswer(work.work(key: key, context), context)
        }
    }

    /// A tick: the item on screen runs out of time when `now` reaches its deadline.
    private mutating func tick(_ context: ScreenContext) -> [Command] {
        guard outcome == .working, context.now >= deadline else { return [] }
        outcome = .timedOut
        let answer = work.timedOutAnswer(mode: .challenge, at: context.now, attempt: choiceAttempt)
        return [.record(.attempt(lesson: context.lessonID(lessonIndex), item: item.id, answer: answer))] + finishItem(right: false, context)
    }

    /// After a key or click on a working item: a right answer ends it; a wrong one costs an attempt
    /// (fill counts its own; a choice question is asked again) and the last wrong one ends it.
    private mutating func afterAnswer(_ event: WorkEvent?, _ context: ScreenContext) -> [Command] {
        if context.now >= deadline { return tick(context) }
        switch event {
        case nil:
            return []
        case .incomplete?, .placed?:
            return [.note(event?.sentence)]
        case .checked(let right)?:
            let answer = work.answer(mode: .challenge, at: context.now, attempt: choiceAttempt, final: right || choiceAttemptsLeft <= 1)
            let commands: [Command] = [.record(.attempt(lesson: context.lessonID(lessonIndex), item: item.id, answer: answer))]
            if right {
                outcome = .solved
                return commands + finishItem(right: true, context)
            }
            if case .choice(var c) = work {
                choiceAttemptsLeft -= 1
                if choiceAttemptsLeft > 0 {
                    // Why it is wrong, as far as that can be said before the last attempt: the option's own
                    // explanation when the lesson gives one, and the hint (shown under the options, as
                    // Try shows it after a wrong answer), which points at what decides the answer.
                    var status = "Not quite: \(c.answered ?? "?") is wrong."
                    if let why = c.answered.flatMap({ c.question.option($0)?.why }) { status += " " + why }
                    status += " \(choiceAttemptsLeft) attempt\(choiceAttemptsLeft == 1 ? "" : "s") left; see the hint."
                    c.showsHint = true
                    // Asked again, with the wrong choice crossed out.
                    if let wrong = c.answered { c.ruledOut.insert(wrong) }
                    c.answered = nil
                    c.selected = c.question.options.firstIndex { !c.ruledOut.contains($0.letter) } ?? c.selected
                    work = .choice(c)
                    return commands + [.note(status)]
                }
                // The hint shown for the retry goes with it: the solution takes its place, and `h`
                // asks for the hint afresh (and is recorded).
                c.showsHint = false
                work = .choice(c)
            } else if case .fill(let f) = work, !f.isFinished {
                return commands
            }
            outcome = .missed
            return commands + finishItem(right: false, context)
        }
    }

    private mutating func finishItem(right: Bool, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessonID(lessonIndex)
        var commands: [Command] = [.note(nil)]
        if !right { commands.append(.record(.missed(lesson: lesson, item: item.id, at: context.now))) }
        if outcome == .timedOut {
            // Out of time: the item shows its answer and solution, as a miss does.
            switch work {
            case .fill(var f):
                f.outcome = .missed
                f.filled = f.task.answers
                f.wrongBlanks = []
                f.showsMistakes = true
                f.follow = .feedback
                work = .fill(f)
            case .choice(var c):
                c.revealed = true
                work = .choice(c)
            }
        }
        results.append(right)
        answers.append(work)
        if isLast {
            commands.append(.stopTimer)
            if isComplete {
                commands.append(.record(.challengeScore(lesson: lesson, score: score, total: items.count, at: context.now)))
            }
        }
        return commands
    }

    private mutating func next(_ context: ScreenContext) -> [Command] {
        guard !isLast else {
            // The last item's feedback and solution have been read: now the result.
            resultShown = true
            scroll = 0
            return []
        }
        index += 1
        work = ItemWork(item.item, lessonIndex: lessonIndex, index: index, count: items.count, attempts: item.attempts, shownAt: context.now)
        choiceAttemptsLeft = item.attempts
        deadline = context.now.addingTimeInterval(TimeInterval(item.timeLimit))
        outcome = .working
        scroll = 0
        return []
    }
}
