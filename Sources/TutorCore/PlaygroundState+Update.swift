/// The playground is an editor: every printable key types. Esc leaves, Ctrl-R runs,
/// Ctrl-N / Ctrl-P change snippet, Ctrl-G shows the keys, Ctrl-V unrolls the RNN a run used.
extension PlaygroundState: ScreenModel {
    public var screen: Screen { .playground(self) }
    public var position: ScreenPosition? { ScreenPosition(.playground, lessonIndex, snippetIndex) }
    public var takesText: Bool { true }
    public var helpTitle: String { "Playground" }
    public var help: [HelpEntry] {
        [
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
    /// `?` types here, so the help lists its own keys only.
    public var commonHelp: [HelpEntry] { [] }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            let commands = update(key: key, context)
            keepCursorInView(size: context.size)
            return commands
        case .mouse:
            return []
        case .tick:
            return [.stopTimer]
        case .resize:
            keepCursorInView(size: context.size)
            return []
        case .snippetRan(let output, let failed, let modules):
            running = false
            self.output = output
            self.failed = failed
            self.modules = modules
            keepCursorInView(size: context.size)   // the output pane took rows from the code
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .escape:
            return [.pop]
        case .ctrl("r"):
            guard !running else { return [] }
            running = true
            return [.runSnippet(code)]
        case .ctrl("n"):
            return snippetIndex + 1 < snippetCount ? [.open(.playground, lessonIndex: lessonIndex, task: snippetIndex + 1, .replace)] : []
        case .ctrl("p"):
            return snippetIndex > 0 ? [.open(.playground, lessonIndex: lessonIndex, task: snippetIndex - 1, .replace)] : []
        case .ctrl("g"):
            return [.showHelp]
        case .ctrl("v"):
            guard let config = moduleToVisualize else {
                return [.status(output == nil ? "Run the snippet first (Ctrl-R); then Ctrl-V shows its RNN unrolled." : "This snippet ran no RNN, LSTM or GRU the visualizer can draw.")]
            }
            return [.status(nil), .push(.visualize(VisualizerState(config: config, seed: 0, lessonIndex: lessonIndex)))]
        case .ctrl:
            return []
        case .char(let c):
            insert(String(c))
        case .tab:
            insert("    ")
        case .enter:
            newline()
        case .backspace:
            backspace()
        case .delete:
            deleteForward()
        case .up, .down, .left, .right, .home, .end:
            move(key)
        case .pageUp, .pageDown, .backTab:
            break
        }
        return []
    }
}
