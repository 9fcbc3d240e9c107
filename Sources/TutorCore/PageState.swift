/// A reading page (intro, why, deep): which one, and how far it is scrolled.
public struct PageState: Sendable, Equatable {
    public var lessonIndex: Int
    public var mode: Mode
    public var scroll = 0
    /// A heading (its block index) the view keeps at the top, until the learner scrolls: where a review's
    /// `t` opened the page (`teaches:`). Rows depend on the width, so the view finds the row.
    public var heading: Int?

    public init(lessonIndex: Int, mode: Mode, scroll: Int = 0, heading: Int? = nil) {
        self.lessonIndex = lessonIndex
        self.mode = mode
        self.scroll = scroll
        self.heading = heading
    }

    /// Scrolls from what the learner sees (the view may have put a heading at the top).
    mutating func scroll(by rows: Int, _ context: ScreenContext) {
        scroll = context.scrolled(heading == nil ? scroll : context.scrollOffset, by: rows)
        heading = nil
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
            case .wheelDown: scroll(by: 1, context)
            case .wheelUp: scroll(by: -1, context)
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
            scroll(by: -1, context)
        case .down, .char("j"):
            scroll(by: 1, context)
        case .pageUp:
            scroll(by: -context.page, context)
        case .pageDown, .char(" "):
            scroll(by: context.page, context)
        case .home:
            scroll = 0
            heading = nil
        case .end:
            scroll = context.scrollLimit
            heading = nil
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
