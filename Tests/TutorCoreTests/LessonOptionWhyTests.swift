import Foundation
import Testing
@testable import TutorCore

/// `why:` on an option: why it is right or wrong, shown after an answer and checked by `unroll check`.
@Suite struct LessonOptionWhyTests {
    static func lesson(options: String) -> String {
        LessonDecoderTests.header + """
        try:
          minutes: 1
          tasks:
            - id: t
              difficulty: easy
              prompt: P
              code: "x = [1]"
              options:
        \(options)
              answers: {1: A}
              hint: H
              common_mistakes: []
        """
    }

    @Test func anOptionMayCarryItsWhy() throws {
        let yaml = Self.lesson(options: """
                A: {text: "1", why: One layer is the simplest RNN.}
                B: "0"
        """)
        let decoded = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml")
        #expect(decoded.problems.isEmpty)
        let task = try #require(decoded.lesson?.tryIt?.tasks.first)
        #expect(task.options == [Option(letter: "A", text: "1", why: "One layer is the simplest RNN."), Option(letter: "B", text: "0")])
        // `unroll print --answers` shows it; without answers it would give the answer away.
        let lesson = try #require(decoded.lesson)
        #expect(LessonText.render(lesson, answers: true).contains("why: One layer is the simplest RNN."))
        #expect(!LessonText.render(lesson, answers: false).contains("One layer is the simplest RNN."))
    }

    @Test func theCheckerNamesWhatIsWrongWithAnOptionsWhy() {
        let yaml = Self.lesson(options: """
                A: {text: "1", whyy: typo}
                B: {why: no text}
                C: {text: c, why: ""}
        """)
        let messages = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml").problems.map(\.message)
        #expect(messages.contains("unknown key 'whyy' (did you mean 'why'?) in option A"))
        #expect(messages.contains("missing required key 'text' in option B"))
        #expect(messages.contains { $0.contains("'why'") && $0.contains("empty") })
    }
}
