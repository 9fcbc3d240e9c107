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
            HelpEntry("Ctrl-N Ctrl-P", "next, previous snippet (your edits are kept until you leave)"),
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
        case .snippetRan(let output, let failed, let modules, let runtime):
            running = false
            self.runtime = runtime
            self.output = output
            self.failed = failed
            outputIsStale = false
            self.modules = modules
            keepCursorInView(size: context.size)   // the output pane took rows from the code
            return []
        }
    }

    /// Pasted text goes in as it is: its lines keep their own indentation (Enter's auto-indent would
    /// add to it and break the code). Too much is refused whole, with a note that says so.
    public mutating func paste(_ text: String, _ context: ScreenContext) -> [Command] {
        guard text.count <= Self.pasteLimit else {
            return [.note("The paste of \(text.count) characters is more than the playground takes (\(Self.pasteLimit)); nothing was pasted.")]
        }
        let clean = Self.pasteable(text)
        guard !clean.isEmpty else { return [] }
        insertPasted(clean)
        edited()
        keepCursorInView(size: context.size)
        return [.note(nil)]
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .escape:
            return [.pop]
        case .ctrl("r"):
            guard !running else { return [] }
            running = true
            return [.runSnippet(code)]
        case .ctrl("n"), .ctrl("p"):
            let next = snippetIndex + (key == .ctrl("n") ? 1 : -1)
            let lesson = context.lessons[lessonIndex]
            guard let snippets = lesson.playground?.snippets, snippets.indices.contains(next), !running else { return [] }
            show(next, of: snippets)
            return [context.leftOff(lesson, .playground, item: snippets[next].id)]
        case .ctrl("g"):
            return [.showHelp]
        case .ctrl("v"):
            guard let config = moduleToVisualize else {
                return [.note(output == nil ? "Run the snippet first (Ctrl-R); then Ctrl-V shows its RNN unrolled." : "This snippet ran no RNN, LSTM or GRU the visualizer can draw.")]
            }
            return [.note(nil), .push(.visualize(VisualizerState(config: config, seed: 0, lessonIndex: lessonIndex)))]
        case .ctrl:
            return []
        case .char(let c):
            insert(String(c))
            edited()
        case .tab:
            insert("    ")
            edited()
        case .enter:
            newline()
            edited()
        case .backspace:
            backspace()
            edited()
        case .delete:
            deleteForward()
            edited()
        case .up, .down, .left, .right, .home, .end:
            move(key)
        case .pageUp, .pageDown, .backTab:
            break
        }
        return []
    }

    /// After an edit the output shown is of the code before it.
    private mutating func edited() {
        if output != nil { outputIsStale = true }
    }
}
