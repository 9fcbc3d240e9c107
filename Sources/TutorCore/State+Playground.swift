extension State {
    /// The playground is an editor: every printable key types. Esc leaves, Ctrl-R runs,
    /// Ctrl-N / Ctrl-P change snippet, Ctrl-G shows the keys.
    mutating func updatePlayground(_ play: inout PlaygroundState, key: Key) -> [Effect] {
        switch key {
        case .escape:
            return back()
        case .ctrl("r"):
            guard !play.running else { return [] }
            play.running = true
            play.keepCursorInView(size: size)
            return [.runSnippet(play.code)]
        case .ctrl("n"):
            return play.snippetIndex + 1 < play.snippetCount
                ? replaceTask(.playground, lessonIndex: play.lessonIndex, task: play.snippetIndex + 1) : []
        case .ctrl("p"):
            return play.snippetIndex > 0 ? replaceTask(.playground, lessonIndex: play.lessonIndex, task: play.snippetIndex - 1) : []
        case .ctrl("g"):
            showsHelp = true
        case .ctrl("v"):
            guard let config = play.moduleToVisualize else {
                status = play.output == nil ? "Run the snippet first (Ctrl-R); then Ctrl-V shows its RNN unrolled." : "This snippet ran no RNN, LSTM or GRU the visualizer can draw."
                return []
            }
            status = nil
            let vis = VisualizerState(config: config, seed: 0, lessonIndex: play.lessonIndex)
            screen = .playground(play)
            route.append(.visualize(vis))
        case .char(let c):
            play.insert(String(c))
        case .tab:
            play.insert("    ")
        case .enter:
            play.newline()
        case .backspace:
            play.backspace()
        case .delete:
            play.deleteForward()
        case .up, .down, .left, .right, .home, .end:
            play.move(key)
        default:
            break
        }
        play.keepCursorInView(size: size)
        return []
    }

    /// The runtime ran the snippet: show what it printed.
    mutating func snippetRan(output: String, failed: Bool, modules: [Int: VisualizerConfig] = [:], runtime: String = "MiniPy") {
        guard case .playground(var play) = screen else { return }
        play.running = false
        play.output = output
        play.failed = failed
        play.modules = modules
        play.runtime = runtime
        play.keepCursorInView(size: size)   // the output pane took rows from the code
        screen = .playground(play)
    }
}
