import Foundation
import Testing
@testable import TutorCore

/// The review screens: the menu's `v` over the whole course, a lesson's own Review, cards graded 1–4,
/// due tasks and questions answered on their own screens, Again coming back within the session, leeches
/// sent back to where they are taught.
@Suite struct ReviewSessionTests {
    let lesson = SeedLesson.lesson
    /// 2026-12-03T09:00:00Z plus `days`.
    static func day(_ days: Int, seconds: Double = 0) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + Double(days) * 86_400 + seconds) }

    /// Day 0: try-hidden-zeros right after a retry (Hard), practice-output-shape missed (Again), try-num-layers
    /// right first (Good): the first two are due on day 1, the third on day 2 or later.
    func dayZero() -> LearnerProgress {
        var p = LearnerProgress()
        func answer(_ item: String, _ at: Date, correct: Bool, attempt: Int, grade: Grade?, mode: AnswerMode = .try) {
            p.apply(.attempt(lesson: lesson.id, item: item, answer: Answer(at: at, mode: mode, chosen: ["A"], correct: correct, attempt: attempt, seconds: 20, grade: grade)))
        }
        answer("try-hidden-zeros", Self.day(0), correct: false, attempt: 1, grade: nil)
        answer("try-hidden-zeros", Self.day(0, seconds: 10), correct: true, attempt: 2, grade: .hard)
        answer("practice-output-shape", Self.day(0, seconds: 20), correct: false, attempt: 1, grade: .again, mode: .practice)
        answer("try-num-layers", Self.day(0, seconds: 30), correct: true, attempt: 1, grade: .good)
        return p
    }

    func menu(_ progress: LearnerProgress, at now: Date) -> State {
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        state.progress = progress
        state.now = now
        return state
    }

    var review: (State) -> ReviewState? { { $0.review } }

    @Test func vWithNothingDueSaysWhenTheNextReviewIs() {
        var state = menu(LearnerProgress(), at: Self.day(0))
        state.send(.char("v"))
        #expect(state.route.count == 1)
        #expect(state.note == "Nothing is due for review today: answer something in a lesson first.")
        var p = dayZero()
        for card in lesson.review!.cards { p.apply(.reviewed(lesson: lesson.id, item: card.id, grade: .good, seconds: 4, at: Self.day(0, seconds: 60))) }
        state = menu(p, at: Self.day(0, seconds: 120))
        state.send(.char("v"))
        #expect(state.note == "Nothing is due for review today; the next review is on 2026-12-04.")
    }

    @Test func vOpensWhatTheSchedulerHasDueInItsOrder() throws {
        var state = menu(dayZero(), at: Self.day(1))
        let expected = state.progress.dueReview(outline: ProgressOutline([lesson]), at: Self.day(1), timeZone: state.timeZone).map(\.item)
        #expect(Array(expected.prefix(2)) == ["try-hidden-zeros", "practice-output-shape"])
        #expect(state.reviewOutlook.total == expected.count && state.reviewOutlook.due(lesson: lesson.id) == expected.count)
        state.send(.char("v"))
        let r = try #require(state.review)
        #expect(r.scope == .course && r.queue.remaining.map(\.item) == expected)
        // The first due item is a try task: it is answered on the Try screen it has.
        guard case .fill(let f)? = r.work else { Issue.record("no fill task on screen"); return }
        #expect(f.task.id == "try-hidden-zeros" && f.attemptsLeft == f.task.attempts)
        #expect(r.position == nil)   // the course's review is no lesson's mode
    }

    @Test func aDueTaskIsGradedFromItsAnswerAndRecordedInReviewMode() throws {
        var state = menu(dayZero(), at: Self.day(1))
        state.send(.char("v"))
        // try-hidden-zeros (answer A): B first (wrong, a retry left), then A: right after a retry → Hard.
        state.now = Self.day(1, seconds: 5)
        var effects = state.press(.char("b")) + state.press(.enter)
        #expect(state.review?.pendingGrade == nil)
        state.now = Self.day(1, seconds: 9)
        effects += state.press(.char("a")) + state.press(.enter)
        #expect(state.review?.pendingGrade == .hard)
        let answers = effects.compactMap { effect -> Answer? in
            if case .record(.attempt(_, "try-hidden-zeros", let a)) = effect { return a }
            return nil
        }
        #expect(answers.map(\.mode) == [.review, .review])
        #expect(answers.map(\.grade) == [nil, .hard])
        #expect(answers.map(\.seconds) == [5, 9])
        // Keys of the item stop once it is answered; n moves on to the next item.
        state.send(.char("n"))
        #expect(state.review?.queue.graded.map(\.grade) == [.hard])
        guard case .choice(let c)? = state.review?.work else { Issue.record("no question on screen"); return }
        #expect(c.question.id == "practice-output-shape")
    }

    @Test func aQuestionMissedInReviewIsAgainAndComesBackWithinTheSession() throws {
        var state = menu(dayZero(), at: Self.day(1))
        state.send(.char("v"))
        state.send(.char("a"), .enter, .char("a"), .enter, .char("n"))   // try-hidden-zeros right first: Good
        let before = try #require(state.review?.queue.remaining.count)
        let effects = state.press(.char("a")) + state.press(.enter)   // practice-output-shape: C is right
        #expect(effects.contains(.record(.missed(lesson: lesson.id, item: "practice-output-shape", at: Self.day(1)))))
        #expect(effects.contains(.record(.solutionSeen(lesson: lesson.id, item: "practice-output-shape", at: Self.day(1)))))
        #expect(state.review?.pendingGrade == .again)
        state.send(.enter)
        let r = try #require(state.review)
        #expect(r.queue.remaining.count == before)   // one shown, the same one back in the queue
        #expect(r.queue.remaining.firstIndex { $0.item == "practice-output-shape" } == min(3, before - 1))
        #expect(r.place.of == r.queue.graded.count + before)
    }

    @Test func aCardShowsItsAnswerThenTakesOneOfFourGradesAndAgainBringsItBack() throws {
        var state = SeedLesson.state(.review)
        let cards = lesson.review!.cards
        #expect(state.review?.ahead == true)   // nothing answered: the lesson's cards, ahead of schedule
        state.send(.char("3"))
        #expect(state.review?.queue.graded.isEmpty == true && state.note == "Space shows the answer first; then 1–4 grade it.")
        state.send(.char(" "))
        #expect(state.review?.revealed == true)
        state.send(.char("1"))
        let r = try #require(state.review)
        #expect(r.revealed == false && r.queue.current?.item == cards[1].id)
        #expect(r.queue.remaining.map(\.item) == [cards[1].id, cards[2].id, cards[3].id, cards[0].id, cards[4].id, cards[5].id])
        for _ in 0..<3 { state.send(.char(" "), .char("4")) }
        #expect(state.review?.queue.current?.item == cards[0].id)
        #expect(state.progress.item(lesson: lesson.id, item: cards[0].id)?.history.map(\.grade) == [.again])
        state.send(.char(" "), .char("3"))
        #expect(state.progress.item(lesson: lesson.id, item: cards[0].id)?.history.map(\.grade) == [.again, .good])
    }

    @Test func aLessonsOwnReviewShowsItsDueItemsFirst() throws {
        var state = menu(dayZero(), at: Self.day(1))
        _ = state.openLesson(at: 0)
        _ = state.open(.review, lessonIndex: 0, task: 0)
        let r = try #require(state.review)
        #expect(r.scope == .lesson(0) && !r.ahead)
        #expect(r.queue.remaining.map(\.item) == state.context.dueItems(lesson: lesson.id).map(\.item))
        #expect(Array(r.queue.remaining.map(\.item).prefix(2)) == ["try-hidden-zeros", "practice-output-shape"])
        #expect(r.position == ScreenPosition(.review, 0, 0))
    }

    /// A card graded Again three times in review: a leech.
    func leech(_ card: String, days: Int = 3) -> LearnerProgress {
        var p = dayZero()
        for d in 1...days { p.apply(.reviewed(lesson: lesson.id, item: card, grade: .again, seconds: 8, at: Self.day(d))) }
        return p
    }

    @Test func aLeechsTOpensThePageAtTheHeadingThatTeachesIt() throws {
        var state = menu(leech("review-memory"), at: Self.day(4))
        state.send(.char("v"))
        while let r = state.review, r.queue.current?.item != "review-memory", !r.isFinished {
            if r.work != nil { _ = answer(&state) } else { state.send(.char(" "), .char("3")) }
        }
        let schedule = state.progress.schedule(lesson: lesson.id, item: "review-memory", timeZone: state.timeZone)
        #expect(schedule?.isLeech == true)
        state.send(.char("t"))
        let page = try #require(state.page)
        #expect(page.mode == .why && page.heading == 0)   // "Big idea" is the why page's first block
        // Scrolling goes on from what the view showed, and leaves the heading.
        _ = state.update(.layout(scrollLimit: 20, scrollOffset: 4))
        state.send(.down)
        #expect(state.page?.scroll == 5 && state.page?.heading == nil)
        state.send(.char("q"))
        #expect(state.review?.queue.current?.item == "review-memory")
    }

    @Test func aLinkToTheVisualizerOrThePlaygroundOpensThatPlace() throws {
        let context = State(lessons: [lesson], size: Size(width: 80, height: 24)).context
        guard case .visualize(let vis)? = context.openingSource(.visualize(step: 2), lessonIndex: 0)?.screen else {
            Issue.record("no visualizer"); return
        }
        #expect(vis.revealed == 2)
        guard case .playground(let play)? = context.openingSource(.playground(snippet: "playground-input-size"), lessonIndex: 0)?.screen else {
            Issue.record("no playground"); return
        }
        #expect(play.snippetIndex == 1)
    }

    @Test func tWithoutALinkSaysSo() {
        var state = SeedLesson.state(.review)
        let card = state.review?.queue.current?.item
        #expect(card == "review-memory")
        // review-h0-shape has no teaches: link.
        while state.review?.queue.current?.item != "review-h0-shape" { state.send(.char(" "), .char("3")) }
        state.send(.char("t"))
        #expect(state.review != nil && state.note == "The lesson does not say where it teaches this one.")
    }

    @Test func theMenuCountsDueItemsPerLessonAndTheStreak() {
        let state = menu(dayZero(), at: Self.day(1))
        let outlook = state.reviewOutlook
        #expect(outlook.streak == Streak(days: 1, includesToday: false))
        #expect(outlook.learned == 2)   // Hard and Good are recalled; the missed question is not
        #expect(outlook.seconds == state.progress.estimatedSeconds(for: outlook.items, outline: ProgressOutline([lesson])))
        #expect(outlook.nextDue == CalendarDay(Self.day(3), in: state.timeZone) || outlook.nextDue.map { $0 > CalendarDay(Self.day(1), in: state.timeZone) } == true)
    }

    @Test func aClickOnTheReviewLineOpensIt() {
        var state = menu(dayZero(), at: Self.day(1))
        state.click(.menuReview)
        #expect(state.review?.scope == .course)
    }

    @Test func previewRecordsNoGrade() {
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24), settings: Settings(preview: true))
        _ = state.open(.review, lessonIndex: 0, task: 2)
        #expect(state.review?.revealed == true && state.review?.queue.current?.item == lesson.review!.cards[2].id)
        let effects = state.press(.char("3"))
        #expect(effects.isEmpty && state.progress == LearnerProgress())
        #expect(state.review?.queue.current?.item == lesson.review!.cards[3].id)
    }

    /// Answers the task or question on screen rightly (for walking through a session).
    func answer(_ state: inout State) -> [Effect] {
        var effects: [Effect] = []
        switch state.review?.work {
        case .fill(let f)?:
            for n in f.task.blanks { effects += state.press(.char(Character(String(n)))) + state.press(.char(Character(f.task.answers[n]!.lowercased()))) }
            effects += state.press(.enter)
        case .choice(let c)?:
            effects += state.press(.char(Character(c.question.answer.lowercased()))) + state.press(.enter)
        case nil:
            break
        }
        return effects + state.press(.char("n"))
    }
}
