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

    public static func forSettings(_ settings: Settings) -> Glyphs {
        settings.ascii ? .ascii : .unicode
    }
}
