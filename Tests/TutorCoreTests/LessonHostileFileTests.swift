import Foundation
import Testing
@testable import TutorCore

/// One hostile lesson file in Fixtures/hostile/ and the one problem it must produce, exactly.
struct HostileCase: CustomTestStringConvertible, Sendable {
    let name: String
    let line: Int, column: Int
    let message: String
    init(_ name: String, _ line: Int, _ column: Int, _ message: String) {
        self.name = name; self.line = line; self.column = column; self.message = message
    }
    var testDescription: String { name }
}

/// Fixtures are written by Scripts/hostile_fixtures.py from Fixtures/valid-minimal.yaml, one change each.
@Suite struct LessonHostileFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let plain = "lesson text must reach the terminal as plain text"
    static let lineEnds = "end lines with LF (or CRLF)"

    static let cases: [HostileCase] = [
        // visualize.input: nine rows of 9^10 pairs once expanded (it grew past 0.5 GB through Yams).
        HostileCase("alias-bomb", 81, 249, "YAML syntax error: aliases expand this document by more than 100000 values or 1024 KB of text; reuse less through '*' aliases"),
        HostileCase("nesting-too-deep", 81, 104, "YAML syntax error: lists and mappings are nested more than 100 levels deep"),
        HostileCase("undefined-alias", 28, 13, "YAML syntax error: found undefined alias"),
        HostileCase("tag", 28, 13, "YAML syntax error: tags ('!' before a value) are not used in lesson files; quote a text that starts with '!'"),
        HostileCase("directive", 1, 1, "YAML syntax error: directives ('%YAML', '%TAG') are not used in lesson files"),
        HostileCase("two-documents", 92, 1, "YAML syntax error: a lesson file is one YAML document, but another document starts here"),
        HostileCase("duplicate-key-quoted", 29, 7, "duplicate key 'hint' (first written on line 28)"),
        HostileCase("invalid-utf8", 28, 13, "invalid UTF-8 (byte 0xFF); lesson files must be UTF-8 text"),
        // "Füll thé" then a 3-byte sequence cut short: columns count characters, not bytes.
        HostileCase("invalid-utf8-truncated", 19, 23, "invalid UTF-8 (byte 0xE2); lesson files must be UTF-8 text"),
        HostileCase("carriage-return-alone", 19, 23, "a carriage return (U+000D) without a line feed; \(lineEnds)"),
        HostileCase("next-line", 9, 16, "a next-line character (U+0085); \(lineEnds)"),
        HostileCase("line-separator", 9, 16, "a line separator (U+2028); \(lineEnds)"),
        HostileCase("paragraph-separator", 9, 16, "a paragraph separator (U+2029); \(lineEnds)"),
        HostileCase("left-to-right-mark", 19, 19, "the file contains an invisible bidirectional control (U+200E); \(plain)"),
        HostileCase("right-to-left-mark", 28, 16, "the file contains an invisible bidirectional control (U+200F); \(plain)"),
        HostileCase("arabic-letter-mark-in-comment", 5, 10, "the file contains an invisible bidirectional control (U+061C); \(plain)"),
        HostileCase("right-to-left-override-escaped", 19, 15, "'prompt' contains an invisible bidirectional control (U+202E); \(plain)"),
        HostileCase("zero-width-space", 24, 14, "the file contains an invisible format character (U+200B); \(plain)"),
        HostileCase("byte-order-mark-inside", 9, 16, "the file contains an invisible format character (U+FEFF); \(plain)"),
        HostileCase("word-joiner", 28, 16, "the file contains an invisible format character (U+2060); \(plain)"),
        HostileCase("control-character-in-comment", 14, 8, "the file contains a control character (U+0007); \(plain)"),
        HostileCase("state-dict-absolute", 79, 15, "state_dict '/etc/passwd' must be a path relative to the lesson file, inside the lessons folder"),
        HostileCase("state-dict-parent", 79, 15, "state_dict '../../weights.json' must not use '..'; keep the file in the lesson's folder or below it"),
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent("hostile/\(name).yaml")))
    }

    @Test func everyHostileFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent("hostile").path)
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Self.cases.map(\.name) + ["crlf-unknown-key"]))
    }

    @Test(arguments: cases)
    func hostileFileGivesOneExactProblem(_ c: HostileCase) throws {
        let decoded = LessonDecoder.decodeLesson(bytes: try Self.bytes(c.name), file: "\(c.name).yaml")
        #expect(decoded.problems.map(\.description) == ["\(c.name).yaml:\(c.line):\(c.column): \(c.message)"])
    }

    /// CRLF line ends are a Windows editor's, not an error: positions count each CRLF as one line break.
    @Test func crlfLinesKeepTheirNumbers() throws {
        let decoded = LessonDecoder.decodeLesson(bytes: try Self.bytes("crlf-unknown-key"), file: "f.yaml")
        #expect(decoded.problems.map(\.description) == [
            "f.yaml:17:7: missing required key 'hint' in task 't-one'",
            "f.yaml:28:7: unknown key 'hnit' (did you mean 'hint'?) in task 't-one'",
        ])
    }

    @Test func crlfAndALeadingByteOrderMarkDecodeAsTheSameLesson() throws {
        let lf = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml")))
        let crlf = Array(String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let plain = LessonDecoder.decodeLesson(bytes: lf, file: "f")
        #expect(plain.problems == [] && plain.lesson != nil)
        #expect(LessonDecoder.decodeLesson(bytes: crlf, file: "f") == plain)
        #expect(LessonDecoder.decodeLesson(bytes: [0xEF, 0xBB, 0xBF] + lf, file: "f") == plain)
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeReading() {
        // A 3 MB code line (it took 15 s through Yams).
        let yaml = Array(try! String(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "        x = 1", with: "        x = " + String(repeating: "1", count: 3 << 20)).utf8)
        let decoded = LessonDecoder.decodeLesson(bytes: yaml, file: "big.yaml")
        #expect(decoded.problems.map(\.description) == [
            "big.yaml:1:1: the file is 3 MB (\(yaml.count) bytes); a lesson file may be at most 1 MB",
        ])
    }

    /// 800 KB of repeated keys took 32 s when every repeat re-read the file; each is now one lookup.
    @Test func manyRepeatedKeysAreEachReportedAtTheirLine() throws {
        let base = try String(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
        let repeats = String(repeating: "      hint: again\n", count: 45_000)
        let yaml = base.replacingOccurrences(of: "      hint: One layer.\n", with: "      hint: One layer.\n" + repeats)
        #expect(yaml.utf8.count > 800_000)
        let problems = LessonDecoder.decodeLesson(yaml: yaml, file: "f").problems
        #expect(problems.count == 45_000)
        #expect(problems.first?.description == "f:29:7: duplicate key 'hint' (first written on line 28)")
        #expect(problems.last?.description == "f:45028:7: duplicate key 'hint' (first written on line 28)")
    }

    /// A long line of `[` in code (each once looked for its `]` to the end of the line: minutes).
    @Test func aLongLineOfBracketsInCodeIsReadInOnePass() throws {
        let base = try String(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
        let yaml = base.replacingOccurrences(of: "        h = torch.zeros([1], 3, 20)",
                                             with: "        h = [1] " + String(repeating: "[", count: 300_000))
        let decoded = LessonDecoder.decodeLesson(yaml: yaml, file: "f")
        #expect(decoded.problems == [])
        #expect(decoded.lesson?.tryIt?.tasks.first?.blanks == [1])
    }

    /// The test's item list is checked with sets, not by searching the list for every entry.
    @Test func aLongTestListIsCheckedInOnePass() throws {
        let base = try String(contentsOf: Self.fixtures.appendingPathComponent("valid-minimal.yaml"), encoding: .utf8)
        let items = (0..<30_000).map { "    - x\($0)\n" }.joined()
        let yaml = base + "test:\n  minutes: 1\n  items:\n" + items
        let problems = LessonDecoder.decodeLesson(yaml: yaml, file: "f").problems
        #expect(problems.count == 30_001)
        #expect(problems.first?.message == "the test has 30000 items; it needs 10")
    }

    @Test func aliasesWithinTheBudgetAreReadAsTheirTarget() {
        let yaml = LessonDecoderTests.header + """
        review:
          minutes: 1
          cards:
            - id: r-one
              prompt: &front The shape of h_0?
              answer: &back (num_layers, batch, hidden_size)
            - id: r-two
              prompt: *front
              answer: *back
        """
        let decoded = LessonDecoder.decodeLesson(yaml: yaml, file: "f")
        #expect(decoded.problems == [])
        #expect(decoded.lesson?.review?.cards.map(\.prompt) == ["The shape of h_0?", "The shape of h_0?"])
    }

    static let aliasBudget = "YAML syntax error: aliases expand this document by more than 100000 values or 1024 KB of text; reuse less through '*' aliases"

    /// The budget counts values on their own: a list of ten values (nine scalars and the list) aliased
    /// 10,001 times is 100,010 values but only 90 KB of text, refused at the alias that passes the count.
    @Test func aliasesPastTheValueBudgetAreRefusedAtTheAliasThatPassesIt() {
        func yaml(_ aliases: Int) -> String {
            "a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [" + Array(repeating: "*x", count: aliases).joined(separator: ", ") + "]\n"
        }
        // "b: [" then "*x, " per alias: the 10,001st starts at column 5 + 4 × 10,000.
        #expect(LessonDecoder.decodeLesson(yaml: yaml(10_001), file: "f").problems.map(\.description)
                == ["f:2:40005: \(Self.aliasBudget)"])
        // Exactly at the budget the document is composed (and then read as a lesson, which it is not).
        #expect(!LessonDecoder.decodeLesson(yaml: yaml(10_000), file: "f").problems.contains { $0.message == Self.aliasBudget })
    }

    /// The budget counts bytes on their own: a 600 KB text aliased twice is two values but 1.2 MB.
    @Test func aliasesPastTheByteBudgetAreRefusedAtTheAliasThatPassesIt() {
        let text = String(repeating: "b", count: 600_000)
        #expect(LessonDecoder.decodeLesson(yaml: "a: &x \(text)\nb: [*x, *x]\n", file: "f").problems.map(\.description)
                == ["f:2:9: \(Self.aliasBudget)"])
        #expect(!LessonDecoder.decodeLesson(yaml: "a: &x \(text)\nb: [*x]\n", file: "f").problems.contains { $0.message == Self.aliasBudget })
    }

    /// Line breaks other than LF and CRLF are refused where they stand, on the line an editor shows
    /// (a CRLF before them counts as one line break; columns count characters, not bytes).
    @Test(arguments: [("\r", "a carriage return (U+000D) without a line feed"),
                      ("\u{85}", "a next-line character (U+0085)"),
                      ("\u{2028}", "a line separator (U+2028)"),
                      ("\u{2029}", "a paragraph separator (U+2029)")])
    func aForeignLineBreakIsRefusedAtItsLineAndColumn(_ lineBreak: String, _ what: String) {
        let yaml = "id: x\r\ntitle: Tä" + lineBreak + "summary: y\nz: 1\n"
        #expect(LessonDecoder.decodeLesson(yaml: yaml, file: "f").problems.map(\.description)
                == ["f:2:10: \(what); \(Self.lineEnds)"])
    }

    /// Every format character the Swift runtime knows of (Unicode's Cf) is refused in lesson text.
    @Test func everyFormatCharacterIsForbidden() {
        var missed: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v), s.properties.generalCategory == .format else { continue }
            if LessonDecoder.forbiddenCharacter(s) == nil { missed.append(LessonSource.hex(v, digits: 4)) }
        }
        #expect(missed == [])
    }

    @Test(arguments: [("\u{200E}", "an invisible bidirectional control (U+200E)"),
                      ("\u{061C}", "an invisible bidirectional control (U+061C)"),
                      ("\u{2067}", "an invisible bidirectional control (U+2067)"),
                      ("\u{200D}", "an invisible format character (U+200D)"),
                      ("\u{E0041}", "an invisible format character (U+E0041)"),
                      ("\u{2028}", "a line separator (U+2028)"),
                      ("\u{85}", "a control character (U+0085)")])
    func forbiddenCharacterSaysWhich(_ text: String, _ what: String) {
        #expect(LessonDecoder.forbiddenCharacter(in: "a" + text + "b") == what)
    }

    @Test func tabsMayBeAllowedButNothingElse() {
        #expect(LessonDecoder.forbiddenCharacter(in: "a\tb", allowTabs: true) == nil)
        #expect(LessonDecoder.forbiddenCharacter(in: "a\tb\u{200F}", allowTabs: true) == "an invisible bidirectional control (U+200F)")
    }
}
