/// What a key or click did to an item being worked (a fill task or a choice question), for the screen
/// around it (Try, Practice, Test, Challenge) to record in its own way.
public enum WorkEvent: Sendable, Equatable {
    /// The blanks were checked, or the option chosen: right or wrong. A fill task with attempts left
    /// goes on; otherwise the item is finished.
    case checked(correct: Bool)
    /// Enter before every blank was filled.
    case incomplete(filled: Int, of: Int)
}

extension FillState {
    /// The keys that work the task itself: focus, placing and carrying options, emptying, checking.
    /// The screen around it has already taken the keys that leave, move on, show help or scroll.
    mutating func work(key: Key) -> WorkEvent? {
        guard !isFinished else { return nil }
        let options = task.options
        switch key {
        case .tab:
            moveFocus(by: 1)
        case .backTab:
            moveFocus(by: -1)
        case .char(let c) where c.isNumber:
            if let n = c.wholeNumberValue, let i = task.blanks.firstIndex(of: n) { focus = i }
        case .char(let c) where c.isLetter:
            let letter = String(c).uppercased()
            guard let index = options.firstIndex(where: { $0.letter == letter }), let blank = focusedBlank else { break }
            carrying = nil
            chipCursor = index
            place(letter, in: blank)
            focusNextEmpty()
        case .left:
            if carrying != nil { moveFocus(by: -1) } else { chipCursor = max(0, chipCursor - 1) }
        case .right:
            if carrying != nil { moveFocus(by: 1) } else { chipCursor = min(options.count - 1, chipCursor + 1) }
        case .char(" "):
            if let letter = carrying {
                drop(letter)
            } else if options.indices.contains(chipCursor) {
                carrying = options[chipCursor].letter
                // Carry toward the first empty blank: that is almost always where it is going.
                if let blank = focusedBlank, filled[blank] != nil { focusNextEmpty() }
            }
        case .enter:
            if let letter = carrying { drop(letter); break }
            guard isComplete else {
                return .incomplete(filled: task.blanks.filter { filled[$0] != nil }.count, of: task.blanks.count)
            }
            check()
            return .checked(correct: outcome == .solved)
        case .backspace, .delete:
            if let blank = focusedBlank { filled[blank] = nil; wrongBlanks.remove(blank) }
        case .char, .ctrl, .up, .down, .home, .end, .pageUp, .pageDown, .escape:
            break
        }
        return nil
    }

    private mutating func drop(_ letter: String) {
        carrying = nil
        guard let blank = focusedBlank else { return }
        place(letter, in: blank)
        focusNextEmpty()
    }

    /// Mouse: click a blank then a chip; or press on a chip, drag, release over a blank. The wheel
    /// scrolls. Clicks never check, so this says nothing back.
    mutating func work(mouse: MouseEvent, _ context: ScreenContext) {
        switch mouse.kind {
        case .wheelDown: scroll = context.scrolled(scroll, by: 1); return
        case .wheelUp: scroll = context.scrolled(scroll, by: -1); return
        case .press, .release, .move: break
        }
        guard !isFinished else { return }
        switch (mouse.kind, mouse.target) {
        case (.press, .blank(let n)?):
            if let i = task.blanks.firstIndex(of: n) { focus = i }
            dragging = nil
        case (.press, .chip(let index)?):
            chipCursor = index
            dragging = task.options[index].letter
            carrying = nil
        case (.release, .blank(let n)?):
            if let letter = dragging {
                dragging = nil
                if let i = task.blanks.firstIndex(of: n) { focus = i }
                place(letter, in: n)
                focusNextEmpty()
            }
        case (.release, .chip(let index)?):
            // Press and release on the same chip is a click: it goes into the focused blank.
            if let letter = dragging, task.options[index].letter == letter, let blank = focusedBlank {
                place(letter, in: blank)
                focusNextEmpty()
            }
            dragging = nil
        case (.release, _):
            dragging = nil
        default:
            break
        }
    }
}
