/// What a key or click did to an item being worked (a fill task or a choice question), for the screen
/// around it (Try, Practice, Test, Challenge) to record in its own way.
public enum WorkEvent: Sendable, Equatable {
    /// The blanks were checked, or the option chosen: right or wrong. A fill task with attempts left
    /// goes on; otherwise the item is finished.
    case checked(correct: Bool)
    /// Enter before every blank was filled.
    case incomplete(filled: Int, of: Int)
    /// An option went into a blank (taken `from` another blank, if it sat in one) and the focus moved
    /// on to `next` (nil: it stayed, every blank being filled). Said in the status line, so a letter
    /// typed next never lands somewhere unexpected without a word.
    case placed(letter: String, blank: Int, from: Int?, next: Int?)

    /// The status line for what happened, when it is not a grade.
    public var sentence: String? {
        switch self {
        case .checked: return nil
        case .incomplete(let done, let total): return "Fill every blank first (\(done) of \(total) filled)."
        case .placed(let letter, let blank, let from, let next):
            var s = "\(letter) is in [\(blank)]" + (from.map { " (moved from [\($0)])" } ?? "")
            s += next.map { "; the next key goes to [\($0)]." } ?? "; every blank is filled: Enter checks."
            return s
        }
    }
}

extension FillState {
    /// The keys that work the task itself: focus, placing and carrying options, emptying, checking.
    /// The screen around it has already taken the keys that leave, move on, show help or scroll.
    mutating func work(key: Key) -> WorkEvent? {
        guard !isFinished else { return nil }
        let options = task.options
        follow = .focus
        switch key {
        case .left, .right: keyboardOn = carrying == nil ? .chip : .blank   // a carried chip moves between blanks
        case .tab, .backTab, .char, .backspace, .delete: keyboardOn = .blank
        case .ctrl, .up, .down, .home, .end, .pageUp, .pageDown, .enter, .escape: break
        }
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
            return put(letter, in: blank)
        case .left:
            if carrying != nil { moveFocus(by: -1) } else { chipCursor = max(0, chipCursor - 1) }
        case .right:
            if carrying != nil { moveFocus(by: 1) } else { chipCursor = min(options.count - 1, chipCursor + 1) }
        case .char(" "):
            if let letter = carrying {
                return drop(letter)
            } else if options.indices.contains(chipCursor) {
                carrying = options[chipCursor].letter
                // Carry toward the first empty blank: that is almost always where it is going.
                if let blank = focusedBlank, filled[blank] != nil { focusNextEmpty() }
            }
        case .enter:
            if let letter = carrying { return drop(letter) }
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

    /// Scrolls from what the learner sees (the view may have followed the focus or the feedback).
    mutating func scroll(by rows: Int, _ context: ScreenContext) {
        scroll = context.scrolled(follow == .scroll ? scroll : context.scrollOffset, by: rows)
        follow = .scroll
    }

    /// Home and End: the top, the bottom.
    mutating func scroll(to top: Bool, _ context: ScreenContext) {
        scroll = top ? 0 : context.scrollLimit
        follow = .scroll
    }

    private mutating func drop(_ letter: String) -> WorkEvent? {
        carrying = nil
        guard let blank = focusedBlank else { return nil }
        return put(letter, in: blank)
    }

    /// Places an option and moves the focus to the next empty blank; says what happened.
    private mutating func put(_ letter: String, in blank: Int) -> WorkEvent {
        let from = self.blank(holding: letter).flatMap { $0 == blank ? nil : $0 }
        place(letter, in: blank)
        focusNextEmpty()
        let next = focusedBlank.flatMap { filled[$0] == nil ? $0 : nil }
        return .placed(letter: letter, blank: blank, from: from, next: next)
    }

    /// Mouse: click a blank then a chip; or press on a chip, drag, release over a blank. The wheel
    /// scrolls. Clicks never check; a placement is said back.
    mutating func work(mouse: MouseEvent, _ context: ScreenContext) -> WorkEvent? {
        switch mouse.kind {
        case .wheelDown: scroll(by: 1, context); return nil
        case .wheelUp: scroll(by: -1, context); return nil
        case .press, .release, .move: break
        }
        guard !isFinished else { return nil }
        follow = .focus
        switch (mouse.kind, mouse.target) {
        case (.press, .blank(let n)?):
            if let i = task.blanks.firstIndex(of: n) { focus = i }
            dragging = nil
            keyboardOn = .blank
        case (.press, .chip(let index)?):
            chipCursor = index
            keyboardOn = .chip
            dragging = task.options[index].letter
            carrying = nil
        case (.release, .blank(let n)?):
            if let letter = dragging {
                dragging = nil
                keyboardOn = .blank
                if let i = task.blanks.firstIndex(of: n) { focus = i }
                return put(letter, in: n)
            }
        case (.release, .chip(let index)?):
            // Press and release on the same chip is a click: it goes into the focused blank.
            defer { dragging = nil }
            if let letter = dragging, task.options[index].letter == letter, let blank = focusedBlank {
                keyboardOn = .blank
                return put(letter, in: blank)
            }
        case (.release, _):
            dragging = nil
        default:
            break
        }
        return nil
    }
}
