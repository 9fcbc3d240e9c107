/// A key as the tutor understands it, whatever terminal it came from.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower case: `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, escape
}

/// What a mouse did, in screen cells (0-based).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press, release, move, wheelUp, wheelDown
    }

    public var kind: Kind
    public var column: Int
    public var row: Int
    /// What the last frame drew under the pointer (the renderer's hit regions), so `update` reasons
    /// about blanks and chips rather than coordinates.
    public var target: HitTarget?

    public init(kind: Kind, column: Int, row: Int, target: HitTarget? = nil) {
        self.kind = kind
        self.column = column
        self.row = row
        self.target = target
    }
}

/// A clickable thing on screen. Renderers record where they drew each one.
public enum HitTarget: Hashable, Sendable {
    case menuItem(Int)
    /// The menu's "Review — 12 due, ~4 min" line.
    case menuReview
    case modeItem(Int)
    case blank(Int)
    case chip(Int)
    case choice(Int)
}

/// The terminal's size in cells.
public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Below this the tutor shows "make the window larger" instead of a screen.
    public static let minimum = Size(width: 40, height: 12)

    public var isTooSmall: Bool { width < Size.minimum.width || height < Size.minimum.height }
}
