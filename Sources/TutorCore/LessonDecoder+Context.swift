typealias Node = YAMLNode

/// Working state of one decode: the file name, the problems so far, and where things were written.
final class DecodingContext {
    let file: String
    private(set) var problems: [LessonProblem] = []
    /// Item id → where it was first defined, for duplicate-id checks.
    var itemIDs: [String: SourcePosition] = [:]
    /// Ids of the try tasks, practice questions and challenge items written (with problems or not), so
    /// a test naming one whose other keys have problems is not told it names something else.
    var gradableIDs: Set<String> = []
    var lessonIDPosition: SourcePosition?
    var stateDictPosition: SourcePosition?
    /// Every `teaches:` link read, with where it was written: checked against the pages, the visualizer
    /// and the snippets once the whole lesson is read (`checkTeaches`).
    var teachesLinks: [(link: TeachesLink, position: SourcePosition)] = []

    init(file: String) { self.file = file }

    var sortedProblems: [LessonProblem] {
        problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    func report(line: Int, column: Int, _ message: String) {
        problems.append(LessonProblem(file: file, line: line, column: column, message: message))
    }

    func report(_ position: SourcePosition, _ message: String) { report(line: position.line, column: position.column, message) }

    func report(_ node: Node, _ message: String) { report(node.position, message) }

    // MARK: Composing

    /// Checks the bytes (`LessonSource`) and composes the YAML tree, reporting what stops either.
    /// Repeated keys are not errors here: they are reported during decoding, where the message can
    /// say what the key was for.
    func compose<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Node? {
        let source = LessonSource(bytes)
        guard source.problems.isEmpty else {
            for p in source.problems { report(line: p.line, column: p.column, p.message) }
            return nil
        }
        do {
            guard let root = try YAMLComposer.compose(source.text) else {
                report(line: 1, column: 1, "the file is empty")
                return nil
            }
            return root
        } catch {
            report(line: error.line, column: error.column, "YAML syntax error: \(error.message)")
            return nil
        }
    }

    // MARK: Mappings

    /// The known keys of a mapping and their values, in the order written. A mapping has a few keys,
    /// so they are searched in turn: cheaper than hashing every key for a dictionary.
    struct Fields {
        private struct Field {
            var key: String
            var value: Node
        }

        private var fields: [Field] = []

        init(capacity: Int) { fields.reserveCapacity(capacity) }

        subscript(key: String) -> Node? {
            for field in fields where field.key == key { return field.value }
            return nil
        }

        /// Adds a key not added before (repeated keys are reported, not added).
        mutating func add(_ key: String, _ value: Node) { fields.append(Field(key: key, value: value)) }

        var count: Int { fields.count }
        var first: (key: String, value: Node)? { fields.first.map { ($0.key, $0.value) } }
    }

    /// The keys of a mapping, checked: unknown keys (with a suggestion), duplicates and missing
    /// required keys are reported. Returns the known keys' values; nil when `node` is not a mapping.
    /// `what` is worked out only for a message (for an item it is a label with the item's id).
    func fields(_ node: Node, of what: @autoclosure () -> String, allowed: [String], required: [String],
                unknownKey: ((String) -> String)? = nil,
                duplicate: ((String, Int) -> String)? = nil) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what()) must be a mapping of keys to values")
            return nil
        }
        var values = Fields(capacity: mapping.count)
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(keyNode, "a key in \(what()) must be a plain word")
                continue
            }
            let key = scalar.string
            if let firstLine = scalar.repeatsKeyOnLine {
                report(keyNode, duplicate?(key, firstLine) ?? "duplicate key '\(key)' (first written on line \(firstLine))")
                continue
            }
            guard allowed.contains(key) else {
                if let unknownKey { report(keyNode, unknownKey(key)); continue }
                var message = "unknown key '\(key)'"
                if let near = LessonDecoder.suggestion(for: key, among: allowed) { message += " (did you mean '\(near)'?)" }
                report(keyNode, message + " in \(what())")
                continue
            }
            values.add(key, value)
        }
        for key in required where values[key] == nil {
            report(node, "missing required key '\(key)' in \(what())")
        }
        return values
    }

    /// Mapping pairs in order (for options and answers, whose keys are data), duplicates reported.
    func pairs(_ node: Node, of what: String, duplicate: (String, Int) -> String) -> [(key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping")
            return nil
        }
        var result: [(key: Node, value: Node)] = []
        for (key, value) in mapping {
            if let s = key.scalar, let firstLine = s.repeatsKeyOnLine {
                report(key, duplicate(s.string, firstLine))
                continue
            }
            result.append((key, value))
        }
        return result
    }

    // MARK: Scalars

    /// A text value: a scalar, checked for characters that must not reach a terminal.
    /// Trailing newlines (from `|` block scalars) are dropped. Reports and returns nil on problems.
    /// `allowTabs`: a claim compared with program output, never drawn (torch's multi-line messages indent with tabs).
    func text(_ node: Node?, _ name: String, allowEmpty: Bool = false, allowTabs: Bool = false) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            report(node, "'\(name)' must be text, not \(kind(node))")
            return nil
        }
        var value = scalar.string
        if scalar.isNull { value = "" }
        value = Self.droppingTrailingNewlines(value)
        if let bad = LessonDecoder.forbiddenCharacter(in: value, allowTabs: allowTabs) {
            report(node, "'\(name)' contains \(bad); lesson text must reach the terminal as plain text")
            return nil
        }
        if !allowEmpty && Self.isAllWhitespace(value) {
            report(node, "'\(name)' is empty")
            return nil
        }
        return value
    }

    /// `value` without its trailing newline Characters, found in its bytes: a LF is a Character of
    /// its own unless a CR comes before it (CR LF is one Character, which is not a newline).
    static func droppingTrailingNewlines(_ value: String) -> String {
        let utf8 = value.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let last = utf8.index(before: end)
            guard utf8[last] == 0x0A else { break }
            if last > utf8.startIndex && utf8[utf8.index(before: last)] == 0x0D { break }
            end = last
        }
        return end == utf8.endIndex ? value : String(value[..<end])
    }

    /// Whether every Unicode scalar of `value` is white space (true for ""); ASCII answered from the
    /// bytes (its white space is tab to carriage return, and space), anything else by the scalar's properties.
    static func isAllWhitespace(_ value: String) -> Bool {
        for b in value.utf8 {
            if b >= 0x80 { return value.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
            if b != 0x20 && !(0x09...0x0D).contains(b) { return false }
        }
        return true
    }

    func int(_ node: Node?, _ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report(node, "'\(name)' must be a whole number, got \(describe(node))")
            return nil
        }
        guard range.contains(value) else {
            report(node, "'\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    func bool(_ node: Node?, _ name: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, ["true", "false"].contains(scalar.string) else {
            report(node, "'\(name)' must be true or false, got \(describe(node))")
            return nil
        }
        return scalar.string == "true"
    }

    func sequence(_ node: Node?, _ name: String, nonEmpty: Bool = true) -> [Node]? {
        guard let node else { return nil }
        guard case .sequence(let seq) = node else {
            report(node, "'\(name)' must be a list (lines starting with '- ')")
            return nil
        }
        let items = seq.items
        if nonEmpty && items.isEmpty { report(node, "'\(name)' is an empty list") }
        return items
    }

    func textList(_ node: Node?, _ name: String, nonEmpty: Bool = false) -> [String]? {
        guard let items = sequence(node, name, nonEmpty: nonEmpty) else { return nil }
        let texts = items.map { text($0, "\(name) entry") }
        return texts.contains(nil) ? nil : texts.compactMap { $0 }
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    func describe(_ node: Node) -> String {
        if case .scalar(let s) = node { return s.string.isEmpty ? "nothing" : "'\(s.string)'" }
        return kind(node)
    }

    /// Records an item id and reports it when malformed or already used in this lesson.
    func registerID(_ node: Node?, _ what: String) -> String? {
        guard let node, let id = text(node, "id") else { return nil }
        guard LessonDecoder.isValidID(id) else {
            report(node, "id '\(id)' must be lowercase letters and digits, words joined by '-'")
            return nil
        }
        if let first = itemIDs[id] {
            report(node, "duplicate id '\(id)' (first used on line \(first.line)); ids must be unique within a lesson")
            return nil
        }
        itemIDs[id] = node.position
        return id
    }
}

