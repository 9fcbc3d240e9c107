import TutorCore

/// Word wrapping by display width (not character count), keeping explicit line breaks.
public enum TextWrap {
    /// Splits `text` into lines no wider than `width` cells. Words longer than a line are cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            // Leading indentation is kept so lists and code-like text stay aligned.
            let indent = String(paragraph.prefix { $0 == " " })
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var w = DisplayWidth.of(word)
                let lead = line.isEmpty ? indent : " "
                if lineWidth + DisplayWidth.of(lead) + w <= width {
                    line += lead + word
                    lineWidth += DisplayWidth.of(lead) + w
                    continue
                }
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                // A word wider than the whole line is cut into pieces, in one pass: cutting a piece
                // off the front and measuring the rest again took time squared in the word's length
                // (a snippet printing 10 MB on one line froze the playground), and a character
                // wider than the whole line made an empty piece for ever. Such a character gets a
                // piece of its own.
                if w > width {
                    var piece = ""
                    var pw = 0
                    for g in word {
                        let gw = DisplayWidth.of(g)
                        if pw + gw > width && !piece.isEmpty {
                            lines.append(piece)
                            piece = ""
                            pw = 0
                        }
                        piece.append(g)
                        pw += gw
                    }
                    word = piece
                    w = pw
                }
                line = word
                lineWidth = w
            }
            lines.append(line)
        }
        return lines
    }
}
