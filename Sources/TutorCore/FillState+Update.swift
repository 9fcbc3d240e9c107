/// The Try screen: one fill-in-blank task of a lesson, the way on to its neighbours.
extension FillState: ScreenModel {
    public var screen: Screen { .fill(self) }
    public var position: ScreenPosition? { ScreenPosition(.try, lessonIndex, taskIndex) }
    public var helpTitle: String { "Fill in the blanks" }
    /// "a-d", "a-f": the option letters this task has.
    var letters: String { (task.options.first?.letter.lowercased() ?? "a") + "-" + (task.options.last?.letter.lowercased() ?? "d") }
    public var help: [HelpEntry] {
        [
            HelpEntry("Tab S-Tab 1-9", "focus the next, previous or Nth blank"),
            HelpEntry(letters, "put that option in the focused blank; the focus moves to the next empty one (the status line says where)"),
            HelpEntry("← →", "move along the options"),
            HelpEntry("Space", "pick up the option under the cursor; ← → or Tab carry it; Space or Enter drops it"),
            HelpEntry("Backspace Del", "empty the focused blank"),
            HelpEntry("Enter", "check (once every blank is filled)"),
            HelpEntry("h  m", "hint, common mistakes"),
            HelpEntry("n  p", "next, previous task (after the last: the summary)"),
            HelpEntry("r", "out of attempts: the task afresh, every attempt back"),
            HelpEntry("mouse", "click a blank then an option, or drag an option onto a blank"),
            HelpEntry("PgUp PgDn Home End", "scroll"),
            HelpEntry("q  Esc", "back (Esc first puts a carried option back)"),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            // The work first: `recorded` must read the state after it.
            let event = work(mouse: mouse, context)
            return recorded(event, context)
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessonID(lessonIndex)
        switch key {
        case .char("q"), .escape:
            if carrying != nil { carrying = nil; return [] }  // Esc first puts the chip back
            return [.pop]
        case .char("n"):
            // After the last task, the summary: the score, what was missed, and the way on.
            return taskIndex + 1 < taskCount ? [.open(.try, lessonIndex: lessonIndex, task: taskIndex + 1, .replace)]
                : [.replace(.summary(SummaryState(lessonIndex: lessonIndex, mode: .try)))]
        case .char("r") where outcome == .missed:
            // A new showing: its answers start again at attempt 1 in the item's history, after the miss.
            retry(at: context.now)
            return [.note(nil)]
        case .char("p"):
            return taskIndex > 0 ? [.open(.try, lessonIndex: lessonIndex, task: taskIndex - 1, .replace)] : []
        case .char("h"):
            showsHint.toggle()
            return showsHint ? [.record(.hintSeen(lesson: lesson, item: task.id, at: context.now))] : []
        case .char("m"):
            showsMistakes.toggle()
            return showsMistakes ? [.record(.mistakesSeen(lesson: lesson, item: task.id, at: context.now))] : []
        case .pageDown:
            scroll(by: context.page, context)
            return []
        case .pageUp:
            scroll(by: -context.page, context)
            return []
        case .home, .end:
            scroll(to: key == .home, context)
            return []
        case .up where isFinished, .down where isFinished:
            scroll(by: key == .up ? -1 : 1, context)
            return []
        case .char, .ctrl, .up, .down, .left, .right, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        // The work first: `recorded` must read the state after it.
        let event = work(key: key)
        return recorded(event, context)
    }

    /// A check is recorded with its grade (and a miss when the attempts ran out); a placement or an
    /// early Enter is said in the status line.
    private func recorded(_ event: WorkEvent?, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessonID(lessonIndex)
        switch event {
        case .checked?:
            var commands: [Command] = [.note(nil), .record(.attempt(lesson: lesson, item: task.id, answer: answer(mode: .try, at: context.now)))]
            if outcome == .missed { commands.append(.record(.missed(lesson: lesson, item: task.id, at: context.now))) }
            return commands
        case .incomplete?, .placed?:
            return [.note(event?.sentence)]
        case nil:
            return []
        }
    }
}
