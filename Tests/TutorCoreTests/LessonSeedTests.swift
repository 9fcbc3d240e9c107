import Foundation
import Testing
@testable import TutorCore

/// The first lesson is the seed page's practice, word for word except where issue 22 adapted it
/// (each adaptation is marked in the YAML and pinned here).
@Suite struct LessonSeedTests {
    static let lessonsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")

    static func seedLesson() throws -> (Lesson, [LessonProblem]) {
        let url = lessonsFolder.appendingPathComponent("01-why-rnns-handle-sequences.yaml")
        let decoded = LessonDecoder.decodeLesson(yaml: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
        return (try #require(decoded.lesson), decoded.problems)
    }

    @Test func loadsWithoutProblems() throws {
        let (lesson, problems) = try Self.seedLesson()
        #expect(problems == [])
        #expect(lesson.id == "why-rnns-handle-sequences")
        #expect(lesson.title == "Why RNNs handle sequences in PyTorch")
        #expect(lesson.topic == "PyTorch")
        #expect(lesson.modes == Mode.allCases)
    }

    @Test func taskAnswersAreTheSeedPages() throws {
        let (lesson, _) = try Self.seedLesson()
        let tasks = try #require(lesson.tryIt?.tasks)
        #expect(tasks.map(\.answerLetters) == [["A"], ["A"], ["B"], ["A", "B"], ["A", "B", "C"]])
        #expect(tasks.map(\.difficulty) == [.easy, .medium, .hard, .hard, .hard])
        #expect(tasks.allSatisfy { $0.attempts == 3 && $0.options.map(\.letter) == ["A", "B", "C", "D"] })
    }

    @Test func questionAnswersAreTheSeedPages() throws {
        let (lesson, _) = try Self.seedLesson()
        let questions = try #require(lesson.practice?.questions)
        #expect(questions.map(\.answer) == ["B", "A", "C", "A", "D"])
        #expect(questions.map(\.difficulty) == [.easy, .easy, .medium, .medium, .hard])
        // The page's two steps, then (issue 22) a step ruling out the distractors; question 4's second
        // step already does that on the page.
        #expect(questions.map(\.solution.count) == [3, 3, 3, 2, 3])
        #expect(questions.allSatisfy { $0.commonMistakes.count == 3 })
        #expect(questions.allSatisfy { $0.solution.last!.title == "Rule out the other options" || $0.id == "practice-input-size-error" })
    }

    // Strings below are copied from the seed page (shared/seed/000_98350e340c1f093b.txt).
    @Test func taskTextsMatchTheSeedVerbatim() throws {
        let (lesson, _) = try Self.seedLesson()
        let tasks = try #require(lesson.tryIt?.tasks)
        // Adapted: the page did not say which RNN, and "2" is right for two layers.
        #expect(tasks[0].prompt == "Complete the code to create a simple RNN layer in PyTorch (a single layer, not a stack).")
        #expect(tasks[0].code == "rnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=[1])")
        #expect(tasks[1].prompt == "Complete the code to initialize the hidden state for a one-layer, one-direction RNN with batch size 5 and hidden size 20.")
        #expect(tasks[1].code == "hidden = torch.zeros([1], 5, 20)")
        #expect(tasks[2].code == "output, hidden = rnn([1], hidden)")
        #expect(tasks[2].options.map(\.text) == ["output", "input_seq", "hidden", "rnn"])
        #expect(tasks[3].code == "{word: [1] for word in words if len(word) [2] 3}")
        #expect(tasks[3].options.map(\.text) == ["len(word)", ">", "<", "word"])
        #expect(tasks[3].commonMistakes == ["Using the wrong comparison operator or mapping to the word itself."])
        // The Python warm-up: labelled, then the page's prompt word for word.
        let warmUp = "Python warm-up from the source page, not in the test: "
        #expect(tasks[3].prompt == warmUp + "Fill both blanks to create a dictionary comprehension that maps each word to its length if the length is greater than 3.")
        #expect(tasks[4].prompt == warmUp + "Fill all three blanks to create a dictionary comprehension that maps each uppercase word to its length if the length is greater than 4.")
        // Repaired: the page lost the braces.
        #expect(tasks[4].code == "result = {[1]: [2] for word in words if len(word) [3] 4}")
        // The page's mistake first; Unroll's (marked in the YAML) after it.
        #expect(tasks[0].commonMistakes == ["Setting num_layers to 0 or negative values causes errors.",
                                            "Choosing 2, which runs but stacks two layers."])
        #expect(tasks.allSatisfy { !$0.hint.isEmpty })
    }

