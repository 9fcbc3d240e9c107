import Foundation
import Testing
@testable import TutorCore

@Suite struct ProgressReportTests {
    static let outline = ProgressOutline(lessons: [
        .init(id: "rnn-shapes", title: "RNN shapes", items: [
            .init(id: "t1", kind: .fill), .init(id: "t2", kind: .fill), .init(id: "t3", kind: .choice), .init(id: "c1", kind: .card),
        ]),
        .init(id: "lstm", title: "LSTM gates, and why the forget gate starts near one", itemIDs: ["g1"]),
    ])
    static let utc = TimeZone(identifier: "UTC")!
    /// The next day (2025-01-02), when t2 (missed on day 0) and the started lesson's new card are due.
    static let dayAfter = t(86_400 + 3600)

    static func report(_ p: LearnerProgress = progress(), at now: Date = dayAfter) -> ProgressReport {
        ProgressReport(progress: p, outline: outline, at: now, timeZone: utc)
    }

    static func progress() -> LearnerProgress {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "rnn-shapes", item: "t1", correct: true, at: t(1)))
        p.apply(.attempt(lesson: "rnn-shapes", item: "t2", correct: false, at: t(2)))
        p.apply(.missed(lesson: "rnn-shapes", item: "t2", at: t(3)))
        p.apply(.attempt(lesson: "rnn-shapes", item: "retired", correct: false, at: t(3)))
        p.apply(.testScore(lesson: "rnn-shapes", score: 4, total: 5, at: t(4)))
        p.apply(.attempt(lesson: "old", item: "z", correct: true, at: t(5)))
        p.apply(.leftOff(lesson: "rnn-shapes", mode: "learn", task: "t3", at: t(6)))
        return p
    }

    @Test func rowsFollowTheCourseThenLessonsOnlyTheFileKnows() {
        let r = Self.report()
        #expect(r.lessons.map(\.id) == ["rnn-shapes", "lstm", "old"])
        let shapes = r.lessons[0]
        #expect(shapes.summary == ProgressSummary(solved: 1, missed: 1, inProgress: 0, unseen: 1))
        #expect(shapes.items.map(\.id) == ["t1", "t2", "t3", "retired"])
        #expect(shapes.items.map(\.status) == [.solved, .missed, .unseen, .inProgress])
        #expect(shapes.items.map(\.inLesson) == [true, true, true, false])
        // The record is 1 of 3 items right first time (33 %); the latest test, 4/5, counts instead.
        #expect(shapes.mastery.percent == 80 && shapes.mastery.level == .strong && shapes.mastery.recordPercent == 33)
        #expect(r.lessons[2].inLessons == false)
        #expect(r.lessons[2].summary.solved == 1)
    }

    @Test func table() {
        let text = Self.report().table()
        // Due: t2 (missed on day 0, due on day 1) and the started lesson's new card c1; about 45 s (a
        // fill task, no answer times yet) + 10 s (a card) → 1 min. Learned: t1. Streak: yesterday only.
        let expected = """
        Streak: 1 day · Learned: 1 · Due today: 2 (about 1 min)

        Lesson      Title                             Solved  Missed  Started  Unseen  Due  Test  Mastery
        rnn-shapes  RNN shapes                             1       1        0       1    2   4/5  80 % · strong
        lstm        LSTM gates, and why the forget …       0       0        0       1    0     -  not started
        old         (no longer in the lessons)             1       0        0       0    0     -  100 % · strong

        Left off: lesson rnn-shapes, mode learn, task t3.

        """
        #expect(text == expected, "\n\(text)")
    }

    @Test func emptyTable() {
        #expect(ProgressReport(progress: LearnerProgress(), outline: ProgressOutline(lessons: []), at: t(0), timeZone: Self.utc).table()
            == "No lessons and nothing recorded yet.\n")
    }

    @Test func json() throws {
        let text = Self.report().json()
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let lessons = try #require(object?["lessons"] as? [[String: Any]])
        #expect(lessons.map { $0["id"] as? String } == ["rnn-shapes", "lstm", "old"])
        let items = try #require(lessons[0]["items"] as? [[String: Any]])
        #expect(items.map { $0["status"] as? String } == ["solved", "missed", "unseen", "in_progress"])
        #expect(items.map { $0["attempts_used"] as? Int } == [1, 1, 0, 1])
        #expect(lessons[0]["mastery"] as? String == "strong")
        #expect(lessons[0]["mastery_percent"] as? Int == 80)
        #expect(lessons[1]["mastery"] as? String == "not_started")
        #expect(lessons[0]["solved"] as? Int == 1)
        let test = try #require(lessons[0]["test"] as? [String: Any])
        #expect(test["score"] as? Int == 4)
        #expect(test["at"] as? String == "2025-01-01T00:00:04Z")
        #expect(lessons[1]["test"] is NSNull)
        let resume = try #require(object?["resume"] as? [String: Any])
        #expect(resume["task"] as? String == "t3")
    }

    @Test func jsonShowsEachItemsScheduleAndHistory() throws {
        let text = Self.report().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["day"] as? String == "2025-01-02")
        #expect(object["streak_days"] as? Int == 1 && object["learned"] as? Int == 1 && object["due"] as? Int == 2)
        #expect(object["due_minutes"] as? Int == 1)
        #expect(object["learner"] is NSNull)
        let lesson = try #require((object["lessons"] as? [[String: Any]])?.first)
        #expect(lesson["due"] as? Int == 2)
        let items = try #require(lesson["items"] as? [[String: Any]])
        // t1: Good on 2025-01-01 → S 2.3065, D 2.1181, due in 2 days; R one day later = (1 + 0.980346/2.3065)^(−0.1542).
        let t1 = items[0]
        #expect(t1["kind"] as? String == "fill")
        #expect(t1["due"] as? String == "2025-01-03" && t1["interval_days"] as? Int == 2)
        #expect(t1["stability"] as? Double == 2.3065 && t1["difficulty"] as? Double == 2.1181)
        #expect(t1["retrievability"] as? Double == 0.9468)   // 1.425036^(−0.1542) = 0.946847
        #expect(t1["last_review"] as? String == "2025-01-01" && t1["reviews"] as? Int == 1 && t1["leech"] as? Bool == false)
        let history = try #require(t1["history"] as? [[String: Any]])
        #expect(history.count == 1 && history[0]["grade"] as? String == "good" && history[0]["mode"] as? String == "try")
        // t3: never answered; nothing scheduled.
        #expect(items[2]["due"] is NSNull && items[2]["stability"] is NSNull && (items[2]["history"] as? [Any])?.isEmpty == true)
        let cards = try #require(lesson["cards"] as? [[String: Any]])
        #expect(cards.map { $0["id"] as? String } == ["c1"] && cards[0]["kind"] as? String == "card")
    }

    @Test func reviewReportListsTheDaysSession() {
        // t2 was missed on day 0 (Again: S 0.212, due a day later); on day 1 its recall chance is
        // (1 + 0.980346·1/0.212)^(−0.1542) = 0.766. The lesson's card c1 is new.
        let r = ReviewReport(progress: Self.progress(), outline: Self.outline, at: Self.dayAfter, timeZone: Self.utc)
        let expected = """
        2 items to review on 2025-01-02, about 1 min.

        Lesson      Item  Kind  Due         Interval  Stability  Recall
        rnn-shapes  t2    fill  2025-01-02       1 d     0.21 d    77 %
        rnn-shapes  c1    card  new                -          -       -

        """
        #expect(r.table() == expected, "\n\(r.table())")
        #expect(r.json().contains(#""next_due" : "2025-01-03""#))
        let later = ReviewReport(progress: Self.progress(), outline: ProgressOutline(lessons: [Self.outline.lessons[0]]), at: t(600), timeZone: Self.utc)
        #expect(later.rows.map(\.item) == ["c1"])
        var noCards = Self.outline
        noCards.lessons[0].items.removeAll { $0.kind == .card }
        #expect(ReviewReport(progress: Self.progress(), outline: noCards, at: t(600), timeZone: Self.utc).table()
            == "Nothing is due on 2025-01-01; the next review is on 2025-01-02.\n")
        #expect(ReviewReport(progress: LearnerProgress(), outline: noCards, at: t(600), timeZone: Self.utc).table()
            == "Nothing to review yet: answer something in a lesson first.\n")
    }

    @Test(arguments: [("y", true), ("YES\n", true), (" yes ", true), ("n", false), ("", false), ("yeah", false)])
    func resetConfirmation(line: String, confirms: Bool) {
        #expect(ProgressReset.confirms(line) == confirms)
    }

    @Test func resetWithoutInputDoesNothing() {
        #expect(ProgressReset.confirms(nil) == false)
        #expect(ProgressReset.prompt(lesson: "lstm", path: "/p.json").contains("lesson lstm"))
        #expect(ProgressReset.prompt(lesson: nil, path: "/p.json").contains("every lesson"))
    }
}
