import Foundation
import Testing
@testable import TutorCore

@Suite struct ProgressReportTests {
    static let outline = ProgressOutline(lessons: [
        .init(id: "rnn-shapes", title: "RNN shapes", itemIDs: ["t1", "t2", "t3"]),
        .init(id: "lstm", title: "LSTM gates, and why the forget gate starts near one", itemIDs: ["g1"]),
    ])

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
        let r = ProgressReport(progress: Self.progress(), outline: Self.outline)
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
        let text = ProgressReport(progress: Self.progress(), outline: Self.outline).table()
        let expected = """
        Lesson      Title                             Solved  Missed  Started  Unseen  Test  Mastery
        rnn-shapes  RNN shapes                             1       1        0       1   4/5  80 % · strong
        lstm        LSTM gates, and why the forget …       0       0        0       1     -  not started
        old         (no longer in the lessons)             1       0        0       0     -  100 % · strong

        Left off: lesson rnn-shapes, mode learn, task t3.

        """
        #expect(text == expected, "\n\(text)")
    }

    @Test func emptyTable() {
        #expect(ProgressReport(progress: LearnerProgress(), outline: ProgressOutline(lessons: [])).table()
            == "No lessons and nothing recorded yet.\n")
    }

    @Test func json() throws {
        let text = ProgressReport(progress: Self.progress(), outline: Self.outline).json()
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
