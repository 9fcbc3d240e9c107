/// A lesson snippet in a small editor, and what running it printed.
public struct PlaygroundState: Sendable, Equatable {
    public var lessonIndex: Int
    public var snippetIndex: Int
    public var snippetCount: Int
    public var title: String
    /// The code being edited, one string per line.
    public var lines: [String]
    /// The cursor: line, and column in characters.
    public var row = 0
    public var column = 0
    /// What the last run printed (stdout, then the traceback if it failed); nil before a run.
    public var output: String? {
        didSet { outputLines = Self.lines(of: output) }
    }
    /// `output` split into lines, once per run: the layout asks for them on every key press.
    public private(set) var outputLines: [String] = []
    public var failed = false
    /// The code changed since the output was printed: the output is of the code before the edit.
    public var outputIsStale = false
    /// Edited snippets the learner moved away from with Ctrl-N / Ctrl-P (snippet index → lines), so
    /// coming back finds the edits.
    public var drafts: [Int: [String]] = [:]
    /// A run is under way (the runtime performs it and answers with `Msg.snippetRan`).
    public var running = false
    /// What the last run unrolled, by snippet line (1-based): `Ctrl-V` opens the visualizer on it.
    public var modules: [Int: VisualizerConfig] = [:]
    /// Which interpreter ran the last run, named in the output's header ("MiniPy", "python3.11 + torch 2.15.0").
    public var runtime = "MiniPy"
    /// How far the editor is scrolled: `leftCell` is the first text cell shown on every line (the
    /// lines move together, so indentation stays lined up), `scroll` the first row of the screen's
    /// content shown (the title and a gap, then the code). `update` moves them only when the cursor
    /// would leave the view (`keepCursorInView`); the view applies the same rule again, so a frame
    /// never hides the cursor even for a size the state was not scrolled for.
    public var leftCell = 0
    public var scroll = 0

    /// The module to visualize: the one run on the cursor's line, else the last one run.
    public var moduleToVisualize: VisualizerConfig? {
        modules[row + 1] ?? modules.max { $0.key < $1.key }?.value
    }

