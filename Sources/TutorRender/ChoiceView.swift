import TutorCore

/// A multiple-choice question, then its worked solution as the seed page lays it out.
enum ChoiceView {
    static func hints(_ c: ChoiceState) -> String {
        if c.answered != nil { return "↑↓ scroll · " + (c.questionIndex + 1 < c.questionCount ? "n next" : "n summary") + " · p previous · ? help · q back" }
        return "↑↓ \(FillView.letterRange(c.question.options)) choose · Enter answer · h hint · ? help · q back"
    }

    /// `before` is the item's status in the progress file, shown as a mark in the header; `hints`
    /// off hides hint offers (the test).
    static func render(_ choice: ChoiceState, before: ItemStatus = .unseen, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs, hints: Bool = true) {
        let compact = area.height < 18
        var doc = Doc(width: area.width - 2)
        let q = choice.question
        var header = [Span("Question \(glyphs.count(choice.questionIndex + 1, of: choice.questionCount))", .bold), Span(" · \(q.difficulty.rawValue)")]
        if choice.answered != nil || choice.revealed {
            header.append(choice.isCorrect ? Span(glyphs.headerVerdict(true, "right"), .good) : Span(glyphs.headerVerdict(false, "wrong"), .bad))
        } else {
            header += ProgressMark.spans(before, glyphs: glyphs)
        }
        doc.line(header + AdaptedMark.spans(q.adapted, after: header, width: doc.width))
        if !compact { doc.gap() }
        doc.paragraph(q.question, .bold)
        if !compact { AdaptedMark.note(q.adapted, into: &doc) }
        if let code = q.code {
            if !compact { doc.gap() }
            CodeBlock.plain(code, into: &doc, glyphs: glyphs)
        }
        if !compact { doc.gap() }
        for (i, option) in q.options.enumerated() {
            let selected = i == choice.selected
            var style = Style.plain
            var mark = selected && choice.answered == nil ? glyphs.pointer : " "
            var suffix = ""
            if choice.answered != nil || choice.revealed {
                if option.letter == q.answer { mark = glyphs.check; style = .good; suffix = "  (right answer)" }
                else if option.letter == choice.answered { mark = glyphs.cross; style = .bad; suffix = "  (your answer)" }
            } else if choice.ruledOut.contains(option.letter) {
                // Chosen before and wrong (the challenge asks again).
                mark = selected ? glyphs.pointer : glyphs.cross
                style = selected ? Style(color: .bad, bold: true, reverse: true) : Style(color: .bad)
                suffix = "  (tried: wrong)"
                if selected { doc.pin = doc.count }
            } else if selected {
                style = Style(bold: true, reverse: true)
                doc.pin = doc.count
            }
            let start = doc.count
            doc.paragraph(option.text + suffix, style, first: "\(mark) \(option.letter). ", firstStyle: style)
            doc.markHit(rows: start..<doc.count, .choice(i))
        }
        doc.gap()
        if choice.revealed, choice.answered == nil {
            let focused = doc.count
            doc.paragraph("The time ran out: the answer is \(q.answer).", .bad, first: glyphs.cross + " ")
            doc.focusRow(focused)
            doc.gap()
            solution(q, into: &doc, glyphs: glyphs)
        } else if let answered = choice.answered {
            if choice.isCorrect {
                let focused = doc.count
                doc.paragraph("Correct: \(q.answer).", .good, first: glyphs.check + " ")
                doc.focusRow(focused)
                if let why = q.option(q.answer)?.why { doc.paragraph(why, first: "Why: ", firstStyle: .bold) }
            } else {
                let focused = doc.count
                doc.paragraph("Not quite: you chose \(answered); the answer is \(q.answer).", .bad, first: glyphs.cross + " ")
                doc.focusRow(focused)
                // The chosen option's own explanation comes before the worked solution.
                if let why = q.option(answered)?.why { doc.paragraph(why, first: "Why not \(answered): ", firstStyle: .bold) }
            }
            doc.gap()
            solution(q, into: &doc, glyphs: glyphs)
        } else {
            if choice.showsHint {
                doc.paragraph(q.hint, first: "Hint: ", firstStyle: Style(color: .warn, bold: true))
            }
            doc.line([Span(hints ? "Enter answers · h hint" : "Enter answers", .dim)])
        }
        // A small screen keeps the options near the question: the note waits at the end (PgDn reaches it).
        if compact, q.adapted != nil { doc.gap(); AdaptedMark.note(q.adapted, into: &doc) }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: choice.scroll)
    }

    static func solution(_ q: ChoiceQuestion, into doc: inout Doc, glyphs: Glyphs) {
        doc.line([Span("Solution", .title)])
        var n = 1
        for step in q.solution {
            doc.paragraph(step.title, .bold, first: "  \(n). ", firstStyle: .bold)
            doc.paragraph(step.text, indent: 6)
            n += 1
        }
        doc.paragraph("Final Answer:", .bold, first: "  \(n). ")
        doc.paragraph(q.finalAnswer, indent: 6)
        doc.paragraph("Quick Check:", .bold, first: "  \(n + 1). ")
        doc.paragraph(q.quickCheck, indent: 6)
        doc.gap()
        doc.paragraph(q.hint, first: "Hint: ", firstStyle: Style(color: .warn, bold: true))
        doc.line([Span("Common Mistakes:", Style(color: .warn, bold: true))])
        for mistake in q.commonMistakes {
            doc.paragraph(mistake, first: "  \(glyphs.bullet) ")
        }
    }
}
