import TutorCore

/// A fill-in-blank task: header, prompt, the code with its blanks as slots, the option chips, and
/// the feedback, hint and common mistakes. Right, wrong and focused each carry a mark or a word as
/// well as a style, so nothing depends on colour.
enum FillView {
    static func hints(_ f: FillState) -> String {
        let next = f.taskIndex + 1 < f.taskCount ? "n next" : "n summary"
        if f.outcome == .missed { return "r retry · \(next) · p previous · m mistakes · ? help · q back" }
        if f.isFinished { return "\(next) · p previous · h hint · m mistakes · ? help · q back" }
        if f.carrying != nil { return "← → Tab move · Space/Enter drop · ? help · Esc put back" }
        return "Tab blank · \(letterRange(f.task.options)) place · ←→ Space drag · Enter check · h hint · ? help · q back"
    }

    /// "a-d", "a-f": the option letters there are.
    static func letterRange(_ options: [Option]) -> String {
        guard let first = options.first, let last = options.last else { return "" }
        return first.letter.lowercased() + "-" + last.letter.lowercased()
    }

    /// `before` is the item's status in the progress file, shown as a mark in the header; `hints`
    /// off hides hint offers (the test); `wayOn` is what a right answer or a miss leads to (Try: the
    /// next task or the summary; nil where the screen around says it).
    static func render(_ fill: FillState, before: ItemStatus = .unseen, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs,
                       hints: Bool = true, wayOn: String? = nil) {
        let compact = area.height < 18
        var doc = Doc(width: area.width - 2)
        let task = fill.task

        var header = [Span("Task \(glyphs.count(fill.taskIndex + 1, of: fill.taskCount))", .bold), Span(" · \(task.difficulty.rawValue) · "),
                      Span("Attempts: \(fill.attemptsLeft) left")]
        switch fill.outcome {
        case .solved: header.append(Span(glyphs.headerVerdict(true, "solved"), .good))
        case .missed: header.append(Span(glyphs.headerVerdict(false, "missed"), .bad))
        case .working:
            // Only before this visit's first check: after it, the screen's own marks say more.
            if fill.attemptsLeft == fill.task.attempts { header += ProgressMark.spans(before, glyphs: glyphs) }
        }
        doc.line(header + AdaptedMark.spans(task.adapted, after: header, width: doc.width))
        if !compact { doc.gap() }
        doc.paragraph(task.prompt, .bold)
        if !compact { AdaptedMark.note(task.adapted, into: &doc) }
        if !compact { doc.gap() }

        doc.line([Span("PyTorch", .dim)])
        for segments in task.lines {
            var spans: [(span: Span, atomic: Bool)] = []
            for segment in segments {
                switch segment {
                case .text(let text):
                    spans.append((Span(text, Style(color: .accent)), false))
                case .blank(let n):
                    if n == fill.focusedBlank, !fill.isFinished, fill.follow == .focus { doc.pin = doc.count }
                    spans.append((blankSpan(n, fill: fill, glyphs: glyphs), true))
                }
            }
            doc.flow(spans, indent: glyphs.vertical + " ", continuation: glyphs.vertical + "   ")
        }
        if !compact { doc.gap() }

        if glyphs.linear {
            options(fill, into: &doc)
        } else {
            if !fill.isFinished {
                doc.line([Span("Drag options to blanks, or click blank then click option", .dim)])
            }
            var chips: [(span: Span, atomic: Bool)] = []
            for (index, option) in task.options.enumerated() {
                if index > 0 { chips.append((Span("  "), false)) }
                chips.append((chipSpan(index, option: option, fill: fill, glyphs: glyphs), true))
            }
            doc.flow(chips)
        }
        doc.gap()

        // Just after a check, the view shows the feedback from its first row (on a small screen the
        // code scrolls away above it; PgUp brings it back).
        if fill.follow == .feedback { doc.anchor = doc.count }
        feedback(fill, into: &doc, glyphs: glyphs, hints: hints, wayOn: wayOn)
        // A small screen keeps the code near the prompt: the note waits at the end (PgDn reaches it).
        if compact, task.adapted != nil { doc.gap(); AdaptedMark.note(task.adapted, into: &doc) }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: fill.scroll)
    }

    /// `[1]` while empty; the chip's text once filled; reversed with arrows when focused; a cross
    /// after it when the last check found it wrong.
    static func blankSpan(_ n: Int, fill: FillState, glyphs: Glyphs) -> Span {
        let focused = n == fill.focusedBlank && !fill.isFinished
        var text: String
        var style = Style(bold: true, underline: true)
        if let letter = fill.filled[n], let option = fill.task.option(letter) {
            text = option.text
        } else {
            // A reader says "[1]" as "1", the same as an option 1 in the blank: it says "blank 1".
            text = glyphs.linear ? "[blank \(n)]" : "[\(n)]"
            style = Style(bold: true)
        }
        if focused {
            text = fill.carrying.flatMap { fill.task.option($0) }.map { "\(glyphs.arrowRight)\($0.text)?" } ?? "\(glyphs.focusLeft)\(text)\(glyphs.focusRight)"
            style.reverse = true
        }
        if fill.wrongBlanks.contains(n) {
            text += glyphs.cross
            style.color = .bad
        } else if fill.outcome == .solved {
            style.color = .good
        }
        return Span(text, style, hit: .blank(n))
    }

    /// `[A] 1`; reversed under the keyboard cursor; a placed chip dimmed with the blank it sits in.
    static func chipSpan(_ index: Int, option: Option, fill: FillState, glyphs: Glyphs) -> Span {
        var text = "[\(option.letter)] \(option.text)"
        var style = Style.plain
        if let blank = fill.blank(holding: option.letter) {
            text += " \(glyphs.arrowRight)[\(blank)]"
            style = .dim
        }
        if fill.carrying == option.letter || fill.dragging == option.letter {
            text = "\(glyphs.arrowUp)" + text
            style = Style(color: .accent, bold: true)
        }
        if index == fill.chipCursor && !fill.isFinished {
            style.reverse = true
        }
        return Span(text, style, hit: .chip(index))
    }

    static func feedback(_ fill: FillState, into doc: inout Doc, glyphs: Glyphs, hints: Bool = true, wayOn: String? = nil) {
        let task = fill.task
        switch fill.outcome {
        case .solved:
            // The verdict has the focus once the task is over (a reader's cursor goes there).
            let focused = doc.count
            doc.paragraph("Correct!" + (wayOn.map { " " + $0 } ?? ""), .good, first: glyphs.check + " ")
            doc.focusRow(focused)
            if case .prints? = task.run?.expect, let expect = task.run?.expect {
                doc.paragraph(expect.outcomeText, first: "It now ", firstStyle: .bold)
            }
            // Why it is right: the answer options' own `why` (a hint nudges; it is not the reason).
            if let why = task.answerWhy { doc.paragraph(why, first: "Why: ", firstStyle: .bold) }
        case .missed:
            let answer = task.blanks.compactMap { n in task.answers[n].map { "[\(n)] = \($0)" } }.joined(separator: ", ")
            let focused = doc.count
            doc.paragraph("Out of attempts: the answer is filled in (\(answer)). The common mistakes explain it."
                          + (wayOn.map { " r tries the task afresh. " + $0 } ?? ""), .bad, first: glyphs.cross + " ")
            doc.focusRow(focused)
            wrongOptions(fill, fill.lastWrong, into: &doc, glyphs: glyphs)
            if case .prints? = task.run?.expect, let expect = task.run?.expect {
                doc.paragraph(expect.outcomeText, first: "With the answer it ", firstStyle: .bold)
            }
            // Why it is right: the answer options' own `why` (a hint nudges; it is not the reason).
            if let why = task.answerWhy { doc.paragraph(why, first: "Why: ", firstStyle: .bold) }
        case .working:
            if let letter = fill.carrying, let blank = fill.focusedBlank {
                doc.paragraph("Carrying \(letter) to blank [\(blank)]: ← → or Tab to move, Space or Enter to drop, Esc to put back.", Style(color: .accent), first: glyphs.arrowUp + " ")
            } else if !fill.wrongBlanks.isEmpty {
                let wrong = fill.wrongBlanks.sorted().map { "[\($0)]" }.joined(separator: ", ")
                let plural = fill.wrongBlanks.count == 1 ? "blank \(wrong) is" : "blanks \(wrong) are"
                doc.paragraph("Not quite: \(plural) wrong. \(fill.attemptsLeft) attempt\(fill.attemptsLeft == 1 ? "" : "s") left.", .bad, first: glyphs.cross + " ")
                wrongOptions(fill, fill.lastWrong.filter { fill.wrongBlanks.contains($0.blank) }, into: &doc, glyphs: glyphs)
            } else if fill.isComplete {
                doc.line([Span("Every blank is filled: Enter checks.", .dim)])
            }
        }
        if fill.showsHint {
            doc.paragraph(fill.task.hint, .plain, first: "Hint: ", firstStyle: Style(color: .warn, bold: true))
        }
        if fill.showsMistakes {
            doc.line([Span("Common Mistakes:", Style(color: .warn, bold: true))])
            for mistake in fill.task.commonMistakes {
                doc.paragraph(mistake, first: "  \(glyphs.bullet) ")
            }
        }
        if hints, !fill.showsHint || !fill.showsMistakes {
            let offers = [fill.showsHint ? nil : "h hint", fill.showsMistakes ? nil : "m common mistakes"].compactMap { $0 }
            doc.line([Span(offers.joined(separator: " · "), .dim)])
        }
    }
}

