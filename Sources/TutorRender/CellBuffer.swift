import TutorCore

/// What a cell looks like. Meaning never rides on colour alone: every screen also puts a mark or a
/// word next to coloured text, so a monochrome terminal or `NO_COLOR` loses nothing.
public struct Style: Hashable, Sendable {
    public enum Color: Hashable, Sendable, CaseIterable {
        case accent, good, bad, warn, muted
    }

    public var color: Color?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(color: Color? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static let title = Style(color: .accent, bold: true)
    public static let good = Style(color: .good, bold: true)
    public static let bad = Style(color: .bad, bold: true)
    public static let warn = Style(color: .warn)
}

/// One cell: a grapheme and its style. A wide grapheme occupies its cell and leaves the next one
/// with `text == ""` (a continuation the terminal must not write over).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The rectangle less `n` cells on every side.
    public func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }
}

/// Where a clickable thing was drawn, so the runtime can tell `update` what a click hit.
public struct HitRegion: Hashable, Sendable {
    public var rect: Rect
    public var target: HitTarget
}

/// A cell on the screen (0-based), for the terminal cursor.
public struct CursorPosition: Hashable, Sendable {
    public var column: Int
    public var row: Int
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// A grid of cells that screens draw into; the terminal backend puts it on the screen, writing only
/// the cells that changed since the last frame.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public private(set) var hits: [HitRegion] = []
    /// How far the screen drawn here can scroll; the runtime hands it back to `update`.
    public var scrollLimit = 0
    /// The first row of content drawn (see `Msg.layout`).
    public var scrollOffset = 0
    /// Where the focused element was drawn (the focused blank, the chip moved, the selected option or
    /// row, the playground caret): the terminal shows its cursor there in screen-reader mode.
    public var cursor: CursorPosition?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Writes `text` from (x, y), never past `limit` (exclusive column, default the right edge).
    /// Control characters are shown as `?` so no text can reach the terminal as an escape sequence.
    /// - Returns: the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = x
        for grapheme in text {
            let w = DisplayWidth.of(grapheme)
            if w == 0 { continue }
            if column + w > end { break }
            if column >= 0 {
                let shown = DisplayWidth.isControl(grapheme) ? "?" : String(grapheme)
                self[column, y] = Cell(shown, style: style)
                if w == 2 { self[column + 1, y] = Cell("", style: style) }
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with one character in one style.
    public mutating func fill(_ rect: Rect, with text: String = " ", style: Style = .plain) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                self[column, row] = Cell(text, style: style)
            }
        }
    }

    /// Changes the style of cells already drawn (for highlighting a row without redrawing its text).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                change(&self[column, row].style)
            }
        }
    }

    public mutating func addHit(_ rect: Rect, _ target: HitTarget) {
        hits.append(HitRegion(rect: rect, target: target))
    }

    /// Moves the clickable regions that start right of `column` on `row` by `count` cells (text moved
    /// along the row after it was drawn).
    mutating func shiftHits(row: Int, after column: Int, by count: Int) {
        for i in hits.indices where hits[i].rect.y == row && hits[i].rect.height == 1 && hits[i].rect.x > column {
            hits[i].rect.x += count
        }
    }

    /// The thing drawn last under (column, row), if any.
    public func hit(column: Int, row: Int) -> HitTarget? {
        hits.last { $0.rect.contains(column: column, row: row) }?.target
    }

    /// The screen as text, one string per row, trailing spaces removed: what tests compare.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += self[column, row].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
