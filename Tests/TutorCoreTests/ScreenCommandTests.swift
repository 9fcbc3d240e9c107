import Foundation
import Testing
@testable import TutorCore

/// The shape of the tutor's update: each screen updates itself and returns commands; `State.apply` is
/// the one place they take effect, so nothing a screen asks for is overwritten or dropped.
@Suite struct ScreenCommandTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Sends keys and keeps every effect, as the runtime does.
    func send(_ state: inout State, _ keys: [Key], into effects: inout [Effect]) {
        for key in keys { effects += state.update(.key(key)) }
    }

    /// What the runtime would have saved: the emitted events applied to the progress it started from.
    func saved(from start: LearnerProgress, _ effects: [Effect]) -> LearnerProgress {
        var p = start
        for case .record(let event) in effects { p.apply(event) }
        return p
    }

    @Test func rOnTheTestResultStartsTheTestAgainAtTheFirstQuestion() {
        var state = SeedLesson.state(.test)
        for _ in 0..<10 { _ = answer(&state, right: true) }
        #expect(state.test?.isFinished == true)
        let depth = state.route.count
        state.send(.char("r"))
        #expect(state.test?.isFinished == false && state.test?.index == 0 && state.test?.results == [])
        #expect(state.route.count == depth)
    }

    @Test func rOnTheChallengeResultTriesAgainWithAFreshClock() {
        var state = SeedLesson.state(.challenge)
        state.now = t0
        let count = SeedLesson.lesson.challenge!.items.count
        for _ in 0..<count {
            _ = answer(&state, right: true)
            state.send(.char("n"))
        }
        #expect(state.challenge?.isFinished == true)
        state.now = t0.addingTimeInterval(100)
        let effects = state.press(.char("r"))
        #expect(state.challenge?.index == 0 && state.challenge?.results == [] && state.challenge?.outcome == .working)
        #expect(state.challenge?.deadline == state.now.addingTimeInterval(TimeInterval(SeedLesson.lesson.challenge!.items[0].timeLimit)))
        #expect(effects.first == .startTimer(interval: 1))
    }

    @Test func rWhenTheReviewIsDoneGoesThroughAgain() {
        var state = SeedLesson.state(.review)
        let cards = SeedLesson.lesson.review!.cards.count
        for _ in 0..<cards { state.send(.char(" "), .char("3")) }
        #expect(state.review?.isFinished == true)
        // Nothing of the lesson is due now (every card was just graded Good): its cards again, ahead of schedule.
        state.send(.char("r"))
        #expect(state.review?.isFinished == false && state.review?.place.shown == 1 && state.review?.queue.graded.isEmpty == true)
        #expect(state.review?.ahead == true && state.review?.queue.remaining.count == cards)
    }

    @Test func aTestAnswerIsOneAttemptInMemoryAndInWhatIsSaved() {
        var state = SeedLesson.state(.test)
        let start = state.progress
        var effects: [Effect] = []
        // The first item is a fill task, the last five are questions: one answer each, one attempt each.
        for i in 0..<10 { effects += answer(&state, right: i % 2 == 0) }
        for item in SeedLesson.lesson.testItems {
            #expect(state.progress.item(lesson: SeedLesson.lesson.id, item: item.id)?.attemptsUsed == 1, "\(item.id)")
        }
        // The test shows no solution, so none is recorded as seen.
        #expect(state.progress.lessons[SeedLesson.lesson.id]?.items.values.contains { $0.solutionSeen } == false)
        #expect(saved(from: start, effects) == state.progress)
    }

    @Test func aChallengeHintSeenAfterAnsweringIsRecorded() {
        var state = SeedLesson.state(.challenge)
        _ = answer(&state, right: false)
        _ = answer(&state, right: false)
        #expect(state.challenge?.outcome == .missed)
        let id = SeedLesson.lesson.challenge!.items[0].id
        let effects = state.press(.char("h"))
        #expect(effects == [.record(.hintSeen(lesson: SeedLesson.lesson.id, item: id, at: state.now))])
        #expect(state.progress.item(lesson: SeedLesson.lesson.id, item: id)?.hintSeen == true)
    }

    @Test func everyModeSavesExactlyWhatItHolds() {
        // A session through every gradable mode, keeping every effect: the events it hands on to be
        // saved, applied to where it started, are the progress it holds.
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.now = t0
        let start = state.progress
        var effects = state.openLesson(at: 0)
        for mode in [Mode.try, .practice, .challenge, .test, .review] {
            effects += state.open(mode, lessonIndex: 0, task: 0)
            for i in 0..<12 {
                switch state.screen {
                case .fill, .choice:
                    send(&state, [.char("h"), .char("m"), .char("b"), .enter, .char("a"), .enter, .char("n")], into: &effects)
                case .test, .challenge:
                    effects += answer(&state, right: i % 3 == 0)
                    send(&state, [.char("h"), .char("m"), .char("n")], into: &effects)
                case .review:
                    send(&state, [.char(" "), .char(i % 2 == 0 ? "3" : "1")], into: &effects)
                case .menu, .modes, .visualize, .page, .playground, .summary, .overview:
                    break
                }
            }
            send(&state, [.char("q")], into: &effects)
        }
        #expect(saved(from: start, effects) == state.progress)
        #expect(state.progress.lessons[SeedLesson.lesson.id]?.tests.count == 1)
    }

    @Test func aScreenChangeAskedForIsKeptAndTheOldScreenIsNotWrittenBack() {
        var state = SeedLesson.state(.try, task: 0)
        let effects = state.press(.char("n"))
        #expect(state.fill?.taskIndex == 1)
        #expect(state.route.count == 3)
        #expect(effects == [.record(.leftOff(lesson: SeedLesson.lesson.id, mode: "try", task: SeedLesson.lesson.tryIt!.tasks[1].id, at: state.now))])
    }

    @Test func popFromTheMenuQuitsAndApplyRunsCommandsInOrder() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        #expect(state.apply([.pop]) == [.quit])
        let effects = state.apply([.status("one"), .push(.page(PageState(lessonIndex: 0, mode: .intro))), .status(nil), .startTimer(interval: 2), .pop])
        #expect(effects == [.startTimer(interval: 2)])
        #expect(state.status == nil && state.route.count == 1)
    }

    @Test func previewAppliesNoProgressEvents() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24), settings: Settings(preview: true))
        let effects = state.apply([.record(.hintSeen(lesson: "x", item: "y", at: t0))])
        #expect(effects.isEmpty && state.progress == LearnerProgress())
    }
}
