/// One thing wrong with a lesson or course file, where it is, and a sentence saying what.
///
/// `description` is the `file:line:column: message` form that `unroll check` prints and editors jump to.
public struct LessonProblem: Sendable, Equatable, Hashable, Error, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in Unicode scalars (as libyaml does).
    public var column: Int
    public var message: String

    /// Control characters in `file` or `message` (which may quote lesson text) are written as
    /// `\u{1B}`, so a problem report can never drive the terminal.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = LessonProblem.visible(file); self.line = line; self.column = column
        self.message = LessonProblem.visible(message)
    }

    static func visible(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            if LessonDecoder.forbiddenCharacter(s) != nil || s == "\n" {
                out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A source position kept from the YAML tree, for checks made after decoding (e.g. across files).
public struct SourcePosition: Sendable, Equatable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
}
