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

extension State {
    /// The mode after `mode` in the chooser's order that this lesson can open, if any.
    public func nextMode(after mode: Mode, lesson: Lesson) -> Mode? {
        guard let i = Mode.listed.firstIndex(of: mode) else { return nil }
        return Mode.listed[(i + 1)...].first { canOpen($0, lesson: lesson) }
    }

    /// Replaces the screen on top with the first task of the next mode (a page's "way on").
    mutating func moveOn(from mode: Mode, lessonIndex: Int) -> [Effect] {
        guard let next = nextMode(after: mode, lesson: lessons[lessonIndex]) else { return [] }
        route.removeLast()
        return open(next, lessonIndex: lessonIndex, task: 0)
    }

    mutating func updatePage(_ page: inout PageState, key: Key) -> [Effect] {
        let half = max(1, size.height / 2)
        switch key {
        case .char("q"), .escape:
            return back()
        case .up, .char("k"):
            page.scroll = max(0, page.scroll - 1)
        case .down, .char("j"):
            page.scroll = min(scrollLimit, page.scroll + 1)
        case .pageUp:
            page.scroll = max(0, page.scroll - half)
        case .pageDown, .char(" "):
            page.scroll = min(scrollLimit, page.scroll + half)
        case .home:
            page.scroll = 0
        case .end:
            page.scroll = scrollLimit
        case .char("n"), .enter:
            return moveOn(from: page.mode, lessonIndex: page.lessonIndex)
        default:
            break
        }
        return []
    }

    mutating func updatePage(_ page: inout PageState, mouse: MouseEvent) -> [Effect] {
        _ = wheel(mouse.kind, &page.scroll)
        return []
    }
}
