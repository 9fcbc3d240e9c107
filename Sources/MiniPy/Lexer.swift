/// A token of a snippet, with its 1-based line and column.
struct Token: Equatable {
    enum Kind: Equatable {
        case name(String), int(Int), float(Double), string(String)
        case op(String)
        case newline, indent, dedent, eof
    }
    var kind: Kind
    var line: Int
    var column: Int
}

/// Python's tokenizer for the subset: names, numbers, strings, operators, NEWLINE/INDENT/DEDENT.
/// Brackets join lines; `#` starts a comment.
struct Lexer {
    static let maxNesting = 200
    let lines: [String]

    init(source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func tokenize() throws(PyError) -> [Token] {
        var tokens: [Token] = []
        var indents = [0]
        var brackets: [(Character, Int, Int)] = []
        var lineNo = 0
        while lineNo < lines.count {
            let chars = Array(lines[lineNo])
            let ln = lineNo + 1
            lineNo += 1
            var i = 0
            if brackets.isEmpty {
                var width = 0
                while i < chars.count, chars[i] == " " || chars[i] == "\t" {
                    width += chars[i] == "\t" ? 8 - width % 8 : 1; i += 1
                }
                if i == chars.count || chars[i] == "#" || chars[i] == "\r" { continue }  // blank line
                if width > indents.last! {
                    if tokens.last?.kind != .newline && !tokens.isEmpty || tokens.isEmpty {
                        throw .syntax("unexpected indent", line: ln, column: i + 1, text: lines[ln - 1])
                    }
                    indents.append(width)
                    tokens.append(Token(kind: .indent, line: ln, column: i + 1))
                } else {
                    while width < indents.last! {
                        indents.removeLast()
                        tokens.append(Token(kind: .dedent, line: ln, column: i + 1))
                    }
                    if width != indents.last! {
                        throw .syntax("unindent does not match any outer indentation level", line: ln, column: i + 1,
                                      text: lines[ln - 1], type: "IndentationError")
                    }
                }
            }
            while i < chars.count {
                let c = chars[i]
                let col = i + 1
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if c == "#" { break }
                if c == "\\" && i == chars.count - 1 { i += 1; continue }
                if c.isLetter || c == "_" {
                    var j = i
                    while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                    let word = String(chars[i..<j])
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'", ["f", "r", "b", "F", "R", "B"].contains(word) {
                        // prefixed string: treat f/r like plain (f-strings unsupported except literal text)
                        if word.lowercased() == "f" {
                            throw .syntax("f-strings are not supported by MiniPy", line: ln, column: col, text: lines[ln - 1])
                        }
                        i = j
                        continue
                    }
                    tokens.append(Token(kind: .name(word), line: ln, column: col))
                    i = j
                    continue
                }
                if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                    var j = i
                    var isFloat = false
                    while j < chars.count, chars[j].isNumber || chars[j] == "_" { j += 1 }
                    if j < chars.count, chars[j] == "." { isFloat = true; j += 1
                        while j < chars.count, chars[j].isNumber || chars[j] == "_" { j += 1 } }
                    if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                        var k = j + 1
                        if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                        if k < chars.count, chars[k].isNumber {
                            isFloat = true; j = k
                            while j < chars.count, chars[j].isNumber { j += 1 }
                        }
                    }
                    let text = String(chars[i..<j]).replacingOccurrences(of: "_", with: "")
                    if j < chars.count, chars[j].isLetter {
                        throw .syntax(isFloat ? "invalid decimal literal" : "invalid decimal literal", line: ln, column: col, text: lines[ln - 1])
                    }
                    if isFloat {
                        tokens.append(Token(kind: .float(Double(text) ?? 0), line: ln, column: col))
                    } else {
                        if text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" }) {
                            throw .syntax("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                                          line: ln, column: col, text: lines[ln - 1])
                        }
                        guard let v = Int(text) else {
                            throw PyError(type: "OverflowError", message: "integer literal too large for MiniPy", line: ln)
                        }
                        tokens.append(Token(kind: .int(v), line: ln, column: col))
                    }
                    i = j
                    continue
                }
                if c == "\"" || c == "'" {
                    var j = i + 1
                    var s = ""
                    var closed = false
                    while j < chars.count {
                        let d = chars[j]
                        if d == c { closed = true; j += 1; break }
                        if d == "\\", j + 1 < chars.count {
                            let e = chars[j + 1]
                            switch e {
                            case "n": s.append("\n")
                            case "t": s.append("\t")
                            case "\\": s.append("\\")
                            case "'": s.append("'")
                            case "\"": s.append("\"")
                            default: s.append("\\"); s.append(e)
                            }
                            j += 2
                            continue
                        }
                        s.append(d)
                        j += 1
                    }
                    if !closed {
                        throw .syntax("unterminated string literal (detected at line \(ln))", line: ln, column: col, text: lines[ln - 1])
                    }
                    tokens.append(Token(kind: .string(s), line: ln, column: col))
                    i = j
                    continue
                }
                let three = i + 2 < chars.count ? String(chars[i...i + 2]) : ""
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                let op: String
                if ["**=", "//=", "..."].contains(three) { op = three }
                else if ["==", "!=", "<=", ">=", "**", "//", "+=", "-=", "*=", "/=", "->", "%="].contains(two) { op = two }
                else if "+-*/%<>=()[]{},:.@;~".contains(c) { op = String(c) }
                else if c == "!" { throw .syntax("invalid syntax", line: ln, column: col, text: lines[ln - 1]) }
                else {
                    throw .syntax("invalid character '\(c)' (U+\(String(c.unicodeScalars.first!.value, radix: 16, uppercase: true).leftPad(4)))",
                                  line: ln, column: col, text: lines[ln - 1])
                }
                if "([{".contains(op) {
                    brackets.append((Character(op), ln, col))
                    if brackets.count > Lexer.maxNesting {
                        throw .syntax("too many nested parentheses", line: ln, column: col, text: lines[ln - 1])
                    }
                } else if ")]}".contains(op) {
                    let open: Character = op == ")" ? "(" : op == "]" ? "[" : "{"
                    guard let last = brackets.last else {
                        throw .syntax("unmatched '\(op)'", line: ln, column: col, text: lines[ln - 1])
                    }
                    if last.0 != open {
                        let msg = last.1 == ln
                            ? "closing parenthesis '\(op)' does not match opening parenthesis '\(last.0)'"
                            : "closing parenthesis '\(op)' does not match opening parenthesis '\(last.0)' on line \(last.1)"
                        throw .syntax(msg, line: ln, column: col, text: lines[ln - 1])
                    }
                    brackets.removeLast()
                }
                tokens.append(Token(kind: .op(op), line: ln, column: col))
                i += op.count
            }
            if brackets.isEmpty, let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                tokens.append(Token(kind: .newline, line: ln, column: chars.count + 1))
            }
        }
        if let open = brackets.first {
            throw .syntax("'\(open.0)' was never closed", line: open.1, column: open.2, text: lines[open.1 - 1])
        }
        let endLine = lines.count
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent {
            tokens.append(Token(kind: .newline, line: endLine, column: 1))
        }
        while indents.count > 1 { indents.removeLast(); tokens.append(Token(kind: .dedent, line: endLine + 1, column: 1)) }
        tokens.append(Token(kind: .eof, line: endLine + 1, column: 1))
        return tokens
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
