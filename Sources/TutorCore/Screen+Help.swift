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
        case .page(let p): return p.mode.title
        case .test: return "Test this pattern"
        case .review: return "Review cards"
        case .challenge: return "Challenge"
        case .playground: return "Playground"
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
        case .page:
            return [
                HelpEntry("↑ ↓  k j", "scroll a line"),
                HelpEntry("PgUp PgDn Space", "scroll half a screen"),
                HelpEntry("Home End", "top, bottom"),
                HelpEntry("n  Enter", "on to the next mode"),
                HelpEntry("q  Esc", "back to the modes"),
            ] + Self.common
        case .test:
            return [
                HelpEntry("keys of the item", "as in Try (fill) and Practice (choice)"),
                HelpEntry("Enter", "answer: one attempt, the next question follows"),
                HelpEntry("h m", "no hints until the end; then the solutions"),
                HelpEntry("r", "at the end: take the test again"),
                HelpEntry("q  Esc", "back to the modes (an unfinished test is not scored)"),
            ] + Self.common
        case .review:
            return [
                HelpEntry("Space Enter", "show the answer"),
                HelpEntry("y  →", "knew it"),
                HelpEntry("n  ←", "not yet"),
                HelpEntry("↑ ↓ PgUp PgDn", "scroll"),
                HelpEntry("r", "at the end: go through again"),
                HelpEntry("q  Esc", "back to the modes"),
            ] + Self.common
        case .challenge:
            return [
                HelpEntry("keys of the item", "as in Try (fill) and Practice (choice)"),
                HelpEntry("Enter", "check; each item has its own clock and 2 attempts"),
                HelpEntry("n  Enter", "after an item: the next one (its clock starts then)"),
                HelpEntry("r", "at the end: try again"),
                HelpEntry("q  Esc", "back to the modes"),
            ] + Self.common
        case .playground:
            return [
                HelpEntry("typing", "edits the snippet; ← → ↑ ↓ Home End move, Enter a new line"),
                HelpEntry("Backspace Del", "delete"),
                HelpEntry("Ctrl-R", "run it (MiniPy: the PyTorch subset the lessons use)"),
                HelpEntry("Ctrl-V", "after a run: the RNN the cursor's line ran (else the last one), unrolled in the visualizer"),
                HelpEntry("Ctrl-N Ctrl-P", "next, previous snippet"),
                HelpEntry("Ctrl-G", "this help"),
                HelpEntry("Esc", "back to the modes"),
                HelpEntry("Ctrl-C", "quit from anywhere"),
            ]
        }
    }
}
