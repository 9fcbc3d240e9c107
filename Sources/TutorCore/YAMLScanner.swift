/// A YAML syntax error: libyaml's sentence and where it was found (1-based).
struct YAMLError: Error, Equatable, Sendable {
    var message: String
    var line: Int
    var column: Int
}

/// The tokens of a YAML text, made as libyaml's scanner makes them (the same tokens, the same
/// positions, the same error sentences), so lessons read exactly as they did through Yams.
///
/// The input is what `LessonSource` has checked: UTF-8, lines ending in LF only, no control
/// characters (so a 0 byte never occurs and stands for the end here), no byte order mark.
/// Not supported, each a clear error: tags (`!foo`) and directives (`%YAML`), which lessons never need.
///
/// - Complexity: O(n) in the length of the text (a simple key is looked for at most 1024 characters ahead).
struct YAMLScanner {
    enum Kind: Equatable {
        case streamStart, streamEnd, documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        case blockEntry, flowEntry, key, value
        /// The name or the text is `YAMLScanner.value(of:)`: kept out of the token, so tokens are plain
        /// values that copy without reference counting (the composer copies each one several times).
        case alias, anchor
        case scalar(YAMLNode.Scalar.Style)
    }

    /// 0-based, as libyaml keeps them; `char` counts characters for the 1024-character key limit.
    struct Mark: Equatable {
        var index = 0, line = 0, column = 0, char = 0
        var position: SourcePosition { SourcePosition(line: line + 1, column: column + 1) }
    }

    struct Token {
        var kind: Kind
        var start: Mark
        var end: Mark
        /// Index of an alias's or anchor's name, or a scalar's text, in `values`.
        var value = 0
    }

    private struct SimpleKey {
        var possible = false, required = false
        var tokenNumber = 0
        var mark = Mark()
    }

    /// Deeper nesting than this is refused (the composer's limit is lower; this one bounds the scanner's stacks).
    let maxNesting: Int

    private let text: [UInt8]
    private var mark = Mark()
    private var queue: [Token] = []
    private var head = 0
    private var tokensParsed = 0
    private var tokenAvailable = false
    private var streamStartProduced = false
    private var streamEndProduced = false
    private var indent = -1
    private var indents: [Int] = []
    private var flowLevel = 0
    private var simpleKeyAllowed = false
    private var simpleKeys: [SimpleKey] = []
    /// The names and texts of the tokens made so far (`Token.value`).
    private var values: [String] = []
    /// A scalar's bytes while they are gathered, kept between scalars so its storage is allocated once.
    private var scratch: [UInt8] = []

    init(_ text: [UInt8], maxNesting: Int) {
        self.text = text
        self.maxNesting = maxNesting
    }

    // MARK: The parser's view

    /// The next token, without consuming it.
    mutating func peek() throws(YAMLError) -> Token {
        if !tokenAvailable { try fetchMoreTokens() }
        return queue[head]
    }

    /// The name of an alias or anchor token, or the text of a scalar token.
    func value(of token: Token) -> String { values[token.value] }

    /// Consumes the token `peek` returned.
    mutating func skip() {
        tokenAvailable = false
        tokensParsed += 1
        if queue[head].kind == .streamEnd { streamEndProduced = true }
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }

    // MARK: Characters

