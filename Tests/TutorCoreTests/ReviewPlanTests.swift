import Foundation
import Testing
@testable import TutorCore

/// What is due across the course, in what order, how long it should take, and the counters the menu shows.
@Suite struct ReviewPlanTests {
    static let utc = TimeZone(identifier: "UTC")!
    /// 2026-12-03T09:00:00Z plus `days` (and `hours`).
    static func day(_ days: Int, hours: Double = 0) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + Double(days) * 86_400 + hours * 3600) }

    static let outline = ProgressOutline(lessons: [
        .init(id: "basics", title: "Basics", items: [
            .init(id: "b-fill", kind: .fill), .init(id: "b-choice", kind: .choice), .init(id: "b-hard", kind: .fill),
            .init(id: "b-card1", kind: .card), .init(id: "b-card2", kind: .card),
        ]),
        .init(id: "shapes", title: "Shapes", items: [
            .init(id: "s-fill", kind: .fill), .init(id: "s-card", kind: .card),
        ]),
        .init(id: "unstarted", title: "Not started", items: [.init(id: "u-fill", kind: .fill), .init(id: "u-card", kind: .card)]),
    ])

    static func answer(_ at: Date, _ grade: Grade?, mode: AnswerMode = .try, correct: Bool = true, attempt: Int = 1, seconds: Int? = nil) -> Answer {
        Answer(at: at, mode: mode, chosen: ["A"], correct: correct, attempt: attempt, seconds: seconds, grade: grade)
    }

    /// Day 0: in basics, b-fill right at the first try (Good: due day 2), b-choice missed (Again: due day 1),
    /// b-hard right after a retry (Hard: due day 1); shapes' s-fill right first (Good: due day 2).
    static func dayZero() -> LearnerProgress {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "basics", item: "b-fill", answer: answer(day(0), .good, seconds: 40)))
        p.apply(.attempt(lesson: "basics", item: "b-choice", answer: answer(day(0, hours: 0.1), .again, mode: .practice, correct: false, seconds: 20)))
        p.apply(.attempt(lesson: "basics", item: "b-hard", answer: answer(day(0, hours: 0.2), nil, correct: false, seconds: 30)))
        p.apply(.attempt(lesson: "basics", item: "b-hard", answer: answer(day(0, hours: 0.3), .hard, attempt: 2, seconds: 70)))
        p.apply(.attempt(lesson: "shapes", item: "s-fill", answer: answer(day(0, hours: 1), .good, seconds: 50)))
        return p
    }

    func ids(_ items: [ReviewItem]) -> [String] { items.map(\.item) }

    @Test func onDayZeroOnlyTheStartedLessonsNewCardsAreDue() {
        let due = Self.dayZero().dueReview(outline: Self.outline, at: Self.day(0, hours: 2), timeZone: Self.utc)
        #expect(ids(due) == ["b-card1", "b-card2", "s-card"])   // no answered item is due the day it was answered
        #expect(due.allSatisfy { $0.isNew })
    }

    @Test func onDayOneTheMissedAndHardItemsComeBackWithTheNewCards() {
        let due = Self.dayZero().dueReview(outline: Self.outline, at: Self.day(1), timeZone: Self.utc)
        #expect(ids(due) == ["b-choice", "b-hard", "b-card1", "b-card2", "s-card"])
        #expect(due[0].schedule?.due == CalendarDay(Self.day(1), in: Self.utc))
    }

    @Test func onDayTenEverythingIsOverdueLongestFirstAndNewCardsAreMixedIn() {
        var p = Self.dayZero()
        for i in 0 ..< 5 {   // five more items answered on day 0: due day 2 (Good)
            p.apply(.attempt(lesson: "basics", item: "extra\(i)", answer: Self.answer(Self.day(0, hours: 3), .good)))
        }
        var outline = Self.outline
        outline.lessons[0].items += (0 ..< 5).map { ProgressOutline.Item(id: "extra\($0)", kind: .fill) }
        let due = p.dueReview(outline: outline, at: Self.day(10), timeZone: Self.utc)
        // Due day 1 (b-choice, b-hard), then due day 2 in course order; a new card after every four.
        #expect(ids(due) == ["b-choice", "b-hard", "b-fill", "extra0", "b-card1", "extra1", "extra2", "extra3", "extra4", "b-card2",
                             "s-fill", "s-card"])
        #expect(p.dueCounts(outline: outline, at: Self.day(10), timeZone: Self.utc).perLesson == ["basics": 10, "shapes": 2])
        #expect(p.dueCounts(outline: outline, at: Self.day(10), timeZone: Self.utc).total == 12)
    }

    @Test func aLessonsOwnReviewShowsItsDueItemsFirst() {
        let due = Self.dayZero().dueReview(outline: Self.outline, at: Self.day(2), timeZone: Self.utc, firstLesson: "shapes")
        #expect(ids(due) == ["s-fill", "s-card", "b-choice", "b-hard", "b-fill", "b-card1", "b-card2"])
    }

    @Test func newCardsStopAtTheDailyLimitCountingThoseStartedToday() {
        var p = Self.dayZero()
        p.apply(.reviewed(lesson: "basics", item: "b-card1", grade: .good, seconds: 5, at: Self.day(0, hours: 3)))
        let policy = ReviewPolicy(newCardsPerDay: 2)
        // One card was introduced today, so one more new card fits.
        #expect(ids(p.dueReview(outline: Self.outline, at: Self.day(0, hours: 4), timeZone: Self.utc, policy: policy)) == ["b-card2"])
        #expect(ids(p.dueReview(outline: Self.outline, at: Self.day(1), timeZone: Self.utc, policy: policy)) == ["b-choice", "b-hard", "b-card2", "s-card"])
    }

    @Test func theTimeEstimateUsesTheLearnersMedianPerKindElseTheDefaults() {
        let p = Self.dayZero()
        // Graded fill answers took 40, 70 and 50 s: median 50. Choice: 20. Cards: no times yet, so 10 s each.
        #expect(p.medianSeconds(outline: Self.outline) == [.fill: 50, .choice: 20])
        let due = p.dueReview(outline: Self.outline, at: Self.day(1), timeZone: Self.utc)   // choice, fill, 3 cards
        #expect(p.estimatedSeconds(for: due, outline: Self.outline) == 20 + 50 + 3 * 10)
        #expect(LearnerProgress.minutes(seconds: 100) == 2)
        #expect(LearnerProgress.minutes(seconds: 120) == 2)
        #expect(LearnerProgress.minutes(seconds: 0) == 0)
        // Without any answer times: 45 s a fill task, 30 s a question, 10 s a card.
        let none = LearnerProgress()
        let items = [ReviewItem(lesson: "x", item: "a", kind: .fill, schedule: nil), ReviewItem(lesson: "x", item: "b", kind: .choice, schedule: nil),
                     ReviewItem(lesson: "x", item: "c", kind: .card, schedule: nil)]
        #expect(none.estimatedSeconds(for: items, outline: Self.outline) == 85)
    }

    @Test func reviewTimesArePreferredForAKindOnceThereAreAny() {
        var p = Self.dayZero()
        p.apply(.reviewed(lesson: "basics", item: "b-fill", grade: .good, seconds: 8, at: Self.day(2)))
        #expect(p.medianSeconds(outline: Self.outline)[.fill] == 8)
    }

    @Test func threeMissesInReviewMakeALeech() {
        var p = Self.dayZero()
        for (i, grade) in [Grade.again, .good, .again, .again].enumerated() {
            p.apply(.reviewed(lesson: "basics", item: "b-card1", grade: grade, seconds: 5, at: Self.day(1 + i)))
            #expect(p.leeches(outline: Self.outline, timeZone: Self.utc).map(\.item) == (i == 3 ? ["b-card1"] : []))
        }
        // Misses outside review (b-choice in practice) do not count toward it.
        p.apply(.attempt(lesson: "basics", item: "b-choice", answer: Self.answer(Self.day(3), .again, mode: .test, correct: false)))
        p.apply(.attempt(lesson: "basics", item: "b-choice", answer: Self.answer(Self.day(4), .again, mode: .practice, correct: false)))
        #expect(p.leeches(outline: Self.outline, timeZone: Self.utc).map(\.item) == ["b-card1"])
        #expect(p.dueReview(outline: Self.outline, at: Self.day(30), timeZone: Self.utc).first { $0.item == "b-card1" }?.isLeech == true)
    }

    @Test func theStreakCountsLocalDaysAndAMissedDayBreaksIt() {
        var p = LearnerProgress()
        #expect(p.streak(at: Self.day(0), timeZone: Self.utc) == Streak(days: 0, includesToday: false))
        for d in [0, 1, 2, 4, 5] {
            p.apply(.reviewed(lesson: "basics", item: "b-card1", grade: .good, seconds: 5, at: Self.day(d)))
        }
        #expect(p.streak(at: Self.day(2, hours: 5), timeZone: Self.utc) == Streak(days: 3, includesToday: true))
        #expect(p.streak(at: Self.day(3), timeZone: Self.utc) == Streak(days: 3, includesToday: false))   // kept until day 3 ends
        #expect(p.streak(at: Self.day(5), timeZone: Self.utc) == Streak(days: 2, includesToday: true))    // day 3 broke it
        #expect(p.streak(at: Self.day(7), timeZone: Self.utc) == Streak(days: 0, includesToday: false))
        // A test score counts as activity too.
        p.apply(.testScore(lesson: "basics", score: 1, total: 2, at: Self.day(6)))
        #expect(p.streak(at: Self.day(6), timeZone: Self.utc).days == 3)
        // The same instants on a Honolulu calendar (UTC−10): 09:00Z is 23:00 the day before there.
        let honolulu = TimeZone(identifier: "Pacific/Honolulu")!
        #expect(p.streak(at: Self.day(6), timeZone: honolulu) == Streak(days: 3, includesToday: true))
        #expect(p.streak(at: Self.day(6, hours: 12), timeZone: honolulu) == Streak(days: 3, includesToday: false))
    }

    @Test func learnedCountsItemsWhoseLastRecallWasAPass() {
        var p = Self.dayZero()
        #expect(p.learnedCount(outline: Self.outline, timeZone: Self.utc) == 3)   // b-fill, b-hard, s-fill; b-choice was missed
        p.apply(.reviewed(lesson: "basics", item: "b-choice", grade: .good, seconds: 3, at: Self.day(1)))
        p.apply(.reviewed(lesson: "basics", item: "b-fill", grade: .again, seconds: 3, at: Self.day(2)))
        #expect(p.learnedCount(outline: Self.outline, timeZone: Self.utc) == 3)   // b-choice in, b-fill out
    }
}

