import TutorCore

extension Renderer {
    /// The part of the body a screen draws in. On a terminal wider than the measure, text screens get a
    /// centred column as wide as their widest line (prose stops at `Doc.measure`; code keeps its own
    /// width), so a 200-column terminal shows the 80-column layout in the middle, not lines running from
    /// edge to edge. The visualizer and the playground use the whole width (time steps, long lines);
    /// screen-reader mode keeps everything at the left edge, where a braille display starts.
    static func column(for body: Rect, state: State, view: ScreenView, glyphs: Glyphs) -> Rect {
        let narrowest = Doc.measure + 2
        guard !state.settings.screenReader, body.width > narrowest + 2 else { return body }
        let width: Int
        switch state.screen {
        case .visualize, .playground:
            return body
        case .menu:
            // Its rows put the progress at the right edge: they get the 80-column width.
            width = narrowest
        case .modes, .overview, .summary, .fill, .choice, .page, .test, .review, .challenge:
            // Drawn once at the full width to find its widest line, then in a column that wide.
            var scratch = CellBuffer(width: body.maxX, height: body.maxY)
            view.draw(&scratch, body, glyphs)
            width = min(body.width, max(narrowest, usedWidth(scratch, body) + 2))
        }
        return Rect(x: body.x + (body.width - width) / 2, y: body.y, width: width, height: body.height)
    }

    /// Columns from the body's left edge to the last one drawn on, the right margin (scroll marks) left out.
    static func usedWidth(_ buffer: CellBuffer, _ body: Rect) -> Int {
        var last = body.x
        for row in body.y..<body.maxY {
            for column in stride(from: body.maxX - 2, through: body.x, by: -1) where buffer[column, row].text != " " {
                last = max(last, column)
                break
            }
        }
        return last - body.x
    }

    /// Where the terminal cursor goes: where the view put it (the playground's caret, a reader's
    /// sentence), else on the screen's focused element as the frame drew it (the blank, the chip being
    /// moved, the option, the row: its first character), else at the start of the first line of the body.
    static func placeCursor(_ state: State, body: Rect, into buffer: inout CellBuffer) {
        if buffer.cursor != nil { return }
        if !(state.showsHelp && state.settings.screenReader), let target = focusTarget(state.screen),
           let region = buffer.hits.first(where: { $0.target == target }) {
            // On its first character: a row's leading blanks (the pointer's place) say nothing.
            let row = region.rect.y
            let column = (region.rect.x..<region.rect.maxX).first { buffer[$0, row].text != " " } ?? region.rect.x
            buffer.cursor = CursorPosition(column: column, row: row)
            return
        }
        for row in body.y..<body.maxY {
            if let column = (body.x..<body.maxX).first(where: { buffer[$0, row].text != " " }) {
                buffer.cursor = CursorPosition(column: column, row: row)
                return
            }
        }
        buffer.cursor = CursorPosition(column: body.x, row: body.y)
    }

    /// The clickable thing that has the keyboard's focus on a screen, if it has one.
    static func focusTarget(_ screen: Screen) -> HitTarget? {
        switch screen {
        case .menu(let m): return .menuItem(m.selected)
        case .modes(let c): return .modeItem(c.selected)
        case .overview(let o): return .modeItem(o.selected)
        case .fill(let f): return focusTarget(f)
        case .choice(let c): return c.answered == nil ? .choice(c.selected) : nil
        case .test(let t): return t.isFinished ? nil : focusTarget(t.work)
        case .challenge(let c): return c.isFinished || c.outcome != .working ? nil : focusTarget(c.work)
        case .review(let r): return r.pendingGrade == nil ? r.work.flatMap(focusTarget) : nil
        case .visualize, .page, .playground, .summary: return nil
        }
    }

    static func focusTarget(_ work: ItemWork) -> HitTarget? {
        switch work {
        case .fill(let f): focusTarget(f)
        case .choice(let c): c.answered == nil ? .choice(c.selected) : nil
        }
    }

    /// The focused blank (with a carried chip: where it would drop), or the chip ← → moved to.
    static func focusTarget(_ f: FillState) -> HitTarget? {
        guard !f.isFinished else { return nil }
        if f.keyboardOn == .chip, f.carrying == nil { return .chip(f.chipCursor) }
        return f.focusedBlank.map(HitTarget.blank)
    }
}
