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

    /// Screens at least this wide show the equation panel beside the time steps instead of below them.
    public static let sideBySideWidth = 140
    /// The least width the panel gets beside the time steps.
    public static let panelWidth = 60

    /// The cells the grid of time steps gets on a screen `screenWidth` wide for `seqLen` steps: the whole
    /// width; or, beside the panel on a wide screen, as much as the steps need, the panel taking the rest.
    public static func gridWidth(screenWidth: Int, seqLen: Int) -> Int {
        guard screenWidth >= sideBySideWidth else { return screenWidth }
        let pitch = columnWidth(screenWidth: screenWidth)
        let room = screenWidth - panelWidth - 1
        let columns = min(max(1, seqLen), (room - leftMargin - rightMargin) / pitch)
        return leftMargin + columns * pitch + rightMargin
    }

    /// Reveal up to `count` steps; the focus follows the step, the columns scroll to keep it in view.
    mutating func reveal(_ count: Int, width: Int) {
        revealed = min(max(0, count), stepCount)
        if let s = current { focusLayer = s.layer }
        keepInView(width: width)
    }

    mutating func keepInView(width: Int) {
        let visible = Self.columnsThatFit(width: Self.gridWidth(screenWidth: width, seqLen: seqLen))
        let t = current?.t ?? 0
        if t < scroll { scroll = t }
        if t >= scroll + visible { scroll = t - visible + 1 }
        scroll = max(0, min(scroll, max(0, seqLen - visible)))
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