    // Switches rather than arrays of bytes: no lazy global to check and no search on every character.
    @inline(__always) private static func isIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
             UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"): true
        default: false
        }
    }

    @inline(__always) private static func isAnchorFollower(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "%"),
             UInt8(ascii: "@"), UInt8(ascii: "`"): true
        default: false
        }
    }

    @inline(__always) private static func isFlowEnder(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        default: false
        }
    }

    @inline(__always) private static func isColonFollower(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "?") || isFlowEnder(b)
    }

    @inline(__always) private func byte(_ offset: Int = 0) -> UInt8 {
        let i = mark.index + offset
        return i < text.count ? text[i] : 0
    }

    @inline(__always) private func check(_ c: UInt8, _ offset: Int = 0) -> Bool { byte(offset) == c }
    @inline(__always) private func isZ(_ offset: Int = 0) -> Bool { byte(offset) == 0 }
    @inline(__always) private func isBreak(_ offset: Int = 0) -> Bool { byte(offset) == 0x0A }
    @inline(__always) private func isBreakZ(_ offset: Int = 0) -> Bool { let b = byte(offset); return b == 0x0A || b == 0 }
    @inline(__always) private func isBlank(_ offset: Int = 0) -> Bool { let b = byte(offset); return b == 0x20 || b == 0x09 }
    @inline(__always) private func isBlankZ(_ offset: Int = 0) -> Bool {
        let b = byte(offset)
        return b == 0x20 || b == 0x09 || b == 0x0A || b == 0
    }

    private func isAlpha() -> Bool {
        let b = byte()
        return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    private func width() -> Int {
        let b = byte()
        return b & 0x80 == 0 ? 1 : b & 0xE0 == 0xC0 ? 2 : b & 0xF0 == 0xE0 ? 3 : 4
    }

    private mutating func advance() {
        mark.index += width()
        mark.column += 1
        mark.char += 1
    }

    private mutating func read(into string: inout [UInt8]) {
        let b = byte()
        if b < 0x80 {
            string.append(b)
            mark.index += 1
        } else {
            let w = width()
            string.append(contentsOf: text[mark.index..<min(mark.index + w, text.count)])
            mark.index += w
        }
        mark.column += 1
        mark.char += 1
    }

    /// Reads characters up to the first byte in `stops` (or a space, tab, line break or the end),
    /// all at once: the common case in scalars, and where most of the reading time goes.
    private mutating func readRun(into string: inout [UInt8], copying: Bool = true, stopsAt stops: (UInt8) -> Bool) {
        let start = mark.index
        var i = start, chars = 0
        while i < text.count {
            let b = text[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || stops(b) { break }
            if b & 0xC0 != 0x80 { chars += 1 }
            i += 1
        }
        if copying { string.append(contentsOf: text[start..<i]) }
        mark.index = i
        mark.column += chars
        mark.char += chars
    }

    /// Consumes a line break (LF: the only one `LessonSource` lets through).
    private mutating func skipLine() {
        guard isBreak() else { return }
        mark.index += 1
        mark.line += 1
        mark.column = 0
        mark.char += 1
    }

    /// Skips spaces (ASCII, one column each) up to `limit` columns, or all of them.
    private mutating func skipSpaces(toColumn limit: Int = .max) {
        var i = mark.index, column = mark.column
        while column < limit && i < text.count && text[i] == 0x20 {
            i += 1
            column += 1
        }
        mark.char += column - mark.column
        mark.index = i
        mark.column = column
    }

    /// Skips the rest of the line (a comment), up to its line break or the end.
    private mutating func skipToLineEnd() {
        var i = mark.index, chars = 0
        while i < text.count && text[i] != 0x0A {
            if text[i] & 0xC0 != 0x80 { chars += 1 }
            i += 1
        }
        mark.index = i
        mark.column += chars
        mark.char += chars
    }

    /// Turns gathered bytes into a value, keeping the buffer's storage for the next scalar.
    private mutating func addValue(_ bytes: inout [UInt8]) -> Int {
        values.append(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
        return values.count - 1
    }

    private mutating func addValue(_ string: String) -> Int {
        values.append(string)
        return values.count - 1
    }

    private func error(_ context: String?, _ contextMark: Mark, _ problem: String) -> YAMLError {
        let prefix = context.map { "\($0) (line \(contextMark.line + 1), column \(contextMark.column + 1)): " } ?? ""
        return YAMLError(message: prefix + problem, line: mark.line + 1, column: mark.column + 1)
    }

    // MARK: Fetching tokens

    private mutating func fetchMoreTokens() throws(YAMLError) {
        while true {
            var needMore = head == queue.count
            if !needMore {
                try staleSimpleKeys()
                needMore = simpleKeys.contains { $0.possible && $0.tokenNumber == tokensParsed }
            }
            if !needMore { break }
            try fetchNextToken()
        }
        tokenAvailable = true
    }

    private mutating func enqueue(_ kind: Kind, _ start: Mark, _ end: Mark, value: Int = 0) {
        queue.append(Token(kind: kind, start: start, end: end, value: value))
    }

    private mutating func fetchNextToken() throws(YAMLError) {
        if !streamStartProduced { return fetchStreamStart() }
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(mark.column)
        if isZ() { return try fetchStreamEnd() }
        if mark.column == 0 && check(UInt8(ascii: "%")) {
            throw error(nil, mark, "directives ('%YAML', '%TAG') are not used in lesson files")
        }
        if mark.column == 0 && isBlankZ(3)
            && ((check(0x2D) && check(0x2D, 1) && check(0x2D, 2)) || (check(0x2E) && check(0x2E, 1) && check(0x2E, 2))) {
            return try fetchDocumentIndicator(check(0x2D) ? .documentStart : .documentEnd)
        }
        switch byte() {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return try fetchFlowEntry()
        default: break
        }
        if check(UInt8(ascii: "-")) && isBlankZ(1) { return try fetchBlockEntry() }
        if check(UInt8(ascii: "?")) && (flowLevel > 0 || isBlankZ(1)) { return try fetchKey() }
        if check(UInt8(ascii: ":")) && (flowLevel > 0 || isBlankZ(1)) { return try fetchValue() }
        if check(UInt8(ascii: "*")) { return try fetchAnchor(alias: true) }
        if check(UInt8(ascii: "&")) { return try fetchAnchor(alias: false) }
        if check(UInt8(ascii: "!")) {
            throw error(nil, mark, "tags ('!' before a value) are not used in lesson files; quote a text that starts with '!'")
        }
        if check(UInt8(ascii: "|")) && flowLevel == 0 { return try fetchBlockScalar(literal: true) }
        if check(UInt8(ascii: ">")) && flowLevel == 0 { return try fetchBlockScalar(literal: false) }
        if check(UInt8(ascii: "'")) { return try fetchFlowScalar(single: true) }
        if check(UInt8(ascii: "\"")) { return try fetchFlowScalar(single: false) }
        // A plain scalar may not start with an indicator, except '-', '?', ':' followed by a non-space.
        if !(isBlankZ() || Self.isIndicator(byte()))
            || (check(UInt8(ascii: "-")) && !isBlank(1))
            || (flowLevel == 0 && (check(UInt8(ascii: "?")) || check(UInt8(ascii: ":"))) && !isBlankZ(1)) {
            return try fetchPlainScalar()
        }
        throw error("while scanning for the next token", mark, "found character that cannot start any token")
    }

    /// A simple key (a key without '?') is limited to one line and 1024 characters.
    private mutating func staleSimpleKeys() throws(YAMLError) {
        for i in simpleKeys.indices where simpleKeys[i].possible
            && (simpleKeys[i].mark.line < mark.line || simpleKeys[i].mark.char + 1024 < mark.char) {
            if simpleKeys[i].required {
                throw error("while scanning a simple key", simpleKeys[i].mark, "could not find expected ':'")
            }
            simpleKeys[i].possible = false
        }
    }

    private mutating func saveSimpleKey() throws(YAMLError) {
        let required = flowLevel == 0 && indent == mark.column
        if simpleKeyAllowed {
            try removeSimpleKey()
            simpleKeys[simpleKeys.count - 1] = SimpleKey(possible: true, required: required,
                                                          tokenNumber: tokensParsed + (queue.count - head), mark: mark)
        }
    }

    private mutating func removeSimpleKey() throws(YAMLError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible && key.required {
            throw error("while scanning a simple key", key.mark, "could not find expected ':'")
        }
        simpleKeys[simpleKeys.count - 1].possible = false
    }

    private mutating func increaseFlowLevel() throws(YAMLError) {
        guard flowLevel < maxNesting else { throw nestingError() }
        simpleKeys.append(SimpleKey())
        flowLevel += 1
    }

    private mutating func decreaseFlowLevel() {
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
        }
    }

    private func nestingError() -> YAMLError {
        YAMLError(message: "lists and mappings are nested more than \(maxNesting) levels deep",
                  line: mark.line + 1, column: mark.column + 1)
    }

    /// Opens a block collection when `column` is deeper than the current indentation.
    private mutating func rollIndent(_ column: Int, number: Int?, _ kind: Kind, _ at: Mark) throws(YAMLError) {
        guard flowLevel == 0, indent < column else { return }
        guard indents.count < maxNesting else { throw nestingError() }
        indents.append(indent)
        indent = column
        let token = Token(kind: kind, start: at, end: at)
        if let number {
            queue.insert(token, at: head + (number - tokensParsed))
        } else {
            queue.append(token)
        }
    }

    /// Closes every block collection deeper than `column`.
    private mutating func unrollIndent(_ column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            enqueue(.blockEnd, mark, mark)
            indent = indents.popLast() ?? -1
        }
    }

    private mutating func fetchStreamStart() {
        indent = -1
        simpleKeys.append(SimpleKey())
        simpleKeyAllowed = true
        streamStartProduced = true
        enqueue(.streamStart, mark, mark)
    }

    private mutating func fetchStreamEnd() throws(YAMLError) {
        if mark.column != 0 {
            mark.column = 0
            mark.line += 1
        }
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        enqueue(.streamEnd, mark, mark)
    }

    private mutating func fetchDocumentIndicator(_ kind: Kind) throws(YAMLError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        advance(); advance(); advance()
        enqueue(kind, start, mark)
    }

    private mutating func fetchFlowCollectionStart(_ kind: Kind) throws(YAMLError) {
        try saveSimpleKey()
        try increaseFlowLevel()
        simpleKeyAllowed = true
        let start = mark
        advance()
        enqueue(kind, start, mark)
    }

    private mutating func fetchFlowCollectionEnd(_ kind: Kind) throws(YAMLError) {
        try removeSimpleKey()
        decreaseFlowLevel()
        simpleKeyAllowed = false
        let start = mark
        advance()
        enqueue(kind, start, mark)
    }

    private mutating func fetchFlowEntry() throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark
        advance()
        enqueue(.flowEntry, start, mark)
    }

    private mutating func fetchBlockEntry() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw error(nil, mark, "block sequence entries are not allowed in this context")
            }
            try rollIndent(mark.column, number: nil, .blockSequenceStart, mark)
        }
        // A '-' in the flow context is the parser's to report: it can say where.
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark
        advance()
        enqueue(.blockEntry, start, mark)
    }

    private mutating func fetchKey() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw error(nil, mark, "mapping keys are not allowed in this context")
            }
            try rollIndent(mark.column, number: nil, .blockMappingStart, mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        let start = mark
        advance()
        enqueue(.key, start, mark)
    }

    private mutating func fetchValue() throws(YAMLError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible {
            // The simple key found: a KEY token goes in before it, and maybe a BLOCK-MAPPING-START.
            queue.insert(Token(kind: .key, start: key.mark, end: key.mark), at: head + (key.tokenNumber - tokensParsed))
            try rollIndent(key.mark.column, number: key.tokenNumber, .blockMappingStart, key.mark)
            simpleKeys[simpleKeys.count - 1].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else {
                    throw error(nil, mark, "mapping values are not allowed in this context")
                }
                try rollIndent(mark.column, number: nil, .blockMappingStart, mark)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        let start = mark
        advance()
        enqueue(.value, start, mark)
    }

    private mutating func fetchAnchor(alias: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        advance()
        let nameStart = mark.index
        while isAlpha() { advance() }  // ASCII only
        let end = mark
        guard mark.index > nameStart, isBlankZ() || Self.isAnchorFollower(byte()) else {
            throw error(alias ? "while scanning an alias" : "while scanning an anchor", start,
                        "did not find expected alphabetic or numeric character")
        }
        let value = addValue(String(decoding: text[nameStart..<mark.index], as: UTF8.self))
        enqueue(alias ? .alias : .anchor, start, end, value: value)
    }

    private mutating func fetchBlockScalar(literal: Bool) throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        let (kind, start, end, value) = try scanBlockScalar(literal: literal)
        enqueue(kind, start, end, value: value)
    }

    private mutating func fetchFlowScalar(single: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let (kind, start, end, value) = try scanFlowScalar(single: single)
        enqueue(kind, start, end, value: value)
    }

    private mutating func fetchPlainScalar() throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let (kind, start, end, value) = try scanPlainScalar()
        enqueue(kind, start, end, value: value)
    }

    /// Skips spaces, comments and line breaks. Tabs count as space only in flow context, or where no
    /// key may start (in block context they would make indentation ambiguous).
    private mutating func scanToNextToken() throws(YAMLError) {
        while true {
            skipSpaces()
            while check(0x20) || ((flowLevel > 0 || !simpleKeyAllowed) && check(0x09)) { advance() }
            if check(UInt8(ascii: "#")) { skipToLineEnd() }
            guard isBreak() else { break }
            skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    // MARK: Scalars

    private mutating func scanBlockScalar(literal: Bool) throws(YAMLError) -> (Kind, Mark, Mark, Int) {
        let start = mark
        advance()
        var chomping = 0, increment = 0
        func digit(_ b: UInt8) -> Int? { b >= 0x30 && b <= 0x39 ? Int(b - 0x30) : nil }
        if check(UInt8(ascii: "+")) || check(UInt8(ascii: "-")) {
            chomping = check(UInt8(ascii: "+")) ? 1 : -1
            advance()
            if let d = digit(byte()) {
                guard d != 0 else { throw error("while scanning a block scalar", start, "found an indentation indicator equal to 0") }
                increment = d
                advance()
            }
        } else if let d = digit(byte()) {
            guard d != 0 else { throw error("while scanning a block scalar", start, "found an indentation indicator equal to 0") }
            increment = d
            advance()
            if check(UInt8(ascii: "+")) || check(UInt8(ascii: "-")) {
                chomping = check(UInt8(ascii: "+")) ? 1 : -1
                advance()
            }
        }
        while isBlank() { advance() }
        if check(UInt8(ascii: "#")) { skipToLineEnd() }
        guard isBreakZ() else {
            throw error("while scanning a block scalar", start, "did not find expected comment or line break")
        }
        skipLine()
        var end = mark
        var blockIndent = 0
        if increment > 0 { blockIndent = indent >= 0 ? indent + increment : increment }
        // libyaml's leading break is "" or one LF, its trailing breaks only LFs: a flag and a count do.
        var string: [UInt8] = []
        swap(&string, &scratch)
        var leadingBreak = false, trailingBreaks = 0
        try scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start, &end)
        var leadingBlank = false
        while mark.column == blockIndent && !isZ() {
            let trailingBlank = isBlank()
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { string.append(0x20) }
            } else if leadingBreak {
                string.append(0x0A)
            }
            leadingBreak = false
            Self.appendBreaks(trailingBreaks, to: &string)
            trailingBreaks = 0
            leadingBlank = isBlank()
            // The rest of the line, verbatim.
            let lineStart = mark.index
            var i = lineStart, chars = 0
            while i < text.count && text[i] != 0x0A {
                if text[i] & 0xC0 != 0x80 { chars += 1 }
                i += 1
            }
            string.append(contentsOf: text[lineStart..<i])
            mark.index = i
            mark.column += chars
            mark.char += chars
            if isBreak() {
                leadingBreak = true
                skipLine()
            }
            try scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start, &end)
        }
        if chomping != -1 && leadingBreak { string.append(0x0A) }
        if chomping == 1 { Self.appendBreaks(trailingBreaks, to: &string) }
        let value = addValue(&string)
        swap(&string, &scratch)
        return (.scalar(literal ? .literal : .folded), start, end, value)
    }

    @inline(__always) private static func appendBreaks(_ count: Int, to string: inout [UInt8]) {
        if count > 0 { string.append(contentsOf: repeatElement(0x0A, count: count)) }
    }

    /// The indentation and empty lines before a block scalar's next line; fixes the indentation when
    /// it was not given (the deepest of the leading empty lines, at least one more than the parent's).
    private mutating func scanBlockScalarBreaks(_ blockIndent: inout Int, _ breaks: inout Int,
                                                _ start: Mark, _ end: inout Mark) throws(YAMLError) {
        var maxIndent = 0
        end = mark
        while true {
            skipSpaces(toColumn: blockIndent == 0 ? .max : blockIndent)
            if mark.column > maxIndent { maxIndent = mark.column }
            if (blockIndent == 0 || mark.column < blockIndent) && check(0x09) {
                throw error("while scanning a block scalar", start, "found a tab character where an indentation space is expected")
            }
            guard isBreak() else { break }
            breaks += 1
            skipLine()
            end = mark
        }
        if blockIndent == 0 {
            blockIndent = max(maxIndent, indent + 1, 1)
        }
    }

    private mutating func scanFlowScalar(single: Bool) throws(YAMLError) -> (Kind, Mark, Mark, Int) {
        let start = mark
        advance()
        var string: [UInt8] = []
        swap(&string, &scratch)
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        while true {
            if mark.column == 0 && isBlankZ(3)
                && ((check(0x2D) && check(0x2D, 1) && check(0x2D, 2)) || (check(0x2E) && check(0x2E, 1) && check(0x2E, 2))) {
                throw error("while scanning a quoted scalar", start, "found unexpected document indicator")
            }
            if isZ() { throw error("while scanning a quoted scalar", start, "found unexpected end of stream") }
            var leadingBlanks = false
            while !isBlankZ() {
                if single && check(0x27) && check(0x27, 1) {
                    string.append(0x27)
                    advance(); advance()
                } else if check(quote) {
                    break
                } else if !single && check(0x5C) && isBreak(1) {
                    advance()
                    skipLine()
                    leadingBlanks = true
                    break
                } else if !single && check(0x5C) {
                    try scanEscape(into: &string, start: start)
                } else {
                    read(into: &string)
                    readRun(into: &string) { $0 == quote || $0 == 0x5C }
                }
            }
            if check(quote) { break }
            // The blanks before a line break are dropped; without one they are kept: they are the
            // text from `blanksStart` on, so only the line breaks are counted.
            let blanksStart = mark.index
            var leadingBreak = false, trailingBreaks = 0
            while isBlank() || isBreak() {
                if isBlank() {
                    advance()
                } else if !leadingBlanks {
                    skipLine()
                    leadingBreak = true
                    leadingBlanks = true
                } else {
                    skipLine()
                    trailingBreaks += 1
                }
            }
            if leadingBlanks {
                if leadingBreak && trailingBreaks == 0 {
                    string.append(0x20)
                } else {
                    Self.appendBreaks(trailingBreaks, to: &string)
                }
            } else {
                string.append(contentsOf: text[blanksStart..<mark.index])
            }
        }
        advance()
        let value = addValue(&string)
        swap(&string, &scratch)
        return (.scalar(single ? .singleQuoted : .doubleQuoted), start, mark, value)
    }

    /// One backslash escape of a double-quoted scalar, as libyaml reads them.
    private mutating func scanEscape(into string: inout [UInt8], start: Mark) throws(YAMLError) {
        var codeLength = 0
        switch byte(1) {
        case UInt8(ascii: "0"): string.append(0x00)
        case UInt8(ascii: "a"): string.append(0x07)
        case UInt8(ascii: "b"): string.append(0x08)
        case UInt8(ascii: "t"), 0x09: string.append(0x09)
        case UInt8(ascii: "n"): string.append(0x0A)
        case UInt8(ascii: "v"): string.append(0x0B)
        case UInt8(ascii: "f"): string.append(0x0C)
        case UInt8(ascii: "r"): string.append(0x0D)
        case UInt8(ascii: "e"): string.append(0x1B)
        case 0x20: string.append(0x20)
        case UInt8(ascii: "\""): string.append(0x22)
        case UInt8(ascii: "/"): string.append(0x2F)
        case 0x5C: string.append(0x5C)
        case UInt8(ascii: "N"): string += [0xC2, 0x85]
        case UInt8(ascii: "_"): string += [0xC2, 0xA0]
        case UInt8(ascii: "L"): string += [0xE2, 0x80, 0xA8]
        case UInt8(ascii: "P"): string += [0xE2, 0x80, 0xA9]
        case UInt8(ascii: "x"): codeLength = 2
        case UInt8(ascii: "u"): codeLength = 4
        case UInt8(ascii: "U"): codeLength = 8
        default: throw error("while parsing a quoted scalar", start, "found unknown escape character")
        }
        advance(); advance()
        guard codeLength > 0 else { return }
        var value: UInt32 = 0
        for k in 0..<codeLength {
            let b = byte(k)
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("while parsing a quoted scalar", start, "did not find expected hexdecimal number")
            }
            value = (value << 4) + digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("while parsing a quoted scalar", start, "found invalid Unicode character escape code")
        }
        string += Array(String(Character(scalar)).utf8)
        for _ in 0..<codeLength { advance() }
    }

    private mutating func scanPlainScalar() throws(YAMLError) -> (Kind, Mark, Mark, Int) {
        let start = mark
        var end = mark
        var string: [UInt8] = []
        var leadingBlanks = false
        // libyaml's leading break is always one LF here and its trailing breaks only LFs (a count
        // does); its whitespace is the blanks just read, without a line break, at `whitespaces` in the text.
        var trailingBreaks = 0
        var whitespaces = 0..<0
        // Until a line break is folded, the value is exactly the text from `start` to `end`: it is
        // copied out once at the end instead of byte by byte (most plain scalars are one line).
        var folded = false
        let minIndent = indent + 1
        while true {
            if mark.column == 0 && isBlankZ(3)
                && ((check(0x2D) && check(0x2D, 1) && check(0x2D, 2)) || (check(0x2E) && check(0x2E, 1) && check(0x2E, 2))) {
                break
            }
            if check(UInt8(ascii: "#")) { break }
            while !isBlankZ() {
                if flowLevel > 0 && check(UInt8(ascii: ":")) && Self.isColonFollower(byte(1)) {
                    throw error("while scanning a plain scalar", start, "found unexpected ':'")
                }
                if (check(UInt8(ascii: ":")) && isBlankZ(1)) || (flowLevel > 0 && Self.isFlowEnder(byte())) { break }
                if leadingBlanks {
                    if !folded {
                        swap(&string, &scratch)
                        string.append(contentsOf: text[start.index..<end.index])
                        folded = true
                    }
                    if trailingBreaks == 0 {
                        string.append(0x20)
                    } else {
                        Self.appendBreaks(trailingBreaks, to: &string)
                        trailingBreaks = 0
                    }
                    leadingBlanks = false
                } else if !whitespaces.isEmpty {
                    if folded { string.append(contentsOf: text[whitespaces]) }
                    whitespaces = 0..<0
                }
                if folded { read(into: &string) } else { advance() }
                // The rest of the word, up to anything that could end the scalar.
                if flowLevel > 0 {
                    readRun(into: &string, copying: folded) { $0 == 0x3A || $0 == 0x2C || $0 == 0x5B || $0 == 0x5D || $0 == 0x7B || $0 == 0x7D }
                } else {
                    readRun(into: &string, copying: folded) { $0 == 0x3A }
                }
                end = mark
            }
            guard isBlank() || isBreak() else { break }
            while isBlank() || isBreak() {
                if isBlank() {
                    if leadingBlanks && mark.column < minIndent && check(0x09) {
                        throw error("while scanning a plain scalar", start, "found a tab character that violates indentation")
                    }
                    if !leadingBlanks {
                        whitespaces = (whitespaces.isEmpty ? mark.index : whitespaces.lowerBound)..<(mark.index + 1)
                    }
                    advance()
                } else if !leadingBlanks {
                    whitespaces = 0..<0
                    skipLine()
                    leadingBlanks = true
                } else {
                    skipLine()
                    trailingBreaks += 1
                }
            }
            if flowLevel == 0 && mark.column < minIndent { break }
        }
        if leadingBlanks { simpleKeyAllowed = true }
        let value: Int
        if folded {
            value = addValue(&string)
            swap(&string, &scratch)
        } else {
            value = addValue(String(decoding: text[start.index..<end.index], as: UTF8.self))
        }
        return (.scalar(.plain), start, end, value)
    }
}
