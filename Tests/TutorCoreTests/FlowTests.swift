import Foundation
import Testing
@testable import TutorCore

extension State {
    var summary: SummaryState? { if case .summary(let s) = screen { return s }; return nil }
    var overviewScreen: OverviewState? { if case .overview(let o) = screen { return o }; return nil }
    var chooser: ModeChooserState? { if case .modes(let c) = screen { return c }; return nil }
}

/// A way on from every screen (issue 16 C) and feedback that teaches (B).
@Suite struct FlowTests {
    let lesson = SeedLesson.lesson

    @Test func aWrongTryAnswerKeepsWhatWasChosenAndTheLessonSaysWhatPyTorchDoesWithIt() throws {
        var state = SeedLesson.state(.try, task: 0)
        state.send(.char("b"), .enter)
        let fill = try #require(state.fill)
        #expect(fill.lastWrong.map(\.blank) == [1] && fill.lastWrong.map(\.letter) == ["B"])
        #expect(fill.task.claim("B", in: 1)?.outcomeText == "ValueError: num_layers must be greater than zero")
        #expect(fill.task.option("B")?.why?.hasPrefix("num_layers counts the stacked layers") == true)
        #expect(fill.task.run?.expect.outcomeText == "prints RNN(10, 20)")
        #expect(fill.task.answerWhy?.hasPrefix("One layer") == true)
    }

    @Test func rAfterRunningOutOfAttemptsStartsTheTaskAfreshAsANewSeriesOfAttempts() throws {
        var state = SeedLesson.state(.try, task: 1)
        state.send(.char("b"), .enter)
        state.send(.char("r"))
        #expect(state.fill?.attemptsLeft == 2)   // r does nothing while attempts are left
        state.send(.char("c"), .enter, .char("d"), .enter)
        #expect(state.fill?.outcome == .missed)
        let id = lesson.tryIt!.tasks[1].id
        state.now = state.now.addingTimeInterval(60)
        #expect(state.press(.char("r")).isEmpty)
        let fill = try #require(state.fill)
        #expect(fill.outcome == .working && fill.filled.isEmpty && fill.attemptsLeft == fill.task.attempts && fill.shownAt == state.now)
        state.send(.char("a"), .enter)
        let p = try #require(state.progress.item(lesson: lesson.id, item: id))
        // The miss stays; the new series starts at attempt 1 in the history.
        #expect(p.status == .solved && p.missed && p.rightAtFirstTry == false)
        #expect(p.history.map(\.attempt) == [1, 2, 3, 1] && p.history.last?.correct == true)
    }

    @Test func tryEndsOnASummaryWhoseEnterOpensPracticeAndLTheNextLesson() {
        var second = SeedLesson.lesson
        second.id = "second"
        second.title = "Second"
        var state = State(lessons: [lesson, second], size: Size(width: 80, height: 24))
        _ = state.start(lessonIndex: 0, mode: .try, task: 4)
        state.send(.char("a"), .char("b"), .char("c"), .enter)
        #expect(state.fill?.outcome == .solved)
        state.send(.char("n"))
        #expect(state.summary == SummaryState(lessonIndex: 0, mode: .try))
        #expect(state.route.count == 3)
        state.send(.enter)
        #expect(state.choice?.questionIndex == 0 && state.route.count == 3)
        // Practice ends the same way; l goes on to the next lesson's chooser, q from there to the menu.
        _ = state.open(.practice, lessonIndex: 0, task: 4)
        state.send(.char("n"))
        #expect(state.summary?.mode == .practice)
        state.send(.char("l"))
        #expect(state.chooser?.lessonIndex == 1 && state.route.count == 2)
        state.send(.char("q"))
        guard case .menu(let menu) = state.screen else { Issue.record("not on the menu"); return }
        #expect(menu.selected == 1)
    }

    @Test func theSummaryTakesTheTasksAgainOrGoesBackToTheLast() {
        var state = SeedLesson.state(.try, task: 4)
        state.send(.char("n"))
        state.send(.char("p"))
        #expect(state.fill?.taskIndex == 4)
        state.send(.char("n"), .char("r"))
        #expect(state.fill?.taskIndex == 0)
    }

