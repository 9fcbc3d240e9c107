/// The result of decoding one lesson file: the lesson when it could be built, every problem found,
/// and where its `id` was written (for checks across files).
public struct LessonDecoding: Sendable, Equatable {
    /// Nil when the file could not be decoded at all (syntax error, unknown format, missing parts).
    /// A lesson with problems is still returned when it could be built, so a checker can count it;
    /// the tutor must only show lessons whose `problems` is empty.
    public var lesson: Lesson?
    public var problems: [LessonProblem]
    public var idPosition: SourcePosition?
    /// Where the visualizer's `state_dict:` path was written, for problems only the disk can tell.
    public var stateDictPosition: SourcePosition?

    public init(lesson: Lesson?, problems: [LessonProblem], idPosition: SourcePosition?, stateDictPosition: SourcePosition? = nil) {
        self.lesson = lesson; self.problems = problems; self.idPosition = idPosition; self.stateDictPosition = stateDictPosition
    }
}

/// The result of decoding `course.yaml`.
public struct CourseDecoding: Sendable, Equatable {
    public var course: Course?
    public var problems: [LessonProblem]

    public init(course: Course?, problems: [LessonProblem]) { self.course = course; self.problems = problems }
}

/// Decodes lesson and course YAML from the node tree of our own YAML reader (`LessonSource`,
/// `YAMLScanner`, `YAMLComposer`), so every problem carries file:line:column.
///
/// Pure: takes bytes (or text) and a file name for messages, touches no disk. Collects every problem
/// it can find rather than stopping at the first; never traps, and runs in time linear in the input,
/// whatever the input.
public enum LessonDecoder {
    /// Decodes one lesson file's bytes. `file` is used only in problem messages.
    public static func decodeLesson<Bytes: Collection<UInt8>>(bytes: Bytes, file: String) -> LessonDecoding {
        let context = DecodingContext(file: file)
        guard let root = context.compose(bytes) else {
            return LessonDecoding(lesson: nil, problems: context.sortedProblems, idPosition: nil)
        }
        let lesson = context.lesson(root)
        return LessonDecoding(lesson: lesson, problems: context.sortedProblems, idPosition: context.lessonIDPosition,
                              stateDictPosition: context.stateDictPosition)
    }

    /// Decodes one lesson file's text. `file` is used only in problem messages.
    public static func decodeLesson(yaml: String, file: String) -> LessonDecoding {
        decodeLesson(bytes: yaml.utf8, file: file)
    }

    /// Decodes `course.yaml`'s bytes.
    public static func decodeCourse<Bytes: Collection<UInt8>>(bytes: Bytes, file: String) -> CourseDecoding {
        let context = DecodingContext(file: file)
        guard let root = context.compose(bytes) else {
            return CourseDecoding(course: nil, problems: context.sortedProblems)
        }
        let course = context.course(root)
        return CourseDecoding(course: course, problems: context.sortedProblems)
    }

    /// Decodes `course.yaml`'s text.
    public static func decodeCourse(yaml: String, file: String) -> CourseDecoding {
        decodeCourse(bytes: yaml.utf8, file: file)
    }

    /// Lesson and item ids: lowercase ASCII letters and digits in words joined by `-`.
    /// Checked in the bytes: any byte but `a`–`z`, `0`–`9` and `-` fails it (in a word, or joined to a
    /// `-` in one Character), so one byte is one Character, and a word is empty where `-` starts,
    /// ends or doubles.
    public static func isValidID(_ id: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "-")
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
            default: return false
            }
            previous = b
        }
        return previous != UInt8(ascii: "-")
    }

    /// Why a text may not reach the terminal, or nil when it is fine. Newlines are allowed; tabs,
    /// other C0/C1 control characters (ESC starts every terminal escape sequence), DEL, the line and
    /// paragraph separators, and every invisible format character (Unicode's Cf: the direction
    /// controls, zero-width spaces and joiners, …) are not.
    ///
    /// - Complexity: one pass over the UTF-8 bytes; a character is looked at more closely only
    ///   when it is not printable ASCII.
    public static func forbiddenCharacter(in text: String, allowTabs: Bool = false) -> String? {
        // The bytes of a native string are contiguous: scanned directly, 8 at a time while they are
        // printable ASCII (as `LessonSource` does), without the UTF-8 view's iterator.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count {
                if i + 8 <= bytes.count {
                    let x = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if ((x &- 0x2020_2020_2020_2020) | (x &+ 0x0101_0101_0101_0101) | x) & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let b = bytes[i]
                guard (b >= 0x20 && b < 0x7F) || b == 0x0A || (b == 0x09 && allowTabs) else { return false }
                i += 1
            }
            return true
        }
        if printable == true { return nil }
        for b in text.utf8 where b < 0x20 || b >= 0x7F {
            if b == 0x0A || (b == 0x09 && allowTabs) { continue }
            // Not printable ASCII: look at the whole text scalar by scalar (rare in lessons).
            for s in text.unicodeScalars where !(s == "\n" || (s == "\t" && allowTabs)) {
                if let bad = forbiddenCharacter(s) { return bad }
            }
            return nil
        }
        return nil
    }

    /// Why one character may not reach the terminal, or nil. A newline is fine here; a tab is not.
    public static func forbiddenCharacter(_ s: Unicode.Scalar) -> String? {
        let v = s.value
        if v >= 0x20 && v < 0x7F || v == 0x0A { return nil }
        func hex() -> String { "U+" + LessonSource.hex(v, digits: 4) }
        if v == 0x09 { return "a tab character (indent with spaces)" }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
            return v == 0x1B ? "an escape character (\(hex())), which starts terminal escape sequences"
                             : "a control character (\(hex()))"
        }
        if v == 0x2028 { return "a line separator (\(hex()))" }
        if v == 0x2029 { return "a paragraph separator (\(hex()))" }
        if v == 0xFFFE || v == 0xFFFF { return "a noncharacter (\(hex()))" }
        if bidirectionalControls.contains(v) { return "an invisible bidirectional control (\(hex()))" }
        if formatCharacters.contains(where: { $0.contains(v) }) { return "an invisible format character (\(hex()))" }
        return nil
    }

    /// The direction marks, embeddings, overrides and isolates (ALM, LRM, RLM, LRE…RLO, LRI…PDI).
    static let bidirectionalControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                                    0x2066, 0x2067, 0x2068, 0x2069]

    /// Unicode 16's other format characters (general category Cf): soft hyphen, zero-width space,
    /// joiners, word joiner and invisible operators, the byte order mark, interlinear annotation,
    /// tag characters, and the rarer script-specific ones. Invisible, or drawn differently by each
    /// terminal, so they could hide what a lesson's text really says.
    static let formatCharacters: [ClosedRange<UInt32>] = [
        0x00AD...0x00AD, 0x0600...0x0605, 0x06DD...0x06DD, 0x070F...0x070F, 0x0890...0x0891, 0x08E2...0x08E2,
        0x180E...0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF...0xFEFF,
        0xFFF9...0xFFFB, 0x110BD...0x110BD, 0x110CD...0x110CD, 0x13430...0x1343F, 0x1BCA0...0x1BCA3,
        0x1D173...0x1D17A, 0xE0001...0xE0001, 0xE0020...0xE007F,
    ]

    /// The allowed word nearest to `word` (edit distance at most 2, and less than its length), if any.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        let length = word.count
        for c in candidates where abs(c.count - length) <= 2 {
            let d = editDistance(word.lowercased(), c)
            if d <= 2, d < max(c.count, 2), best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
