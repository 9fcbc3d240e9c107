import Foundation
import Testing
@testable import TutorCore

/// One broken lesson file in Fixtures/broken/ and the problem it must produce.
struct BrokenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let line: Int
    let message: String
    init(_ name: String, line: Int, _ message: String) { self.name = name; self.line = line; self.message = message }
    var testDescription: String { name }
}

/// Fixtures are derived from Fixtures/valid-minimal.yaml by one change each.
@Suite struct LessonBrokenFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let cases: [BrokenCase] = [
        BrokenCase("tab-indent", line: 28, "YAML syntax error"),
        BrokenCase("diagram-too-wide", line: 14, "line 1 of this diagram is 96 columns wide; at most 76 fit an 80-column terminal"),
        BrokenCase("unknown-key-typo", line: 28, "unknown key 'hnit' (did you mean 'hint'?)"),
        BrokenCase("missing-prompt", line: 17, "missing required key 'prompt' in task 't-one'"),
        BrokenCase("duplicate-id", line: 34, "duplicate id 't-one' (first used on line 17)"),
        BrokenCase("blank-without-answer", line: 27, "blank [2] in the code has no answer"),
        BrokenCase("answer-for-missing-blank", line: 28, "an answer for blank [3], but the code has no blank [3]"),
        BrokenCase("answer-not-an-option", line: 27, "answer 'C' for blank [1] is not one of the options (A, B)"),
        BrokenCase("option-letters-out-of-order", line: 25, "option letters must run A, B, C, … in order: expected 'B', found 'C'"),
        BrokenCase("option-letter-repeated", line: 25, "option letter 'A' is repeated (first on line 24)"),
        BrokenCase("empty-hint", line: 28, "'hint' is empty"),
        BrokenCase("blank-hint-quoted", line: 28, "'hint' is empty"),
        BrokenCase("unknown-difficulty", line: 18, "unknown difficulty 'trivial'; use easy, medium or hard"),
        BrokenCase("unknown-mode", line: 31, "unknown mode 'practise' (did you mean 'practice'?)"),
        BrokenCase("unknown-format-version", line: 1, "unknown format_version '2'; this version of unroll reads 1"),
        BrokenCase("test-names-missing-item", line: 89, "the test names 'q-nine', which does not exist in this lesson (did you mean 'q-one'?)"),
        BrokenCase("test-needs-ten-items", line: 88, "the test has 3 items; it needs 10"),
        BrokenCase("escape-sequence", line: 19, "'prompt' contains an escape character (U+001B)"),
        BrokenCase("tab-in-code", line: 10, "'code' contains a tab character (indent with spaces)"),
        BrokenCase("bell-character", line: 9, "'text' contains a control character (U+0007)"),
        BrokenCase("duplicate-key", line: 29, "duplicate key 'hint' (first written on line 28)"),
        BrokenCase("missing-lesson-id", line: 1, "missing required key 'id' in the lesson"),
        BrokenCase("unknown-block", line: 9, "unknown block 'txt' (did you mean 'text'?)"),
        BrokenCase("input-not-rectangular", line: 82, "'input' is not rectangular"),
        BrokenCase("unknown-module", line: 76, "unknown module 'Transformer'; use RNN, LSTM or GRU"),
        BrokenCase("code-without-blanks", line: 20, "has no blanks; write them as [1], [2], …"),
        BrokenCase("unknown-challenge-type", line: 52, "unknown challenge item type 'essay'; use fill or choice"),
        BrokenCase("question-answer-not-an-option", line: 40, "answer 'E' is not one of the options (A, B)"),
        BrokenCase("minutes-not-a-number", line: 15, "'minutes' must be a whole number, got 'three'"),
        BrokenCase("not-a-mapping", line: 1, "the lesson must be a mapping of keys to values"),
        BrokenCase("empty-file", line: 1, "the file is empty"),
    ]

    @Test func theBaseFixtureIsValid() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
        let decoded = LessonDecoder.decodeLesson(yaml: text, file: "valid-minimal.yaml")
        #expect(decoded.problems == [])
        #expect(decoded.lesson?.id == "minimal-lesson")
    }

    @Test func everyBrokenFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent("broken").path)
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Self.cases.map(\.name)))
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func brokenFileIsRejected(_ c: BrokenCase) throws {
        let url = Self.fixtures.appendingPathComponent("broken/\(c.name).yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoded = LessonDecoder.decodeLesson(yaml: text, file: "\(c.name).yaml")
        let matching = decoded.problems.filter { $0.message.contains(c.message) }
        #expect(!matching.isEmpty, "no problem says \"\(c.message)\"; got:\n\(decoded.problems.map(\.description).joined(separator: "\n"))")
        #expect(matching.first?.line == c.line, "\(matching.map(\.description))")
        #expect(matching.allSatisfy { $0.file == "\(c.name).yaml" && $0.column >= 1 })
    }
}
