import TutorCore

/// The characters screens draw lines and marks with: Unicode by default, plain ASCII with `--ascii`.
public struct Glyphs: Sendable {
    public var horizontal, vertical: String
    public var topLeft, topRight, bottomLeft, bottomRight: String
    public var pointer, bullet, check, cross, arrowRight, arrowUp, ellipsis: String
    /// A mode in progress, and the Recommended mark.
    public var inProgress, star: String
    /// Around the focused blank. Not `>` and `<`, which options such as `">"` hold (`>><` read badly).
    public var focusLeft, focusRight: String
    /// One-cell marks beside an editor line that goes on past the left or right edge of the view.
    public var moreLeft, moreRight: String
    /// Full and half blocks, for bars.
    public var barFull: String
    public var barHalf: String
    /// Screen-reader mode: one column read top to bottom, no boxes, bars or decorative marks; screens
    /// that lay out differently for a reader (the visualizer, the options of a fill task, the help) ask.
    public var linear = false

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        pointer: "›", bullet: "•", check: "✓", cross: "✗", arrowRight: "→", arrowUp: "↑", ellipsis: "…",
        inProgress: "…", star: "★", focusLeft: "▸", focusRight: "◂",
        moreLeft: "‹", moreRight: "›",
        barFull: "█", barHalf: "▌")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        pointer: ">", bullet: "*", check: "+", cross: "x", arrowRight: "->", arrowUp: "^", ellipsis: "...",
        inProgress: ".", star: "*", focusLeft: "|", focusRight: "|",
        moreLeft: "<", moreRight: ">",
        barFull: "#", barHalf: "=")

    /// For a screen reader: marks that carry meaning become words or disappear where the words beside
    /// them say it (✓ before "Correct!"), decoration goes (the focus marks: the terminal cursor sits on
    /// the focused blank), and code is indented, not ruled. Checked with espeak-ng (README, Accessibility).
    public static let screenReader = Glyphs(
        horizontal: "-", vertical: " ", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        pointer: " ", bullet: "-", check: "", cross: "", arrowRight: "", arrowUp: "", ellipsis: "…",
        inProgress: "", star: "", focusLeft: "", focusRight: "",
        moreLeft: "<", moreRight: ">",
        barFull: "", barHalf: "", linear: true)

    public static func forSettings(_ settings: Settings) -> Glyphs {
        var glyphs: Glyphs = settings.screenReader ? .screenReader : settings.ascii ? .ascii : .unicode
        if settings.screenReader && settings.ascii { glyphs.ellipsis = "..." }
        return glyphs
    }

    /// Right or wrong where nothing else on the line says it (a result list): ✓ ✗, `+` `x`, or words.
    public func verdict(_ right: Bool) -> String {
        linear ? (right ? "right:" : "wrong:") : (right ? check : cross)
    }

    /// A verdict after a header's other parts: "  ✓ solved"; for a reader, whose marks are empty, " · solved"
    /// (a separator it pauses at, where a bare gap ran "3 left solved" together).
    public func headerVerdict(_ right: Bool, _ word: String) -> String {
        linear ? " · " + word : "  " + (right ? check : cross) + " " + word
    }

    /// Running text with its counts as a reader says them: "4/5 right" as "4 of 5 right"; as it is otherwise.
    public func counts(in text: String) -> String {
        linear ? text.replacingOccurrences(of: #"(\d+)/(\d+)"#, with: "$1 of $2", options: .regularExpression) : text
    }

    /// "~55 min", or "about 55 min" for a reader (which says "~" as "tilde").
    public func about(_ minutes: Int) -> String { (linear ? "about " : "~") + "\(minutes) min" }

    /// "3/5", or "3 of 5" for a reader ("three slash five" reads badly).
    public func count(_ n: Int, of total: Int) -> String {
        linear ? "\(n) of \(total)" : "\(n)/\(total)"
    }
}
