extension CellBuffer {
    /// Turns every non-ASCII cell into a plain ASCII stand-in, for `--ascii` and for terminals
    /// without UTF-8. Screens already pick ASCII glyphs; this pass also catches lesson text.
    public mutating func asciify() {
        for row in 0..<height {
            for column in 0..<width {
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
                self[column, row].text = Self.asciiStandIns[text] ?? "?"
            }
        }
    }

    static let asciiStandIns: [String: String] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "┬": "+", "┴": "+", "┼": "+", "›": ">", "‹": "<", "→": ">", "←": "<", "↑": "^", "↓": "v", "·": "-",
        "…": ".", "•": "*", "✓": "+", "✗": "x", "×": "x", "−": "-", "–": "-", "—": "-", "█": "#", "▌": "=",
        "▐": "=", "░": ".", "▒": ":", "▓": "#", "’": "'", "‘": "'", "“": "\"", "”": "\"", "≥": ">", "≤": "<",
        "⁻": "-", "₀": "0", "₁": "1", "₂": "2", "₃": "3", "ₜ": "t", "ᵀ": "T", "σ": "s", "⊙": "*", "💡": "*", "★": "*", "▸": "|", "◂": "|", "\u{00A0}": " ",
    ]
}
