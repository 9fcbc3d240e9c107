import Testing
@testable import TutorCore

/// A test naming an item: the message says what is wrong with the name, not something else.
@Suite struct LessonTestItemTests {
    @Test func aTestNamingATaskWithProblemsSaysSoAndNotThatItIsNoTask() {
        let yaml = LessonDecoderTests.header + LessonDecoderTests.task(answers: "{1: Z}") + """

        review:
          minutes: 1
          cards:
            - {id: card, prompt: P, answer: A}
        test:
          minutes: 1
          items: [t, card]
        """
        let messages = LessonDecoder.decodeLesson(yaml: yaml, file: "f.yaml").problems.map(\.message)
        #expect(messages.contains("the test names 't', which has problems of its own (listed at its lines)"))
        #expect(messages.contains("the test names 'card', which is not a try task, practice question or challenge item"))
        #expect(!messages.contains { $0.hasPrefix("the test names 't', which is not") })
    }
}
