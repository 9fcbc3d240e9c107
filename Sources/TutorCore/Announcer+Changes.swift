import Foundation

/// What changed within one screen, said as a short line (see `Announcer.announce`).
extension Announcer {
    static func change(from before: State, to after: State) -> String? {
        switch (before.screen, after.screen) {
        case (.menu(let a), .menu(let b)):
            return a.selected != b.selected ? menuRow(b.selected, after) : nil
        case (.modes(let a), .modes(let b)):
            return a.selected != b.selected ? focus(after) : nil
        case (.overview(let a), .overview(let b)):
            return a.selected != b.selected ? focus(after) : scrolled(a.scroll, b.scroll, limit: after.scrollLimit)
        case (.summary(let a), .summary(let b)):
            return scrolled(a.scroll, b.scroll, limit: after.scrollLimit)
        case (.page(let a), .page(let b)):
            return scrolled(a.scroll, b.scroll, limit: after.scrollLimit)
        case (.fill(let a), .fill(let b)):
            return fill(a, b, wayOn: b.taskIndex + 1 < b.taskCount ? "Press n for the next task." : "Press n for the summary.")
        case (.choice(let a), .choice(let b)):
            return choice(a, b)
        case (.visualize(let a), .visualize(let b)):
            return visualizer(a, b)
        case (.test(let a), .test(let b)):
            if b.isFinished && !a.isFinished { return testResult(b) }
            if b.isFinished { return scrolled(a.scroll, b.scroll, limit: after.scrollLimit) }
            if a.isFinished || b.index < a.index { return intro(after) }
            if b.index != a.index { return "Answer recorded. Question \(Spoken.of(b.index + 1, b.items.count)). " + workFocus(b.work) }
            return work(a.work, b.work, wayOn: nil)
        case (.challenge(let a), .challenge(let b)):
            return challenge(a, b, before: before, after: after)
        case (.review(let a), .review(let b)):
            return review(a, b, after)
        case (.playground(let a), .playground(let b)):
            return playground(a, b)
        case (.menu, _), (.modes, _), (.overview, _), (.summary, _), (.page, _), (.fill, _), (.choice, _), (.visualize, _),
             (.test, _), (.challenge, _), (.review, _), (.playground, _):
            return nil
        }
    }

    static func scrolled(_ a: Int, _ b: Int, limit: Int) -> String? {
        guard a != b else { return nil }
        if b <= 0 { return "Top." }
        if b >= limit { return "End." }
        return "Scrolled to line \(b + 1)."
    }

    static func work(_ a: ItemWork, _ b: ItemWork, wayOn: String?) -> String? {
        switch (a, b) {
        case (.fill(let x), .fill(let y)): fill(x, y, wayOn: wayOn)
        case (.choice(let x), .choice(let y)): choice(x, y)
        case (.fill, .choice), (.choice, .fill): workFocus(b)
        }
    }

    /// A fill task: a check's verdict, a placement, a pick-up, the focus or the chip cursor moving, the
    /// hint shown.
    static func fill(_ a: FillState, _ b: FillState, wayOn: String?) -> String? {
        if a.outcome != b.outcome {
            switch b.outcome {
            case .solved: return "Correct! " + (wayOn ?? "") + (b.task.answerWhy.map { " Why: " + Spoken.text($0) } ?? "")
            case .missed: return "Out of attempts: the answer is filled in. The common mistakes explain it; r tries the task afresh."
            case .working: return "The task afresh, \(attempts(b.attemptsLeft)). " + fillFocus(b)
            }
        }
        if b.attemptsLeft < a.attemptsLeft {
            let wrong = b.wrongBlanks.sorted()
            var line = "Not quite: blank\(wrong.count == 1 ? "" : "s") \(wrong.map(String.init).joined(separator: " and ")) \(wrong.count == 1 ? "is" : "are") wrong, \(attempts(b.attemptsLeft))."
            if let first = b.lastWrong.first(where: { b.wrongBlanks.contains($0.blank) }) {
                // What PyTorch does with it, else the option's own why (both are shown under the verdict).
                if let claim = b.task.claim(first.letter, in: first.blank) {
                    line += " With \(first.letter) there, PyTorch \(claim.outcomeText)"
                } else if let why = b.task.option(first.letter)?.why {
                    line += " \(first.letter): " + Spoken.text(why)
                }
            }
            return line
        }
        if a.carrying == nil, let letter = b.carrying {
            let text = b.task.option(letter)?.text ?? ""
            return "Carrying \(letter), \(text), to blank \(b.focusedBlank.map(String.init) ?? "none"). Space drops it, Escape puts it back."
        }
        if a.filled != b.filled {
            if let (n, letter) = b.filled.first(where: { a.filled[$0.key] != $0.value }).map({ ($0.key, $0.value) }) {
                let from = a.filled.first { $0.value == letter && b.filled[$0.key] != letter }?.key
                var line = from.map { "Moved \(letter) from blank \($0) to blank \(n)." } ?? "Placed \(letter) in blank \(n)."
                if b.isComplete {
                    line += " Every blank is filled. Press Enter to check."
                } else if let next = b.focusedBlank, b.filled[next] == nil {
                    line += " Next: blank \(next), empty."
                }
                return line
            }
            if let n = a.filled.keys.sorted().first(where: { b.filled[$0] == nil }) { return "Blank \(n) emptied." }
        }
        if let letter = a.carrying, b.carrying == nil { return "Put \(letter) back." }
        if b.carrying != nil, a.focus != b.focus { return "Carrying \(b.carrying ?? "") to blank \(b.focusedBlank.map(String.init) ?? "none")." }
        if a.focus != b.focus || (a.keyboardOn != b.keyboardOn && b.keyboardOn == .blank) { return fillFocus(b) }
        if a.chipCursor != b.chipCursor || a.keyboardOn != b.keyboardOn { return fillFocus(b) }
        if !a.showsHint && b.showsHint { return "Hint: " + Spoken.text(b.task.hint) }
        if !a.showsMistakes && b.showsMistakes { return "Common mistakes shown below the code." }
        return nil
    }

