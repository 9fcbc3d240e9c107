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

    /// An item's answer written out: the fill task's code with the answers in the blanks and its
    /// common mistakes, or the choice question's worked solution.
    static func solution(_ item: LessonItem, prompt: Bool = true, into doc: inout Doc, glyphs: Glyphs) {
        switch item {
        case .fill(let task):
            if prompt { doc.paragraph(task.prompt, .bold) }
            doc.line([Span("Answer: ", .bold), Span(answerText(task))])
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
            doc.paragraph(task.hint, first: "Hint: ", firstStyle: Style(color: .warn, bold: true))
            doc.line([Span("Common Mistakes:", Style(color: .warn, bold: true))])
            for mistake in task.commonMistakes { doc.paragraph(mistake, first: "  \(glyphs.bullet) ") }
        case .choice(let q):
            if prompt { doc.paragraph(q.question, .bold) }
            if let a = q.option(q.answer) { doc.paragraph("\(q.answer). \(a.text)", first: "Answer: ", firstStyle: .bold) }
            ChoiceView.solution(q, into: &doc, glyphs: glyphs)
        }
    }

    /// `[1] = A (hidden_size=20), [2] = B (…)`
    static func answerText(_ task: FillTask) -> String {
        task.blanks.compactMap { n in task.answers[n].map { "[\(n)] = \($0) (\(task.option($0)?.text ?? ""))" } }.joined(separator: ", ")
    }

    /// What the preview's answer line says for an item.
    static func answerLine(_ work: ItemWork) -> String {
        switch work {
        case .fill(let f): return answerText(f.task)
        case .choice(let c): return "\(c.question.answer). \(c.question.option(c.question.answer)?.text ?? "")"
        }
    }
}
