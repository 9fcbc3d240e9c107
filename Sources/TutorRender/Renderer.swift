import TutorCore

/// Draws the whole tutor: the screen on top of the route, the key help over it when asked for, and
/// the status line. A pure function of the state.
public enum Renderer {
    public static func render(_ state: State) -> CellBuffer {
        var buffer = CellBuffer(width: state.size.width, height: state.size.height)
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: State, into buffer: inout CellBuffer) {
        let glyphs = Glyphs.forSettings(state.settings)
        if state.size.isTooSmall {
            TooSmallView.render(size: state.size, into: &buffer)
            if state.settings.ascii { buffer.asciify() }
            return
        }
        let area = buffer.area
        let body = Rect(x: 0, y: 1, width: area.width, height: area.height - 2)
        switch state.screen {
        case .menu(let menu):
            Chrome.title("Unroll", detail: "lessons", into: &buffer, glyphs: glyphs)
            MenuView.render(menu, lessons: state.lessons, into: &buffer, area: body, glyphs: glyphs)
        }
        Chrome.footer(status: state.status, hints: footerHints(state.screen), into: &buffer)
        if state.showsHelp {
            HelpView.render(title: state.screen.helpTitle, entries: state.screen.help, into: &buffer, glyphs: glyphs)
        }
        if state.settings.ascii { buffer.asciify() }
    }

    static func footerHints(_ screen: Screen) -> String {
        switch screen {
        case .menu: return "↑↓ move · Enter open · ? help · q quit"
        }
    }
}