    @Test func questionTextsMatchTheSeedVerbatim() throws {
        let (lesson, _) = try Self.seedLesson()
        let q = try #require(lesson.practice?.questions)
        #expect(q[0].question == "Why are RNNs especially good at handling sequence data like sentences or time series?")
        #expect(q[0].option("B")?.text == "Because they keep a memory of previous inputs using a hidden state")
        #expect(q[0].solution[0] == SolutionStep(title: "Understand RNN memory mechanism",
                                                 text: "RNNs keep a hidden state that stores information from previous inputs, acting like memory."))
        #expect(q[0].finalAnswer == "Because they keep a memory of previous inputs using a hidden state -> Option B")
        // Adapted: no "[OK]" leftovers, and hints that no longer state the answer.
        #expect(q[0].quickCheck == "RNN memory = sequence understanding")
        #expect(q[0].hint == "Which option describes something carried from one step to the next?")
        #expect(q[1].option("D")?.text == "rnn = torch.nn.RNN(input_size=20, 10)")
        #expect(q[1].solution[2].text.contains("D is not a swap but a SyntaxError, positional argument follows keyword argument"))
        #expect(q[2].code == """
            import torch
            rnn = torch.nn.RNN(input_size=5, hidden_size=3, num_layers=1)
            input_seq = torch.randn(4, 2, 5) # seq_len=4, batch=2, input_size=5
            output, hidden = rnn(input_seq)
            """)
        #expect(q[2].quickCheck == "Output shape = (seq_len, batch, hidden_size) = (4, 2, 3)")
        #expect(q[3].question == "Identify the error in this PyTorch RNN usage:")
        #expect(q[3].solution[1].text == "num_layers is optional and defaults to 1, output unpacking is correct, hidden_size can be smaller than input_size.")
        #expect(q[4].finalAnswer == "Feed the sentence word by word to the RNN, updating hidden state each step, then predict the next word from the final output -> Option D")
        #expect(q[4].option("C")?.text == "Use a convolutional layer before the RNN to remove sequence order")
        // Adapted: a convolution keeps order; the page's third mistake took for granted that it removes it.
        #expect(q[4].commonMistakes == ["Feeding entire sentence as one vector loses order",
                                        "Ignoring hidden state loses sequence memory",
                                        "Thinking a convolution removes sequence order; it keeps it, and only pooling over time removes it"])
    }

    /// The page's ten items, except its Python warm-up: two challenge items on RNNs take those places.
    @Test func testModeLeavesOutThePythonWarmUp() throws {
        let (lesson, _) = try Self.seedLesson()
        let items = lesson.testItems
        #expect(items.count == 10)
        #expect(items.map(\.id) == ["try-num-layers", "try-hidden-zeros", "try-forward-input",
                                    "challenge-batch-first", "challenge-last-output"]
                + lesson.practice!.questions.map(\.id))
        #expect(!items.contains { $0.id.hasPrefix("try-dict-") })
        #expect(items.map(\.difficulty).filter { $0 == .hard }.count == 4)
        #expect(Set(items.map(\.difficulty)) == Set(Difficulty.allCases))
    }

    @Test func idsAreUniqueAndValid() throws {
        let (lesson, _) = try Self.seedLesson()
        #expect(Set(lesson.allItemIDs).count == lesson.allItemIDs.count)
        #expect(lesson.allItemIDs.allSatisfy(LessonDecoder.isValidID))
    }

    @Test func visualizeIsASmallSeededRNN() throws {
        let (lesson, _) = try Self.seedLesson()
        let v = try #require(lesson.visualize)
        #expect(v.module == .RNN && v.inputSize == 2 && v.hiddenSize == 3 && v.weights == .seed(0))
        #expect(v.inputShape == [4, 2] && v.input.count == 8 && v.captions.count == 4)
    }

    @Test func courseListsTheSeedLesson() throws {
        let url = Self.lessonsFolder.appendingPathComponent("course.yaml")
        let decoded = LessonDecoder.decodeCourse(yaml: try String(contentsOf: url, encoding: .utf8), file: "course.yaml")
        #expect(decoded.problems == [])
        #expect(decoded.course?.lessonIDs.first == "why-rnns-handle-sequences")
        #expect(decoded.course?.lessonIDs.count == 8)
    }
}