    public init(lessonIndex: Int, snippetIndex: Int, snippetCount: Int, snippet: Snippet) {
        self.lessonIndex = lessonIndex
        self.snippetIndex = snippetIndex
        self.snippetCount = snippetCount
        self.title = snippet.title
        var lines = snippet.code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    public var code: String { lines.joined(separator: "\n") + "\n" }

    /// Shows another snippet of the lesson in place, keeping the edits of the one left (and finding the
    /// edits of the one shown, if it was edited before).
    mutating func show(_ index: Int, of snippets: [Snippet]) {
        guard snippets.indices.contains(index) else { return }
        drafts[snippetIndex] = lines
        var next = PlaygroundState(lessonIndex: lessonIndex, snippetIndex: index, snippetCount: snippets.count, snippet: snippets[index])
        if let draft = drafts[index] { next.lines = draft }
        next.drafts = drafts
        self = next
    }

    /// Puts `text` at the cursor, which ends after it. The column is counted in the line as it now
    /// is: a combining mark typed after a letter joins it (one character, not two), so adding the
    /// typed count put the cursor one past, and the next key typed inside the following word.
    mutating func insert(_ text: String) {
        let line = Array(lines[row])
        let at = min(column, line.count)
        let before = String(line[..<at]) + text
        lines[row] = before + String(line[at...])
        column = min(before.count, lines[row].count)
    }

    mutating func newline() {
        let line = Array(lines[row])
        let at = min(column, line.count)
        // Keep the indentation of the line being split, as editors do.
        let indent = String(line.prefix { $0 == " " }.prefix(at))
        lines[row] = String(line[..<at])
        lines.insert(indent + String(line[at...]), at: row + 1)
        row += 1
        column = indent.count
    }

    mutating func backspace() {
        if column > 0 {
            var line = Array(lines[row])
            let at = min(column, line.count)
            line.remove(at: at - 1)
            lines[row] = String(line)
            column = at - 1
        } else if row > 0 {
            let previous = lines[row - 1]
            lines[row - 1] = previous + lines[row]
            lines.remove(at: row)
            row -= 1
            column = previous.count
        }
    }

    mutating func deleteForward() {
        let line = Array(lines[row])
        if column < line.count {
            var l = line
            l.remove(at: column)
            lines[row] = String(l)
        } else if row + 1 < lines.count {
            lines[row] += lines[row + 1]
            lines.remove(at: row + 1)
        }
    }

    mutating func move(_ key: Key) {
        switch key {
        case .up: row = max(0, row - 1)
        case .down: row = min(lines.count - 1, row + 1)
        case .left:
            if column > 0 { column = min(column, lines[row].count) - 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .home: column = 0
        case .end: column = lines[row].count
        case .char, .ctrl, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete, .escape: break
        }
        column = min(column, lines[row].count)
    }

    // MARK: The view's geometry, shared with PlaygroundView so update and render agree.

    /// Rows above the code: the snippet's title and a gap.
    public static let headerRows = 2

    /// Cells before a line's text: the line number, a space, the bar and a space ("12 │ ").
    public var gutterWidth: Int { String(lines.count).count + 3 }

    /// Cells of text shown per line on a screen `screenWidth` wide: the screen less its one-cell
    /// margins, the gutter, and one column kept for the mark that says a line continues.
    public func textWidth(screenWidth: Int) -> Int {
        max(1, screenWidth - 2 - gutterWidth - 1)
    }

    /// Rows of content shown on a screen `screenHeight` high (less the title and status rows).
    public static func bodyHeight(screenHeight: Int) -> Int { max(1, screenHeight - 2) }

    /// The lines a run printed (the traceback's included); none before a run.
    /// The most lines of a run's output the pane keeps, and the most characters of one line: it shows
    /// the end of what was printed, and laying out megabytes on every frame froze the editor.
    static let outputLineLimit = 2_000
    static let outputLineLength = 8_000

    /// How many lines `output` is (a last line without its line break counts too).
    static func printedLineCount(_ output: String) -> Int {
        let breaks = output.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return output.isEmpty || output.hasSuffix("\n") ? breaks : breaks + 1
    }

    /// The output as the pane shows it: its last `outputLineLimit` lines, each cut to its last
    /// `outputLineLength` characters, with a first line that says how many were left out.
    static func lines(of output: String?) -> [String] {
        guard let output else { return [] }
        if output.isEmpty { return ["(nothing printed)"] }
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if output.hasSuffix("\n") { lines.removeLast() }
        var kept = lines.suffix(outputLineLimit).map { line in
            line.count > outputLineLength ? "…" + String(line.suffix(outputLineLength - 1)) : String(line)
        }
        if lines.count > outputLineLimit {
            kept.insert("… \(lines.count - outputLineLimit) earlier lines not shown", at: 0)
        }
        return kept
    }

    /// Rows below the code, in a body `bodyHeight` rows high, for the run: a gap, a header ("Running…",
    /// "Output", "Output (it raised)"), and the output's last lines. It starts right after a short snippet;
    /// a long one scrolls above it while it keeps at least half the body (or all the output, if less), so a
    /// long snippet never pushes what it printed off the screen. None before a run.
    public func outputRows(bodyHeight: Int) -> Int {
        guard running || output != nil else { return 0 }
        let wanted = running ? 2 : outputLines.count + 2
        let least = min(wanted, max(4, bodyHeight / 2))
        let afterCode = bodyHeight - Self.headerRows - lines.count
        return max(0, min(max(least, afterCode), bodyHeight - 1))
    }

    /// Rows for the title and the code on a screen `screenHeight` high.
    public func codeHeight(screenHeight: Int) -> Int {
        let body = Self.bodyHeight(screenHeight: screenHeight)
        return max(1, body - outputRows(bodyHeight: body))
    }

    /// The cell the cursor is on (from the start of its line) and how wide it is (1 past the end).
    public var cursorCell: (start: Int, width: Int) {
        let line = Array(lines[row])
        let at = min(column, line.count)
        return (line[..<at].reduce(0) { $0 + DisplayWidth.of($1) }, at < line.count ? max(1, DisplayWidth.of(line[at])) : 1)
    }

    /// The scrolling rule, one axis: the view `[offset, offset + span)` moves only as far as it must
    /// for `[cursor, cursor + size)` to be inside it, so it stays put while the cursor moves within it.
    public static func follow(_ offset: Int, cursor: Int, size: Int = 1, span: Int) -> Int {
        if cursor < offset { return max(0, cursor) }
        if cursor + size > offset + span { return max(0, cursor + size - span) }
        return max(0, offset)
    }

    /// Scrolls both ways so the cursor is in view on a screen of `size`.
    public mutating func keepCursorInView(size: Size) {
        keepCursorInView(textWidth: textWidth(screenWidth: size.width), bodyHeight: codeHeight(screenHeight: size.height))
    }

    /// The same for a view `textWidth` cells of text wide and `bodyHeight` rows high.
    public mutating func keepCursorInView(textWidth: Int, bodyHeight: Int) {
        let cell = cursorCell
        leftCell = Self.follow(leftCell, cursor: cell.start, size: cell.width, span: textWidth)
        // Back on the first line, show the title above it as well.
        let line = Self.headerRows + row
        let top = row == 0 ? 0 : line
        scroll = Self.follow(scroll, cursor: top, size: line + 1 - top, span: bodyHeight)
    }
}
