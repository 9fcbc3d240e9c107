/// A lesson at a glance (`o` on the chooser): each mode's stage and score, the mastery and how it is
/// computed, and the mode recommended next. ↑ ↓ choose a mode, Enter opens it.
public struct OverviewState: Sendable, Equatable {
    public var lessonIndex: Int
    /// Index into `Mode.listed`.
    public var selected: Int
    public var scroll = 0

    public init(lessonIndex: Int, selected: Int) {
        self.lessonIndex = lessonIndex
        self.selected = selected
    }
}

extension OverviewState: ScreenModel {
    public var screen: Screen { .overview(self) }
    public var position: ScreenPosition? { nil }
    public var helpTitle: String { "Lesson overview" }
    public var help: [HelpEntry] {
        [
            HelpEntry("↑ ↓  k j", "choose a mode"),
            HelpEntry("Enter", "open it"),
            HelpEntry("PgUp PgDn", "scroll"),
            HelpEntry("q  Esc  o", "back to the modes"),
            HelpEntry("mastery", Mastery.explanation),
            HelpEntry("Recommended", "Try and Practice until every item is answered, then Review while missed items are due, then the Test until it is strong, then the Challenge"),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            switch (mouse.kind, mouse.target) {
            case (.press, .modeItem(let index)?):
                if selected == index { return [.open(Mode.listed[index], lessonIndex: lessonIndex, task: 0, .push)] }
                selected = index
            case (.wheelDown, _):
                scroll = context.scrolled(scroll, by: 1)
            case (.wheelUp, _):
                scroll = context.scrolled(scroll, by: -1)
            default:
                break
            }
            return []
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let lesson = context.lessons[lessonIndex]
        let open = Mode.listed.indices.filter { lesson.opens(Mode.listed[$0]) }
        switch key {
        case .up, .char("k"):
            selected = open.last { $0 < selected } ?? selected
        case .down, .char("j"):
            selected = open.first { $0 > selected } ?? selected
        case .enter:
            return [.open(Mode.listed[selected], lessonIndex: lessonIndex, task: 0, .push)]
        case .char("q"), .char("o"), .escape:
            return [.pop]
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown:
            scroll = context.scrolled(scroll, by: context.page)
        case .char, .ctrl, .left, .right, .home, .end, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }
}
