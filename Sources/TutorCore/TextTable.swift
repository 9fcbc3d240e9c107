/// Plain-text tables for the command line (`unroll progress`, `unroll review`): columns two spaces
/// apart, numbers aligned right, no trailing spaces. Cells must already be safe for a terminal.
enum TextTable {
    /// The rows (the first is the header), one line each, every line ending in a newline.
    static func render(_ rows: [[String]], numeric: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0 ..< columns).map { col in rows.map { col < $0.count ? DisplayWidth.of($0[col]) : 0 }.max() ?? 0 }
        var out = ""
        for row in rows {
            let cells = row.indices.map { col in
                let pad = String(repeating: " ", count: max(0, widths[col] - DisplayWidth.of(row[col])))
                return numeric.contains(col) ? pad + row[col] : row[col] + pad
            }
            var line = Substring(cells.joined(separator: "  "))
            while line.last == " " { line = line.dropLast() }
            out += line + "\n"
        }
        return out
    }
}
