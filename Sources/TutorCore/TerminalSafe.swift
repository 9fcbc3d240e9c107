/// Text from a file (lesson and item ids, a learner's name) on its way to a terminal. A progress file can
/// be edited by anyone, and an escape sequence in an id would otherwise be obeyed by the terminal
/// (retitling it, moving the cursor, hiding text) or a bidi control would reorder what is shown.
///
/// ```swift
/// TerminalSafe.text("lesson\u{1B}[2J")     // "lesson\\x1b[2J"
/// TerminalSafe.text("a\u{202E}b")          // "a\\u202eb"
/// ```
public enum TerminalSafe {
    /// True for what `text` escapes: C0 controls (U+0000–U+001F, newline and tab too: the text is one
    /// line of a table), DEL, C1 controls (U+0080–U+009F), and the bidirectional controls (U+061C,
    /// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) plus the line and paragraph separators.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A ... 0x202E, 0x2066 ... 0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Each unsafe scalar written as Python writes it in a repr: `\x1b` below U+0100, `\u202e` above.
    /// Everything else is kept as it is.
    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(contentsOf: escape(scalar, short: true).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON text with every unsafe scalar the encoder leaves raw (it escapes C0 in strings, not DEL, C1
    /// or bidi controls) written as a `\uXXXX` escape: the same JSON value, safe to print. Raw C0 in
    /// encoder output is only the layout's newlines, so it is kept.
    public static func json(_ s: String) -> String {
        let unsafe = { (c: Unicode.Scalar) in c.value >= 0x20 && isUnsafe(c) }
        guard s.unicodeScalars.contains(where: unsafe) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if unsafe(scalar) {
                out.append(contentsOf: escape(scalar, short: false).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func escape(_ scalar: Unicode.Scalar, short: Bool) -> String {
        let hex = String(scalar.value, radix: 16)
        if short, scalar.value < 0x100 { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
