extension State {
    mutating func updateFill(_ fill: inout FillState, key: Key) -> [Effect] {
        let options = fill.task.options
        switch key {
        case .char("q"), .escape:
            if fill.carrying != nil { fill.carrying = nil; return [] }  // Esc first puts the chip back
            return back()
        case .char("n"):
            return fill.taskIndex + 1 < fill.taskCount ? replaceTask(.try, lessonIndex: fill.lessonIndex, task: fill.taskIndex + 1) : []
        case .char("p"):
            return fill.taskIndex > 0 ? replaceTask(.try, lessonIndex: fill.lessonIndex, task: fill.taskIndex - 1) : []
        case .char("h"):
            fill.showsHint.toggle()
            if fill.showsHint { return record(.hintSeen(lesson: lessonID(fill.lessonIndex), item: fill.task.id, at: now)) }
        case .char("m"):
            fill.showsMistakes.toggle()
            if fill.showsMistakes { return record(.mistakesSeen(lesson: lessonID(fill.lessonIndex), item: fill.task.id, at: now)) }
        case .pageDown:
            fill.scroll = min(scrollLimit, fill.scroll + max(1, size.height / 2))
        case .pageUp:
            fill.scroll = max(0, fill.scroll - max(1, size.height / 2))
        case _ where fill.isFinished:
            break  // a finished task only moves on, shows its hint or mistakes, or scrolls
        case .tab:
            fill.moveFocus(by: 1)
        case .backTab:
            fill.moveFocus(by: -1)
        case .char(let c) where c.isNumber:
            if let n = c.wholeNumberValue, let i = fill.task.blanks.firstIndex(of: n) { fill.focus = i }
        case .char(let c) where c.isLetter:
            let letter = String(c).uppercased()
            guard let index = options.firstIndex(where: { $0.letter == letter }), let blank = fill.focusedBlank else { break }
            fill.carrying = nil
            fill.chipCursor = index
            fill.place(letter, in: blank)
            fill.focusNextEmpty()
        case .left:
            if fill.carrying != nil { fill.moveFocus(by: -1) } else { fill.chipCursor = max(0, fill.chipCursor - 1) }
        case .right:
            if fill.carrying != nil { fill.moveFocus(by: 1) } else { fill.chipCursor = min(options.count - 1, fill.chipCursor + 1) }
        case .char(" "):
            if let letter = fill.carrying {
                drop(letter, fill: &fill)
            } else if options.indices.contains(fill.chipCursor) {
                fill.carrying = options[fill.chipCursor].letter
                // Carry toward the first empty blank: that is almost always where it is going.
                if let blank = fill.focusedBlank, fill.filled[blank] != nil { fill.focusNextEmpty() }
            }
        case .enter:
            if let letter = fill.carrying { drop(letter, fill: &fill); break }
            guard fill.isComplete else {
                let done = fill.task.blanks.filter { fill.filled[$0] != nil }.count
                status = "Fill every blank first (\(done) of \(fill.task.blanks.count) filled)."
                return []
            }
            status = nil
            fill.check()
            let lesson = lessonID(fill.lessonIndex)
            var effects = record(.attempt(lesson: lesson, item: fill.task.id, answer: fill.answer(mode: .try, at: now)))
            if fill.outcome == .missed { effects += record(.missed(lesson: lesson, item: fill.task.id, at: now)) }
            return effects
        case .backspace, .delete:
            if let blank = fill.focusedBlank { fill.filled[blank] = nil; fill.wrongBlanks.remove(blank) }
        default:
            break
        }
        return []
    }

    private func drop(_ letter: String, fill: inout FillState) {
        fill.carrying = nil
        guard let blank = fill.focusedBlank else { return }
        fill.place(letter, in: blank)
        fill.focusNextEmpty()
    }

    /// Mouse: click a blank then a chip; or press on a chip, drag, release over a blank.
    mutating func updateFill(_ fill: inout FillState, mouse: MouseEvent) -> [Effect] {
        if wheel(mouse.kind, &fill.scroll) { return [] }
        guard !fill.isFinished else { return [] }
        switch (mouse.kind, mouse.target) {
        case (.press, .blank(let n)?):
            if let i = fill.task.blanks.firstIndex(of: n) { fill.focus = i }
            fill.dragging = nil
        case (.press, .chip(let index)?):
            fill.chipCursor = index
            fill.dragging = fill.task.options[index].letter
            fill.carrying = nil
        case (.release, .blank(let n)?):
            if let letter = fill.dragging {
                fill.dragging = nil
                if let i = fill.task.blanks.firstIndex(of: n) { fill.focus = i }
                fill.place(letter, in: n)
                fill.focusNextEmpty()
            }
        case (.release, .chip(let index)?):
            // Press and release on the same chip is a click: it goes into the focused blank.
            if let letter = fill.dragging, fill.task.options[index].letter == letter, let blank = fill.focusedBlank {
                fill.place(letter, in: blank)
                fill.focusNextEmpty()
            }
            fill.dragging = nil
        case (.release, _):
            fill.dragging = nil
        default:
            break
        }
        return []
    }
}
