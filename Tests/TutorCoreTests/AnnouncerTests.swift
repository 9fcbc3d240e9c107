import Foundation
import Testing
@testable import TutorCore

/// Screen-reader mode's status row: what each key changed, from the states before and after it.
@Suite struct AnnouncerTests {
    /// The seed lesson in screen-reader mode, open in `mode` at `task`.
    func reader(_ mode: Mode, task: Int = 0) -> State {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: task)
        return state
    }

    /// What one key announces (the announcement after it, when it changed).
    func says(_ state: inout State, _ key: Key) -> String? {
        let before = state.announcement
        _ = state.update(.key(key))
        return state.announcement == before ? nil : state.announcement
    }

    @Test func aTryTaskSaysTheBlankTheOptionsAndEachPlacement() {
        var s = reader(.try, task: 4)
        #expect(Announcer.intro(s) == "Task 5 of 5. Blank 1 of 3, empty. Options: A word.upper(), B len(word), C >, D word.")
        #expect(says(&s, .char("a")) == "Placed A in blank 1. Next: blank 2, empty.")
        #expect(says(&s, .tab) == "Blank 3 of 3, empty. Options: A word.upper(), B len(word), C >, D word.")
        #expect(says(&s, .backTab) == "Blank 2 of 3, empty. Options: A word.upper(), B len(word), C >, D word.")
        #expect(says(&s, .char("b")) == "Placed B in blank 2. Next: blank 3, empty.")
        #expect(says(&s, .char("c")) == "Placed C in blank 3. Every blank is filled. Press Enter to check.")
        #expect(says(&s, .char("1")) == "Blank 1 of 3 holds A, word.upper().")
        #expect(says(&s, .char("c")) == "Moved C from blank 3 to blank 1. Next: blank 3, empty.")
        #expect(says(&s, .backspace) == nil)   // blank 3 was already empty
        _ = s.update(.key(.char("1")))
        #expect(says(&s, .backspace) == "Blank 1 emptied.")
    }

    @Test func arrowsSayTheChipAndSpaceCarriesIt() {
        var s = reader(.try, task: 4)
        #expect(says(&s, .right) == "Option B, len(word). Space picks it up; a letter places it.")
        #expect(says(&s, .char(" ")) == "Carrying B, len(word), to blank 1. Space drops it, Escape puts it back.")
        #expect(says(&s, .tab) == "Carrying B to blank 2.")
        #expect(says(&s, .char(" ")) == "Placed B in blank 2. Next: blank 3, empty.")
        _ = s.update(.key(.right))
        _ = s.update(.key(.char(" ")))
        #expect(says(&s, .escape) == "Put C back.")
    }

    @Test func aCheckSaysTheVerdictAndWhatPyTorchDoes() {
        var s = reader(.try, task: 0)
        _ = s.update(.key(.char("b")))
        #expect(says(&s, .enter) == "Not quite: blank 1 is wrong, 2 attempts left. With B there, PyTorch raises ValueError: num_layers must be greater than zero"
                || s.announcement?.hasPrefix("Not quite: blank 1 is wrong, 2 attempts left. With B there, PyTorch") == true)
        _ = s.update(.key(.char("a")))
        // The answer's own why is said after the way on (the way on survives a status row cut short).
        #expect(says(&s, .enter) == "Correct! Press n for the next task. Why: One layer is the simple RNN the task asks for (and the default).")
        #expect(says(&s, .char("n"))?.hasPrefix("Task 2 of 5. Blank 1 of 1, empty.") == true)
    }

    /// Day 1 of a learner who missed two items on day 0: the menu, then `v`'s review session, read aloud.
    func dayOneReader() -> State {
        let lesson = SeedLesson.lesson
        var p = LearnerProgress()
        let day0 = Date(timeIntervalSince1970: 1_796_288_400)
        p.apply(.attempt(lesson: lesson.id, item: "try-hidden-zeros", answer: Answer(at: day0, mode: .try, chosen: ["B"], correct: false, attempt: 1, seconds: 20, grade: nil)))
        p.apply(.attempt(lesson: lesson.id, item: "try-hidden-zeros", answer: Answer(at: day0, mode: .try, chosen: ["A"], correct: true, attempt: 2, seconds: 20, grade: .hard)))
        p.apply(.attempt(lesson: lesson.id, item: "practice-output-shape", answer: Answer(at: day0, mode: .practice, chosen: ["A"], correct: false, attempt: 1, seconds: 20, grade: .again)))
        var s = State(lessons: [lesson], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        s.progress = p
        s.now = day0.addingTimeInterval(86_400)
        return s
    }

    @Test func theMenuSaysWhatIsDueAndTheReviewSaysEachItemAndItsGrade() {
        var s = dayOneReader()
        let due = s.reviewOutlook.total
        #expect(due > 2)
        #expect(Announcer.intro(s).hasPrefix("Menu. \(due) due for review: v starts it. Lesson 1 of 1: Why RNNs handle sequences in PyTorch, \(due) due, "))
        #expect(says(&s, .char("v")) == "Review, item 1 of \(due). Blank 1 of 1, empty. Options: A 1, B 0, C 2, D 20.")
        #expect(says(&s, .char("a")) == "Placed A in blank 1. Every blank is filled. Press Enter to check.")
        #expect(says(&s, .enter) == "Correct! Graded Good: n for the next item.")
        #expect(says(&s, .char("n")) == "Graded Good. Item 2 of \(due). Option A of 4: (4, 3, 2). Enter answers.")
        // A wrong option says why it is wrong, as the screen does under the verdict.
        #expect(says(&s, .enter)?.hasPrefix("Not quite: you chose A; the answer is C. Why not A: This puts hidden_size (3) where the batch (2) goes") == true)
        #expect(s.announcement?.hasSuffix(" Graded Again: n for the next item.") == true)
        #expect(says(&s, .char("n")) == "Graded Again. Item 3 of \(due + 1). Answer in your head, then Space shows the answer.")
        #expect(says(&s, .char(" ")) == "Answer: Its hidden state, a memory of the inputs seen so far. Grade it: 1 again, 2 hard, 3 good, 4 easy.")
        #expect(says(&s, .char("3"))?.hasPrefix("Graded Good. Item 4 of \(due + 1).") == true)
        while let r = s.review, !r.isFinished {
            if r.work != nil { _ = s.update(.key(.char("q"))); break }
            _ = s.update(.key(.char(" ")))
            _ = s.update(.key(.char("3")))
        }
        if s.review?.isFinished == true {
            #expect(s.announcement?.hasPrefix("Review done: ") == true)
        }
    }

    @Test func aWrongOptionWithoutARunClaimSaysItsWhy() {
        var lesson = SeedLesson.lesson
        lesson.tryIt!.tasks[0].run = nil
        var s = State(lessons: [lesson], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        _ = s.openLesson(at: 0)
        _ = s.open(.try, lessonIndex: 0, task: 0)
        _ = s.update(.key(.char("b")))
        #expect(says(&s, .enter) == "Not quite: blank 1 is wrong, 2 attempts left. B: num_layers counts the stacked layers; an RNN with no layer would compute nothing.")
    }

    @Test func practiceSaysTheOptionAndTheAnswer() {
        var s = reader(.practice)
        #expect(says(&s, .down)?.hasPrefix("Option B of 4: Because they keep a memory") == true)
        #expect(says(&s, .enter) == "Correct: B. The worked solution follows.")
    }

    @Test func menusSayTheRowTheCursorIsOn() {
        var s = State(lessons: [SeedLesson.lesson, SeedLesson.lesson], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        #expect(says(&s, .down) == "Lesson 2 of 2: Why RNNs handle sequences in PyTorch, not started, 0 of 13 answered.")
        #expect(says(&s, .enter) == "Modes. Intro, syntax and examples, 4 minutes, recommended.")
        #expect(says(&s, .down) == "Why, the big idea, before and after, 4 minutes.")
        _ = s.update(.key(.down))
        _ = s.update(.key(.down))
        #expect(s.announcement == "Try, fill in the blanks, 6 minutes, not started.")
        #expect(says(&s, .char("?"))?.hasPrefix("Keys for Choose your learning style") == true)
        #expect(says(&s, .char("x")) == "Help closed. Try, fill in the blanks, 6 minutes, not started.")
    }

    @Test func theVisualizerSaysEachStepInSentences() {
        var s = reader(.visualize)
        #expect(says(&s, .right) == "Step 1 of 4, layer 0 forward, t equals 0: h is plus 0.12, minus 0.16, plus 0.26; it went up most in unit 2, by 0.26, because its weighted sum before tanh is plus 0.26.")
        _ = s.update(.key(.right))
        #expect(says(&s, .right) == "Step 3 of 4, layer 0 forward, t equals 2: h is plus 0.32, plus 0.17, plus 0.22; it went up most in unit 0, by 0.84, because its weighted sum before tanh is plus 0.34.")
        #expect(says(&s, .char(" ")) == "Playing: a step every 0.6 seconds; Space pauses.")
        #expect(says(&s, .char(" ")) == "Paused at step 3 of 4.")
        #expect(says(&s, .char("r"))?.hasPrefix("New weights from seed 1. Step 3 of 4") == true)
    }

    @Test func nothingIsSaidWhenNothingChangedAndNothingOutsideTheMode() {
        var s = reader(.try, task: 4)
        _ = s.update(.key(.char("a")))
        let said = s.announcement
        _ = s.update(.layout(scrollLimit: 3, scrollOffset: 0))
        _ = s.update(.key(.up))
        #expect(s.announcement == said)
        var plain = SeedLesson.state(.try, task: 4)
        plain.send(.char("a"), .tab)
        #expect(plain.announcement == nil)
    }

    @Test func theChallengeClockIsSaidAtThirtyAndTenSecondsLeft() {
        var s = reader(.challenge)
        let start = s.now
        _ = s.update(.tick(start.addingTimeInterval(30)))
        #expect(s.announcement == nil)   // the row shows the screen's intro; a tick says nothing new
        _ = s.update(.tick(start.addingTimeInterval(61)))
        #expect(s.announcement == "30 seconds left.")
        _ = s.update(.tick(start.addingTimeInterval(75)))
        #expect(s.announcement == "30 seconds left.")
        _ = s.update(.tick(start.addingTimeInterval(81)))
        #expect(s.announcement == "10 seconds left.")
    }

    @Test func thePlaygroundSaysTheLineAndWhatARunPrinted() {
        var s = reader(.playground)
        #expect(says(&s, .down) == "Line 2 of 5: rnn = torch.nn.RNN(input_size=10, hidden_size=20)")
        #expect(says(&s, .ctrl("r")) == "Running.")
        _ = s.update(.snippetRan(output: "torch.Size([5, 3, 20])\ntorch.Size([1, 3, 20])\n", failed: false))
        #expect(s.announcement == "Ran: printed 2 lines; the last: torch.Size([1, 3, 20])")
    }

    @Test func aNoticeIsSaidWhenItArrives() {
        var s = reader(.try)
        _ = s.update(.notice("Progress could not be saved: disk full."))
        #expect(s.announcement == "Progress could not be saved: disk full.")
    }
}

@Suite struct SpokenTests {
    @Test(arguments: [(Float(0.3215), "plus 0.32"), (-0.17, "minus 0.17"), (0.0001, "0"), (-0.004, "0"), (1, "plus 1"), (0.8, "plus 0.8"), (-12.5, "minus 12.5")])
    func numbersAreSaidWithTheirSignAsAWord(value: Float, said: String) {
        #expect(Spoken.number(value) == said)
    }

    @Test func keysAreSpelledOut() {
        #expect(Spoken.keys("Tab S-Tab 1-9") == "Tab, Shift-Tab or 1 to 9")
        #expect(Spoken.keys("q  Esc") == "q or Escape")
        #expect(Spoken.keys("↑ ↓  k j") == "Up, Down, k or j")
        #expect(Spoken.keys("PgUp PgDn Home End") == "Page Up, Page Down, Home or End")
        #expect(Spoken.keys("keys of the item") == "keys of the item")
        #expect(Spoken.sentence(HelpEntry("a-d", "put that option in the focused blank")) == "a to d: put that option in the focused blank.")
        #expect(Spoken.sentence(HelpEntry("Space", "pick it up; ← → carry it")) == "Space: pick it up; Left Right carry it.")
    }

    @Test func everyScreensHelpReadsWithoutSymbols() {
        for mode in Mode.listed {
            let state = SeedLesson.state(mode)
            for entry in state.screen.help {
                let sentence = Spoken.sentence(entry)
                #expect(!sentence.contains { "←→↑↓·✓✗█░".contains($0) }, "\(sentence)")
            }
        }
    }
}
