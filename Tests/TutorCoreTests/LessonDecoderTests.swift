import Foundation
import Testing
@testable import TutorCore

@Suite struct LessonDecoderTests {
    static let header = "format_version: 1\nid: l\ntitle: T\ntopic: PyTorch\n"

    static func task(_ extra: String = "", code: String = "x = [1]", answers: String = "{1: A}") -> String {
        """
        try:
          minutes: 1
          tasks:
            - id: t
              difficulty: easy
              prompt: P
              code: "\(code)"
              options: {A: a, B: b}
              answers: \(answers)
              hint: H
              common_mistakes: []
        \(extra)
        """
    }

    @Test func collectsEveryProblemNotJustTheFirst() {
        let yaml = Self.header + """
        try:
          minutes: 1
          tasks:
            - id: t
              difficulty: trivial
              prompt: P
              code: "x = [1]"
              options: {A: a, C: b}
              answers: {1: A}
              hnit: H
              common_mistakes: []
        practise:
          minutes: 1
        """
        let problems = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml").problems
        let messages = problems.map(\.message)
        #expect(messages.contains { $0.hasPrefix("unknown difficulty 'trivial'") })
        #expect(messages.contains { $0.contains("expected 'B', found 'C'") })
        #expect(messages.contains { $0.hasPrefix("unknown key 'hnit' (did you mean 'hint'?)") })
        #expect(messages.contains { $0.hasPrefix("missing required key 'hint' in task 't'") })
        #expect(messages.contains { $0.hasPrefix("unknown mode 'practise' (did you mean 'practice'?)") })
        #expect(problems == problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    @Test func aTaskWithProblemsIsNeverSilentlyDropped() {
        let yaml = Self.header + Self.task(answers: "{1: Z}")
        let decoded = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml")
        #expect(decoded.lesson?.tryIt?.tasks.isEmpty == true)
        #expect(decoded.problems.map(\.message) == ["answer 'Z' for blank [1] is not one of the options (A, B)"])
        #expect(decoded.problems.first?.line == 13)
    }

    @Test func duplicateKeysInAFlowMappingAreFound() {
        let yaml = Self.header + Self.task(answers: "{1: A, 1: B}")
        let problems = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml").problems
        #expect(problems.map(\.message) == ["blank [1] has two answers (first on line 13)"])
        #expect(problems.first.map { ($0.line, $0.column) } ?? (0, 0) == (13, 23))
    }

    @Test func severalDuplicateKeysAreAllReported() {
        let yaml = Self.header + "title: again\ntopic: again\nintro:\n  minutes: 1\n  blocks: [{text: hi}]\n"
        let messages = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml").problems.map(\.message)
        #expect(messages == ["duplicate key 'title' (first written on line 3)", "duplicate key 'topic' (first written on line 4)"])
    }

    @Test func attemptsDefaultToThreeAndCanBeSet() throws {
        let yaml = Self.header + Self.task()
        let task = try #require(LessonDecoder.decodeLesson(yaml: yaml, file: "f").lesson?.tryIt?.tasks.first)
        #expect(task.attempts == 3)
        let five = Self.header + Self.task().replacingOccurrences(of: "hint: H", with: "hint: H\n      attempts: 5")
        #expect(LessonDecoder.decodeLesson(yaml: five, file: "f").lesson?.tryIt?.tasks.first?.attempts == 5)
    }

    @Test func challengeItemsDefaultToNinetySecondsAndTwoAttempts() throws {
        let yaml = Self.header + """
        challenge:
          minutes: 2
          items:
            - type: fill
              id: c
              difficulty: hard
              prompt: P
              code: "[1]"
              options: {A: a, B: b}
              answers: {1: B}
              hint: H
              common_mistakes: [m]
            - type: choice
              id: d
              difficulty: easy
              time_limit: 30
              question: Q
              options: {A: a, B: b}
              answer: A
              solution: [{title: S, text: T}]
              final_answer: a
              quick_check: a [OK]
              hint: H
              common_mistakes: []
        """
        let decoded = LessonDecoder.decodeLesson(yaml: yaml, file: "f")
        #expect(decoded.problems == [])
        let items = try #require(decoded.lesson?.challenge?.items)
        #expect(items.map(\.timeLimit) == [90, 30])
        #expect(items.map(\.attempts) == [2, 2])
        #expect(items.map(\.id) == ["c", "d"])
        #expect(decoded.lesson?.item(id: "d")?.difficulty == .easy)
    }

