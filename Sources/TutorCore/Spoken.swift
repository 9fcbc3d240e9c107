import Foundation

/// Text as a screen reader should say it: numbers with their sign as a word and no trailing zeros,
/// key names spelled out, arrows and marks as words. Pure functions, shared by the announcements
/// (`Announcer`) and the screen-reader views.
public enum Spoken {
    /// "plus 0.32", "minus 0.17", "0", "plus 1": two decimals at most (a listener cannot hold four),
    /// trailing zeros dropped, the sign as a word (espeak-ng reads "-0.17" as "minus" but "+0.32" as
    /// "plus" only sometimes, and never a leading "−").
    public static func number(_ v: Float) -> String {
        let rounded = (Double(v) * 100).rounded() / 100
        if rounded == 0 { return "0" }
        var digits = String(format: "%.2f", abs(rounded))
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return (rounded < 0 ? "minus " : "plus ") + digits
    }

    /// A vector as a list: "plus 0.32, plus 0.17, minus 0.22".
    public static func list(_ values: [Float]) -> String {
        values.map(number).joined(separator: ", ")
    }

    /// "3 of 5": counts said as words rather than "3/5" (read "three slash five").
    public static func of(_ n: Int, _ total: Int) -> String { "\(n) of \(total)" }

    /// Key names as they are said: "Tab, Shift-Tab or 1 to 9", "Up or Down", "Page Up".
    public static func keys(_ keys: String) -> String {
        // "mouse", "typing", "keys of the item": a phrase, not a list of keys.
        if keys.split(separator: " ").contains(where: { $0.count > 1 && $0.allSatisfy(\.isLowercase) }) { return keys }
        var words: [String] = []
        for token in keys.split(separator: " ") {
            let token = String(token)
            switch token {
            case "←": words.append("Left")
            case "→": words.append("Right")
            case "↑": words.append("Up")
            case "↓": words.append("Down")
            case "↑↓": words += ["Up", "Down"]
            case "←→": words += ["Left", "Right"]
            case "S-Tab": words.append("Shift-Tab")
            case "PgUp": words.append("Page Up")
            case "PgDn": words.append("Page Down")
            case "Del": words.append("Delete")
            case "Esc": words.append("Escape")
            case "?": words.append("question mark")
            case "✓": words.append("check mark")
            case "…": words.append("ellipsis")
            default:
                // "a-d", "1-9": a range of keys.
                let parts = token.split(separator: "-")
                if parts.count == 2, parts.allSatisfy({ $0.count == 1 }), token.count == 3 {
                    words.append("\(parts[0]) to \(parts[1])")
                } else {
                    words.append(token)
                }
            }
        }
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words[words.count - 1]
    }

    /// Marks and arrows in running text as words or plain punctuation; the rest as it is.
    public static func text(_ text: String) -> String {
        var out = ""
        // "1–4" is a range: said "1 to 4", not "1 4" or "1 minus 4".
        let ranged = text.replacingOccurrences(of: #"(\d)–(\d)"#, with: "$1 to $2", options: .regularExpression)
        let pairs = ranged.replacingOccurrences(of: " · ", with: ", ").replacingOccurrences(of: "←→", with: "Left Right")
            .replacingOccurrences(of: "↑↓", with: "Up Down").replacingOccurrences(of: "← →", with: "Left Right")
            .replacingOccurrences(of: "↑ ↓", with: "Up Down")
        for c in pairs {
            switch c {
            case "←": out += "Left"
            case "→": out += "Right"
            case "↑": out += "Up"
            case "↓": out += "Down"
            case "·": out += ","
            case "✓": out += "right"
            case "✗": out += "wrong"
            case "█": out += "solid"
            case "░": out += "shaded"
            case "−": out += "minus"
            case "…": out += "..."
            default: out.append(c)
            }
        }
        return out
    }

    /// One line of key help as a sentence: "Tab, Shift-Tab or 1 to 9: focus the next, previous or Nth blank."
    public static func sentence(_ entry: HelpEntry) -> String {
        var does = text(entry.does)
        if !does.hasSuffix(".") { does += "." }
        return keys(entry.keys) + ": " + does
    }
}