extension FillView {
    /// Screen-reader mode: one option to a line, saying where it sits ("B. len(word), in blank 2"), so
    /// the cursor on the line the arrows moved to reads it whole.
    static func options(_ fill: FillState, into doc: inout Doc) {
        if !fill.isFinished { doc.line([Span("Options (a letter puts one in the focused blank):", .dim)]) }
        for (index, option) in fill.task.options.enumerated() {
            var text = "\(option.letter). \(option.text)"
            if let blank = fill.blank(holding: option.letter) { text += ", in blank \(blank)" }
            if fill.carrying == option.letter { text += ", being moved" }
            let under = index == fill.chipCursor && !fill.isFinished
            if under, fill.keyboardOn == .chip { doc.pin = doc.count }
            doc.line([Span("  "), Span(text, under ? Style(bold: true, reverse: true) : .plain, hit: .chip(index))])
        }
    }

    /// For each wrong blank: what PyTorch does with the chosen option there (the lesson's `run:` claim,
    /// proven by `unroll check`), and the option's own `why`.
    static func wrongOptions(_ fill: FillState, _ wrong: [(blank: Int, letter: String)], into doc: inout Doc, glyphs: Glyphs) {
        for (blank, letter) in wrong {
            guard let option = fill.task.option(letter) else { continue }
            let claim = fill.task.claim(letter, in: blank)
            guard claim != nil || option.why != nil else { continue }
            let lead = "  [\(blank)] = \(option.text) \(glyphs.arrowRight) "
            if let claim {
                doc.paragraph("PyTorch: " + claim.outcomeText, Style(color: .bad), first: lead, firstStyle: .bold)
            }
            if let why = option.why {
                doc.paragraph(why, first: claim == nil ? lead : String(repeating: " ", count: DisplayWidth.of(lead)), firstStyle: .bold)
            }
        }
    }
}
