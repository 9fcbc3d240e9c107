import RNNEngine
/// A Python exception as MiniPy raises it: the type, the message, and where (the line of the statement
/// for a runtime error; line, column and text for a SyntaxError).
public struct PyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var message: String
    /// 1-based line in the snippet; 0 when unknown.
    public var line: Int
    /// 1-based column (SyntaxError only).
    public var column: Int?
    /// The source line (SyntaxError only).
    public var text: String?
    /// One of MiniPy's own limits (steps, time, size, depth): no `except` catches it, so a learner's `try`
    /// cannot swallow the time limit.
    public var isLimit = false
    /// The exception being handled when this one was raised (`__context__`), or the one it was raised
    /// `from` (`__cause__`): its traceback prints first. At most one element.
    var context: [PyError] = []
    var contextIsCause = false
    /// The Python exception object (`except T as e` binds it; a bare `raise` raises it again).
    var object: ExceptionBox?
    /// The frames inside functions the error passed through, outermost first (`line` is the module's).
    public var frames: [TraceFrame] = []

    public init(type: String, message: String, line: Int = 0, column: Int? = nil, text: String? = nil) {
        self.type = type; self.message = message; self.line = line; self.column = column; self.text = text
    }

    static func limit(_ type: String, _ message: String) -> PyError {
        var e = PyError(type: type, message: message)
        e.isLimit = true
        return e
    }

    public static func == (a: PyError, b: PyError) -> Bool {
        a.type == b.type && a.message == b.message && a.line == b.line && a.column == b.column && a.text == b.text
            && a.isLimit == b.isLimit && a.context == b.context && a.frames == b.frames
    }

    static func syntax(_ m: String, line: Int, column: Int, text: String, type: String = "SyntaxError") -> PyError {
        PyError(type: type, message: m, line: line, column: column, text: text)
    }

    static func typeError(_ m: String) -> PyError { PyError(type: "TypeError", message: m) }
    static func valueError(_ m: String) -> PyError { PyError(type: "ValueError", message: m) }
    static func indexError(_ m: String) -> PyError { PyError(type: "IndexError", message: m) }
    static func attributeError(_ m: String) -> PyError { PyError(type: "AttributeError", message: m) }
    static func runtime(_ m: String) -> PyError { PyError(type: "RuntimeError", message: m) }

    /// `Type: message`, the last line of a traceback.
    public var description: String { message.isEmpty ? type : "\(type): \(message)" }

    public var isSyntaxError: Bool { column != nil }

    /// The traceback as Python prints it, for a file named `file` whose lines are `source`.
    public func traceback(file: String, source: String) -> String {
        guard let ctx = context.first else { return ownTraceback(file: file, source: source) }
        let link = contextIsCause ? "The above exception was the direct cause of the following exception:"
                                  : "During handling of the above exception, another exception occurred:"
        return ctx.traceback(file: file, source: source) + "\n" + link + "\n\n" + ownTraceback(file: file, source: source)
    }

    func ownTraceback(file: String, source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if let column, let text {
            let stripped = text.drop { $0 == " " || $0 == "\t" }
            let caretColumn = max(1, column - (text.count - stripped.count))
            var out = "  File \"\(file)\", line \(line)\n"
            out += "    \(stripped.trimmingTrailing())\n"
            out += "    " + String(repeating: " ", count: caretColumn - 1) + "^\n"
            return out + description + "\n"
        }
        var out = "Traceback (most recent call last):\n"
        let all = [TraceFrame(line: line, name: "<module>")] + frames
        // CPython prints a frame repeated more than 3 times in a row once per the first 3, then a count.
        var previous: TraceFrame?
        var repeats = 0
        func flushRepeats() {
            if repeats > 3 {
                out += "  [Previous line repeated \(repeats - 3) more time\(repeats - 3 == 1 ? "" : "s")]\n"
            }
        }
        for f in all {
            if let p = previous, p == f {
                repeats += 1
                if repeats > 3 { continue }
            } else {
                flushRepeats()
                repeats = 1
            }
            previous = f
            out += "  File \"\(file)\", line \(f.line), in \(f.name)\n"
            if f.line >= 1, f.line <= lines.count {
                let l = trimmingWhitespace(lines[f.line - 1])
                if !l.isEmpty { out += "    \(l)\n" }
            }
        }
        flushRepeats()
        return out + description + "\n"
    }
}

/// Carries a raised exception's Python object inside the (Sendable) error. MiniPy runs one snippet on one
/// thread; the object never crosses threads.
final class ExceptionBox: @unchecked Sendable {
    let object: ExceptionObject
    init(_ object: ExceptionObject) { self.object = object }
}

extension Substring {
    func trimmingTrailing() -> String {
        var s = String(self)
        while let last = s.last, last == " " || last == "\r" { s.removeLast() }
        return s
    }
}

extension TorchError {
    var py: PyError { PyError(type: type, message: message) }
}

/// `trimmingCharacters(in: .whitespaces)` of a traceback's source line, without Foundation's character sets
/// when both ends are ASCII (nearly always): there only space and tab are whitespace.
func trimmingWhitespace(_ line: Substring) -> String {
    let u = line.unicodeScalars
    var lo = u.startIndex, hi = u.endIndex
    while lo < hi, u[lo] == " " || u[lo] == "\t" { lo = u.index(after: lo) }
    while lo < hi {
        let before = u.index(before: hi)
        guard u[before] == " " || u[before] == "\t" else { break }
        hi = before
    }
    if lo < hi, !u[lo].isASCII || !u[u.index(before: hi)].isASCII { return line.trimmingCharacters(in: .whitespaces) }
    return String(u[lo..<hi])
}

extension Interpreter {
    /// `d[key]` for a missing key: the KeyError carries the key itself, so `except KeyError as e` sees
    /// `e.args == (key,)` and `str(e)` is its repr even for a key that is no literal (a tensor: `tensor(1)`).
    func keyError(_ key: PyValue) -> PyError {
        var e = PyError(type: "KeyError", message: repr(key))
        e.object = ExceptionBox(ExceptionObject(ExceptionClass.named("KeyError"), [key]))
        return e
    }
}
