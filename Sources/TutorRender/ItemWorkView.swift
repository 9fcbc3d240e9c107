import TutorCore

/// A test or challenge item: a header row of its own above the same fill or choice screen that try
/// and practice show.
enum ItemWorkView {
    static func render(_ work: ItemWork, header: [Span], hints: Bool, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var x = area.x + 1
        for span in header { x = buffer.put(span.text, x: x, y: area.y, style: span.style, limit: area.maxX - 1) }
        let rest = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        switch work {
        case .fill(let f): FillView.render(f, into: &buffer, area: rest, glyphs: glyphs, hints: hints)
        case .choice(let c): ChoiceView.render(c, into: &buffer, area: rest, glyphs: glyphs, hints: hints)
        }
    }

    /// An item's answer written out: the prompt, the learner's answer beside the right one (when
    /// `given`), the code and the options, then the fill task's filled-in code, hint and common mistakes
    /// or the choice question's worked solution.
    static func solution(_ item: LessonItem, given: ItemWork? = nil, prompt: Bool = true, into doc: inout Doc, glyphs: Glyphs) {
        switch item {
        case .fill(let task):
            if prompt { doc.paragraph(task.prompt, .bold) }
            CodeBlock.task(task, into: &doc, glyphs: glyphs)
            doc.flow(task.options.enumerated().flatMap { i, o in
                [(Span(i == 0 ? "" : "  "), false), (Span("[\(o.letter)] \(o.text)"), true)]
            })
            if let given { doc.paragraph(givenText(given), .bad, first: "Your answer: ", firstStyle: .bold) }
            doc.paragraph(answerText(task), .good, first: "Answer: ", firstStyle: .bold)
            if case .fill(let f)? = given { FillView.wrongOptions(f, f.lastWrong, into: &doc, glyphs: glyphs) }
            doc.line([Span("PyTorch", .dim)])
            for line in task.lines {
                let text = line.map { seg -> String in
                    switch seg {
                    case .text(let t): return t
                    case .blank(let n): return task.answers[n].flatMap { task.option($0)?.text } ?? "[\(n)]"
                    }
                }.joined()
                doc.flow([(Span(text, Style(color: .accent)), false)], indent: glyphs.vertical + " ", continuation: glyphs.vertical + "   ")
            }
            if let why = task.answerWhy { doc.paragraph(why, first: "Why: ", firstStyle: .bold) }
            doc.paragraph(task.hint, first: "Hint: ", firstStyle: Style(color: .warn, bold: true))
            doc.line([Span("Common Mistakes:", Style(color: .warn, bold: true))])
            for mistake in task.commonMistakes { doc.paragraph(mistake, first: "  \(glyphs.bullet) ") }
        case .choice(let q):
            if prompt { doc.paragraph(q.question, .bold) }
            if let code = q.code { CodeBlock.plain(code, into: &doc, glyphs: glyphs) }
            var chosen: String?
            if case .choice(let c)? = given { chosen = c.answered }
            for option in q.options {
                let right = option.letter == q.answer
                let mark = right ? glyphs.check : option.letter == chosen ? glyphs.cross : " "
                let note = right ? "  (right answer)" : option.letter == chosen ? "  (your answer)" : ""
                doc.paragraph(option.text + note, right ? .good : option.letter == chosen ? .bad : .plain, first: "\(mark) \(option.letter). ")
            }
            if let given { doc.paragraph(givenText(given), .bad, first: "Your answer: ", firstStyle: .bold) }
            if let a = q.option(q.answer) { doc.paragraph("\(q.answer). \(a.text)", .good, first: "Answer: ", firstStyle: .bold) }
            if let chosen, chosen != q.answer, let why = q.option(chosen)?.why {
                doc.paragraph(why, first: "Why not \(chosen): ", firstStyle: .bold)
            }
            ChoiceView.solution(q, into: &doc, glyphs: glyphs)
        }
    }

    /// What the learner answered: `[1] = B (0)`, `A. (4, 3, 2)`, or that there was no answer.
    static func givenText(_ work: ItemWork) -> String {
        switch work {
        case .fill(let f):
            guard !f.checked.isEmpty else { return "none (the time ran out)" }
            return f.task.blanks.compactMap { n in f.checked[n].map { "[\(n)] = \($0) (\(f.task.option($0)?.text ?? ""))" } }
                .joined(separator: ", ")
        case .choice(let c):
            guard let a = c.answered else { return "none (the time ran out)" }
            return "\(a). \(c.question.option(a)?.text ?? "")"
        }
    }

    /// `[1] = A (hidden_size=20), [2] = B (…)`
    static func answerText(_ task: FillTask) -> String {
        task.blanks.compactMap { n in task.answers[n].map { "[\(n)] = \($0) (\(task.option($0)?.text ?? ""))" } }.joined(separator: ", ")
    }

    /// The right answer of an item: `[1] = A (1)` or `C. (4, 2, 3)`.
    static func rightText(_ item: LessonItem) -> String {
        switch item {
        case .fill(let t): return answerText(t)
        case .choice(let q): return "\(q.answer). \(q.option(q.answer)?.text ?? "")"
        }
    }

    /// What the preview's answer line says for an item.
    static func answerLine(_ work: ItemWork) -> String {
        switch work {
        case .fill(let f): return answerText(f.task)
        case .choice(let c): return "\(c.question.answer). \(c.question.option(c.question.answer)?.text ?? "")"
        }
    }
}
