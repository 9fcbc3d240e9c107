import Foundation
import Testing
@testable import TutorCore

/// The lesson cache's binary form: every lesson comes back equal, and bytes a writer could not have
/// produced are refused, never read past or trapped on.
@Suite struct LessonBinaryTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every lesson file the repository has (the course and the decoder's fixtures), decoded.
    static let lessons: [(name: String, lesson: Lesson)] = {
        var files: [URL] = []
        for folder in ["Lessons", "Tests/TutorCoreTests/Fixtures", "Tests/TutorCoreTests/Fixtures/broken", "Tests/TutorCoreTests/Fixtures/hostile"] {
            let url = repo.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            files += names.filter { $0.hasSuffix(".yaml") && $0 != "course.yaml" }.sorted().map { url.appendingPathComponent($0) }
        }
        return files.compactMap { file in
            guard let data = FileManager.default.contents(atPath: file.path),
                  let lesson = LessonDecoder.decodeLesson(bytes: [UInt8](data), file: file.lastPathComponent).lesson else { return nil }
            return (file.lastPathComponent, lesson)
        }
    }()

    @Test func thereAreLessonsToRoundTrip() {
        // The ten course lessons and the fixtures that decode (with or without problems).
        #expect(Self.lessons.count >= 30)
        #expect(Self.lessons.filter { $0.name.hasPrefix("0") || $0.name.hasPrefix("1") }.count >= 10)
    }

    @Test func everyLessonComesBackEqualAndEncodesTheSameTwice() throws {
        for (name, lesson) in Self.lessons {
            let bytes = lesson.binaryEncoded
            #expect(try Lesson(binary: bytes) == lesson, "\(name)")
            #expect(try Lesson(binary: bytes).binaryEncoded == bytes, "\(name)")
        }
    }

    @Test func everyValueOfEveryCaseSurvives() throws {
        // What the course may not use: each enum case, negative and huge numbers, non-ASCII text, empty optionals.
        var lesson = Lesson(id: "ü-λ", title: "Ünïcode 👩‍💻", topic: "")
        lesson.intro = Page(minutes: 0, blocks: [.heading("h"), .text(""), .code("a\nb"), .diagram("→"), .list(["x", ""])])
        let run = RunSpec(prelude: "p", code: nil, then: "t", expect: .printsAnswer,
                          options: [.init(letter: "A", blank: -1, expect: .raises("E: m"), position: .init(line: Int.max, column: Int.min)),
                                    .init(letter: "B", blank: 2, expect: .prints("1\n"), position: .init(line: 0, column: 0))])
        let fill = FillTask(id: "f", difficulty: .hard, prompt: "", code: "x = [1]", options: [Option(letter: "A", text: "1", why: "because")],
                            answers: [1: "A", -7: "B", 99: ""], hint: "", commonMistakes: [], attempts: -3, run: run,
                            adapted: nil, teaches: .visualize(step: nil))
        let choice = ChoiceQuestion(id: "c", difficulty: .easy, question: "q", code: "", options: [], answer: "A",
                                    solution: [SolutionStep(title: "", text: "t")], finalAnswer: "f", quickCheck: "", hint: "h",
                                    commonMistakes: ["m"], run: RunSpec(expect: .runs),
                                    gradients: [GradientClaim(item: 1, state: .c, numerator: 3, denominator: 1, below: -0.0, above: .infinity)],
                                    adapted: "from", teaches: .page(.deep, heading: nil))
        lesson.tryIt = TrySection(minutes: 1, tasks: [fill])
        lesson.practice = PracticeSection(minutes: 2, questions: [choice])
        lesson.challenge = ChallengeSection(minutes: 3, items: [ChallengeItem(item: .fill(fill), timeLimit: 0, attempts: 1),
                                                               ChallengeItem(item: .choice(choice))])
        lesson.review = ReviewSection(minutes: 4, cards: [ReviewCard(id: "r", prompt: "", answer: "a", teaches: .playground(snippet: "s")),
                                                         ReviewCard(id: "r2", prompt: "p", answer: "", teaches: .playground(snippet: nil))])
        lesson.visualizations = [
            VisualizeSection(minutes: 5, module: .GRU, inputSize: 1, hiddenSize: 2, numLayers: 3, bidirectional: true, nonlinearity: .relu,
                             weights: .stateDict("w.json"), inputShape: [2, 1], input: [-1.5, 1e300], captions: ["a", "b"], lengths: [2, 1],
                             loss: .lastUnit(7), weightsPosition: .init(line: 4, column: 2)),
            VisualizeSection(minutes: 1, module: .RNN, inputSize: 1, hiddenSize: 1, weights: .seed(-42), inputShape: [], input: [], loss: .allSum),
        ]
        lesson.test = TestSection(minutes: 6, itemIDs: ["f", "c"])
        lesson.playground = PlaygroundSection(minutes: 7, snippets: [Snippet(id: "s", title: "t", code: "print(1)", raises: "ValueError")])
        #expect(try Lesson(binary: lesson.binaryEncoded) == lesson)
    }

    @Test func everyTruncationAndAppendedByteIsRefused() throws {
        let bytes = try #require(Self.lessons.first { $0.name.hasPrefix("01") }).lesson.binaryEncoded
        for n in 0 ..< bytes.count {
            #expect(throws: LessonBinary.Malformed.self) { try Lesson(binary: Array(bytes[..<n])) }
        }
        #expect(throws: LessonBinary.Malformed.self) { try Lesson(binary: bytes + [0]) }
    }

    @Test func flippedBytesNeverTrap() {
        // Either refused or read as some lesson; the cache's checksum is what keeps such a lesson out.
        var rng = SystemRandomNumberGenerator()
        for (_, lesson) in Self.lessons.prefix(12) {
            let bytes = lesson.binaryEncoded
            for _ in 0 ..< 300 {
                var b = bytes
                for _ in 0 ..< Int.random(in: 1 ... 4, using: &rng) {
                    b[Int.random(in: 0 ..< b.count, using: &rng)] = UInt8.random(in: 0 ... 255, using: &rng)
                }
                _ = try? Lesson(binary: b)
            }
        }
    }

    @Test func aHugeCountIsRefusedBeforeAnythingIsReserved() {
        var w = LessonBinary.Writer()
        w.write(1); w.write("id"); w.write("t"); w.write("")
        w.write(true); w.write(0); w.write(Int.max)   // intro: a page with Int.max blocks
        #expect(throws: LessonBinary.Malformed.self) { try Lesson(binary: w.bytes) }
    }
}
