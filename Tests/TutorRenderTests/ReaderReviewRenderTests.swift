import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Main's review session, due counts, overview and `why:` feedback in screen-reader mode (the cursor on
/// the focused element, the status row saying what changed, no box or block characters, one column)
/// and in `--ascii` (every cell ASCII).
@Suite struct ReaderReviewRenderTests {
    /// Day 1 of `ReviewSnapshotTests.progress()`: items due in both lessons, new cards.
    static func dayOne(_ settings: Settings, size: Size = Size(width: 80, height: 24)) -> State {
        var state = State(lessons: [ReviewSnapshotTests.seed, ReviewSnapshotTests.shapes], size: size, settings: settings)
        state.progress = ReviewSnapshotTests.progress()
        state.now = ReviewSnapshotTests.day(1)
        return state
    }

    static func press(_ state: State, _ keys: [Key]) -> State {
        var state = state
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    /// The text from the cursor to the end of its row.
    static func atCursor(_ buffer: CellBuffer) -> String {
        guard let cursor = buffer.cursor else { return "" }
        return String(buffer.lines[cursor.row].dropFirst(cursor.column))
    }

    /// The menu, `v`'s session through a due task (right), a due question (wrong, with its why), a card's
    /// front and back, then the overview: each screen as the reader gets it.
    static func walk(_ settings: Settings, size: Size = Size(width: 80, height: 24)) -> [(String, State)] {
        let menu = dayOne(settings, size: size)
        let review = press(menu, [.char("v")])
        let placed = press(review, [.char("a")])
        let solved = press(placed, [.enter])
        let question = press(solved, [.char("n")])
        let wrong = press(question, [.char("a"), .enter])
        let card = press(wrong, [.char("n")])
        let back = press(card, [.char(" ")])
        // To the tally: cards graded Good, a due item answered with each option in turn (one comes right).
        var done = back, tries = 0
        for _ in 0..<400 {
            guard case .review(let r) = done.screen, !r.isFinished else { break }
            if r.pendingGrade != nil {
                done = press(done, [.char("n")])
            } else if r.work != nil {
                done = press(done, [.char(["a", "b", "c", "d"][tries % 4]), .enter])
                tries += 1
            } else {
                done = press(done, [r.revealed ? .char("3") : .char(" ")])
            }
        }
        let overview = press(dayOne(settings, size: size), [.enter, .char("o")])
        return [("menu", menu), ("review task", review), ("placed", placed), ("solved", solved), ("question", question),
                ("wrong", wrong), ("card", card), ("card back", back), ("done", done), ("overview", overview)]
    }

    @Test func eachScreenPutsTheCursorOnItsFocusAndSaysWhatChanged() throws {
        let screens = Dictionary(uniqueKeysWithValues: Self.walk(ScreenReaderRenderTests.reader).map { ($0.0, Renderer.render($0.1)) })
        let states = Dictionary(uniqueKeysWithValues: Self.walk(ScreenReaderRenderTests.reader))
        for (name, buffer) in screens {
            #expect(!buffer.hasLineDrawing, "\(name)\n\(buffer.text)")
            // The status row is the last row and says the state's announcement.
            let spoken = states[name]!.announcement ?? Announcer.intro(states[name]!)
            #expect(buffer.lines.last == Chrome.cutAtWord(spoken, to: 79), "\(name)")
        }
        let due = states["menu"]!.reviewOutlook
        #expect(Self.atCursor(screens["menu"]!).hasPrefix("1. Why RNNs handle sequences in PyTorch"))
        #expect(screens["menu"]!.lines[4].hasSuffix(" of 13,  \(due.due(lesson: ReviewSnapshotTests.seed.id)) due"))
        #expect(screens["menu"]!.text.contains("v  Review — \(due.total) due, about \(due.minutes) min"))
        #expect(screens["menu"]!.lines.last!.hasPrefix("Menu. \(due.total) due for review: v starts it. Lesson 1 of 2"))
        #expect(Self.atCursor(screens["review task"]!).hasPrefix("[blank 1]"))
        #expect(screens["review task"]!.lines.last == "Review, item 1 of \(due.total). Blank 1 of 1, empty. Options: A 1, B 0, C 2, D 20.")
        // Once answered, the cursor is on the verdict; the header says the grade with a separator.
        #expect(Self.atCursor(screens["solved"]!).hasPrefix("Correct!"))
        #expect(screens["solved"]!.text.contains("Attempts: 3 left,  solved"))
        #expect(screens["solved"]!.lines.last == "Correct! Graded Good: n for the next item.")
        #expect(Self.atCursor(screens["question"]!).hasPrefix("A. (4, 3, 2)"))
        #expect(Self.atCursor(screens["wrong"]!).hasPrefix("Not quite: you chose A; the answer is C."))
        #expect(screens["wrong"]!.text.contains("medium,  wrong"))
        #expect(screens["wrong"]!.lines.last!.hasPrefix("Not quite: you chose A; the answer is C. Why not A: This puts hidden_size"))
        #expect(Self.atCursor(screens["card"]!).hasPrefix("What does an RNN carry"))
        #expect(Self.atCursor(screens["card back"]!).hasPrefix("Answer: Its hidden state"))
        #expect(Self.atCursor(screens["done"]!).hasPrefix("Graded "))
        #expect(screens["done"]!.lines.last!.hasPrefix("Review done: "))
        #expect(Self.atCursor(screens["overview"]!).hasPrefix("Try"))
        #expect(screens["overview"]!.text.contains("Review     not recorded  \(due.due(lesson: ReviewSnapshotTests.seed.id)) due today"))
        #expect(!screens["overview"]!.text.contains("—"))
    }

    @Test func aTaskDueForReviewReadsInOneColumn() {
        let buffer = Renderer.render(Self.walk(ScreenReaderRenderTests.reader)[1].1)
        Snapshot.assertMatches(buffer, named: "reader-review-task-80x24")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func inASCIIEveryCellOfTheseScreensIsASCII(size: Size) {
        for (name, state) in Self.walk(Settings(ascii: true), size: size) {
            let buffer = Renderer.render(state)
            let bad = buffer.lines.enumerated().filter { !$0.element.unicodeScalars.allSatisfy(\.isASCII) }
            #expect(bad.isEmpty, "\(name) at \(size.width)x\(size.height): \(bad.map { "row \($0.offset): \($0.element)" })")
        }
    }
}
