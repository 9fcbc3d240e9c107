/// A token of a snippet, with its 1-based line and column.
struct Token: Equatable {
    enum Kind: Equatable {
        case name(String), int(Int), float(Double), string(String)
        /// `b"..."`: the bytes.
        case bytes([UInt8])
        /// `f"..."`: the text between the quotes (escapes not yet processed), whether it is raw, and where that
        /// text starts (line, column), so the parser can point into it.
        case fstring(String, raw: Bool, line: Int, column: Int)
        case op(String)
        case newline, indent, dedent, eof
    }
    var kind: Kind
    var line: Int
    var column: Int
}

/// Python's tokenizer for the subset: names, numbers (decimal, hex, octal, binary, with underscores), strings
/// (every prefix, every escape, triple-quoted over several lines), operators, NEWLINE/INDENT/DEDENT.
/// Brackets and a trailing backslash join lines; `#` starts a comment. Works on Unicode scalars, as Python's
/// `str` counts them.
struct Lexer {
    /// CPython's tokenizer: 200 open brackets, 100 levels of indentation.
    static let maxNesting = 200
    static let maxIndent = 100
    let lines: SourceLines
    private let s: [Unicode.Scalar]

    init(source: String) {
        lines = SourceLines(source)
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(source.utf8.count)
        for u in source.unicodeScalars { s.append(u) }
        self.s = s
    }

    private struct Cursor {
        var i = 0, line = 1, column = 1
    }

