/// What a task or question claims about running its code (the `run:` key): a prelude to run first, and
/// the behaviour expected of the answer key (and, for fill tasks, of listed wrong options).
/// `unroll check` proves the claims by running the code with MiniPy.
public struct RunSpec: Sendable, Equatable {
    /// What a run must do.
    public enum Expectation: Sendable, Equatable, CustomStringConvertible {
        /// Finishes without an exception.
        case runs
        /// Raises: the traceback's last line equals this (`Type: message`), or just its type when no `:` is given.
        case raises(String)
        /// Prints exactly this (trailing newlines ignored).
        case prints(String)
        /// Prints the text of the question's answer option (choice questions).
        case printsAnswer

        public var description: String {
            switch self {
            case .runs: "runs"
            case .raises(let e): "raises \(e)"
            case .prints(let p): "prints \(p.debugDescription)"
            case .printsAnswer: "prints the answer option's text"
            }
        }
    }

    /// A claim about one wrong option of a fill task, put in `blank` (the others at their answers).
    public struct OptionClaim: Sendable, Equatable {
        public var letter: String
        public var blank: Int
        public var expect: Expectation
        public var position: SourcePosition
        public init(letter: String, blank: Int, expect: Expectation, position: SourcePosition) {
            self.letter = letter; self.blank = blank; self.expect = expect; self.position = position
        }
    }

    /// Run before the code (imports, the names the code uses).
    public var prelude: String
    /// Choice questions: the code to run; nil means the question's `code`.
    public var code: String?
    /// Run after the code, e.g. `print(tuple(output.shape))`. `_` holds the value of the code's last
    /// expression statement (as at Python's prompt).
    public var then: String
    public var expect: Expectation
    public var options: [OptionClaim]
    /// Where `run:` was written.
    public var position: SourcePosition

    public init(prelude: String = "", code: String? = nil, then: String = "", expect: Expectation,
                options: [OptionClaim] = [], position: SourcePosition = SourcePosition(line: 1, column: 1)) {
        self.prelude = prelude; self.code = code; self.then = then; self.expect = expect
        self.options = options; self.position = position
    }
}

extension FillTask {
    /// The code with every blank filled: `filled[blank]` is an option letter.
    public func code(filling filled: [Int: String]) -> String {
        lines.map { line in
            line.map { seg -> String in
                switch seg {
                case .text(let t): t
                case .blank(let n): filled[n].flatMap { option($0)?.text } ?? "[\(n)]"
                }
            }.joined()
        }.joined(separator: "\n")
    }
}

extension RunSpec.Expectation {
    /// What running the code does, as a learner reads it: the error line, or what it prints.
    public var outcomeText: String {
        switch self {
        case .runs: "runs without an error"
        case .raises(let e): e.contains(":") ? e : "raises \(e)"
        case .prints(let p): "prints " + LessonRunCheck.trimmed(p)
        case .printsAnswer: "prints the answer"
        }
    }
}

extension FillTask {
    /// What PyTorch does with `letter` in `blank` (the other blanks right), as the lesson's `run:` claims
    /// it and `unroll check` proved it; nil when the lesson claims nothing for that option there.
    public func claim(_ letter: String, in blank: Int) -> RunSpec.Expectation? {
        run?.options.first { $0.letter == letter && $0.blank == blank }?.expect
    }

    /// The answer options' own `why`, when the lesson gives one.
    public var answerWhy: String? {
        let whys = answerLetters.uniqued().compactMap { option($0)?.why }
        return whys.isEmpty ? nil : whys.joined(separator: " ")
    }
}

extension LessonItem {
    /// How screens name an item: its prompt or question (never its id).
    public var title: String {
        switch self {
        case .fill(let t): t.prompt
        case .choice(let q): q.question
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
