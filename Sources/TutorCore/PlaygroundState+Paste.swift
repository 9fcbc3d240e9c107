/// Pasted text in the playground's editor: what of it is kept, and how it goes in.
extension PlaygroundState {
    /// The most characters one paste puts in: far more than any snippet, few enough that the editor
    /// and a run stay quick.
    static let pasteLimit = 100_000

    /// The text as the editor keeps it: CR LF and CR are line breaks, a tab is four spaces (as the Tab
    /// key types), and every other control character is dropped (it would reach the terminal raw).
    static func pasteable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !afterCR { out.append("\n") }
            case 0x09: out.append(contentsOf: "    ".unicodeScalars)
            case 0x00..<0x20, 0x7F..<0xA0: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits the cursor's line at the cursor and puts `text` between, line breaks and all; the cursor
    /// ends after it.
    mutating func insertPasted(_ text: String) {
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = Array(lines[row])
        let at = min(column, line.count)
        let head = String(line[..<at])
        let tail = String(line[at...])
        var replacement = pieces
        replacement[0] = head + replacement[0]
        let last = replacement.count - 1
        let cursor = replacement[last].count
        replacement[last] += tail
        lines.replaceSubrange(row...row, with: replacement)
        row += last
        column = min(cursor, lines[row].count)
    }
}
