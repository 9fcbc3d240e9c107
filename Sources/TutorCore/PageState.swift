/// A reading page (intro, why, deep): which one, and how far it is scrolled.
public struct PageState: Sendable, Equatable {
    public var lessonIndex: Int
    public var mode: Mode
    public var scroll = 0

    public init(lessonIndex: Int, mode: Mode, scroll: Int = 0) {
        self.lessonIndex = lessonIndex
        self.mode = mode
        self.scroll = scroll
    }
}

extension PageState: ScreenModel {
    public var screen: Screen { .page(self) }
    public var position: ScreenPosition? { ScreenPosition(mode, lessonIndex, 0) }
    public var helpTitle: String { mode.title }
    public var help: [HelpEntry] {
        [
            HelpEntry("↑ ↓  k j", "scroll a line"),
            HelpEntry("PgUp PgDn Space", "scroll half a screen"),
            HelpEntry("Home End", "top, bottom"),
            HelpEntry("n  Enter", "on to the next mode"),
            HelpEntry("q  Esc", "back to the modes"),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown: scroll = context.scrolled(scroll, by: 1)
            case .wheelUp: scroll = context.scrolled(scroll, by: -1)
            case .press, .release, .move: break
            }
            return []
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"), .escape:
            return [.pop]
        case .up, .char("k"):
            scroll = context.scrolled(scroll, by: -1)
        case .down, .char("j"):
            scroll = context.scrolled(scroll, by: 1)
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
        case .pageDown, .char(" "):
            scroll = context.scrolled(scroll, by: context.page)
        case .home:
            scroll = 0
        case .end:
            scroll = context.scrollLimit
        case .char("n"), .enter:
            // The way on: the next mode the chooser lists replaces the page.
            guard let next = context.lessons[lessonIndex].mode(after: mode) else { return [] }
            return [.open(next, lessonIndex: lessonIndex, task: 0, .replace)]
        case .char, .ctrl, .left, .right, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }
}
