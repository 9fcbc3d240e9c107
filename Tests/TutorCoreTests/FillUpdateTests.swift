import Testing
@testable import TutorCore

@Suite struct FillUpdateTests {
    @Test func letterPlacesTheOptionAndEnterSolvesTask1() {
        var state = SeedLesson.state(.try, task: 0)
        state.send(.char("a"))
        #expect(state.fill?.filled == [1: "A"])
        state.send(.enter)
        #expect(state.fill?.outcome == .solved)
        state.send(.char("n"))
        #expect(state.fill?.taskIndex == 1)
        state.send(.char("p"))
        #expect(state.fill?.taskIndex == 0)
    }

    @Test func enterWithAnEmptyBlankSaysSoAndDoesNotCostAnAttempt() {
        var state = SeedLesson.state(.try, task: 4)
        state.send(.char("a"), .enter)
        #expect(state.note == "Fill every blank first (1 of 3 filled).")
        #expect(state.fill?.attemptsLeft == 3)
    }

    @Test func lettersFillBlanksInOrderAndTheKeyAnswersTask5() {
        var state = SeedLesson.state(.try, task: 4)
        state.send(.char("a"), .char("b"), .char("c"))
        #expect(state.fill?.filled == [1: "A", 2: "B", 3: "C"])
        state.send(.enter)
        #expect(state.fill?.outcome == .solved)
    }

    @Test func keyboardDragAloneSolvesTask5() {
        var state = SeedLesson.state(.try, task: 4)
        // Chip A to blank 1: pick up, drop.
        state.send(.char(" "), .char(" "))
        // Chip B to blank 2: move right, pick up (focus is already on the next empty blank), drop with Enter.
        state.send(.right, .char(" "), .enter)
        // Chip C: pick up, carry with ← → and Tab, drop.
        state.send(.right, .char(" "))
        #expect(state.fill?.carrying == "C")
        state.send(.left, .tab, .char(" "))
        #expect(state.fill?.filled == [1: "A", 2: "B", 3: "C"])
        state.send(.enter)
        #expect(state.fill?.outcome == .solved)
    }

    @Test func escapePutsACarriedChipBackBeforeLeaving() {
        var state = SeedLesson.state(.try, task: 0)
        state.send(.char(" "))
        #expect(state.fill?.carrying == "A")
        state.send(.escape)
        #expect(state.fill?.carrying == nil)
        #expect(state.fill != nil)
        state.send(.escape)
        #expect(state.fill == nil)
    }

    @Test func wrongChecksMarkBlanksCostAttemptsAndTheThirdMissFillsTheAnswer() {
        var state = SeedLesson.state(.try, task: 1)
        state.send(.char("b"), .enter)
        #expect(state.fill?.wrongBlanks == [1])
        #expect(state.fill?.attemptsLeft == 2)
        #expect(state.fill?.showsHint == true)
        state.send(.char("c"))
        #expect(state.fill?.wrongBlanks == [])  // changing a blank clears its mark
        state.send(.enter, .char("d"), .enter)
        #expect(state.fill?.outcome == .missed)
        #expect(state.fill?.attemptsLeft == 0)
        #expect(state.fill?.filled == [1: "A"])
        #expect(state.fill?.showsMistakes == true)
        state.send(.char("b"))
        #expect(state.fill?.filled == [1: "A"])  // a finished task no longer changes
    }

    @Test func tabShiftTabAndDigitsMoveTheFocus() {
        var state = SeedLesson.state(.try, task: 4)
        state.send(.tab)
        #expect(state.fill?.focusedBlank == 2)
        state.send(.backTab, .backTab)
        #expect(state.fill?.focusedBlank == 3)
        state.send(.char("1"))
        #expect(state.fill?.focusedBlank == 1)
        state.send(.char("9"))
        #expect(state.fill?.focusedBlank == 1)
    }

    @Test func placingAUsedChipMovesItAndBackspaceEmpties() {
        var state = SeedLesson.state(.try, task: 3)
        state.send(.char("a"))           // A into [1], focus → [2]
        state.send(.char("a"))           // A moves to [2]
        #expect(state.fill?.filled == [2: "A"])
        #expect(state.fill?.focusedBlank == 1)  // focus went on to the empty blank
        state.send(.backspace)
        #expect(state.fill?.filled == [2: "A"])
        state.send(.char("2"), .delete)
        #expect(state.fill?.filled == [:])
    }

    @Test func hintAndMistakesToggle() {
        var state = SeedLesson.state(.try, task: 0)
        state.send(.char("h"), .char("m"))
        #expect(state.fill?.showsHint == true && state.fill?.showsMistakes == true)
        state.send(.char("h"))
        #expect(state.fill?.showsHint == false)
    }

    @Test func mouseClickBlankThenClickChip() {
        var state = SeedLesson.state(.try, task: 3)
        state.click(.blank(2))
        state.click(.chip(1))
        state.click(.chip(1), .release)
        #expect(state.fill?.filled == [2: "B"])
    }

    @Test func mouseDragChipOntoBlank() {
        var state = SeedLesson.state(.try, task: 3)
        state.click(.chip(0))
        _ = state.update(.mouse(MouseEvent(kind: .move, column: 3, row: 3)))
        state.click(.blank(1), .release)
        #expect(state.fill?.filled == [1: "A"])
        #expect(state.fill?.dragging == nil)
        // A release anywhere else drops nothing.
        state.click(.chip(1))
        _ = state.update(.mouse(MouseEvent(kind: .release, column: 70, row: 20)))
        #expect(state.fill?.filled == [1: "A"])
    }

    @Test func pageDownStopsAtTheScrollLimit() {
        var state = SeedLesson.state(.try, task: 4, size: Size(width: 40, height: 12))
        _ = state.update(.layout(scrollLimit: 3))
        state.send(.pageDown, .pageDown)
        #expect(state.fill?.scroll == 3)
        state.send(.pageUp)
        #expect(state.fill?.scroll == 0)
    }
}

extension FillUpdateTests {
    @Test func theWheelScrollsWithinTheMeasuredLimitOnEveryScrollingScreen() {
        for mode in [Mode.try, .practice, .intro, .review] {
            var state = SeedLesson.state(mode, task: 0, size: Size(width: 40, height: 12))
            _ = state.update(.layout(scrollLimit: 2))
            for _ in 0..<5 { _ = state.update(.mouse(MouseEvent(kind: .wheelDown, column: 1, row: 3))) }
            _ = state.update(.mouse(MouseEvent(kind: .wheelUp, column: 1, row: 3)))
            let scroll: Int? = switch state.screen {
            case .fill(let f): f.scroll
            case .choice(let c): c.scroll
            case .page(let p): p.scroll
            case .review(let r): r.scroll
            default: nil
            }
            #expect(scroll == 1, "\(mode)")
        }
    }
}
