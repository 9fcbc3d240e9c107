import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Snapshots of spaced review: the menu with due counts and the streak, a card with its grade keys, a
/// leech sent back to the source, a task due for review, the tally; at 80×24 and 40×12.
@Suite struct ReviewSnapshotTests {
    static let seed = ScreenSnapshotTests.seed
    static let shapes: Lesson = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons/02-shapes-in-shapes-out.yaml")
        return LessonDecoder.decodeLesson(yaml: try! String(contentsOf: url, encoding: .utf8), file: url.path).lesson!
    }()
    /// 2026-12-03T09:00:00Z plus `days`.
    static func day(_ days: Int, seconds: Double = 0) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + Double(days) * 86_400 + seconds) }

    /// Ada answered something on days -2 and -1, and on day 0: in lesson 1 try-hidden-zeros after a retry
    /// (Hard), practice-output-shape missed (Again), try-num-layers right (Good); in lesson 2 its first
    /// task right (Good). On day 1 the first two are due, with both lessons' new cards.
    static func progress() -> LearnerProgress {
        var p = LearnerProgress()
        p.learner = "Ada"
        func answer(_ lesson: Lesson, _ item: String, _ at: Date, correct: Bool, attempt: Int = 1, grade: Grade?, mode: AnswerMode = .try) {
            p.apply(.attempt(lesson: lesson.id, item: item, answer: Answer(at: at, mode: mode, chosen: ["A"], correct: correct, attempt: attempt, seconds: 25, grade: grade)))
        }
        answer(seed, "try-num-layers", day(-2), correct: true, grade: .good)
        answer(seed, "try-num-layers", day(-1), correct: true, grade: .good)
        answer(seed, "try-hidden-zeros", day(0), correct: false, grade: nil)
        answer(seed, "try-hidden-zeros", day(0, seconds: 10), correct: true, attempt: 2, grade: .hard)
        answer(seed, "practice-output-shape", day(0, seconds: 20), correct: false, grade: .again, mode: .practice)
        answer(shapes, shapes.tryIt!.tasks[0].id, day(0, seconds: 30), correct: true, grade: .good)
        return p
    }

    static func state(size: Size, progress: LearnerProgress = progress(), at now: Date = day(1), ascii: Bool = false) -> State {
        var state = State(lessons: [seed, shapes], size: size, settings: Settings(ascii: ascii))
        state.progress = progress
        state.now = now
        return state
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func menuWithDueCountsAndTheStreak(size: Size) {
        let state = Self.state(size: size)
        let outlook = state.reviewOutlook
        let buffer = Renderer.render(state)
        let text = buffer.text
        #expect(outlook.total == outlook.due(lesson: Self.seed.id) + outlook.due(lesson: Self.shapes.id))
        #expect(text.contains("v  Review — \(outlook.total) due, ~\(outlook.minutes) min"))
        #expect(outlook.streak.days == 3)
        if size.width >= 60 {
            #expect(buffer.lines[0].hasSuffix("Ada · streak 3 days · 3 learned"))
            #expect(text.contains("· \(outlook.due(lesson: Self.seed.id)) due"))
        } else {
            #expect(buffer.lines[0].hasSuffix("streak 3 · 3 learned"))
            #expect(text.contains("\(outlook.due(lesson: Self.shapes.id)) due"))
        }
        let reviewRow = buffer.lines.firstIndex { $0.contains("v  Review") }!
        #expect(buffer.hit(column: 4, row: reviewRow) == .menuReview)
        Snapshot.assertMatches(buffer, named: "menu-due-\(size.width)x\(size.height)")
    }

    @Test func menuWhenNothingIsDueSaysWhenTheNextReviewIs() {
        var p = Self.progress()
        for lesson in [Self.seed, Self.shapes] {
            for card in lesson.review!.cards { p.apply(.reviewed(lesson: lesson.id, item: card.id, grade: .good, seconds: 4, at: Self.day(0, seconds: 100))) }
        }
        let text = Renderer.render(Self.state(size: Size(width: 80, height: 24), progress: p, at: Self.day(0, seconds: 200))).text
        #expect(text.contains("v  Review — nothing due today; next on 2026-12-04"))
    }

    @Test func menuHelpStatesTheStreakRule() {
        var state = Self.state(size: Size(width: 80, height: 24))
        _ = state.update(.key(.char("?")))
        let text = Renderer.render(state).text
        #expect(text.contains("streak    Days in a row with an answer or a review, by your local"))
        #expect(text.contains("calendar day; a day with nothing breaks it"))
        #expect(text.contains("Ctrl-Z"))   // the whole help still fits at 80×24
    }

    /// The course's review opened from the menu on day 1, walked to the first card.
    static func onFirstCard(size: Size, progress: LearnerProgress = progress()) -> State {
        var state = Self.state(size: size, progress: progress)
        _ = state.update(.key(.char("v")))
        while case .review(let r) = state.screen, r.work != nil {
            // Answer the due task and question rightly, then move on.
            switch r.work {
            case .fill(let f)?:
                for n in f.task.blanks {
                    _ = state.update(.key(.char(Character(String(n)))))
                    _ = state.update(.key(.char(Character(f.task.answers[n]!.lowercased()))))
                }
                _ = state.update(.key(.enter))
            case .choice(let c)?:
                _ = state.update(.key(.char(Character(c.question.answer.lowercased()))))
                _ = state.update(.key(.enter))
            case nil:
                break
            }
            _ = state.update(.key(.char("n")))
        }
        return state
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func reviewCardFrontThenBackWithTheGradeKeys(size: Size) {
        var state = Self.onFirstCard(size: size)
        let front = Renderer.render(state)
        #expect(front.text.contains("Space shows"))
        #expect(front.text.contains("new card"))
        Snapshot.assertMatches(front, named: "review-front-\(size.width)x\(size.height)")
        _ = state.update(.key(.char(" ")))
        let back = Renderer.render(state)
        #expect(back.text.contains("1 Again"))
        #expect(back.text.contains("2 Hard"))
        #expect(back.text.contains("3 Good"))
        #expect(back.text.contains("4 Easy"))
        Snapshot.assertMatches(back, named: "review-back-\(size.width)x\(size.height)")
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func aLeechIsMarkedAndOffersWhereItIsTaught(size: Size) {
        var p = Self.progress()
        // review-memory (teaches: why:Big idea) graded Again in review on three days.
        for d in [-2, -1, 0] { p.apply(.reviewed(lesson: Self.seed.id, item: "review-memory", grade: .again, seconds: 9, at: Self.day(d, seconds: 50))) }
        var state = Self.onFirstCard(size: size, progress: p)
        guard case .review(let r) = state.screen else { Issue.record("no review"); return }
        #expect(r.queue.current?.item == "review-memory")
        _ = state.update(.key(.char(" ")))
        let buffer = Renderer.render(state)
        #expect(buffer.text.contains("leech"))
        #expect(buffer.text.contains("Leech: missed 3 times in review."))
        #expect(buffer.text.contains("t  opens Why · Big idea,"))
        #expect(buffer.text.contains("4 Easy"))   // the grade keys still fit
        Snapshot.assertMatches(buffer, named: "review-leech-\(size.width)x\(size.height)")
        // t: the why page, its "Big idea" heading at the top; q comes back to the card.
        _ = state.update(.key(.char("t")))
        let page = Renderer.render(state)
        #expect(page.lines[0].hasPrefix(" Unroll · Why RNNs"))
        #expect(page.lines[1].hasPrefix(" Big idea"))
        _ = state.update(.key(.char("q")))
        #expect(Renderer.render(state).text.contains("Leech: missed 3 times in review."))
    }

    @Test func aTaskDueForReviewShowsItsTryScreenUnderTheReviewHeader() {
        var state = Self.state(size: Size(width: 80, height: 24))
        _ = state.update(.key(.char("v")))
        var buffer = Renderer.render(state)
        #expect(buffer.lines[1].hasPrefix(" Review · 1 of "))
        #expect(buffer.lines[1].contains("Why RNNs handle sequences in PyTorch"))
        #expect(buffer.text.contains("Attempts: 3 left"))
        for key in [Key.char("a"), .enter] { _ = state.update(.key(key)) }
        buffer = Renderer.render(state)
        #expect(buffer.lines[1].contains("graded Good · n next"))
        Snapshot.assertMatches(buffer, named: "review-task-80x24")
    }

    @Test func theTallyAtTheEnd() {
        var state = Self.onFirstCard(size: Size(width: 80, height: 24))
        var first = true
        while case .review(let r) = state.screen, !r.isFinished {
            _ = state.update(.key(.char(" ")))
            _ = state.update(.key(.char(first ? "1" : "3")))
            first = false
        }
        let buffer = Renderer.render(state)
        #expect(buffer.text.contains("Review · done"))
        #expect(buffer.text.contains("1 Again"))
        #expect(buffer.text.contains("Forgotten at first"))
        Snapshot.assertMatches(buffer, named: "review-done-80x24")
    }
}