@Suite struct ReviewQueueTests {
    static func item(_ id: String) -> ReviewItem { ReviewItem(lesson: "L", item: id, kind: .card, schedule: nil) }

    @Test func againBringsTheCardBackWithinTheSession() {
        var queue = ReviewQueue(["a", "b", "c", "d", "e"].map(Self.item))
        queue.grade(.again)   // a comes back after three others
        #expect(queue.remaining.map(\.item) == ["b", "c", "d", "a", "e"])
        queue.grade(.good)
        queue.grade(.hard)
        queue.grade(.easy)
        #expect(queue.current?.item == "a")
        queue.grade(.again)   // fewer than three left: last
        #expect(queue.remaining.map(\.item) == ["e", "a"])
        queue.grade(.good)
        queue.grade(.good)
        #expect(queue.isFinished)
        #expect(queue.graded.map { "\($0.item.item):\($0.grade.rawValue)" } == ["a:again", "b:good", "c:hard", "d:easy", "a:again", "e:good", "a:good"])
    }
}

@Suite struct TerminalSafeTests {
    @Test(arguments: [
        ("rnn-shapes", "rnn-shapes"),
        ("a\u{1B}[2Jb", "a\\x1b[2Jb"),
        ("title\u{1B}]0;owned\u{07}", "title\\x1b]0;owned\\x07"),
        ("tab\there\nnext", "tab\\x09here\\x0anext"),
        ("del\u{7F}c1\u{9B}", "del\\x7fc1\\x9b"),
        ("abc\u{202E}fed\u{202C}", "abc\\u202efed\\u202c"),
        ("\u{200E}\u{200F}\u{061C}\u{2066}\u{2069}\u{2028}", "\\u200e\\u200f\\u061c\\u2066\\u2069\\u2028"),
        ("Ünïcödé 名前 ✓", "Ünïcödé 名前 ✓"),
    ])
    func escapes(input: String, expected: String) {
        #expect(TerminalSafe.text(input) == expected)
    }

