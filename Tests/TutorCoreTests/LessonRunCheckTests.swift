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
}
