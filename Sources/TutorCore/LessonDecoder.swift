import Yams

/// The result of decoding one lesson file: the lesson when it could be built, every problem found,
/// and where its `id` was written (for checks across files).
public struct LessonDecoding: Sendable, Equatable {
    /// Nil when the file could not be decoded at all (syntax error, unknown format, missing parts).
    /// A lesson with problems is still returned when it could be built, so a checker can count it;
    /// the tutor must only show lessons whose `problems` is empty.
    public var lesson: Lesson?
    public var problems: [LessonProblem]
    public var idPosition: SourcePosition?

    public init(lesson: Lesson?, problems: [LessonProblem], idPosition: SourcePosition?) {
        self.lesson = lesson; self.problems = problems; self.idPosition = idPosition
    }
}

/// The result of decoding `course.yaml`.
public struct CourseDecoding: Sendable, Equatable {
    public var course: Course?
    public var problems: [LessonProblem]

    public init(course: Course?, problems: [LessonProblem]) { self.course = course; self.problems = problems }
}

/// Decodes lesson and course YAML from Yams' node tree, so every problem carries file:line:column.
///
/// Pure: takes text and a file name for messages, touches no disk. Collects every problem it can
/// find rather than stopping at the first; never traps on bad input.
public enum LessonDecoder {
    /// Decodes one lesson file's text. `file` is used only in problem messages.
    public static func decodeLesson(yaml: String, file: String) -> LessonDecoding {
        let context = DecodingContext(file: file)
        guard let root = context.compose(yaml) else {
            return LessonDecoding(lesson: nil, problems: context.problems, idPosition: nil)
        }
        let lesson = context.lesson(root)
        return LessonDecoding(lesson: lesson, problems: context.sortedProblems, idPosition: context.lessonIDPosition)
    }

    /// Decodes `course.yaml`'s text.
    public static func decodeCourse(yaml: String, file: String) -> CourseDecoding {
        let context = DecodingContext(file: file)
        guard let root = context.compose(yaml) else {
            return CourseDecoding(course: nil, problems: context.problems)
        }
        let course = context.course(root)
        return CourseDecoding(course: course, problems: context.sortedProblems)
    }

    /// Lesson and item ids: lowercase ASCII letters and digits in words joined by `-`.
    public static func isValidID(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty && words.allSatisfy { w in
            !w.isEmpty && w.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// Why a text may not reach the terminal, or nil when it is fine. Newlines are allowed; tabs,
    /// other C0/C1 control characters (ESC starts every terminal escape sequence), DEL and the
    /// invisible bidirectional overrides are not.
    public static func forbiddenCharacter(in text: String) -> String? {
        for s in text.unicodeScalars {
            let v = s.value
            if v == 0x0A { continue }
            if v == 0x09 { return "a tab character (indent with spaces)" }
            let digits = String(v, radix: 16, uppercase: true)
            let hex = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                return v == 0x1B ? "an escape character (\(hex)), which starts terminal escape sequences"
                                 : "a control character (\(hex))"
            }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                return "an invisible bidirectional control (\(hex))"
            }
        }
        return nil
    }

    /// The allowed word nearest to `word` (edit distance at most 2, and less than its length), if any.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        for c in candidates {
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
