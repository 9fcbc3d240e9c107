import Foundation

extension VisualizerState {
    /// Seconds between steps while playing: slow enough to read the numbers.
    public static let playInterval: TimeInterval = 0.6

    /// Width of one time-step column, arrow included (narrower on small screens), and of the h_0 / h_n
    /// margins, in cells. The view draws with these; `update` uses them to keep the current step in view.
    public static func columnWidth(screenWidth: Int) -> Int { screenWidth < 60 ? 13 : 16 }
    public static let leftMargin = 7
    public static let rightMargin = 5

    /// How many time-step columns fit in a screen `width` cells wide.
    public static func columnsThatFit(width: Int) -> Int {
        max(1, (width - leftMargin - rightMargin) / columnWidth(screenWidth: width))
    }

    /// Reveal up to `count` steps; the focus follows the step, the columns scroll to keep it in view.
    mutating func reveal(_ count: Int, width: Int) {
        revealed = min(max(0, count), stepCount)
        if let s = current { focusLayer = s.layer }
        keepInView(width: width)
    }

    mutating func keepInView(width: Int) {
        let visible = Self.columnsThatFit(width: width)
        let t = current?.t ?? 0
        if t < scroll { scroll = t }
        if t >= scroll + visible { scroll = t - visible + 1 }
        scroll = max(0, min(scroll, max(0, seqLen - visible)))
    }
}

extension State {
    mutating func updateVisualizer(_ vis: inout VisualizerState, key: Key) -> [Effect] {
        let width = size.width
        switch key {
        case .right, .char("l"):
            vis.reveal(vis.revealed + 1, width: width)
            return stopIfPlaying(&vis)
        case .left, .char("h"):
            vis.reveal(vis.revealed - 1, width: width)
            return stopIfPlaying(&vis)
        case .home:
            vis.reveal(0, width: width)
            return stopIfPlaying(&vis)
        case .end:
            vis.reveal(vis.stepCount, width: width)
            return stopIfPlaying(&vis)
        case .char(" "):
            if vis.playing {
                vis.playing = false
                return [.stopTimer]
            }
            guard vis.stepCount > 0 else { return [] }
            if vis.isAtEnd { vis.reveal(0, width: width) }
            vis.playing = true
            return [.startTimer(interval: VisualizerState.playInterval)]
        case .up, .char("k"):
            let layers = vis.trace?.numLayers ?? 1
            vis.focusLayer = min(layers - 1, vis.focusLayer + 1)
        case .down, .char("j"):
            vis.focusLayer = max(0, vis.focusLayer - 1)
        case .char("b"):
            vis.batchElement = (vis.batchElement + 1) % max(1, vis.batchCount)
        case .char("r"):
            vis.seed &+= 1
            vis.config.stateDict = nil
            vis.recompute()
            vis.keepInView(width: width)
        case .char("q"), .escape:
            let effects = stopIfPlaying(&vis)
            return effects + back()
        default:
            break
        }
        return []
    }

    mutating func updateVisualizer(_ vis: inout VisualizerState, mouse: MouseEvent) -> [Effect] {
        switch mouse.kind {
        case .wheelDown:
            vis.reveal(vis.revealed + 1, width: size.width)
            return stopIfPlaying(&vis)
        case .wheelUp:
            vis.reveal(vis.revealed - 1, width: size.width)
            return stopIfPlaying(&vis)
        default:
            return []
        }
    }

    /// A clock tick while playing: the next step; at the end the clock stops.
    mutating func updateVisualizerTick(_ vis: inout VisualizerState) -> [Effect] {
        guard vis.playing else { return [.stopTimer] }
        vis.reveal(vis.revealed + 1, width: size.width)
        if vis.isAtEnd {
            vis.playing = false
            return [.stopTimer]
        }
        return []
    }

    private func stopIfPlaying(_ vis: inout VisualizerState) -> [Effect] {
        guard vis.playing else { return [] }
        vis.playing = false
        return [.stopTimer]
    }
}

extension Screen {
    /// Decimals of every number the visualizer shows (the engine's values, rounded for display).
    public static let visualizeDecimals = 4

    static let visualizeHelp = [
        HelpEntry("→  l", "compute the next step (order: layer, direction, t)"),
        HelpEntry("←  h", "go back a step"),
        HelpEntry("Space", "play / pause (a step every \(VisualizerState.playInterval) s)"),
        HelpEntry("Home End", "back to h_0, on to the last step"),
        HelpEntry("↑ ↓  k j", "the layer in focus"),
        HelpEntry("b", "the next batch element"),
        HelpEntry("r", "new weights from the next seed"),
        HelpEntry("numbers", "the engine's values rounded to \(visualizeDecimals) decimals; bars: █ +, ░ −"),
        HelpEntry("q  Esc", "back"),
    ]
}
