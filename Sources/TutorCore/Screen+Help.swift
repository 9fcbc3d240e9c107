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
        case .modes: return "Choose your learning style"
        case .fill: return "Fill in the blanks"
        case .choice: return "Multiple choice"
        case .visualize: return "The RNN unrolled over time"
        }
    }

    private static let common = [
        HelpEntry("?", "this help (any key closes it)"),
        HelpEntry("Ctrl-C", "quit from anywhere"),
        HelpEntry("Ctrl-Z", "suspend; `fg` comes back"),
    ]

    /// The keys that work on this screen, as the help panel lists them. Kept next to `update` so the
    /// two cannot drift apart.
    public var help: [HelpEntry] {
        switch self {
        case .menu:
            return [
                HelpEntry("↑ ↓  k j", "move between lessons"),
                HelpEntry("Enter", "open the lesson"),
                HelpEntry("r", "resume where you left off"),
                HelpEntry("mouse", "click a lesson, click again to open"),
                HelpEntry("q  Esc", "quit (progress is already saved)"),
            ] + Self.common
        case .modes:
            return [
                HelpEntry("↑ ↓  k j", "move between modes (dimmed ones have no content)"),
                HelpEntry("Enter", "open the mode"),
                HelpEntry("mouse", "click a mode, click again to open"),
                HelpEntry("q  Esc", "back to the lessons"),
            ] + Self.common
        case .fill:
            return [
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
            ] + Self.common
        case .choice:
            return [
                HelpEntry("↑ ↓  a-d", "choose an option"),
                HelpEntry("Enter", "answer (one answer per question), then read the solution"),
                HelpEntry("↑ ↓ PgUp PgDn", "scroll the solution"),
                HelpEntry("h", "hint"),
                HelpEntry("n  p", "next, previous question"),
                HelpEntry("mouse", "click an option, click again to answer"),
                HelpEntry("q  Esc", "back to the modes"),
            ] + Self.common
        case .visualize:
            return Self.visualizeHelp + Self.common
        }
    }
}
