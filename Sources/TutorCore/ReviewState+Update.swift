/// The Review screen's keys: a card's front, its back with the grade keys, a task or question answered as
/// in Try and Practice, the way back to where an item is taught, and the tally at the end.
extension ReviewState: ScreenModel {
    public var screen: Screen { .review(self) }
    public var position: ScreenPosition? { lessonIndex.map { ScreenPosition(.review, $0, place.shown - 1) } }
    public var helpTitle: String { "Review" }
    public var help: [HelpEntry] {
        [
            HelpEntry("Space Enter", "a card: show its answer"),
            HelpEntry("1 2 3 4", "grade the card: 1 Again (forgotten: it comes back in this session), 2 Hard, 3 Good, 4 Easy. "
                      + "The grade sets when it is due next"),
            HelpEntry("item keys", "a task or question due for review is answered as in Try or Practice; the answer grades it "
                      + "(right first time: Good; after a retry: Hard; missed: Again)"),
            HelpEntry("n  Enter", "after an answer: the next item"),
            HelpEntry("t", "open where the lesson teaches the item (offered on a leech: an item missed three times in review)"),
            HelpEntry("h  m", "hint, common mistakes (a task or question)"),
            HelpEntry("↑ ↓ PgUp PgDn", "scroll"),
            HelpEntry("r", "at the end: review what is due now"),
            HelpEntry("q  Esc", "back (every grade is saved as you give it)"),
            HelpEntry("due", ReviewOutlook.dueRule),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return isFinished ? updateDone(key: key, context) : update(key: key, context)
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown, .wheelUp:
                let rows = mouse.kind == .wheelDown ? 1 : -1
                if var w = work { w.scroll(by: rows, context); work = w } else { scroll = context.scrolled(scroll, by: rows) }
                return []
            case .press, .release, .move:
                guard var w = work, pendingGrade == nil, !isFinished else { return [] }
                let event = w.work(mouse: mouse, context)
                work = w
                return answered(event, context)
            }
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    /// The tally: scroll it, review again what is due now, or leave.
    private mutating func updateDone(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"), .escape: return [.pop]
        case .up, .char("k"): scroll = context.scrolled(scroll, by: -1)
        case .down, .char("j"): scroll = context.scrolled(scroll, by: 1)
        case .pageUp: scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown: scroll = context.scrolled(scroll, by: context.page)
        case .char("r"):
            switch scope {
            case .lesson(let i):
                return [.open(.review, lessonIndex: i, task: 0, .replace)]
            case .course:
                guard let opened = context.openingCourseReview() else { return [.note("Nothing more is due today.")] }
                return [.replace(opened.screen)] + opened.commands
            }
        case .char, .ctrl, .left, .right, .home, .end, .enter, .tab, .backTab, .backspace, .delete: break
        }
        return []
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        guard let entry = current(in: context.lessons) else { return [.pop] }
        switch key {
        case .char("q"):
            return [.pop]
        case .escape:
            // Esc first puts a carried option back, as in Try.
            if case .fill(var f)? = work, f.carrying != nil {
                f.carrying = nil
                work = .fill(f)
                return []
            }
            return [.pop]
        case .char("t"):
            guard let link = entry.teaches, let opened = context.openingSource(link, lessonIndex: entry.lessonIndex) else {
                return [.note("The lesson does not say where it teaches this one.")]
            }
            return [.push(opened.screen)] + opened.commands
        case .char, .ctrl, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        switch entry.content {
        case .card: return card(key: key, entry, context)
        case .item: return item(key: key, entry, context)
        }
    }

    /// A card: Space or Enter turns it over; then 1–4 grade it.
    private mutating func card(key: Key, _ entry: ReviewEntry, _ context: ScreenContext) -> [Command] {
        switch key {
        case .up, .char("k"): scroll = context.scrolled(scroll, by: -1)
        case .down, .char("j"): scroll = context.scrolled(scroll, by: 1)
        case .pageUp: scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown: scroll = context.scrolled(scroll, by: context.page)
        case .char(" "), .enter:
            if !revealed {
                revealed = true
                scroll = 0
                return []
            }
        case .char(let c) where revealed:
            guard let n = c.wholeNumberValue, let grade = Grade.allCases.first(where: { $0.value == n }) else { break }
            let recorded = Command.record(.reviewed(lesson: entry.item.lesson, item: entry.item.item, grade: grade,
                                                    seconds: Answer.seconds(from: shownAt, to: context.now), at: context.now))
            queue.grade(grade)
            show(context)
            return [.note(nil), recorded]
        case .char("1"), .char("2"), .char("3"), .char("4"):
            return [.note("Space shows the answer first; then 1–4 grade it.")]
        case .char, .ctrl, .left, .right, .home, .end, .tab, .backTab, .backspace, .delete, .escape:
            break
        }
        return []
    }

    /// A task or question: the Try / Practice keys answer it; once the answer is over, `n` moves on.
    private mutating func item(key: Key, _ entry: ReviewEntry, _ context: ScreenContext) -> [Command] {
        guard var w = work else { return [] }
        switch key {
        case .char("h"):
            let shown = w.toggleHint()
            work = w
            return shown ? [.record(.hintSeen(lesson: entry.item.lesson, item: entry.item.item, at: context.now))] : []
        case .char("m"):
            let shown = w.toggleMistakes()
            work = w
            return shown ? [.record(.mistakesSeen(lesson: entry.item.lesson, item: entry.item.item, at: context.now))] : []
        case .pageDown, .pageUp:
            w.scroll(by: key == .pageDown ? context.page : -context.page, context)
            work = w
            return []
        case .home, .end:
            w.scroll(to: key == .home, context)
            work = w
            return []
        case .up where pendingGrade != nil, .down where pendingGrade != nil:
            w.scroll(by: key == .up ? -1 : 1, context)
            work = w
            return []
        case .char("n") where pendingGrade != nil, .enter where pendingGrade != nil, .char(" ") where pendingGrade != nil:
            queue.grade(pendingGrade ?? .good)
            show(context)
            return [.note(nil)]
        case .char("n"):
            return [.note("Answer it first: the answer grades it.")]
        case .char, .ctrl, .up, .down, .left, .right, .enter, .tab, .backTab, .backspace, .delete, .escape:
            break
        }
        guard pendingGrade == nil else { return [] }
        let event = w.work(key: key, context)
        work = w
        return answered(event, context)
    }

    /// An answer checked is recorded in review mode with its grade (a miss as well when it is over and
    /// wrong); a placement or an early Enter is said in the status line.
    private mutating func answered(_ event: WorkEvent?, _ context: ScreenContext) -> [Command] {
        guard let w = work, let item = queue.current else { return [] }
        switch event {
        case .checked?:
            let answer = w.answer(mode: .review, at: context.now)
            var commands: [Command] = [.note(nil), .record(.attempt(lesson: item.lesson, item: item.item, answer: answer))]
            if answer.grade == .again { commands.append(.record(.missed(lesson: item.lesson, item: item.item, at: context.now))) }
            if case .choice = w { commands.append(.record(.solutionSeen(lesson: item.lesson, item: item.item, at: context.now))) }
            pendingGrade = answer.grade
            return commands
        case .incomplete?, .placed?:
            return [.note(event?.sentence)]
        case nil:
            return []
        }
    }
}
