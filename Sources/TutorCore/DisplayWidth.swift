/// How many terminal cells a grapheme takes. Our own table rather than `wcwidth`, which answers
/// −1 for everything beyond ASCII unless a UTF-8 locale is active (and tests run without one).
/// In TutorCore so `update` can scroll the playground by the same measure the renderer draws with.
public enum DisplayWidth {
    public static func of(_ grapheme: Character) -> Int {
        guard let first = grapheme.unicodeScalars.first else { return 0 }
        let v = first.value
        if isZeroWidth(v) { return 0 }
        if grapheme.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return isWide(v) ? 2 : 1
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// True for a grapheme a terminal must not be sent as it is (the renderer draws `?` in its one
    /// cell): controls, and the invisible formatting characters a terminal draws in no cell at all
    /// while this table counts one (a bidi override such as U+202E, which may also reorder the row; the
    /// byte order mark U+FEFF; the word joiner U+2060–U+2064). Sent raw, each pulled the rest of its
    /// row one cell left of where the frame had it, and the next frame's changed cells landed amid
    /// old text.
    public static func isControl(_ grapheme: Character) -> Bool {
        grapheme.unicodeScalars.contains { TerminalSafe.isUnsafe($0) || isInvisibleFormat($0.value) }
    }

    private static func isInvisibleFormat(_ v: UInt32) -> Bool {
        v == 0xFEFF || (0x2060...0x2064).contains(v) || v == 0x180E || (0xFFF9...0xFFFB).contains(v)
    }

    private static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || v == 0x200D || v == 0x00AD
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x1F680...0x1F6FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Cuts `text` to at most `width` cells, ending with an ellipsis when it had to cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        if of(text) <= width { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        let room = width - of(ellipsis)
        for g in text {
            let w = of(g)
            if used + w > room { break }
            out.append(g)
            used += w
        }
        return out + ellipsis
    }
}