    @Test func blocksDecodeInOrder() throws {
        let yaml = Self.header + """
        deep:
          minutes: 3
          blocks:
            - heading: H
            - text: T
            - code: |
                a = 1
            - diagram: |2
                   x
                 --+--
            - list: [one, two]
        """
        let page = try #require(LessonDecoder.decodeLesson(yaml: yaml, file: "f").lesson?.deep)
        #expect(page.blocks == [.heading("H"), .text("T"), .code("a = 1"), .diagram("   x\n --+--"), .list(["one", "two"])])
    }

    @Test func visualizeReadsABatchedInput() throws {
        let yaml = Self.header + """
        visualize:
          minutes: 1
          module: GRU
          input_size: 1
          hidden_size: 2
          state_dict: weights.json
          input: [[[1], [2]], [[3], [4]], [[5], [6]]]
        """
        let v = try #require(LessonDecoder.decodeLesson(yaml: yaml, file: "f").lesson?.visualize)
        #expect(v.inputShape == [3, 2, 1] && v.input == [1, 2, 3, 4, 5, 6] && v.sequenceLength == 3)
        #expect(v.weights == .stateDict("weights.json") && v.numLayers == 1 && !v.bidirectional)
    }

    @Test func visualizeRejectsNonlinearityOnLSTMAndBothWeights() {
        let yaml = Self.header + """
        visualize:
          minutes: 1
          module: LSTM
          input_size: 1
          hidden_size: 2
          nonlinearity: relu
          seed: 1
          state_dict: w.json
          input: [[1]]
        """
        let messages = LessonDecoder.decodeLesson(yaml: yaml, file: "f").problems.map(\.message)
        #expect(messages.contains("'nonlinearity' applies only to module RNN, not LSTM"))
        #expect(messages.contains("give either 'seed' or 'state_dict' in the 'visualize' mode, not both"))
    }

    @Test func aTestItemCanNameAReviewCardOnlyByMistake() {
        let yaml = Self.header + """
        review:
          minutes: 1
          cards: [{id: card, prompt: p, answer: a}]
        test:
          minutes: 1
          items: [card]
        """
        let messages = LessonDecoder.decodeLesson(yaml: yaml, file: "f").problems.map(\.message)
        #expect(messages.contains("the test names 'card', which is not a try task, practice question or challenge item"))
    }

    @Test func aLessonWithoutModesIsAProblem() {
        let messages = LessonDecoder.decodeLesson(yaml: Self.header, file: "f").problems.map(\.message)
        #expect(messages.count == 1 && messages[0].hasPrefix("the lesson has no learning mode"))
    }

    @Test func syntaxErrorsCarryTheirPosition() {
        let problems = LessonDecoder.decodeLesson(yaml: "id: [unclosed\ntitle: x\n", file: "f.yaml").problems
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((problems.first?.line ?? 0) >= 1)
    }

    @Test func courseRejectsRepeatsAndUnknownVersions() {
        let repeated = LessonDecoder.decodeCourse(yaml: "format_version: 1\nlessons: [a, b, a]\n", file: "course.yaml")
        #expect(repeated.problems.map(\.message) == ["lesson 'a' is listed twice (first on line 2)"])
        #expect(repeated.course?.lessonIDs == ["a", "b"])
        let future = LessonDecoder.decodeCourse(yaml: "format_version: 9\nlessons: [a]\n", file: "course.yaml")
        #expect(future.course == nil)
        #expect(future.problems.first?.message == "unknown format_version '9'; this version of unroll reads 1")
    }
}

@Suite struct LessonReadmeTests {
    /// The README's complete example must stay valid: its only problem is the shortened test.
    @Test func theReadmeExampleDecodes() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let afterHeading = try #require(text.components(separatedBy: "## A complete example\n\n```yaml\n").last)
        let example = try #require(afterHeading.components(separatedBy: "```").first)
        let decoded = LessonDecoder.decodeLesson(yaml: example, file: "README.md")
        #expect(decoded.problems.map(\.message) == ["the test has 3 items; it needs 10"])
        #expect(decoded.lesson?.modes == Mode.allCases)
        #expect(decoded.lesson?.tryIt?.tasks.first?.answerLetters == ["A", "B"])
    }
}