    static func choice(_ a: ChoiceState, _ b: ChoiceState) -> String? {
        if a.answered == nil, let answered = b.answered {
            // The option's own why (main's feedback that teaches) is said with the verdict, as it is shown.
            if b.isCorrect {
                return "Correct: \(answered). " + (b.question.option(answered)?.why.map { "Why: " + Spoken.text($0) } ?? "The worked solution follows.")
            }
            return "Not quite: you chose \(answered); the answer is \(b.question.answer). "
                + (b.question.option(answered)?.why.map { "Why not \(answered): " + Spoken.text($0) } ?? "The worked solution follows.")
        }
        if !a.revealed && b.revealed { return "The time ran out: the answer is \(b.question.answer)." }
        if a.selected != b.selected || a.ruledOut != b.ruledOut { return choiceFocus(b) }
        if !a.showsHint && b.showsHint { return "Hint: " + Spoken.text(b.question.hint) }
        return nil
    }

    static func visualizer(_ a: VisualizerState, _ b: VisualizerState) -> String? {
        if a.item != b.item { return "Visualization \(Spoken.of(b.item + 1, b.itemCount)). " + (b.gradient?.sentence(batch: b.batchElement) ?? b.stepSentence) }
        if (a.gradient == nil) != (b.gradient == nil) {
            return b.gradient.map { "Gradient view. " + $0.sentence(batch: b.batchElement) } ?? "Forward view. " + b.stepSentence
        }
        if let g = b.gradient, a.gradient?.revealed != g.revealed || a.seed != b.seed { return g.sentence(batch: b.batchElement) }
        if a.seed != b.seed { return "New weights from seed \(b.seed). " + b.stepSentence }
        if a.revealed != b.revealed { return b.stepSentence }
        if a.batchElement != b.batchElement { return "Batch element \(Spoken.of(b.batchElement + 1, b.batchCount)). " + b.stepSentence }
        if a.focusLayer != b.focusLayer { return "Layer \(b.focusLayer) in focus." }
        if a.playing != b.playing {
            return b.playing ? "Playing: a step every \(VisualizerState.playInterval) seconds; Space pauses." : "Paused at step \(Spoken.of(b.revealed, b.stepCount))."
        }
        return nil
    }

    static func challenge(_ a: ChallengeState, _ b: ChallengeState, before: State, after: State) -> String? {
        if b.isFinished && !a.isFinished { return intro(after) }
        if b.isFinished { return scrolled(a.scroll, b.scroll, limit: after.scrollLimit) }
        if a.isFinished || b.index != a.index { return intro(after) }
        if a.outcome != b.outcome {
            let next = b.isLast ? "Enter shows the result." : "n for the next one."
            switch b.outcome {
            case .solved: return "Solved. " + next
            case .missed: return "Missed: the solution is shown. " + next
            case .timedOut: return "Time is up: the solution is shown. " + next
            case .working: return intro(after)
            }
        }
        if let line = work(a.work, b.work, wayOn: nil) { return line }
        // The clock: said at half a minute and ten seconds left, not every second.
        if b.outcome == .working {
            let was = a.secondsLeft(at: before.now), now = b.secondsLeft(at: after.now)
            for mark in [30, 10] where was > mark && now <= mark { return "\(mark) seconds left." }
        }
        return nil
    }

    static func review(_ a: ReviewState, _ b: ReviewState, _ after: State) -> String? {
        if b.isFinished && !a.isFinished { return intro(after) }
        if b.isFinished { return scrolled(a.scroll, b.scroll, limit: after.scrollLimit) }
        if b.queue.graded.count != a.queue.graded.count, let last = b.queue.graded.last {
            return "Graded \(last.grade.label). Item \(Spoken.of(b.place.shown, b.place.of)). " + focus(after)
        }
        if !a.revealed && b.revealed, case .card(let card)? = b.current(in: after.lessons)?.content {
            return "Answer: " + Spoken.text(card.answer) + " " + gradeKeys
        }
        // A task or question answered in review: its verdict, then the grade its answer earned.
        if a.pendingGrade == nil, let grade = b.pendingGrade {
            let verdict = a.work.flatMap { x in b.work.flatMap { y in work(x, y, wayOn: nil) } } ?? ""
            return verdict.trimmingCharacters(in: .whitespaces) + " Graded \(grade.label): n for the next item."
        }
        if let x = a.work, let y = b.work, let line = work(x, y, wayOn: nil) { return line }
        return scrolled(a.scroll, b.scroll, limit: after.scrollLimit)
    }

    static func playground(_ a: PlaygroundState, _ b: PlaygroundState) -> String? {
        if !a.running && b.running { return "Running." }
        if a.running && !b.running || a.output != b.output {
            let lines = b.outputLines
            let last = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "nothing"
            if b.failed { return "It raised: \(last)" }
            // The pane keeps the last lines of a long output; the count is of all that was printed.
            let count = lines.count > PlaygroundState.outputLineLimit ? PlaygroundState.printedLineCount(b.output ?? "") : lines.count
            return "Ran: printed \(count) line\(count == 1 ? "" : "s"); the last: \(last)"
        }
        if a.row != b.row { return "Line \(Spoken.of(b.row + 1, b.lines.count)): \(b.lines[b.row].isEmpty ? "blank" : b.lines[b.row])" }
        return nil
    }
}
