/// One screen of the tutor with its own state. This enum is the registry of screens: a new screen is a
/// new state type conforming to `ScreenModel` (its own `update`, help and position), one case here and
/// one line in `model` below; its view is registered in TutorRender's `Renderer`.
public enum Screen: Sendable, Equatable {
    case menu(MenuState)
    case modes(ModeChooserState)
    case fill(FillState)
    case choice(ChoiceState)
    case visualize(VisualizerState)
    case page(PageState)
    case test(TestState)
    case review(ReviewState)
    case challenge(ChallengeState)
    case playground(PlaygroundState)
    case summary(SummaryState)
    case overview(OverviewState)

    /// The screen's state as its model: the one switch over every screen.
    public var model: any ScreenModel {
        switch self {
        case .menu(let s): s
        case .modes(let s): s
        case .fill(let s): s
        case .choice(let s): s
        case .visualize(let s): s
        case .page(let s): s
        case .test(let s): s
        case .review(let s): s
        case .challenge(let s): s
        case .playground(let s): s
        case .summary(let s): s
        case .overview(let s): s
        }
    }

    /// Runs the screen's own update and keeps what it changed; returns what it asks for.
    mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        var model = self.model
        let commands = model.update(msg, context)
        self = model.screen
        return commands
    }

    /// Hands pasted text to the screen (only one that `takesText` does anything with it).
    mutating func paste(_ text: String, _ context: ScreenContext) -> [Command] {
        var model = self.model
        let commands = model.paste(text, context)
        self = model.screen
        return commands
    }

    public var helpTitle: String { model.helpTitle }
    public var help: [HelpEntry] { model.help + model.commonHelp }
    /// Where the screen is: its mode, lesson and task (0-based); nil for the menu and the chooser.
    public var position: ScreenPosition? { model.position }
}

/// What reaches the screen on top (the tutor-wide messages are handled by `State.update`).
public enum ScreenMsg: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The clock the screen asked for with `Command.startTimer` ticked (`context.now` is the time).
    case tick
    /// The window changed size (`context.size`).
    case resize
    /// The runtime ran the playground's snippet (`runtime` names the interpreter: "MiniPy", or the
    /// `--python` one's "python3.11 + torch 2.15.0").
    case snippetRan(output: String, failed: Bool, modules: [Int: VisualizerConfig], runtime: String)
}

/// Where a screen is in the course: for preview's `g`, a reloaded lesson and the resume point.
public struct ScreenPosition: Sendable, Equatable {
    public var mode: Mode
    public var lessonIndex: Int
    public var task: Int
    public init(_ mode: Mode, _ lessonIndex: Int, _ task: Int) {
        self.mode = mode
        self.lessonIndex = lessonIndex
        self.task = task
    }
}

/// A screen's state: it updates itself from a message and says what else must happen as commands.
/// `update` never reads a clock, file or terminal (the context carries the time and the window).
public protocol ScreenModel: Sendable {
    mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command]
    /// This state on the route.
    var screen: Screen { get }
    var position: ScreenPosition? { get }
    /// The title and the keys of the screen's help (`?`).
    var helpTitle: String { get }
    var help: [HelpEntry] { get }
    /// The keys that work everywhere, listed after the screen's own.
    var commonHelp: [HelpEntry] { get }
    /// The screen takes typed text (the playground's editor): `?` and `g` type there, not act.
    var takesText: Bool { get }
    /// Text pasted in one piece (`Msg.paste`); only a screen that `takesText` is handed it.
    mutating func paste(_ text: String, _ context: ScreenContext) -> [Command]
    /// The screen uses `g` itself (the visualizer's gradient view), so preview's `g` (go to a task) leaves it alone.
    var takesG: Bool { get }
}

extension ScreenModel {
    public var takesText: Bool { false }
    public mutating func paste(_ text: String, _ context: ScreenContext) -> [Command] { [] }
    public var takesG: Bool { false }

    public var commonHelp: [HelpEntry] {
        [
            HelpEntry("?", "this help (any key closes it)"),
            HelpEntry("Ctrl-C", "quit from anywhere"),
            HelpEntry("Ctrl-Z", "suspend; `fg` comes back"),
        ]
    }
}
