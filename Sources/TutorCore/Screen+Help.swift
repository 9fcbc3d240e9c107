/// One line of a screen's key help.
public struct HelpEntry: Sendable, Equatable {
    public var keys: String
    public var does: String
    public init(_ keys: String, _ does: String) {
        self.keys = keys
        self.does = does
    }
}

extension Screen {
    /// The title of the help panel for this screen.
    public var helpTitle: String {
        switch self {
        case .menu: return "Lesson menu"
        }
    }

    /// The keys that work on this screen, as the help panel lists them. Kept next to `update` so the
    /// two cannot drift apart.
    public var help: [HelpEntry] {
        switch self {
        case .menu:
            return [
                HelpEntry("↑ ↓  k j", "move between lessons"),
                HelpEntry("Enter", "open the lesson"),
                HelpEntry("mouse", "click a lesson, click again to open"),
                HelpEntry("?", "this help (any key closes it)"),
                HelpEntry("q  Esc", "quit (progress is already saved)"),
                HelpEntry("Ctrl-C", "quit from anywhere"),
                HelpEntry("Ctrl-Z", "suspend; `fg` comes back"),
            ]
        }
    }
}