    func tokenize() throws(PyError) -> [Token] {
        var tokens: [Token] = []
        var indents = [0]
        var brackets: [(Character, Int, Int)] = []
        var c = Cursor()
        var atLineStart = true

        func syntax(_ m: String, _ line: Int, _ column: Int, type: String = "SyntaxError") -> PyError {
            .syntax(m, line: line, column: column, text: lines.text(line), type: type)
        }
        func peek(_ k: Int = 0) -> Unicode.Scalar? { c.i + k < s.count ? s[c.i + k] : nil }
        func advance() {
            if s[c.i] == "\n" { c.line += 1; c.column = 1 } else { c.column += 1 }
            c.i += 1
        }

        while c.i < s.count {
            if atLineStart && brackets.isEmpty {
                // Indentation of a logical line; blank and comment-only lines do not count.
                var width = 0
                let startColumn = c.column
                while let ch = peek(), ch == " " || ch == "\t" || ch == "\u{0C}" {
                    width = ch == "\t" ? (width / 8 + 1) * 8 : ch == " " ? width + 1 : 0
                    advance()
                }
                _ = startColumn
                if peek() == nil { break }
                if peek() == "#" || peek() == "\n" || peek() == "\r" {
                    while let ch = peek(), ch != "\n" { advance() }
                    if peek() == "\n" { advance() }
                    continue
                }
                if peek() == "\\", peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n") {
                    // A backslash continuation on an otherwise empty line: the next line carries on.
                }
                atLineStart = false
                if width > indents.last! {
                    if let last = tokens.last, last.kind != .newline {
                        throw syntax("unexpected indent", c.line, c.column, type: "IndentationError")
                    } else if tokens.isEmpty {
                        throw syntax("unexpected indent", c.line, c.column, type: "IndentationError")
                    }
                    indents.append(width)
                    if indents.count > Lexer.maxIndent {
                        throw syntax("too many levels of indentation", c.line, c.column, type: "IndentationError")
                    }
                    tokens.append(Token(kind: .indent, line: c.line, column: c.column))
                } else {
                    while width < indents.last! {
                        indents.removeLast()
                        tokens.append(Token(kind: .dedent, line: c.line, column: c.column))
                    }
                    if width != indents.last! {
                        throw syntax("unindent does not match any outer indentation level", c.line, c.column, type: "IndentationError")
                    }
                }
            }
            guard let ch = peek() else { break }
            let line = c.line, col = c.column
            if ch == "\n" {
                advance()
                if brackets.isEmpty {
                    if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                        tokens.append(Token(kind: .newline, line: line, column: col))
                    }
                    atLineStart = true
                }
                continue
            }
            if ch == " " || ch == "\t" || ch == "\r" || ch == "\u{0C}" { advance(); continue }
            if ch == "#" { while let d = peek(), d != "\n" { advance() }; continue }
            if ch == "\\" {
                var k = 1
                if peek(k) == "\r" { k += 1 }
                if peek(k) == "\n" { for _ in 0...k { advance() }; continue }
                if peek(k) == nil {
                    throw syntax("unexpected EOF while parsing", line, col)
                }
                throw syntax("unexpected character after line continuation character", line, col)
            }
            if isIdentifierStart(ch) {
                var j = c.i
                while j < s.count, isIdentifierContinue(s[j]) { j += 1 }
                let word = String(scalars: s[c.i..<j])
                if j < s.count, s[j] == "\"" || s[j] == "'", let prefix = StringPrefix(word) {
                    for _ in c.i..<j { advance() }
                    tokens.append(try string(prefix, &c, line: line, column: col, syntax: syntax))
                    continue
                }
                for _ in c.i..<j { advance() }
                tokens.append(Token(kind: .name(word), line: line, column: col))
                continue
            }
            if isDigit(ch) || (ch == "." && peek(1).map(isDigit) == true) {
                tokens.append(try number(&c, line: line, column: col, syntax: syntax))
                continue
            }
            if ch == "\"" || ch == "'" {
                tokens.append(try string(StringPrefix("")!, &c, line: line, column: col, syntax: syntax))
                continue
            }
            let (op, length) = Lexer.operator(at: c.i, in: s)
            guard let op else {
                if ch == "!" || ch == "$" || ch == "?" || ch == "`" { throw syntax("invalid syntax", line, col) }
                throw syntax("invalid character '\(Character(ch))' (U+\(String(ch.value, radix: 16, uppercase: true).leftPad(4)))", line, col)
            }
            if ch == "(" || ch == "[" || ch == "{" {
                brackets.append((Character(ch), line, col))
                if brackets.count > Lexer.maxNesting { throw syntax("too many nested parentheses", line, col) }
            } else if ch == ")" || ch == "]" || ch == "}" {
                let open: Character = ch == ")" ? "(" : ch == "]" ? "[" : "{"
                guard let last = brackets.last else { throw syntax("unmatched '\(op)'", line, col) }
                if last.0 != open {
                    let msg = last.1 == line
                        ? "closing parenthesis '\(op)' does not match opening parenthesis '\(last.0)'"
                        : "closing parenthesis '\(op)' does not match opening parenthesis '\(last.0)' on line \(last.1)"
                    throw syntax(msg, line, col)
                }
                brackets.removeLast()
            }
            for _ in 0..<length { advance() }
            tokens.append(Token(kind: .op(op), line: line, column: col))
        }
        if let open = brackets.first {
            throw syntax("'\(open.0)' was never closed", open.1, open.2)
        }
        // What `lines.count` and the last line's length are, without splitting: a "\n" Character is a line feed
        // not preceded by a carriage return (the two are one Character, which does not split).
        var endLine = 1, lastLineStart = 0
        for k in s.indices where s[k] == "\n" && (k == 0 || s[k - 1] != "\r") { endLine += 1; lastLineStart = k + 1 }
        if let last = tokens.last, last.kind != .newline, last.kind != .dedent {
            tokens.append(Token(kind: .newline, line: endLine, column: s.count - lastLineStart + 1))
        }
        while indents.count > 1 { indents.removeLast(); tokens.append(Token(kind: .dedent, line: endLine + 1, column: 1)) }
        tokens.append(Token(kind: .eof, line: endLine + 1, column: 1))
        return tokens
    }

    /// The operator at `i` and its length in scalars: the longest of Python's operators that starts there.
    /// Matched on scalars, returning literals, so no candidate strings are built. U+037E GREEK QUESTION MARK is
    /// canonically equivalent to `;`, and the lexer matched operators as Strings (which compare by canonical
    /// equivalence): it stays a `;` with its own text.
    static func `operator`(at i: Int, in s: [Unicode.Scalar]) -> (String?, Int) {
        let b: Unicode.Scalar = i + 1 < s.count ? s[i + 1] : "\0"
        let c: Unicode.Scalar = i + 2 < s.count ? s[i + 2] : "\0"
        switch s[i] {
        case "*":
            if b == "*" { return c == "=" ? ("**=", 3) : ("**", 2) }
            return b == "=" ? ("*=", 2) : ("*", 1)
        case "/":
            if b == "/" { return c == "=" ? ("//=", 3) : ("//", 2) }
            return b == "=" ? ("/=", 2) : ("/", 1)
        case ">":
            if b == ">" { return c == "=" ? (">>=", 3) : (">>", 2) }
            return b == "=" ? (">=", 2) : (">", 1)
        case "<":
            if b == "<" { return c == "=" ? ("<<=", 3) : ("<<", 2) }
            return b == "=" ? ("<=", 2) : ("<", 1)
        case ".": return b == "." && c == "." ? ("...", 3) : (".", 1)
        case "=": return b == "=" ? ("==", 2) : ("=", 1)
        case "!": return b == "=" ? ("!=", 2) : (nil, 0)
        case "+": return b == "=" ? ("+=", 2) : ("+", 1)
        case "-": return b == "=" ? ("-=", 2) : b == ">" ? ("->", 2) : ("-", 1)
        case "%": return b == "=" ? ("%=", 2) : ("%", 1)
        case "&": return b == "=" ? ("&=", 2) : ("&", 1)
        case "|": return b == "=" ? ("|=", 2) : ("|", 1)
        case "^": return b == "=" ? ("^=", 2) : ("^", 1)
        case "@": return b == "=" ? ("@=", 2) : ("@", 1)
        case ":": return b == "=" ? (":=", 2) : (":", 1)
        case "(": return ("(", 1)
        case ")": return (")", 1)
        case "[": return ("[", 1)
        case "]": return ("]", 1)
        case "{": return ("{", 1)
        case "}": return ("}", 1)
        case ",": return (",", 1)
        case ";": return (";", 1)
        case "~": return ("~", 1)
        case "\u{37E}": return ("\u{37E}", 1)
        default: return (nil, 0)
        }
    }

    // MARK: Numbers

    private func number(_ c: inout Cursor, line: Int, column: Int,
                        syntax: (String, Int, Int, String) -> PyError) throws(PyError) -> Token {
        let start = c.i
        var j = c.i
        func err(_ m: String) -> PyError { syntax(m, line, column, "SyntaxError") }
        func digits(_ ok: (Unicode.Scalar) -> Bool, kind: String, allowLeadingUnderscore: Bool) throws(PyError) -> String {
            var out = ""
            var lastUnderscore = false
            var first = true
            while j < s.count {
                let d = s[j]
                if d == "_" {
                    if lastUnderscore || (first && !allowLeadingUnderscore) { throw err("invalid \(kind) literal") }
                    lastUnderscore = true; j += 1; first = false; continue
                }
                guard ok(d) else { break }
                out.unicodeScalars.append(d); lastUnderscore = false; first = false; j += 1
            }
            if lastUnderscore { throw err("invalid \(kind) literal") }
            return out
        }
        /// A letter right after a number is an error, unless it starts a keyword (`1if x else 2`).
        func checkEnd(_ kind: String) throws(PyError) {
            guard j < s.count, isIdentifierContinue(s[j]) else { return }
            var k = j
            while k < s.count, isIdentifierContinue(s[k]) { k += 1 }
            let word = String(scalars: s[j..<k])
            for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] where word.hasPrefix(kw) { return }
            throw err("invalid \(kind) literal")
        }
        let kind: Token.Kind
        if s[j] == "0", j + 1 < s.count, "xXoObB".unicodeScalars.contains(s[j + 1]) {
            let p = Character(s[j + 1]).lowercased()
            let (name, radix): (String, Int) = p == "x" ? ("hexadecimal", 16) : p == "o" ? ("octal", 8) : ("binary", 2)
            j += 2
            let text = try digits({ Int(String($0), radix: radix) != nil && $0.isASCII }, kind: name, allowLeadingUnderscore: true)
            if text.isEmpty {
                if radix != 16, j < s.count, isDigit(s[j]) { throw err("invalid digit '\(Character(s[j]))' in \(name) literal") }
                throw err("invalid \(name) literal")
            }
            if radix != 16, j < s.count, isDigit(s[j]) { throw err("invalid digit '\(Character(s[j]))' in \(name) literal") }
            try checkEnd(name)
            guard let v = Int(text, radix: radix) else { throw Lexer.bigInt(line) }
            kind = .int(v)
        } else {
            var intPart = ""
            if s[j] != "." { intPart = try digits(isDigit, kind: "decimal", allowLeadingUnderscore: false) }
            var isFloat = false
            var text = intPart
            if j < s.count, s[j] == "." {
                isFloat = true; j += 1
                text += "."
                if j < s.count, isDigit(s[j]) { text += try digits(isDigit, kind: "decimal", allowLeadingUnderscore: false) }
            }
            if j < s.count, s[j] == "e" || s[j] == "E" {
                var k = j + 1
                var sign = ""
                if k < s.count, s[k] == "+" || s[k] == "-" { sign = String(Character(s[k])); k += 1 }
                guard k < s.count, isDigit(s[k]) else { throw err("invalid decimal literal") }
                j = k
                text += "e" + sign + (try digits(isDigit, kind: "decimal", allowLeadingUnderscore: false))
                isFloat = true
            }
            if j < s.count, s[j] == "j" || s[j] == "J" {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support complex numbers yet", line: line)
            }
            try checkEnd("decimal")
            if isFloat {
                kind = .float(Double(text.hasPrefix(".") ? "0" + text : text) ?? .infinity)
            } else {
                if intPart.count > 1, intPart.hasPrefix("0") {
                    if intPart.contains(where: { $0 != "0" }) {
                        throw err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
                    }
                }
                guard let v = Int(intPart) else { throw Lexer.bigInt(line) }
                kind = .int(v)
            }
        }
        while c.i < j { c.i += 1; c.column += 1 }
        _ = start
        return Token(kind: kind, line: line, column: column)
    }

    static func bigInt(_ line: Int) -> PyError {
        PyError(type: "NotImplementedError", message: "MiniPy does not support integers beyond 64 bits yet", line: line)
    }

    // MARK: Strings

    struct StringPrefix {
        var raw = false, bytes = false, format = false
        init?(_ word: String) {
            guard word.count <= 2 else { return nil }
            var seen = Set<Character>()
            for ch in word.lowercased() {
                guard "rbfu".contains(ch), seen.insert(ch).inserted else { return nil }
            }
            if seen.contains("u") && seen.count > 1 { return nil }
            if seen.contains("b") && seen.contains("f") { return nil }
            raw = seen.contains("r"); bytes = seen.contains("b"); format = seen.contains("f")
        }
    }

    private func string(_ prefix: StringPrefix, _ c: inout Cursor, line: Int, column: Int,
                        syntax: (String, Int, Int, String) -> PyError) throws(PyError) -> Token {
        let quote = s[c.i]
        let triple = c.i + 2 < s.count && s[c.i + 1] == quote && s[c.i + 2] == quote
        let q = triple ? 3 : 1
        for _ in 0..<q { c.i += 1; c.column += 1 }
        let contentLine = c.line, contentColumn = c.column
        var body: [Unicode.Scalar] = []
        var closed = false
        while c.i < s.count {
            let d = s[c.i]
            if d == quote && (!triple || (c.i + 2 < s.count && s[c.i + 1] == quote && s[c.i + 2] == quote)) {
                for _ in 0..<q { c.i += 1; c.column += 1 }
                closed = true
                break
            }
            if d == "\n" && !triple { break }
            if d == "\\", c.i + 1 < s.count {
                // The escaped character is part of the body whatever it is (a quote does not end the string).
                body.append(d); body.append(s[c.i + 1])
                if s[c.i + 1] == "\n" { c.line += 1; c.column = 1 } else { c.column += 2 }
                if s[c.i + 1] == "\n" { c.column = 1 }
                c.i += 2
                continue
            }
            body.append(d)
            if d == "\n" { c.line += 1; c.column = 1 } else { c.column += 1 }
            c.i += 1
        }
        if !closed {
            let last = lines.count - (lines.last == "" ? 1 : 0)
            if triple { throw syntax("unterminated triple-quoted string literal (detected at line \(max(last, 1)))", line, column, "SyntaxError") }
            throw syntax("unterminated string literal (detected at line \(line))", line, column, "SyntaxError")
        }
        let raw = String(scalars: body)
        if prefix.format {
            return Token(kind: .fstring(raw, raw: prefix.raw, line: contentLine, column: contentColumn), line: line, column: column)
        }
        if prefix.bytes {
            var out: [UInt8] = []
            for ch in body where !ch.isASCII {
                _ = ch
                throw syntax("bytes can only contain ASCII literal characters", line, column, "SyntaxError")
            }
            if prefix.raw { out = body.map { UInt8($0.value) } } else {
                out = try Lexer.unescape(body, bytes: true) { m throws(PyError) in throw syntax(m, line, column, "SyntaxError") }
                    .map { UInt8($0.value) }
            }
            return Token(kind: .bytes(out), line: line, column: column)
        }
        if prefix.raw { return Token(kind: .string(raw), line: line, column: column) }
        let scalars = try Lexer.unescape(body, bytes: false) { m throws(PyError) in throw syntax(m, line, column, "SyntaxError") }
        return Token(kind: .string(String(scalars: scalars)), line: line, column: column)
    }

    /// Python's escape sequences: `\n \t \r \\ \' \" \a \b \f \v`, octal `\101`, `\xhh`, `\uXXXX`, `\UXXXXXXXX`,
    /// `\N{NAME}`, and a backslash before a newline (which joins the lines). Unknown escapes keep the backslash.
    /// For bytes, `\x` gives the byte and `\u`, `\N` are not escapes.
    static func unescape(_ body: [Unicode.Scalar], bytes: Bool,
                         fail: (String) throws(PyError) -> Never) throws(PyError) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(body.count)
        var i = 0
        let codec = bytes ? "(value error)" : "(unicode error) 'unicodeescape' codec can't decode bytes in position"
        while i < body.count {
            let ch = body[i]
            guard ch == "\\", i + 1 < body.count else { out.append(ch); i += 1; continue }
            let e = body[i + 1]
            let start = out.count
            i += 2
            switch e {
            case "\n": break
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "0", "1", "2", "3", "4", "5", "6", "7":
                var v = Int(e.value - 48)
                var k = 0
                while k < 2, i < body.count, ("0"..."7").contains(body[i]) { v = v * 8 + Int(body[i].value - 48); i += 1; k += 1 }
                out.append(Unicode.Scalar(UInt32(bytes ? v & 0xFF : v))!)
            case "x", "u", "U":
                if !bytes || e == "x" {
                    let n = e == "x" ? 2 : e == "u" ? 4 : 8
                    var hex = ""
                    while hex.count < n, i < body.count, body[i].properties.isASCIIHexDigit { hex.unicodeScalars.append(body[i]); i += 1 }
                    guard hex.count == n, let v = UInt32(hex, radix: 16) else {
                        let name = e == "x" ? "\\xXX" : e == "u" ? "\\uXXXX" : "\\UXXXXXXXX"
                        if bytes { try fail("(value error) invalid \\x escape at position \(start)") }
                        try fail("\(codec) \(start)-\(start + 1 + hex.count): truncated \(name) escape")
                    }
                    guard let scalar = Unicode.Scalar(v) else {
                        try fail("\(codec) \(start)-\(start + 1 + n): illegal Unicode character")
                    }
                    out.append(scalar)
                } else {
                    out.append("\\"); out.append(e)
                }
            case "N" where !bytes:
                guard i < body.count, body[i] == "{", let close = body[i...].firstIndex(of: "}") else {
                    try fail("\(codec) \(start)-\(start + 1): malformed \\N character escape")
                }
                let name = String(String.UnicodeScalarView(body[(i + 1)..<close]))
                guard let scalar = unicodeScalar(named: name) else {
                    try fail("\(codec) \(start)-\(start + 3 + name.unicodeScalars.count): unknown Unicode character name")
                }
                out.append(scalar)
                i = close + 1
            default:
                out.append("\\"); out.append(e)
            }
        }
        return out
    }

    /// `\N{NAME}`: the scalar with that Unicode name (or a name alias), found by a search over the assigned scalars.
    static func unicodeScalar(named name: String) -> Unicode.Scalar? {
        let wanted = name.uppercased()
        for plane: ClosedRange<UInt32> in [0...0xFFFF, 0x10000...0x3FFFF, 0xE0000...0xE01EF] {
            for v in plane {
                guard let u = Unicode.Scalar(v) else { continue }
                if u.properties.name == wanted || u.properties.nameAlias == wanted { return u }
            }
        }
        return nil
    }
}

func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c.isASCII ? (c.value | 0x20 >= 97 && c.value | 0x20 <= 122) : c.properties.isXIDStart)
}
func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || isDigit(c) || (!c.isASCII && c.properties.isXIDContinue)
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
