import Foundation
import Testing
@testable import TutorCore

/// `teaches:` (where the lesson teaches an item: a page heading, a visualizer step, a playground snippet)
/// and `adapted:` (what a task or question changed from its source page), decoded, checked and printed.
@Suite struct LessonTeachesTests {
    /// A lesson with a why page, a visualizer of 3 steps, a playground snippet, and a task, a question
    /// and a card carrying the given extra keys.
    static func lesson(task: String = "", question: String = "", card: String = "") -> String {
        LessonDecoderTests.header + """
        why:
          minutes: 1
          blocks:
            - heading: Big idea
            - text: Memory.
            - heading: Key takeaways
            - list: [one]
        try:
          minutes: 1
          tasks:
            - id: t
              difficulty: easy
              prompt: P
              code: "x = [1]"
              options: {A: "1", B: "2"}
              answers: {1: A}
              hint: H
              common_mistakes: []
        \(task)
        practice:
          minutes: 1
          questions:
            - id: q
              difficulty: easy
              question: Q?
              options: {A: a, B: b}
              answer: A
              solution: [{title: S, text: T}]
              final_answer: a
              quick_check: a
              hint: H
              common_mistakes: []
        \(question)
        review:
          minutes: 1
          cards:
            - id: c
              prompt: P
              answer: A
        \(card)
        visualize:
          minutes: 1
          module: RNN
          input_size: 1
          hidden_size: 1
          seed: 0
          input: [[1.0], [2.0], [3.0]]
        playground:
          minutes: 1
          snippets:
            - id: playground-h0
              title: h0
              code: print(1)
        """
    }

    static func problems(task: String = "", question: String = "", card: String = "") -> [String] {
        LessonDecoder.decodeLesson(yaml: lesson(task: task, question: question, card: card), file: "f.yaml").problems.map(\.message)
    }

    @Test func eachItemKindMayNameWhereItIsTaught() throws {
        let decoded = LessonDecoder.decodeLesson(yaml: Self.lesson(task: "      teaches: why:big IDEA",
                                                                   question: "      teaches: visualize:step 3",
                                                                   card: "      teaches: playground:playground-h0"), file: "f.yaml")
        #expect(decoded.problems.isEmpty)
        let lesson = try #require(decoded.lesson)
        #expect(lesson.tryIt?.tasks[0].teaches == .page(.why, heading: "big IDEA"))
        #expect(lesson.practice?.questions[0].teaches == .visualize(step: 3))
        #expect(lesson.review?.cards[0].teaches == .playground(snippet: "playground-h0"))
        #expect(lesson.teaches(itemID: "c") == .playground(snippet: "playground-h0"))
        // The label the leech card shows: the heading as the page writes it, the snippet's title.
        #expect(TeachesLink.page(.why, heading: "big IDEA").label(in: lesson) == "Why · Big idea")
        #expect(TeachesLink.playground(snippet: "playground-h0").label(in: lesson) == "Playground · h0")
        #expect(lesson.visualizeStepCount == 3)
        let printed = LessonText.render(lesson)
        #expect(printed.contains("Taught in: why:big IDEA"))
        #expect(printed.contains("Taught in: visualize:step 3"))
        #expect(printed.contains("Taught in: playground:playground-h0"))
    }

    @Test(arguments: [
        ("whyy:Big idea", "'teaches: whyy:Big idea' names no place this lesson format knows (did you mean 'why'?); write one of intro, why, deep, visualize, playground, then ':' and where in it"),
        ("why:Big ide", "teaches 'why:Big ide', but the 'why' page has no heading 'Big ide' (did you mean 'Big idea'?)"),
        ("why:Scenario", "teaches 'why:Scenario', but the 'why' page has no heading 'Scenario'; its headings are 'Big idea', 'Key takeaways'"),
        ("deep:The cell", "teaches 'deep:The cell', but the lesson has no 'deep' page"),
        ("visualize:step 4", "teaches 'visualize:step 4', but the visualizer has steps 1 to 3"),
        ("visualize:3", "'teaches: visualize:3': a visualizer step is written 'visualize:step N' (N the step the visualizer counts, 1 for the first)"),
        ("playground:playground-h1", "teaches 'playground:playground-h1', but the playground has no snippet 'playground-h1' (did you mean 'playground-h0'?)"),
        ("why:", "'teaches: why:' names no place after ':'; leave the ':' out to open why from the start"),
    ])
    func aLinkThatLeadsNowhereIsAProblemAtItsLine(link: String, message: String) {
        #expect(Self.problems(task: "      teaches: \"\(link)\"") == [message])
        #expect(Self.problems(card: "      teaches: \"\(link)\"") == [message])
    }

    @Test func theProblemIsReportedWhereTheLinkIsWritten() throws {
        let problems = LessonDecoder.decodeLesson(yaml: Self.lesson(question: "      teaches: why:Nowhere"), file: "f.yaml").problems
        let problem = try #require(problems.first)
        let line = Self.lesson(question: "      teaches: why:Nowhere").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("why:Nowhere") }.map { $0 + 1 }
        #expect(problem.line == line)
        #expect(problem.column == 16)   // the value, after "      teaches: "
    }

    @Test func adaptedIsOneLineShownByPrint() throws {
        let decoded = LessonDecoder.decodeLesson(yaml: Self.lesson(task: "      adapted: >-\n        \"(a single layer)\" added to\n        the prompt.",
                                                                   question: "      adapted: '[OK] removed'"), file: "f.yaml")
        #expect(decoded.problems.isEmpty)
        let lesson = try #require(decoded.lesson)
        #expect(lesson.tryIt?.tasks[0].adapted == "\"(a single layer)\" added to the prompt.")
        #expect(lesson.practice?.questions[0].adapted == "[OK] removed")
        #expect(LessonText.render(lesson).contains("Adapted from the source page: \"(a single layer)\" added to the prompt."))
        #expect(LessonItem.choice(lesson.practice!.questions[0]).adapted == "[OK] removed")
    }

    @Test func adaptedOnTwoLinesOrOnACardIsAProblem() {
        #expect(Self.problems(task: "      adapted: |\n        one\n        two") == [
            "'adapted' must be one line saying what differs from the source page (use >- to fold a long line)",
        ])
        #expect(Self.problems(card: "      adapted: x") == ["unknown key 'adapted' in review card 'c'"])
    }

    @Test func theSeedLessonMarksItsAdaptationsWithTheKeyNotComments() throws {
        let text = try String(contentsOf: SeedLesson.url, encoding: .utf8)
        #expect(!text.contains("# Adapted from the source page:"))
        let adapted = SeedLesson.lesson.gradableItems.filter { $0.adapted != nil }.map(\.id)
        #expect(adapted == ["try-num-layers", "try-hidden-zeros", "try-dict-word-length", "try-dict-upper-length",
                            "practice-why-sequences", "practice-rnn-init", "practice-output-shape", "practice-input-size-error",
                            "practice-next-word"])
    }
}
