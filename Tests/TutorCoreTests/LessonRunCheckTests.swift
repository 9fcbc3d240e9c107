import Foundation
import Testing
@testable import TutorCore

/// `run:` data: decoded with positions, and proven by running the code (MiniPy).
@Suite struct LessonRunCheckTests {
    static func lesson(_ tasks: String) -> LessonDecoding {
        LessonDecoder.decodeLesson(yaml: """
            format_version: 1
            id: run-check
            title: Run check
            topic: PyTorch
            try:
              minutes: 2
              tasks:
            \(tasks)
            """, file: "run.yaml")
    }

    static let numLayersTask = """
            - id: t-layers
              difficulty: easy
              prompt: Make a simple RNN.
              code: |
                rnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=[1])
              options: {A: "1", B: "0", C: "2"}
              answers: {1: ANSWER}
              hint: At least one layer.
              common_mistakes: []
              run:
                prelude: import torch
                then: print(rnn)
                expect: {prints: "RNN(10, 20)"}
                options:
                  CLAIMS
        """

    static func task(answer: String, claims: String) -> String {
        numLayersTask.replacingOccurrences(of: "ANSWER", with: answer).replacingOccurrences(of: "CLAIMS", with: claims)
    }

    @Test func seedLessonKeysAreProven() throws {
        let (lesson, problems) = try LessonSeedTests.seedLesson()
        #expect(problems == [])
        #expect(LessonRunCheck.problems(lesson, file: "seed.yaml") == [])
        let tasks = try #require(lesson.tryIt?.tasks)
        #expect(tasks.allSatisfy { $0.run != nil })
        let questions = try #require(lesson.practice?.questions)
        #expect(questions[2].run?.expect == .printsAnswer)
        #expect(questions[3].run?.expect == .raises("RuntimeError: input.size(-1) must be equal to input_size. Expected 8, got 10"))
        let cases = LessonRunCheck.cases(lesson)
        // Every option in every blank: task 1 has 3 wrong options, task 5 has 3 blanks × 3 others.
        #expect(cases.filter { $0.itemID == "try-num-layers" }.count == 4)
        #expect(cases.filter { $0.itemID == "try-dict-upper-length" }.count == 10)
        #expect(cases.contains { $0.itemID == "try-forward-input" && $0.label == "option A in blank [1]"
                && $0.expect == .raises("NameError: name 'output' is not defined") })
    }

    @Test func aRightKeyPasses() throws {
        let d = Self.lesson(Self.task(answer: "A", claims: "B: {raises: \"ValueError: num_layers must be greater than zero\"}"))
        #expect(d.problems == [])
        #expect(LessonRunCheck.problems(try #require(d.lesson), file: "run.yaml") == [])
    }

    @Test func aWrongKeyIsCaught() throws {
        let d = Self.lesson(Self.task(answer: "C", claims: "B: {raises: ValueError}"))
        #expect(d.problems == [])
        let problems = LessonRunCheck.problems(try #require(d.lesson), file: "run.yaml")
        #expect(problems.map(\.description) == [
            "run.yaml:18:9: run: task 't-layers': the answer key (C) should print \"RNN(10, 20)\", but it printed \"RNN(10, 20, num_layers=2)\"",
        ])
    }

    @Test func aWrongOptionClaimingAnErrorItDoesNotCauseIsCaught() throws {
        let d = Self.lesson(Self.task(answer: "A", claims: "C: {raises: \"ValueError: num_layers must be greater than zero\"}"))
        let problems = LessonRunCheck.problems(try #require(d.lesson), file: "run.yaml")
        #expect(problems.map(\.description) == [
            "run.yaml:22:11: run: task 't-layers': option C in blank [1] should raise ValueError: num_layers must be greater than zero, but it printed \"RNN(10, 20, num_layers=2)\"",
        ])
    }

    @Test func badRunDataIsADecodingProblem() {
        let unknown = Self.lesson(Self.task(answer: "A", claims: "B: {raise: ValueError}"))
        #expect(!unknown.problems.isEmpty)
        #expect(unknown.problems.first?.message.contains("raise") == true)
        let onAnswer = Self.lesson(Self.task(answer: "A", claims: "A: {runs: true}"))
        #expect(onAnswer.problems.map(\.message) == ["option 'A' is the answer for blank [1]; claims are for wrong options"])
        let notAnOption = Self.lesson(Self.task(answer: "A", claims: "E: {runs: true}"))
        #expect(notAnOption.problems.map(\.message) == ["'run' claims something of option 'E', which is not one of the options (A, B, C)"])
    }

    static let weightShapeTask = """
            - id: t-weights
              difficulty: easy
              prompt: Build weight_ih_l0 for torch.nn.RNN(2, 3).
              code: |
                rnn = torch.nn.RNN(2, 3)
                sd = {"weight_ih_l0": torch.zeros([1]), "weight_hh_l0": torch.zeros(3, 3),
                      "bias_ih_l0": torch.zeros(3), "bias_hh_l0": torch.zeros(3)}
                rnn.load_state_dict(sd)
              options: {A: "3, 2", B: "2, 3"}
              answers: {1: A}
              hint: (out, in).
              common_mistakes: []
              run:
                prelude: import torch
                then: print(rnn.weight_ih_l0.shape)
                expect: {prints: "torch.Size([3, 2])"}
                options:
                  B: {raises: "CLAIM"}
        """

    /// torch's load_state_dict message takes two lines, the second indented with a tab: a `raises` claim holds
    /// it verbatim (a tab is allowed there, never in text that is drawn), and a wrong one is still caught.
    @Test func aMultiLineErrorIsClaimedVerbatim() throws {
        let message = #"RuntimeError: Error(s) in loading state_dict for RNN:\n\tsize mismatch for weight_ih_l0: copying a param with shape torch.Size([2, 3]) from checkpoint, the shape in current model is torch.Size([3, 2])."#
        let right = Self.lesson(Self.weightShapeTask.replacingOccurrences(of: "CLAIM", with: message))
        #expect(right.problems == [])
        #expect(LessonRunCheck.problems(try #require(right.lesson), file: "run.yaml") == [])
        let wrong = Self.lesson(Self.weightShapeTask.replacingOccurrences(of: "CLAIM", with: message.replacingOccurrences(of: "[2, 3]", with: "[2, 2]")))
        let problems = LessonRunCheck.problems(try #require(wrong.lesson), file: "run.yaml")
        #expect(problems.count == 1)
        // One line per problem: the message's newline and tab are shown escaped.
        #expect(problems.first?.description.hasSuffix(#"but it raised RuntimeError: Error(s) in loading state_dict for RNN:\u{A}\u{9}size mismatch for weight_ih_l0: copying a param with shape torch.Size([2, 3]) from checkpoint, the shape in current model is torch.Size([3, 2])."#) == true)
        let tabInHint = Self.lesson(Self.weightShapeTask.replacingOccurrences(of: "CLAIM", with: message)
            .replacingOccurrences(of: "hint: (out, in).", with: "hint: \"(out,\\tin).\""))
        #expect(tabInHint.problems.map(\.message) == ["'hint' contains a tab character (indent with spaces); lesson text must reach the terminal as plain text"])
    }

    static func playground(_ snippet: String) -> LessonDecoding {
        LessonDecoder.decodeLesson(yaml: """
            format_version: 1
            id: run-check
            title: Run check
            topic: PyTorch
            playground:
              minutes: 2
              snippets:
                - id: playground-one
                  title: One
                  code: |
            \(snippet)
            """, file: "run.yaml")
    }

    /// Every playground snippet is run: it must run, or raise exactly the error its `raises` names.
    @Test func playgroundSnippetsMustRunOrNameTheirError() throws {
        let fine = Self.playground("            import torch\n            print(torch.zeros(2).shape)")
        #expect(fine.problems == [])
        #expect(LessonRunCheck.problems(try #require(fine.lesson), file: "run.yaml") == [])

        let broken = Self.playground("            print(torch.zeros(2).shape)")
        #expect(LessonRunCheck.problems(try #require(broken.lesson), file: "run.yaml").map(\.description) == [
            "run.yaml:8:7: run: playground 'playground-one': the snippet should run without an error, but it raised NameError: name 'torch' is not defined",
        ])

        let shown = Self.playground("            print(torch.zeros(2).shape)\n      raises: \"NameError: name 'torch' is not defined\"")
        #expect(shown.problems == [])
        #expect(LessonRunCheck.problems(try #require(shown.lesson), file: "run.yaml") == [])
        let cases = LessonRunCheck.cases(try #require(shown.lesson))
        #expect(cases.count == 1 && cases[0].isSnippet)
    }
}
