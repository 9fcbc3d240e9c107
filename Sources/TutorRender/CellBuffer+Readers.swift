extension CellBuffer {
    /// Screen-reader mode's last pass: box drawing and block characters (U+2500–U+259F) become ASCII
    /// (a reader says them as noise, or nothing, and a braille display shows dots), and a `·` between
    /// spaces, a separator, becomes a comma, which a reader pauses at instead of saying "middle dot".
    /// Screens already draw no boxes or bars in this mode; this pass also catches lesson text (diagrams).
    public mutating func makeReadable() {
        for row in 0..<height {
            for column in 0..<width {
                let text = self[column, row].text
                guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1 else { continue }
                switch scalar.value {
                case 0x2500...0x257F:
                    self[column, row].text = Self.asciiStandIns[text] ?? Self.boxStandIn(scalar)
                case 0x2580...0x259F:
                    self[column, row].text = Self.asciiStandIns[text] ?? "#"
                case 0xB7 where column > 0 && column + 1 < width
                    && self[column - 1, row].text == " " && self[column + 1, row].text == " ":
                    self[column - 1, row].text = ","
                    self[column, row].text = " "
                default:
                    continue
                }
            }
        }
    }

    /// A line-drawing character by its shape: mostly horizontal, mostly vertical, or a joint.
    static func boxStandIn(_ scalar: Unicode.Scalar) -> String {
        let name = scalar.properties.name ?? ""
        if name.contains("HORIZONTAL") && !name.contains("VERTICAL") && !name.contains("AND") { return "-" }
        if name.contains("VERTICAL") && !name.contains("HORIZONTAL") && !name.contains("AND") { return "|" }
        if name.contains("DIAGONAL") { return name.contains("UPPER RIGHT TO LOWER LEFT") ? "/" : "\\" }
        return "+"
    }

    /// Whether any cell holds a box-drawing or block character (what screen-reader mode never shows).
    public var hasLineDrawing: Bool {
        cells.contains { cell in cell.text.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) } }
    }
}