    @Test func jsonKeepsItsLayoutAndItsValues() throws {
        let json = "{\n  \"id\" : \"x\u{9B}y\u{202E}z\u{7F}\"\n}"
        let safe = TerminalSafe.json(json)
        #expect(safe == "{\n  \"id\" : \"x\\u009by\\u202ez\\u007f\"\n}")
        let value = try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: String]
        #expect(value?["id"] == "x\u{9B}y\u{202E}z\u{7F}")
    }

    @Test func theProgressTableAndJSONShowNoRawControlFromTheFile() throws {
        var p = LearnerProgress()
        p.learner = "Mallory\u{1B}[31m"
        p.apply(.attempt(lesson: "evil\u{1B}]0;pwned\u{07}", item: "q\u{202E}1", correct: true, at: t(1)))
        p.apply(.leftOff(lesson: "evil\u{1B}]0;pwned\u{07}", mode: "try\u{9B}", task: "q\u{202E}1", at: t(2)))
        let report = ProgressReport(progress: p, outline: ProgressOutline(lessons: []), at: t(3), timeZone: TimeZone(identifier: "UTC")!)
        for text in [report.table(), report.json()] {
            #expect(!text.unicodeScalars.contains { $0.value != 0x0A && TerminalSafe.isUnsafe($0) }, "\(text)")
        }
        #expect(report.table().contains("evil\\x1b]0;pwned\\x07"))
        #expect(report.table().hasPrefix("Learner: Mallory\\x1b[31m · "))
        #expect(report.table().contains("task q\\u202e1."))
        let object = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        #expect(object?["learner"] as? String == "Mallory\u{1B}[31m")   // the JSON value itself is unchanged
    }
}
