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
    public var output: String?
    public var failed = false
    /// A run is under way (the runtime performs it and answers with `Msg.snippetRan`).
    public var running = false
    /// What the last run unrolled, by snippet line (1-based): `Ctrl-V` opens the visualizer on it.
    public var modules: [Int: VisualizerConfig] = [:]

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

    mutating func insert(_ text: String) {
        var line = Array(lines[row])
        let at = min(column, line.count)
        line.insert(contentsOf: Array(text), at: at)
        lines[row] = String(line)
        column = at + text.count
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
        default: break
        }
        column = min(column, lines[row].count)
    }
}
