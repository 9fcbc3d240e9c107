import Testing
import RNNEngine
@testable import TutorCore

@Suite struct LessonModelTests {
    @Test func codeSplitsIntoTextAndBlanksPerLine() {
        let lines = FillTask.segments(of: "a = f([1], x[0])\n[2] + [1]\nplain")
        #expect(lines == [
            [.text("a = f("), .blank(1), .text(", x[0])")],
            [.blank(2), .text(" + "), .blank(1)],
            [.text("plain")],
        ])
    }

    @Test(arguments: ["[0]", "[01]", "[a]", "[]", "[ 1]", "[1.5]", "[100]"])
    func notABlank(_ code: String) {
        #expect(FillTask.segments(of: code) == [[.text(code)]])
    }

    /// The byte path for ASCII code must read every code exactly as the Character path does.
    @Test func asciiFastPathAgreesWithTheCharacterPath() {
        let alphabet = Array("[[]]0123456789ab \n(x")
        var rng = SplitMix64(seed: 19)
        var compared = 0
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 14)
            let code = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let slow = code.split(separator: "\n", omittingEmptySubsequences: false).map { FillTask.segments(ofLine: Substring($0)) }
            let fast = FillTask.asciiSegments(of: code)
            #expect(fast == slow, "\(code.debugDescription)")
            compared += fast == nil ? 0 : 1
        }
        #expect(compared == 20_000)
        // Code that is not ASCII, or has a CR (CR LF is one Character), takes the Character path.
        #expect(FillTask.asciiSegments(of: "é[1]") == nil)
        #expect(FillTask.asciiSegments(of: "[1]\r\n[2]") == nil)
        #expect(FillTask.segments(of: "[1]\r\n[2]") == [[.blank(1), .text("\r\n"), .blank(2)]])
    }

    @Test func nestedBracketsKeepTheBlank() {
        #expect(FillTask.segments(of: "Size([4, 12, [2]])") == [[.text("Size([4, 12, "), .blank(2), .text("])")]])
    }

    @Test func blanksAreOrderedByFirstAppearance() {
        let task = FillTask(id: "t", difficulty: .easy, prompt: "p", code: "[2] [1]\n[2] [3]",
                            options: [Option(letter: "A", text: "x"), Option(letter: "B", text: "y")],
                            answers: [1: "A", 2: "B", 3: "A"], hint: "h", commonMistakes: [])
        #expect(task.blanks == [2, 1, 3])
        #expect(task.answerLetters == ["B", "A", "A"])
        #expect(task.isCorrect([1: "A", 2: "B", 3: "A"]))
        #expect(!task.isCorrect([1: "A", 2: "B"]))
        #expect(task.option("B")?.text == "y")
    }

    @Test func modesAndMinutesFollowTheSections() {
        var lesson = Lesson(id: "l", title: "L")
        #expect(lesson.modes == [])
        lesson.review = ReviewSection(minutes: 3, cards: [])
        lesson.intro = Page(minutes: 2, blocks: [])
        #expect(lesson.modes == [.intro, .review])
        #expect(lesson.minutes(for: .review) == 3)
        #expect(lesson.minutes(for: .try) == nil)
        #expect(lesson.totalMinutes == 5)
    }

    @Test(arguments: [("hnit", "hint"), ("practise", "practice"), ("common_mistake", "common_mistakes"), ("Hint", "hint")])
    func suggestsTheNearKey(_ typo: String, _ expected: String) {
        #expect(LessonDecoder.suggestion(for: typo, among: DecodingContext.fillKeys + Mode.allCases.map(\.rawValue)) == expected)
    }

    @Test func noSuggestionForFarWords() {
        #expect(LessonDecoder.suggestion(for: "banana", among: DecodingContext.fillKeys) == nil)
    }

    @Test(arguments: ["\u{1B}[2J", "a\tb", "\r", "\u{7F}", "\u{9B}31m", "\u{202E}abc"])
    func forbiddenCharacters(_ text: String) {
        #expect(LessonDecoder.forbiddenCharacter(in: text) != nil)
    }

    @Test func newlinesAndUnicodeAreFine() {
        #expect(LessonDecoder.forbiddenCharacter(in: "héllo\n→ h_t ✓ 💡") == nil)
    }

    @Test(arguments: [("why-rnns", true), ("a1-b2", true), ("Why", false), ("a--b", false), ("-a", false), ("a b", false), ("", false)])
    func ids(_ id: String, _ valid: Bool) {
        #expect(LessonDecoder.isValidID(id) == valid)
    }
}

@Suite struct LessonProblemTests {
    @Test func problemsNeverCarryControlCharacters() {
        let yaml = "format_version: 1\nid: l\ntitle: T\ntopic: P\n\"\\e[2J\": x\n"
        let problems = LessonDecoder.decodeLesson(yaml: yaml, file: "f\u{1B}.yaml").problems
        #expect(problems.count >= 1)
        #expect(problems.allSatisfy { LessonDecoder.forbiddenCharacter(in: $0.description) == nil && !$0.description.contains("\n") })
        #expect(problems.contains { $0.message.hasPrefix("unknown key '\\u{1B}[2J'") })
        #expect(problems.first?.file == "f\\u{1B}.yaml")
    }
}
