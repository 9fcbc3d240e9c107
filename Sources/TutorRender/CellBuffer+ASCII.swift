extension CellBuffer {
    /// Turns every non-ASCII cell into a plain ASCII stand-in, for `--ascii` and for terminals
    /// without UTF-8. Screens already pick ASCII glyphs; this pass also catches lesson text.
    ///
    /// A mark that carries meaning gets a stand-in that reads the same, even where that takes more than
    /// one cell (`≥` is `>=`, not `>`; `±` is `+-`; `σ` is `sigmoid`): the rest of the row moves right
    /// into its trailing blanks. Where the row has no room, the first letter of the stand-in is used.
    public mutating func asciify() {
        for row in 0..<height {
            var column = 0
            while column < width {
                defer { column += 1 }
                let text = self[column, row].text
                guard !text.isEmpty, !text.allSatisfy(\.isASCII) else { continue }
                // A wide character keeps both of its cells: the stand-in and a space.
                if column + 1 < width, self[column + 1, row].text.isEmpty {
                    self[column + 1, row].text = " "
                }
                if text == "·" {
                    // A separator (spaces around it) reads as a dash; between two symbols (`W_ih·x_t`) it
                    // is a product, and a dash there would read as subtraction.
                    let spaced = (column == 0 || self[column - 1, row].text == " ") && (column + 1 >= width || self[column + 1, row].text == " ")
                    self[column, row].text = spaced ? "-" : "*"
                    continue
                }
                let standIn = Self.asciiStandIns[text] ?? "?"
                guard standIn.count > 1 else {
                    self[column, row].text = standIn
                    continue
                }
                let extra = standIn.count - 1
                guard insertCells(extra, after: column, row: row) else {
                    self[column, row].text = String(standIn.prefix(1))
                    continue
                }
                for (i, c) in standIn.enumerated() { self[column + i, row].text = String(c) }
                column += extra
            }
        }
    }

    /// Moves the cells right of `column` on `row` right by `count`, when the row ends in that many blank
    /// cells; clickable regions and the cursor further along the row move with them.
    mutating func insertCells(_ count: Int, after column: Int, row: Int) -> Bool {
        guard column + count < width, (width - count..<width).allSatisfy({ self[$0, row] == Cell.blank }) else { return false }
        for c in stride(from: width - 1, through: column + 1 + count, by: -1) { self[c, row] = self[c - count, row] }
        for c in (column + 1)...(column + count) { self[c, row] = Cell(" ", style: self[column, row].style) }
        shiftHits(row: row, after: column, by: count)
        if let cursor, cursor.row == row, cursor.column > column { self.cursor?.column += count }
        return true
    }

    static let asciiStandIns: [String: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "›": ">", "‹": "<", "→": ">", "←": "<", "↑": "^", "↓": "v", "·": "-",
        "…": "...", "•": "*", "✓": "+", "✗": "x", "×": "x", "−": "-", "–": "-", "—": "-", "█": "#", "▌": "=",
        "▐": "=", "░": ".", "▒": ":", "▓": "#", "’": "'", "‘": "'", "“": "\"", "”": "\"", "≥": ">=", "≤": "<=",
        "±": "+-", "≈": "~", "½": "1/2", "⁻": "-", "₀": "0", "₁": "1", "₂": "2", "₃": "3", "ₜ": "t", "ᵀ": "T",
        "σ": "sigmoid", "√": "sqrt", "⊙": "*", "💡": "*", "★": "*", "▸": "|", "◂": "|", "\u{00A0}": " ",
    ]
}
