import Foundation
import Testing
@testable import TutorCore

/// The first lesson is the seed page's practice, word for word.
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
        #expect(questions.allSatisfy { $0.solution.count == 2 && $0.commonMistakes.count == 3 })
    }

    // Strings below are copied from the seed page (shared/seed/000_98350e340c1f093b.txt).
    @Test func taskTextsMatchTheSeedVerbatim() throws {
        let (lesson, _) = try Self.seedLesson()
        let tasks = try #require(lesson.tryIt?.tasks)
        #expect(tasks[0].prompt == "Complete the code to create a simple RNN layer in PyTorch.")
        #expect(tasks[0].code == "rnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=[1])")
        #expect(tasks[1].prompt == "Complete the code to initialize the hidden state for an RNN with batch size 5 and hidden size 20.")
        #expect(tasks[1].code == "hidden = torch.zeros([1], 5, 20)")
        #expect(tasks[2].code == "output, hidden = rnn([1], hidden)")
        #expect(tasks[2].options.map(\.text) == ["output", "input_seq", "hidden", "rnn"])
        #expect(tasks[3].code == "{word: [1] for word in words if len(word) [2] 3}")
        #expect(tasks[3].options.map(\.text) == ["len(word)", ">", "<", "word"])
        #expect(tasks[3].commonMistakes == ["Using the wrong comparison operator or mapping to the word itself."])
        #expect(tasks[4].prompt == "Fill all three blanks to create a dictionary comprehension that maps each uppercase word to its length if the length is greater than 4.")
        // Repaired: the page lost the braces.
        #expect(tasks[4].code == "result = {[1]: [2] for word in words if len(word) [3] 4}")
        #expect(tasks[0].commonMistakes == ["Setting num_layers to 0 or negative values causes errors."])
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
        #expect(q[0].quickCheck == "RNN memory = sequence understanding [OK]")
        #expect(q[0].hint == "RNNs remember past inputs to handle sequences [OK]")
        #expect(q[2].code == """
            import torch
            rnn = torch.nn.RNN(input_size=5, hidden_size=3, num_layers=1)
            input_seq = torch.randn(4, 2, 5) # seq_len=4, batch=2, input_size=5
            output, hidden = rnn(input_seq)
            """)
        #expect(q[2].quickCheck == "Output shape = (seq_len, batch, hidden_size) = (4, 2, 3) [OK]")
        #expect(q[3].question == "Identify the error in this PyTorch RNN usage:")
        #expect(q[3].solution[1].text == "num_layers is optional and defaults to 1, output unpacking is correct, hidden_size can be smaller than input_size.")
        #expect(q[4].finalAnswer == "Feed the sentence word by word to the RNN, updating hidden state each step, then predict the next word from the final output -> Option D")
        #expect(q[4].commonMistakes == ["Feeding entire sentence as one vector loses order",
                                        "Ignoring hidden state loses sequence memory",
                                        "Using convolution to remove sequence order"])
    }

    @Test func testModeIsThePagesTenItemsAcrossDifficulties() throws {
        let (lesson, _) = try Self.seedLesson()
        let items = lesson.testItems
        #expect(items.count == 10)
        #expect(items.map(\.id) == (lesson.tryIt!.tasks.map(\.id) + lesson.practice!.questions.map(\.id)))
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
        #expect(decoded.course?.lessonIDs.count == 7)
    }
}