    @Test func theLastChallengeItemShowsItsFeedbackBeforeTheResult() {
        var state = SeedLesson.state(.challenge, task: 2)
        _ = answer(&state, right: false)
        #expect(state.challenge?.work.itemID == lesson.challenge!.items[2].id)
        // The wrong choice is crossed out and asked again.
        if case .choice(let c)? = state.challenge?.work { #expect(c.ruledOut.count == 1 && c.answered == nil) }
        _ = answer(&state, right: false)
        #expect(state.challenge?.outcome == .missed && state.challenge?.isFinished == false)
        state.send(.enter)
        #expect(state.challenge?.isFinished == true)
    }

    @Test func theChooserOpensOnTheRecommendedModeAndOShowsTheOverview() {
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        _ = state.openLesson(at: 0)
        #expect(state.chooser.map { Mode.listed[$0.selected] } == .intro)
        state.progress.apply(.attempt(lesson: lesson.id, item: lesson.tryIt!.tasks[0].id, correct: true, at: state.now))
        state.send(.char("q"), .enter)
        #expect(state.chooser.map { Mode.listed[$0.selected] } == .try)
        state.send(.char("o"))
        #expect(state.overviewScreen?.lessonIndex == 0)
        state.send(.down, .enter)
        #expect(state.choice != nil)
        state.send(.char("q"), .char("o"))
        #expect(state.chooser != nil)
    }
}

/// The Recommended mode, step by step through a lesson.
@Suite struct RecommendationTests {
    let lesson = SeedLesson.lesson
    let t = Date(timeIntervalSince1970: 1_800_000_000)

    func answerAll(_ items: [LessonItem], _ p: inout LearnerProgress, right: Bool = true) {
        for item in items { p.apply(.attempt(lesson: lesson.id, item: item.id, correct: right, at: t)) }
    }

    /// The lesson's overview on the local (UTC) day of `now`, Review due as the scheduler has it.
    func overview(_ p: LearnerProgress, at now: Date) -> LessonOverview {
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        state.progress = p
        state.now = now
        return state.overview(lessonIndex: 0)
    }

    @Test func readThenTryThenPracticeThenReviewThenTestThenChallenge() {
        var p = LearnerProgress()
        #expect(overview(p, at: t).recommended == .intro)
        p.apply(.attempt(lesson: lesson.id, item: lesson.tryIt!.tasks[0].id, correct: false, at: t))
        p.apply(.missed(lesson: lesson.id, item: lesson.tryIt!.tasks[0].id, at: t))
        var o = overview(p, at: t)
        #expect(o.recommended == .try && o.progress(of: .try)?.stage == .inProgress)
        answerAll(lesson.tryIt!.tasks.dropFirst().map(LessonItem.fill), &p)
        o = overview(p, at: t)
        #expect(o.recommended == .practice && o.progress(of: .try)?.stage == .done && o.progress(of: .try)?.detail == "4/5 right · 4 first try")
        answerAll(lesson.practice!.questions.map(LessonItem.choice), &p)
        // The same day: nothing answered is due yet, but the lesson's review cards are new and due.
        o = overview(p, at: t)
        let cards = lesson.review!.cards
        #expect(o.recommended == .review && o.due.map(\.item) == cards.map(\.id))
        #expect(o.progress(of: .review)?.detail == "\(cards.count) due today")
        // Every card learned: nothing is due today, so the Test is next.
        for card in cards { p.apply(.reviewed(lesson: lesson.id, item: card.id, grade: .good, seconds: 5, at: t.addingTimeInterval(1))) }
        #expect(overview(p, at: t.addingTimeInterval(2)).recommended == .test)
        // The next day the missed task is due (Again: one day), so Review comes first again.
        let tomorrow = t.addingTimeInterval(86_400)
        #expect(overview(p, at: tomorrow).due.map(\.item) == [lesson.tryIt!.tasks[0].id])
        #expect(overview(p, at: tomorrow).recommended == .review)
        p.apply(.testScore(lesson: lesson.id, score: 7, total: 10, at: t.addingTimeInterval(2)))
        #expect(overview(p, at: t.addingTimeInterval(3)).recommended == .test)
        p.apply(.testScore(lesson: lesson.id, score: 9, total: 10, at: t.addingTimeInterval(3)))
        o = overview(p, at: t.addingTimeInterval(4))
        #expect(o.recommended == .challenge && o.progress(of: .test)?.detail == "latest 9/10")
        p.apply(.challengeScore(lesson: lesson.id, score: 3, total: 3, at: t.addingTimeInterval(4)))
        #expect(overview(p, at: t.addingTimeInterval(5)).recommended == nil)
    }
}
