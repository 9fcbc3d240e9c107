import Testing
@testable import TutorCore

@Suite struct LessonTextTests {
    static var lesson: Lesson {
        var l = Lesson(id: "l", title: "Title", topic: "PyTorch")
        l.tryIt = TrySection(minutes: 2, tasks: [
            FillTask(id: "t", difficulty: .easy, prompt: "Fill it.", code: "rnn = RNN(num_layers=[1])",
                     options: [Option(letter: "A", text: "1"), Option(letter: "B", text: "0")],
                     answers: [1: "A"], hint: "One.", commonMistakes: ["Zero."]),
        ])
        l.practice = PracticeSection(minutes: 1, questions: [
            ChoiceQuestion(id: "q", difficulty: .hard, question: "Which?", options: [Option(letter: "A", text: "x"), Option(letter: "B", text: "y")],
                           answer: "B", solution: [SolutionStep(title: "Think", text: "It is y.")], finalAnswer: "y -> Option B",
                           quickCheck: "y [OK]", hint: "Not x.", commonMistakes: []),
        ])
        l.review = ReviewSection(minutes: 1, cards: [ReviewCard(id: "r", prompt: "Front", answer: "Back")])
        return l
    }

    @Test func withoutAnswersNothingGivesThemAway() {
        let text = LessonText.render(Self.lesson)
        #expect(text.contains("    rnn = RNN(num_layers=[1])"))
        #expect(text.contains("Hint: One."))
        #expect(!text.contains("Answer"))
        #expect(!text.contains("<- answer"))
        #expect(!text.contains("It is y."))
        #expect(!text.contains("Back"))
    }

    @Test func withAnswersTheyAreMarked() {
        let text = LessonText.render(Self.lesson, answers: true)
        #expect(text.contains("  A. 1  <- answer"))
        #expect(text.contains("Answer: [1] = A (1)"))
        #expect(text.contains("Answer: B"))
        #expect(text.contains("  Step 1: Think\n    It is y."))
        #expect(text.contains("  Final answer: y -> Option B"))
        #expect(text.contains("A: Back"))
    }

    @Test func modesAppearInOrderWithMinutes() {
        let text = LessonText.render(Self.lesson)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(5) == ["Title", "=====", "id: l", "topic: PyTorch", "modes: try (2 min), practice (1 min), review (1 min)"])
        let headings = lines.filter { $0.hasSuffix(" min") && !$0.hasPrefix("modes") }
        #expect(headings == ["Try - 2 min", "Practice - 1 min", "Review - 1 min"])
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"))
    }
}
