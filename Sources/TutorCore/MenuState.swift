/// The lesson menu: which lesson the cursor is on.
public struct MenuState: Sendable, Equatable {
    public var selected = 0
    public init(selected: Int = 0) {
        self.selected = selected
    }
}

extension MenuState: ScreenModel {
    public var screen: Screen { .menu(self) }
    public var position: ScreenPosition? { nil }
    public var helpTitle: String { "Lesson menu" }
    public var help: [HelpEntry] {
        [
            HelpEntry("↑ ↓  k j", "move between lessons"),
            HelpEntry("Enter", "open the lesson"),
            HelpEntry("v", "review everything due across the course (the Review line)"),
            HelpEntry("r", "resume where you left off"),
            HelpEntry("mouse", "click a lesson, click again to open; click the Review line"),
            HelpEntry("q  Esc", "quit (progress is already saved)"),
            HelpEntry("streak", ReviewOutlook.streakRule),
            HelpEntry("learned", ReviewOutlook.learnedRule),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key): return update(key: key, context)
        case .mouse(let mouse): return update(mouse: mouse, context)
        case .tick: return [.stopTimer]
        case .resize, .snippetRan: return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let last = max(0, context.lessons.count - 1)
        switch key {
        case .up, .char("k"):
            selected = max(0, selected - 1)
        case .down, .char("j"):
            selected = min(last, selected + 1)
        case .home:
            selected = 0
        case .end:
            selected = last
        case .char("q"), .escape:
            return [.pop]
        case .enter:
            return open(selected, context)
        case .char("v"):
            return review(context)
        case .char("r"):
            guard let target = context.resumeTarget else { return [.note(Self.nothingToResume(context))] }
            selected = target.lessonIndex
            return open(target.lessonIndex, context) + [.open(target.mode, lessonIndex: target.lessonIndex, task: target.task, .push)]
        case .char, .ctrl, .left, .right, .pageUp, .pageDown, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }

    /// Why `r` opens nothing (it said nothing at all): no place recorded yet, or the one recorded is
    /// not in the lessons open now (a lesson removed or renamed, another course folder).
    static func nothingToResume(_ context: ScreenContext) -> String {
        guard let point = context.progress.resumePoint else {
            return "Nothing to resume yet: Enter opens the lesson under the pointer."
        }
        let place = TerminalSafe.text(point.lesson) + " · " + TerminalSafe.text(point.mode)
        return "Where you left off (\(place)) is not in these lessons; Enter opens the lesson under the pointer."
    }

    private mutating func update(mouse: MouseEvent, _ context: ScreenContext) -> [Command] {
        switch (mouse.kind, mouse.target) {
        case (.press, .menuItem(let index)?):
            if selected == index { return open(index, context) }
            selected = index
        case (.press, .menuReview?):
            return review(context)
        case (.wheelUp, _):
            selected = max(0, selected - 1)
        case (.wheelDown, _):
            selected = min(max(0, context.lessons.count - 1), selected + 1)
        default:
            break
        }
        return []
    }

    /// Everything due across the course; with nothing due, when the next review is.
    private func review(_ context: ScreenContext) -> [Command] {
        guard let opened = context.openingCourseReview() else {
            let next = context.reviewOutlook.nextDue.map { "; the next review is on \($0)" } ?? ": answer something in a lesson first"
            return [.note("Nothing is due for review today" + next + ".")]
        }
        return [.status(nil), .push(opened.screen)] + opened.commands
    }

    private func open(_ index: Int, _ context: ScreenContext) -> [Command] {
        guard let chooser = context.chooser(lessonIndex: index) else { return [] }
        return [.status(nil), .push(.modes(chooser))]
    }
}
