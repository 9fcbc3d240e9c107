import TutorCore

/// Instructor preview: the status line says PREVIEW, the answer of the task on screen sits on the
/// last row of the body, marked as the answer, and a lesson file saved with problems shows them
/// over the screen until it is fixed.
enum Preview {
    static func status(_ state: State) -> String {
        if let goto = state.goto { return "PREVIEW · go to task: \(goto)_  (Enter go · Esc cancel)" }
        if let status = state.status ?? state.note { return "PREVIEW · " + status }
        return "PREVIEW · answers shown · nothing recorded · g go to task"
    }

    static func render(_ state: State, into buffer: inout CellBuffer, body: Rect) {
        if !state.lessonProblems.isEmpty {
            buffer.fill(body)
            var doc = Doc(width: body.width - 2)
            doc.line([Span("The lesson file has problems (unroll check):", .bad)])
            doc.gap()
            for problem in state.lessonProblems { doc.paragraph(problem, first: "  ") }
            doc.gap()
            doc.paragraph("Fix the file and save it: the preview reloads it here.", .dim)
            doc.draw(into: &buffer, area: Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height), scroll: 0)
            return
        }
        guard let answer = answer(state.screen) else { return }
        let y = body.maxY - 1
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: Style(color: .warn, reverse: true))
        buffer.put(DisplayWidth.truncate(" ANSWER (preview): " + answer, to: buffer.width), x: 0, y: y, style: Style(color: .warn, bold: true, reverse: true))
    }

    static func answer(_ screen: Screen) -> String? {
        switch screen {
        case .fill(let f): return ItemWorkView.answerText(f.task)
        case .choice(let c): return ItemWorkView.answerLine(.choice(c))
        case .test(let t): return t.isFinished ? nil : ItemWorkView.answerLine(t.work)
        case .challenge(let c): return c.isFinished ? nil : ItemWorkView.answerLine(c.work)
        case .menu, .modes, .visualize, .page, .review, .playground, .summary, .overview: return nil
        }
    }
}
