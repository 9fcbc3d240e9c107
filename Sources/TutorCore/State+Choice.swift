extension State {
    mutating func updateChoice(_ choice: inout ChoiceState, key: Key) -> [Effect] {
        let count = choice.question.options.count
        switch key {
        case .char("q"), .escape:
            return back()
        case .char("n"):
            return choice.questionIndex + 1 < choice.questionCount
                ? replaceTask(.practice, lessonIndex: choice.lessonIndex, task: choice.questionIndex + 1) : []
        case .char("p"):
            return choice.questionIndex > 0
                ? replaceTask(.practice, lessonIndex: choice.lessonIndex, task: choice.questionIndex - 1) : []
        case .char("h"):
            choice.showsHint.toggle()
            if choice.showsHint { return record(.hintSeen(lesson: lessonID(choice.lessonIndex), item: choice.question.id, at: now)) }
        case .up, .char("k"):
            if choice.answered == nil { choice.selected = max(0, choice.selected - 1) } else { choice.scroll = max(0, choice.scroll - 1) }
        case .down, .char("j"):
            if choice.answered == nil { choice.selected = min(count - 1, choice.selected + 1) } else { choice.scroll = min(scrollLimit, choice.scroll + 1) }
        case .pageDown:
            choice.scroll = min(scrollLimit, choice.scroll + max(1, size.height / 2))
        case .pageUp:
            choice.scroll = max(0, choice.scroll - max(1, size.height / 2))
        case .char(let c) where c.isLetter && choice.answered == nil:
            if let i = choice.question.options.firstIndex(where: { $0.letter == String(c).uppercased() }) { choice.selected = i }
        case .enter where choice.answered == nil:
            return answer(&choice, letter: choice.question.options[choice.selected].letter)
        default:
            break
        }
        return []
    }

    mutating func updateChoice(_ choice: inout ChoiceState, mouse: MouseEvent) -> [Effect] {
        if wheel(mouse.kind, &choice.scroll) { return [] }
        switch (mouse.kind, mouse.target) {
        case (.press, .choice(let i)?) where choice.answered == nil:
            // First click selects, a second click on the same option answers.
            if choice.selected == i { return answer(&choice, letter: choice.question.options[i].letter) }
            choice.selected = i
        default:
            break
        }
        return []
    }

    /// One answer per question: it is graded, the worked solution opens, and all of it is recorded.
    private mutating func answer(_ choice: inout ChoiceState, letter: String) -> [Effect] {
        choice.answered = letter
        choice.scroll = 0
        let lesson = lessonID(choice.lessonIndex)
        let id = choice.question.id
        var effects = record(.attempt(lesson: lesson, item: id, answer: choice.answer(mode: .practice, at: now)))
        if !choice.isCorrect { effects += record(.missed(lesson: lesson, item: id, at: now)) }
        effects += record(.solutionSeen(lesson: lesson, item: id, at: now))
        return effects
    }
}
