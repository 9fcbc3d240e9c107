/// The whole lesson as plain text, mode by mode: for handouts, screen readers, and reviewing a
/// lesson change as a diff (`unroll print`).
///
/// Blanks stay `[N]` in code. Without answers, nothing that gives an answer away is printed
/// (answer letters, worked solutions, final answers, quick checks, review card backs).
///
/// ```swift
/// print(LessonText.render(lesson, answers: true))
/// ```
public enum LessonText {
    public static func render(_ lesson: Lesson, answers: Bool = false) -> String {
        var out: [String] = []
        out.append(lesson.title)
        out.append(String(repeating: "=", count: lesson.title.count))
        out.append("id: \(lesson.id)")
        out.append("topic: \(lesson.topic)")
        out.append("modes: \(lesson.modes.map { "\($0.rawValue) (\(lesson.minutes(for: $0)!) min)" }.joined(separator: ", "))")
        for mode in lesson.modes {
            out.append("")
            let heading = "\(mode.title) - \(lesson.minutes(for: mode)!) min"
            out.append(heading)
            out.append(String(repeating: "-", count: heading.count))
            out.append(contentsOf: section(mode, of: lesson, answers: answers))
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func section(_ mode: Mode, of lesson: Lesson, answers: Bool) -> [String] {
        switch mode {
        case .intro, .why, .deep:
            return lesson.page(for: mode).map(page) ?? []
        case .try:
            return (lesson.tryIt?.tasks ?? []).enumerated().flatMap { i, t in
                [""] + fill(t, title: "Task \(i + 1)", answers: answers)
            }
        case .practice:
            return (lesson.practice?.questions ?? []).enumerated().flatMap { i, q in
                [""] + choice(q, title: "Question \(i + 1)", answers: answers)
            }
        case .challenge:
            return (lesson.challenge?.items ?? []).enumerated().flatMap { i, c in
                let title = "Challenge \(i + 1), \(c.timeLimit) s"
                switch c.item {
                case .fill(let t): return [""] + fill(t, title: title, answers: answers)
                case .choice(let q): return [""] + choice(q, title: title, answers: answers, attempts: c.attempts)
                }
            }
        case .review:
            return (lesson.review?.cards ?? []).enumerated().flatMap { i, c in
                ["", "Card \(i + 1) (\(c.id))", "Q: \(indentFollowing(c.prompt, by: 3))"]
                    + (answers ? ["A: \(indentFollowing(c.answer, by: 3))"] : [])
                    + notes(adapted: nil, teaches: c.teaches)
            }
        case .visualize:
            return lesson.visualize.map(visualize) ?? []
        case .test:
            return [""] + (lesson.test?.itemIDs ?? []).enumerated().map { i, id in
                let d = lesson.item(id: id).map { " (\($0.difficulty.rawValue))" } ?? ""
                return "\(i + 1). \(id)\(d)"
            }
        case .playground:
            return (lesson.playground?.snippets ?? []).flatMap { s in
                ["", "\(s.title) (\(s.id))", ""] + code(s.code)
            }
        }
    }

    static func page(_ page: Page) -> [String] {
        page.blocks.flatMap { block -> [String] in
            switch block {
            case .heading(let h): ["", h.uppercased()]
            case .text(let t): [""] + t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .code(let c), .diagram(let c): [""] + code(c)
            case .list(let items): [""] + items.map { "- " + indentFollowing($0, by: 2) }
            }
        }
    }

    /// Code and diagrams: indented four spaces, verbatim.
    static func code(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
    }

    static func indentFollowing(_ text: String, by n: Int) -> String {
        text.replacingNewlines(with: "\n" + String(repeating: " ", count: n))
    }

    /// The options; with answers, the answer marked and each option's `why` under it (it gives the answer away).
    static func options(_ options: [Option], correct: Set<String>, answers: Bool) -> [String] {
        options.flatMap { o in
            let mark = correct.contains(o.letter) ? "  <- answer" : ""
            let line = "  \(o.letter). \(indentFollowing(o.text, by: 5))\(mark)"
            guard answers, let why = o.why else { return [line] }
            return [line, "     why: \(indentFollowing(why, by: 10))"]
        }
    }

    static func mistakes(_ list: [String]) -> [String] {
        list.isEmpty ? [] : ["Common mistakes:"] + list.map { "  - " + indentFollowing($0, by: 4) }
    }

    /// What differs from the source page (`adapted:`) and where the lesson teaches the item (`teaches:`).
    static func notes(adapted: String?, teaches: TeachesLink?) -> [String] {
        (adapted.map { ["Adapted from the source page: " + $0] } ?? []) + (teaches.map { ["Taught in: " + $0.text] } ?? [])
    }

    static func fill(_ t: FillTask, title: String, answers: Bool) -> [String] {
        var out = ["\(title) (\(t.id)), \(t.difficulty.rawValue), fill in the blank, \(t.attempts) attempts"]
        out += notes(adapted: t.adapted, teaches: t.teaches) + [t.prompt, ""]
        out += code(t.code)
        out += ["", "Options:"]
        out += options(t.options, correct: answers ? Set(t.answers.values) : [], answers: answers)
        out.append("Hint: " + indentFollowing(t.hint, by: 6))
        out += mistakes(t.commonMistakes)
        if answers {
            let parts = t.blanks.map { b -> String in
                let letter = t.answers[b] ?? "?"
                return "[\(b)] = \(letter) (\(t.option(letter)?.text ?? ""))"
            }
            out.append("Answer: " + parts.joined(separator: "; "))
        }
        return out
    }

    static func choice(_ q: ChoiceQuestion, title: String, answers: Bool, attempts: Int? = nil) -> [String] {
        let extra = attempts.map { ", \($0) attempts" } ?? ""
        var out = ["\(title) (\(q.id)), \(q.difficulty.rawValue), multiple choice\(extra)"]
        out += notes(adapted: q.adapted, teaches: q.teaches) + [q.question]
        if let c = q.code { out += [""] + code(c) }
        out += ["", "Options:"]
        out += options(q.options, correct: answers ? [q.answer] : [], answers: answers)
        out.append("Hint: " + indentFollowing(q.hint, by: 6))
        out += mistakes(q.commonMistakes)
        if answers {
            out.append("Answer: \(q.answer)")
            out.append("Solution:")
            for (i, step) in q.solution.enumerated() {
                out.append("  Step \(i + 1): \(step.title)")
                out.append("    " + indentFollowing(step.text, by: 4))
            }
            out.append("  Final answer: " + indentFollowing(q.finalAnswer, by: 4))
            out.append("  Quick check: " + indentFollowing(q.quickCheck, by: 4))
        }
        return out
    }

    static func visualize(_ v: VisualizeSection) -> [String] {
        var args = ["input_size=\(v.inputSize)", "hidden_size=\(v.hiddenSize)"]
        if v.numLayers != 1 { args.append("num_layers=\(v.numLayers)") }
        if v.module == .RNN && v.nonlinearity != .tanh { args.append("nonlinearity='\(v.nonlinearity.rawValue)'") }
        if v.bidirectional { args.append("bidirectional=True") }
        var out = ["", "Module: torch.nn.\(v.module.rawValue)(\(args.joined(separator: ", ")))"]
        switch v.weights {
        case .seed(let s): out.append("Weights: torch.manual_seed(\(s))")
        case .stateDict(let p): out.append("Weights: state_dict from \(p)")
        }
        out.append("Input shape: (\(v.inputShape.map(String.init).joined(separator: ", ")))")
        if let lengths = v.lengths {
            out.append("Lengths: [\(lengths.map(String.init).joined(separator: ", "))] (the steps past a length are padding)")
        }
        let rowLength = v.inputShape.dropFirst().reduce(1, *)
        for step in 0..<v.sequenceLength {
            let row = v.input[(step * rowLength)..<((step + 1) * rowLength)].map { formatNumber($0) }
            let caption = v.caption(step: step).map { " - " + indentFollowing($0, by: 4) } ?? ""
            out.append("  t=\(step): [\(row.joined(separator: ", "))]\(caption)")
        }
        return out
    }

    static func formatNumber(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) + ".0" : String(x)
    }
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
