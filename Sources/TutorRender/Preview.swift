import TutorCore

/// Instructor preview: the status line says PREVIEW, and the answer of the task on screen sits on the
/// last row of the body, marked as the answer.
enum Preview {
    static let status = "PREVIEW · answers shown · nothing recorded · g go to task"

    static func render(_ state: State, into buffer: inout CellBuffer, body: Rect) {
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
        default: return nil
        }
    }
}
