/// The Try screen: one fill-in-blank task of a lesson, the way on to its neighbours.
extension FillState: ScreenModel {
    public var screen: Screen { .fill(self) }
    public var position: ScreenPosition? { ScreenPosition(.try, lessonIndex, taskIndex) }
    public var helpTitle: String { "Fill in the blanks" }
    public var help: [HelpEntry] {
        [
            HelpEntry("Tab S-Tab 1-9", "focus the next, previous or Nth blank"),
            HelpEntry("a-d", "put that option in the focused blank"),
            HelpEntry("← →", "move along the options"),
            HelpEntry("Space", "pick up the option under the cursor; ← → or Tab carry it; Space or Enter drops it"),
            HelpEntry("Backspace Del", "empty the focused blank"),
            HelpEntry("Enter", "check (once every blank is filled)"),
            HelpEntry("h  m", "hint, common mistakes"),
            HelpEntry("n  p", "next, previous task"),
            HelpEntry("mouse", "click a blank then an option, or drag an option onto a blank"),
            HelpEntry("PgUp PgDn", "scroll"),
            HelpEntry("q  Esc", "back (Esc first puts a carried option back)"),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            work(mouse: mouse, context)
            return []
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
            return taskIndex + 1 < taskCount ? [.open(.try, lessonIndex: lessonIndex, task: taskIndex + 1, .replace)] : []
        case .char("p"):
            return taskIndex > 0 ? [.open(.try, lessonIndex: lessonIndex, task: taskIndex - 1, .replace)] : []
        case .char("h"):
            showsHint.toggle()
            return showsHint ? [.record(.hintSeen(lesson: lesson, item: task.id, at: context.now))] : []
        case .char("m"):
            showsMistakes.toggle()
            return showsMistakes ? [.record(.mistakesSeen(lesson: lesson, item: task.id, at: context.now))] : []
        case .pageDown:
            scroll = context.scrolled(scroll, by: context.page)
            return []
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
            return []
        case .char, .ctrl, .up, .down, .left, .right, .home, .end, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        switch work(key: key) {
        case .checked(let correct)?:
            var commands: [Command] = [.status(nil), .record(.attempt(lesson: lesson, item: task.id, correct: correct, at: context.now))]
            if outcome == .missed { commands.append(.record(.missed(lesson: lesson, item: task.id, at: context.now))) }
            return commands
        case .incomplete(let done, let total)?:
            return [.status("Fill every blank first (\(done) of \(total) filled).")]
        case nil:
            return []
        }
    }
}
