import MiniPy

/// One program `unroll check` runs for a lesson: the prelude, the code (blanks filled), the `then` code,
/// and what it must do (nil: nothing is claimed; it runs for crash-freedom and `--with-torch` comparisons).
public struct RunCase: Sendable, Equatable {
    public var itemID: String
    /// "the answer key", "option B in blank [1]".
    public var label: String
    public var prelude: String
    public var code: String
    public var then: String
    public var expect: RunSpec.Expectation?
    /// The answer option's text, for `prints_answer`.
    public var answerText: String?
    public var position: SourcePosition
    /// A playground snippet: it prints random values, so `--with-torch` compares only what it raised.
    public var isSnippet = false

    /// The whole program as one Python file (for running under real Python).
    public var program: String {
        var parts: [String] = []
        if !prelude.isEmpty { parts.append(prelude) }
        if then.isEmpty {
            parts.append(code)
        } else {
            // `_` is the value of the code's last expression statement, as MiniPy keeps it.
            parts.append(RunCase.keepingLast(code))
            parts.append(then)
        }
        return parts.joined(separator: "\n") + "\n"
    }

    /// The code with a final expression statement assigned to `_` (a plain heuristic on the last line).
    static func keepingLast(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let last = lines.last, !last.hasPrefix(" "), !last.hasPrefix("\t") else { return code }
        let t = last.trimmingCharacters(in: .whitespaces)
        let keywords = ["import ", "from ", "for ", "if ", "while ", "print(", "pass", "assert "]
        if keywords.contains(where: { t.hasPrefix($0) }) || LessonRunCheck.isAssignment(t) { return code }
        lines[lines.count - 1] = "_ = " + last
        return lines.joined(separator: "\n")
    }
}

/// Proves the `run:` claims of a lesson by running its code with MiniPy.
public enum LessonRunCheck {
    /// Every program a lesson's `run:` data asks for: the answer key, each claimed wrong option, and each
    /// other option in each blank (unclaimed).
    public static func cases(_ lesson: Lesson) -> [RunCase] {
        var out: [RunCase] = []
        var seen = Set<String>()
        for item in lesson.gradableItems where seen.insert(item.id).inserted {
            switch item {
            case .fill(let task):
                guard let run = task.run else { continue }
                out.append(RunCase(itemID: task.id, label: "the answer key (\(task.answerLetters.joined(separator: ", ")))",
                                   prelude: run.prelude, code: task.code(filling: task.answers), then: run.then,
                                   expect: run.expect, answerText: nil, position: run.position))
                for blank in task.blanks {
                    for option in task.options where option.letter != task.answers[blank] {
                        var filled = task.answers
                        filled[blank] = option.letter
                        let claim = run.options.first { $0.letter == option.letter && $0.blank == blank }
                        out.append(RunCase(itemID: task.id, label: "option \(option.letter) in blank [\(blank)]",
                                           prelude: run.prelude, code: task.code(filling: filled), then: run.then,
                                           expect: claim?.expect, answerText: nil, position: claim?.position ?? run.position))
                    }
                }
            case .choice(let q):
                guard let run = q.run, let code = run.code ?? q.code else { continue }
                out.append(RunCase(itemID: q.id, label: "the code", prelude: run.prelude, code: code, then: run.then,
                                   expect: run.expect, answerText: q.option(q.answer)?.text, position: run.position))
            }
        }
        // A learner runs every playground snippet with Ctrl-R: each must run, or raise the error it shows.
        for s in lesson.playground?.snippets ?? [] {
            out.append(RunCase(itemID: s.id, label: "the snippet", prelude: "", code: s.code, then: "",
                               expect: s.raises.map { .raises($0) } ?? .runs, answerText: nil, position: s.position, isSnippet: true))
        }
        return out
    }

    /// Why an outcome does not meet the case's claim, or nil when it does (or nothing is claimed).
    public static func failure(_ c: RunCase, _ outcome: MiniPy.Outcome) -> String? {
        guard let expect = c.expect else { return nil }
        let got: String
        if let e = outcome.error {
            got = outcome.errorInPrelude ? "the prelude raised \(e.description) (line \(e.line) of the prelude)" : "raised \(e.description)"
        } else {
            got = outcome.stdout.isEmpty ? "ran and printed nothing" : "printed \(trimmed(outcome.stdout).debugDescription)"
        }
        switch expect {
        case .runs:
            if outcome.error == nil { return nil }
        case .raises(let want):
            if let e = outcome.error, !outcome.errorInPrelude {
                if want.contains(":") ? e.description == want : e.type == want { return nil }
            }
        case .prints(let want):
            if outcome.error == nil, trimmed(outcome.stdout) == trimmed(want) { return nil }
        case .printsAnswer:
            if outcome.error == nil, let a = c.answerText, trimmed(outcome.stdout) == a { return nil }
            if let a = c.answerText {
                return "\(c.label) should print the answer option's text \(a.debugDescription), but it \(got)"
            }
        }
        return "\(c.label) should \(describe(expect)), but it \(got)"
    }

    static func describe(_ e: RunSpec.Expectation) -> String {
        switch e {
        case .runs: "run without an error"
        case .raises(let r): "raise \(r)"
        case .prints(let p): "print \(trimmed(p).debugDescription)"
        case .printsAnswer: "print the answer option's text"
        }
    }

    static func trimmed(_ s: String) -> String {
        var t = s
        while t.hasSuffix("\n") { t.removeLast() }
        return t
    }

    static func isAssignment(_ line: String) -> Bool {
        var depth = 0
        var prev: Character = " "
        let chars = Array(line)
        for (i, c) in chars.enumerated() {
            if "([{".contains(c) { depth += 1 } else if ")]}".contains(c) { depth -= 1 }
            if c == "=", depth == 0, !"=!<>+-*/%".contains(prev), i + 1 < chars.count ? chars[i + 1] != "=" : true { return true }
            prev = c
        }
        return false
    }

    /// Runs a case: in this process by default; `unroll check` passes a runner that uses a worker process.
    public typealias Runner = (RunCase) -> MiniPy.Outcome

    /// Runs every case of a lesson (with `run`, or in this process under `limits`) and returns a problem
    /// for each claim that does not hold.
    public static func problems(_ lesson: Lesson, file: String, limits: Limits = .standard, run: Runner? = nil) -> [LessonProblem] {
        var problems: [LessonProblem] = []
        for c in cases(lesson) {
            let outcome = run?(c) ?? MiniPy.run(c.code, prelude: c.prelude.isEmpty ? nil : c.prelude, then: c.then.isEmpty ? nil : c.then,
                                                limits: limits)
            if let why = failure(c, outcome) {
                problems.append(LessonProblem(file: file, line: c.position.line, column: c.position.column,
                                              message: "run: \(itemKind(lesson, c.itemID)) '\(c.itemID)': \(why)"))
            }
        }
        return problems
    }

    static func itemKind(_ lesson: Lesson, _ id: String) -> String {
        if lesson.playground?.snippets.contains(where: { $0.id == id }) == true { return "playground" }
        if case .fill? = lesson.item(id: id) { return "task" }
        return "question"
    }
}
