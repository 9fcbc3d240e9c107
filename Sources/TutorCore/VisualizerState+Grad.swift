import Foundation

/// The gradient view's keys, and moving between a lesson's visualize items.
///
/// In the gradient view ← takes one more step of backpropagation through time (the loss's step first, h_0 last:
/// the forward's order reversed), → one step less, Home all of it, End none, Space plays it; `g` goes back to the
/// forward. ↑ ↓, `b`, `r`, `n`, `p` and `q` work as in the forward view.
extension VisualizerState {
    /// The time index the columns keep in view: the gradient view's current entry (its h_0 beside the first or
    /// last column), else the forward's current step.
    var focusT: Int {
        if let g = gradient {
            guard let s = g.current else { return max(0, seqLen - 1) }
            return min(max(0, s.t), max(0, seqLen - 1))
        }
        return current?.t ?? 0
    }

    /// Opens the gradient view (`g`, `unroll visualize --grad`): the engine's backward for the item's loss, nothing
    /// of it revealed yet.
    public mutating func showGradient(width: Int) -> [Command] {
        let stop = stopIfPlaying()
        gradient = VisualizerGradient(config: config, seed: seed)
        keepInView(width: width)
        return stop
    }

    /// The key, tick or wheel in the gradient view; nil for what the forward view's update handles alike.
    mutating func updateGradient(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command]? {
        let width = context.size.width
        switch msg {
        case .key(let key):
            switch key {
            case .left, .char("h"):
                revealGradient(by: 1, width: width)
            case .right, .char("l"):
                revealGradient(by: -1, width: width)
            case .home:
                revealGradient(by: Int.max / 2, width: width)
            case .end:
                revealGradient(by: -(Int.max / 2), width: width)
            case .char("g"):
                gradient = nil
                keepInView(width: width)
                return stopIfPlaying()
            case .char(" "):
                if playing {
                    playing = false
                    return [.stopTimer]
                }
                guard let g = gradient, g.stepCount > 0 else { return [] }
                if g.isAtEnd { gradient?.revealed = 0 }
                playing = true
                return [.startTimer(interval: VisualizerState.playInterval)]
            case .char, .ctrl, .up, .down, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete, .escape:
                return nil
            }
            return stopIfPlaying()
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown: revealGradient(by: 1, width: width)
            case .wheelUp: revealGradient(by: -1, width: width)
            case .press, .release, .move: return []
            }
            return stopIfPlaying()
        case .tick:
            guard playing else { return [.stopTimer] }
            revealGradient(by: 1, width: width)
            if gradient?.isAtEnd ?? true {
                playing = false
                return [.stopTimer]
            }
            return []
        case .resize, .snippetRan:
            return nil
        }
    }

    /// BPTT `by` entries further back (negative: toward the loss); the layer in focus follows.
    mutating func revealGradient(by delta: Int, width: Int) {
        guard var g = gradient else { return }
        g.revealed = min(max(0, g.revealed.addingReportingOverflow(delta).partialValue), g.stepCount)
        gradient = g
        if let s = g.current { focusLayer = s.layer }
        keepInView(width: width)
    }

    /// The lesson's visualize item `index` (`n`, `p`), in the view on screen (the gradient view stays open).
    mutating func openItem(_ index: Int, _ context: ScreenContext) -> [Command] {
        guard let lessonIndex, itemCount > 1 else { return [.note("This lesson has one thing to visualize.")] }
        guard index >= 0 && index < itemCount else {
            return [.note(index < 0 ? "This is the lesson's first visualization." : "This is the lesson's last visualization.")]
        }
        guard let opened = context.opening(.visualize, lessonIndex: lessonIndex, task: index),
              case .visualize(var next) = opened.screen else { return [] }
        let stop = stopIfPlaying()
        if gradient != nil {
            let started = next.showGradient(width: context.size.width)
            return stop + started + [.replace(.visualize(next))] + opened.commands
        }
        return stop + [.replace(.visualize(next))] + opened.commands
    }
}

extension Screen {
    /// How the gradient view writes its numbers: 2 significant decimals in scientific notation, since gradients
    /// that vanish span many orders of magnitude (`%+.1e` for a vector's entries, `%.2e` for a norm).
    public static let gradientNumberFormat = "%+.1e"
    public static let gradientNormFormat = "%.2e"

    static let gradientHelp = [
        HelpEntry("←  h", "one more step of backpropagation through time, back toward h_0"),
        HelpEntry("→  l", "one step less, toward the loss"),
        HelpEntry("Space", "play / pause (a step every \(VisualizerState.playInterval) s)"),
        HelpEntry("Home End", "the whole backward, back to the loss only"),
        HelpEntry("g", "back to the forward pass"),
        HelpEntry("↑ ↓  k j", "the layer in focus"),
        HelpEntry("b  r", "the next batch element, new weights from the next seed"),
        HelpEntry("n  p", "the lesson's next / previous visualization"),
        HelpEntry("numbers", "∂L/∂h_t from the engine's backward, as %+.1e; norms as %.2e"),
        HelpEntry("bars", "one per step: each level down is ÷10 of the largest norm (log scale); █ +, ░ − in the boxes"),
        HelpEntry("q  Esc", "back"),
    ]
}
