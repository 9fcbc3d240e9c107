extension ChoiceState {
    /// The keys that work the question itself: choosing an option and answering; once answered, ↑ ↓
    /// scroll the solution. The screen around it has taken the keys that leave or move on.
    mutating func work(key: Key, _ context: ScreenContext) -> WorkEvent? {
        let count = question.options.count
        switch key {
        case .up, .char("k"):
            if answered == nil { selected = max(0, selected - 1) } else { scroll = context.scrolled(scroll, by: -1) }
        case .down, .char("j"):
            if answered == nil { selected = min(count - 1, selected + 1) } else { scroll = context.scrolled(scroll, by: 1) }
        case .char(let c) where c.isLetter && answered == nil:
            if let i = question.options.firstIndex(where: { $0.letter == String(c).uppercased() }) { selected = i }
        case .enter where answered == nil:
            return answer(question.options[selected].letter)
        case .char, .ctrl, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete, .escape:
            break
        }
        return nil
    }

    /// First click selects, a second click on the same option answers; the wheel scrolls.
    mutating func work(mouse: MouseEvent, _ context: ScreenContext) -> WorkEvent? {
        switch (mouse.kind, mouse.target) {
        case (.wheelDown, _):
            scroll = context.scrolled(scroll, by: 1)
        case (.wheelUp, _):
            scroll = context.scrolled(scroll, by: -1)
        case (.press, .choice(let i)?) where answered == nil:
            if selected == i { return answer(question.options[i].letter) }
            selected = i
        default:
            break
        }
        return nil
    }

    /// One answer per question: it is graded and the worked solution opens.
    private mutating func answer(_ letter: String) -> WorkEvent {
        answered = letter
        scroll = 0
        return .checked(correct: isCorrect)
    }
}

/// The Practice screen: one multiple-choice question, then its worked solution.
extension ChoiceState: ScreenModel {
    public var screen: Screen { .choice(self) }
    public var position: ScreenPosition? { ScreenPosition(.practice, lessonIndex, questionIndex) }
    public var helpTitle: String { "Multiple choice" }
    public var help: [HelpEntry] {
        [
            HelpEntry("↑ ↓  " + (question.options.first?.letter.lowercased() ?? "a") + "-" + (question.options.last?.letter.lowercased() ?? "d"), "choose an option"),
            HelpEntry("Enter", "answer (one answer per question), then read the solution"),
            HelpEntry("↑ ↓ PgUp PgDn Home End", "scroll the solution"),
            HelpEntry("h", "hint"),
            HelpEntry("n  p", "next, previous question (after the last: the summary)"),
            HelpEntry("mouse", "click an option, click again to answer"),
            HelpEntry("q  Esc", "back to the modes"),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            // The work first: `recorded` must read the state after it.
            let event = work(mouse: mouse, context)
            return recorded(event, context)
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"), .escape:
            return [.pop]
        case .char("n"):
            // After the last question, the summary: the score, what was missed, and the way on.
            return questionIndex + 1 < questionCount ? [.open(.practice, lessonIndex: lessonIndex, task: questionIndex + 1, .replace)]
                : [.replace(.summary(SummaryState(lessonIndex: lessonIndex, mode: .practice)))]
        case .char("p"):
            return questionIndex > 0 ? [.open(.practice, lessonIndex: lessonIndex, task: questionIndex - 1, .replace)] : []
        case .char("h"):
            showsHint.toggle()
            return showsHint ? [.record(.hintSeen(lesson: context.lessonID(lessonIndex), item: question.id, at: context.now))] : []
        case .pageDown:
            scroll = context.scrolled(scroll, by: context.page)
            return []
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
            return []
        case .home:
            scroll = 0
            return []
        case .end:
            scroll = context.scrollLimit
            return []
        case .char, .ctrl, .up, .down, .left, .right, .enter, .tab, .backTab, .backspace, .delete:
            // The work first: `recorded` must read the state after it.
            let event = work(key: key, context)
            return recorded(event, context)
        }
    }

    /// An answer is recorded with its grade; a wrong one as missed; the solution is seen either way.
    private func recorded(_ event: WorkEvent?, _ context: ScreenContext) -> [Command] {
        switch event {
        case .checked(let correct)?:
            let lesson = context.lessonID(lessonIndex)
            var commands: [Command] = [.record(.attempt(lesson: lesson, item: question.id, answer: answer(mode: .practice, at: context.now)))]
            if !correct { commands.append(.record(.missed(lesson: lesson, item: question.id, at: context.now))) }
            commands.append(.record(.solutionSeen(lesson: lesson, item: question.id, at: context.now)))
            return commands
        case .incomplete?, .placed?, nil:
            return []
        }
    }
}
