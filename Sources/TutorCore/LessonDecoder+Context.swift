import Foundation
import Yams

/// Working state of one decode: the file name, the problems so far, and the duplicate keys that were
/// renamed so that Yams (which stops at the first duplicate key) could read the rest of the file.
final class DecodingContext {
    let file: String
    private(set) var problems: [LessonProblem] = []
    /// Placeholder key → (original key, line of its first use).
    private var duplicateKeys: [String: (key: String, firstLine: Int)] = [:]
    /// Item id → where it was first defined, for duplicate-id checks.
    var itemIDs: [String: SourcePosition] = [:]
    /// Ids of the try tasks, practice questions and challenge items written (with problems or not), so
    /// a test naming one whose other keys have problems is not told it names something else.
    var gradableIDs: Set<String> = []
    var lessonIDPosition: SourcePosition?
    /// Every `teaches:` link read, with where it was written: checked against the pages, the visualizer
    /// and the snippets once the whole lesson is read (`checkTeaches`).
    var teachesLinks: [(link: TeachesLink, mark: Mark?)] = []

    init(file: String) { self.file = file }

    var sortedProblems: [LessonProblem] {
        problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    func report(_ mark: Mark?, _ message: String) {
        problems.append(LessonProblem(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    func report(line: Int, column: Int, _ message: String) {
        problems.append(LessonProblem(file: file, line: line, column: column, message: message))
    }

    func report(_ node: Node, _ message: String) { report(node.mark, message) }

    // MARK: Composing

    private static let placeholderPrefix = "__unroll_duplicate_key_"

    /// Composes the YAML tree, reporting syntax errors. Duplicate keys are reported later, during
    /// decoding, where the message can say what the key was for.
    func compose(_ yaml: String) -> Node? {
        var text = yaml
        for attempt in 0..<200 {
            do {
                guard let root = try Yams.compose(yaml: text) else {
                    report(Mark?.none, "the file is empty")
                    return nil
                }
                return root
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                guard let (line, column) = Self.nextOccurrence(of: key, after: context.mark, in: text) else {
                    report(context.mark, "duplicate key '\(key)'")
                    return nil
                }
                let placeholder = Self.placeholderPrefix + "\(attempt)"
                duplicateKeys[placeholder] = (key, context.mark.line)
                text = Self.replace(in: text, line: line, column: column, length: key.unicodeScalars.count, with: placeholder)
            } catch let error as YamlError {
                reportSyntax(error, yaml: yaml)
                return nil
            } catch {
                report(Mark?.none, "could not read the YAML: \(error)")
                return nil
            }
        }
        report(Mark?.none, "too many duplicate keys")
        return nil
    }

    private func reportSyntax(_ error: YamlError, yaml: String) {
        func sentence(_ context: YamlError.Context?, _ problem: String) -> String {
            let prefix = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): " } ?? ""
            return "YAML syntax error: \(prefix)\(problem)"
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            report(mark, sentence(context, problem))
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for (i, byte) in yaml.utf8.enumerated() where i < offset {
                    if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                }
            }
            report(line: line, column: column, "YAML syntax error: \(problem)")
        default:
            report(Mark?.none, "YAML syntax error: \(error)")
        }
    }

    /// Where `key` is written again as a key in the same mapping as the one at `first`.
    static func nextOccurrence(of key: String, after first: Mark, in text: String) -> (Int, Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let keyScalars = Array(key.unicodeScalars)
        func isKey(at index: Int, in line: [Unicode.Scalar]) -> Bool {
            guard index >= 0, index + keyScalars.count <= line.count,
                  Array(line[index..<index + keyScalars.count]) == keyScalars else { return false }
            var j = index + keyScalars.count
            while j < line.count, line[j] == " " { j += 1 }
            return j < line.count && line[j] == ":"
        }
        let firstLine = first.line - 1, col = first.column - 1
        guard lines.indices.contains(firstLine) else { return nil }
        // A flow mapping: the duplicate may follow on the same line.
        let line0 = lines[firstLine]
        var i = col + keyScalars.count
        while i < line0.count {
            if isKey(at: i, in: line0), i > 0, [" ", ",", "{"].contains(line0[i - 1]) { return (firstLine + 1, i + 1) }
            i += 1
        }
        // A block mapping: the duplicate sits at the same column, on a later line, before the mapping ends.
        for n in (firstLine + 1)..<max(firstLine + 1, lines.count) {
            let line = lines[n]
            guard let firstNonSpace = line.firstIndex(where: { $0 != " " }), line[firstNonSpace] != "#" else { continue }
            if firstNonSpace < col { return nil }
            if firstNonSpace == col, isKey(at: col, in: line) { return (n + 1, col + 1) }
        }
        return nil
    }

    static func replace(in text: String, line: Int, column: Int, length: Int, with replacement: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let start = column - 1
        lines[line - 1].replaceSubrange(start..<start + length, with: replacement.unicodeScalars)
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    // MARK: Mappings

    /// The keys of a mapping, checked: unknown keys (with a suggestion), duplicates and missing
    /// required keys are reported. Returns the known keys' values; nil when `node` is not a mapping.
    func fields(_ node: Node, of what: String, allowed: [String], required: [String],
                unknownKey: ((String) -> String)? = nil,
                duplicate: ((String, Int) -> String)? = nil) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(keyNode, "a key in \(what) must be a plain word")
                continue
            }
            let key = scalar.string
            if let dup = duplicateKeys[key] {
                report(keyNode, duplicate?(dup.key, dup.firstLine)
                       ?? "duplicate key '\(dup.key)' (first written on line \(dup.firstLine))")
                continue
            }
            guard allowed.contains(key) else {
                if let unknownKey { report(keyNode, unknownKey(key)); continue }
                var message = "unknown key '\(key)'"
                if let near = LessonDecoder.suggestion(for: key, among: allowed) { message += " (did you mean '\(near)'?)" }
                report(keyNode, message + " in \(what)")
                continue
            }
            values[key] = value
        }
        for key in required where values[key] == nil {
            report(node, "missing required key '\(key)' in \(what)")
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
            if let s = key.scalar?.string, let dup = duplicateKeys[s] {
                report(key, duplicate(dup.key, dup.firstLine))
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
        if node.null != nil && scalar.style == .plain { value = "" }
        while value.hasSuffix("\n") { value.removeLast() }
        if let bad = LessonDecoder.forbiddenCharacter(in: allowTabs ? value.replacingOccurrences(of: "\t", with: " ") : value) {
            report(node, "'\(name)' contains \(bad); lesson text must reach the terminal as plain text")
            return nil
        }
        if !allowEmpty && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report(node, "'\(name)' is empty")
            return nil
        }
        return value
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
        let items = Array(seq)
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
        case .alias: "an alias"
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
        itemIDs[id] = SourcePosition(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        return id
    }
}

