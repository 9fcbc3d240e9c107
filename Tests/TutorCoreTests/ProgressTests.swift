import Foundation
import Testing
@testable import TutorCore

/// Seconds after 2025-01-01T00:00:00Z, so dates in expectations read as small numbers.
func t(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_735_689_600 + s) }

@Suite struct ProgressApplyTests {
    @Test func firstAttemptDecidesFirstTryAndRightAttemptSolves() {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "L", item: "a", correct: false, at: t(10)))
        p.apply(.attempt(lesson: "L", item: "a", correct: true, at: t(20)))
        p.apply(.attempt(lesson: "L", item: "b", correct: true, at: t(30)))
        let a = p.item(lesson: "L", item: "a")
        #expect(a?.attemptsUsed == 2)
        #expect(a?.solved == true)
        #expect(a?.rightAtFirstTry == false)
        #expect(a?.firstAt == t(10))
        #expect(a?.lastAt == t(20))
        #expect(p.item(lesson: "L", item: "b")?.rightAtFirstTry == true)
        #expect(p.firstTryRate(lesson: "L") == 0.5)
    }

    @Test func statusGoesUnseenInProgressMissedSolved() {
        var p = LearnerProgress()
        #expect(p.status(lesson: "L", item: "q") == .unseen)
        p.apply(.hintSeen(lesson: "L", item: "q", at: t(1)))
        #expect(p.status(lesson: "L", item: "q") == .inProgress)
        p.apply(.attempt(lesson: "L", item: "q", correct: false, at: t(2)))
        p.apply(.missed(lesson: "L", item: "q", at: t(3)))
        #expect(p.status(lesson: "L", item: "q") == .missed)
        p.apply(.solutionSeen(lesson: "L", item: "q", at: t(4)))
        p.apply(.mistakesSeen(lesson: "L", item: "q", at: t(5)))
        p.apply(.attempt(lesson: "L", item: "q", correct: true, at: t(6)))
        let q = p.item(lesson: "L", item: "q")!
        #expect(q.status == .solved)
        #expect(q.missed && q.hintSeen && q.solutionSeen && q.mistakesSeen)
    }

    @Test func datesKeepWholeSeconds() {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "L", item: "a", correct: true, at: t(1.75)))
        #expect(p.item(lesson: "L", item: "a")?.firstAt == t(1))
    }

    @Test func scoresResumeAndReset() {
        var p = LearnerProgress()
        p.apply(.testScore(lesson: "L", score: 3, total: 5, at: t(100)))
        p.apply(.testScore(lesson: "L", score: 5, total: 5, at: t(50)))
        p.apply(.challengeScore(lesson: "L", score: 1, total: 2, at: t(60)))
        p.apply(.leftOff(lesson: "L", mode: "test", task: "q2", at: t(70)))
        p.apply(.attempt(lesson: "M", item: "x", correct: true, at: t(80)))
        #expect(p.lessons["L"]?.tests.map(\.score) == [5, 3])
        #expect(p.latestTest(lesson: "L")?.score == 3)
        #expect(p.latestChallenge(lesson: "L")?.total == 2)
        #expect(p.resumePoint == ResumePoint(lesson: "L", mode: "test", task: "q2", at: t(70)))
        p.apply(.reset(lesson: "L"))
        #expect(p.lessons["L"] == nil)
        #expect(p.resumePoint == nil)
        #expect(p.lessons["M"] != nil)
        p.apply(.reset(lesson: nil))
        #expect(p.lessons.isEmpty)
    }

    @Test func summaryCountsOnlyTheGivenItems() {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "L", item: "a", correct: true, at: t(1)))
        p.apply(.missed(lesson: "L", item: "b", at: t(1)))
        p.apply(.hintSeen(lesson: "L", item: "c", at: t(1)))
        p.apply(.attempt(lesson: "L", item: "gone", correct: true, at: t(1)))
        let s = p.summary(lesson: "L", itemIDs: ["a", "b", "c", "d", "e", "a"])
        #expect(s == ProgressSummary(solved: 1, missed: 1, inProgress: 1, unseen: 2))
        #expect(s.total == 5)
        #expect(p.item(lesson: "L", item: "gone")?.solved == true)
    }
}

@Suite struct ProgressMasteryTests {
    @Test(arguments: [(0.0, Mastery.Level.learning), (0.49, .learning), (0.5, .gettingThere), (0.79, .gettingThere), (0.8, .strong), (1.0, .strong)])
    func bands(fraction: Double, level: Mastery.Level) {
        #expect(Mastery.level(fraction) == level)
    }

    @Test func itemsCountOneAtFirstTryHalfLaterAndTheLatestTestWhenHigher() {
        let ids = ["a", "b", "c", "d"]
        var p = LearnerProgress()
        #expect(p.mastery(lesson: "L", itemIDs: ids).level == .notStarted)
        #expect(p.mastery(lesson: "L", itemIDs: ids).label == "not started")
        // One wrong answer: learning, not "weak" (3 of 4 items are not answered yet).
        p.apply(.attempt(lesson: "L", item: "a", correct: false, at: t(1)))
        #expect(p.mastery(lesson: "L", itemIDs: ids).label == "0 % · learning")
        p.apply(.attempt(lesson: "L", item: "a", correct: true, at: t(2)))   // right later: ½
        p.apply(.attempt(lesson: "L", item: "b", correct: true, at: t(3)))   // right first: 1
        p.apply(.attempt(lesson: "L", item: "c", correct: true, at: t(3)))
        let m = p.mastery(lesson: "L", itemIDs: ids)
        #expect(m.percent == 62 && m.level == .gettingThere && m.answered == 3 && m.total == 4 && m.label == "62 % · getting there")
        // A latest test counts instead when it is higher; an older, better one does not.
        p.apply(.testScore(lesson: "L", score: 9, total: 10, at: t(4)))
        p.apply(.testScore(lesson: "L", score: 5, total: 10, at: t(5)))
        #expect(p.mastery(lesson: "L", itemIDs: ids).percent == 62)
        p.apply(.testScore(lesson: "L", score: 8, total: 10, at: t(6)))
        #expect(p.mastery(lesson: "L", itemIDs: ids).label == "80 % · strong")
        #expect(p.mastery(lesson: "L", itemIDs: ids).recordPercent == 62)
        // Ids the lesson no longer has do not count.
        p.apply(.attempt(lesson: "L", item: "gone", correct: true, at: t(7)))
        #expect(p.mastery(lesson: "L", itemIDs: ids).answered == 3)
    }
}

@Suite struct ProgressCodecTests {
    static func sample() -> LearnerProgress {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "rnn-shapes", item: "t1", correct: false, at: t(1)))
        p.apply(.attempt(lesson: "rnn-shapes", item: "t1", correct: true, at: t(2)))
        p.apply(.hintSeen(lesson: "rnn-shapes", item: "q/3", at: t(3)))
        p.apply(.testScore(lesson: "rnn-shapes", score: 4, total: 5, at: t(4)))
        p.apply(.challengeScore(lesson: "lstm", score: 2, total: 3, at: t(5)))
        p.apply(.leftOff(lesson: "rnn-shapes", mode: "learn", task: "t2", at: t(6)))
        return p
    }

    @Test func roundTrip() throws {
        let p = Self.sample()
        let data = p.encoded()
        #expect(try LearnerProgress.decode(data) == p)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format_version\" : 2"))
        #expect(text.contains("\"attempts_used\" : 2"))
        #expect(text.contains("2025-01-01T00:00:04Z"))
        #expect(text.contains("q/3"))   // slashes unescaped: readable
        #expect(text.hasSuffix("}\n"))
    }

    @Test func missingOptionalFieldsDecodeToDefaults() throws {
        let json = #"{"format_version": 2, "lessons": {"L": {"items": {"a": {"attempts_used": 2, "solved": true}}}}}"#
        let p = try LearnerProgress.decode(Data(json.utf8))
        #expect(p.item(lesson: "L", item: "a") == ItemProgress(attemptsUsed: 2, solved: true))
        #expect(p.learner == nil)
    }

    @Test(arguments: [
        ("{not json", ProgressDecodeError.notJSON),
        ("[1, 2]", .notJSON),
        ("", .notJSON),
        (#"{"lessons": {}}"#, .noFormatVersion),
        (#"{"format_version": 3, "lessons": {"L": 5}}"#, .newerFormat(3)),
        (#"{"format_version": "1"}"#, .wrongContent("format_version")),
        (#"{"format_version": 0}"#, .wrongContent("format_version")),
        (#"{"format_version": 1, "lessons": []}"#, .wrongContent("lessons")),
        (#"{"format_version": 1, "lessons": {"L": {"items": {"a": {"attempts_used": "3"}}}}}"#, .wrongContent("lessons.L.items.a.attempts_used")),
        (#"{"format_version": 1, "lessons": {"L": {"items": {"a": {"attempts_used": -1}}}}}"#, .wrongContent("lessons.L.items.a.attempts_used")),
        (#"{"format_version": 1, "lessons": {"L": {"tests": [{"score": 1, "total": 2, "at": "yesterday"}]}}}"#, .wrongContent("lessons.L.tests[0].at")),
        // Counts that later arithmetic could trip over, and dates day arithmetic cannot hold, are refused.
        (#"{"format_version": 2, "lessons": {"L": {"tests": [{"score": -1, "total": 2, "at": "2025-01-01T00:00:00Z"}]}}}"#, .wrongContent("lessons.L.tests[0].score")),
        (#"{"format_version": 2, "lessons": {"L": {"tests": [{"score": 3, "total": 2, "at": "2025-01-01T00:00:00Z"}]}}}"#, .wrongContent("lessons.L.tests[0].total")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"first_at": "1969-12-31T23:59:59Z"}}}}}"#, .wrongContent("lessons.L.items.a.first_at")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "seconds": -5}]}}}}}"#, .wrongContent("lessons.L.items.a.history[0].seconds")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "attempt": 0}]}}}}}"#, .wrongContent("lessons.L.items.a.history[0].attempt")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "cram"}]}}}}}"#, .wrongContent("lessons.L.items.a.history[0].mode")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "grade": "perfect"}]}}}}}"#, .wrongContent("lessons.L.items.a.history[0].grade")),
        (#"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "wrong_blanks": [0]}]}}}}}"#, .wrongContent("lessons.L.items.a.history[0].wrong_blanks")),
        (#"{"format_version": 2, "learner": 7}"#, .wrongContent("learner")),
    ])
    func damagedInputsAreNamed(json: String, expected: ProgressDecodeError) {
        #expect(throws: expected) { try LearnerProgress.decode(Data(json.utf8)) }
    }

    @Test func aCountPastInt64IsDamaged() {
        // JSONDecoder does not say where; the file is refused all the same.
        let json = #"{"format_version": 2, "lessons": {"L": {"items": {"a": {"attempts_used": 9223372036854775808}}}}}"#
        #expect(throws: ProgressDecodeError.wrongContent("the top level")) { try LearnerProgress.decode(Data(json.utf8)) }
    }

    @Test func theLargestCountSaturatesInsteadOfTrapping() throws {
        // issue 14: attempts_used = 2**63-1 crashed the tutor at the next answer.
        let json = #"{"format_version": 2, "lessons": {"L": {"items": {"a": {"attempts_used": 9223372036854775807, "history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "seconds": 9223372036854775807, "grade": "good"}]}}}}}"#
        var p = try LearnerProgress.decode(Data(json.utf8))
        p.apply(.attempt(lesson: "L", item: "a", answer: Answer(at: t(100), mode: .try, correct: true, attempt: 1, seconds: 9_223_372_036_854_775_807, grade: .good)))
        #expect(p.item(lesson: "L", item: "a")?.attemptsUsed == .max)
        let outline = ProgressOutline(lessons: [.init(id: "L", title: "L", itemIDs: ["a"])])
        let items = p.reviewItems(outline: outline, timeZone: TimeZone(identifier: "UTC")!)
        #expect(p.estimatedSeconds(for: items + items, outline: outline) == .max)
        #expect(p.medianSeconds(outline: outline)[.fill] == .max)
        _ = ProgressReport(progress: p, outline: outline, at: t(200), timeZone: TimeZone(identifier: "UTC")!).table()
    }

    @Test func aFormatOneFileIsMigratedWithOneEntryPerAnsweredItem() throws {
        let v1 = #"""
        {"format_version": 1, "lessons": {"L": {"items": {
          "first-try": {"attempts_used": 1, "solved": true, "right_at_first_try": true, "first_at": "2025-01-01T00:00:01Z", "last_at": "2025-01-01T00:00:01Z"},
          "later": {"attempts_used": 3, "solved": true, "right_at_first_try": false, "first_at": "2025-01-01T00:00:02Z", "last_at": "2025-01-01T00:00:05Z"},
          "missed": {"attempts_used": 2, "missed": true, "right_at_first_try": false, "first_at": "2025-01-01T00:00:03Z", "last_at": "2025-01-01T00:00:04Z"},
          "hint-only": {"hint_seen": true, "first_at": "2025-01-01T00:00:06Z", "last_at": "2025-01-01T00:00:06Z"},
          "undated": {"attempts_used": 1, "solved": true}
        }}}}
        """#
        let p = try LearnerProgress.decode(Data(v1.utf8))
        #expect(p.formatVersion == 1)   // still as read: the store keeps the old file before writing 2
        func history(_ id: String) -> [Answer]? { p.item(lesson: "L", item: id)?.history }
        #expect(history("first-try") == [Answer(at: t(1), mode: .v1, correct: true, grade: .good)])
        #expect(history("later") == [Answer(at: t(5), mode: .v1, correct: true, grade: .hard)])
        #expect(history("missed") == [Answer(at: t(4), mode: .v1, correct: false, grade: .again)])
        #expect(history("hint-only") == [])
        #expect(history("undated") == [])
        #expect(p.item(lesson: "L", item: "later")?.attemptsUsed == 3)   // the counters stay
        // Written again, it is format 2 and reads back the same.
        var again = p
        again.formatVersion = LearnerProgress.currentFormatVersion
        #expect(try LearnerProgress.decode(again.encoded()) == again)
    }

    @Test func idsFromTheFileAreEscapedInTheReason() {
        let json = "{\"format_version\": 2, \"lessons\": {\"L\\u001b]0;owned\\u0007\": {\"items\": []}}}"
        do {
            _ = try LearnerProgress.decode(Data(json.utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.reason == "it holds unexpected content at lessons.L\\x1b]0;owned\\x07.items")
        }
    }
}

@Suite struct ProgressMergeTests {
    static func copies() -> [LearnerProgress] {
        var a = LearnerProgress(), b = LearnerProgress(), c = LearnerProgress()
        a.apply(.attempt(lesson: "L", item: "x", correct: false, at: t(10)))
        a.apply(.attempt(lesson: "L", item: "x", correct: false, at: t(11)))
        a.apply(.missed(lesson: "L", item: "x", at: t(12)))
        a.apply(.testScore(lesson: "L", score: 2, total: 4, at: t(13)))
        a.apply(.leftOff(lesson: "L", mode: "learn", task: "x", at: t(14)))
        b.apply(.attempt(lesson: "L", item: "x", correct: true, at: t(5)))
        b.apply(.hintSeen(lesson: "L", item: "y", at: t(20)))
        b.apply(.testScore(lesson: "L", score: 4, total: 4, at: t(21)))
        b.apply(.attempt(lesson: "old-lesson", item: "retired", correct: true, at: t(1)))
        b.apply(.leftOff(lesson: "L", mode: "test", task: "y", at: t(22)))
        c.apply(.solutionSeen(lesson: "L", item: "x", at: t(30)))
        c.apply(.testScore(lesson: "L", score: 2, total: 4, at: t(13)))
        c.apply(.challengeScore(lesson: "M", score: 1, total: 1, at: t(31)))
        // Histories: the same entry in two copies, an entry twice in one copy, review grades, names.
        a.apply(.reviewed(lesson: "L", item: "card", grade: .good, seconds: 3, at: t(40)))
        b.apply(.reviewed(lesson: "L", item: "card", grade: .good, seconds: 3, at: t(40)))
        b.apply(.reviewed(lesson: "L", item: "card", grade: .good, seconds: 3, at: t(40)))
        c.apply(.reviewed(lesson: "L", item: "card", grade: .again, seconds: 9, at: t(41)))
        a.learner = "Ada"
        c.learner = "Grace"
        return [a, b, c, LearnerProgress()]
    }

    @Test func twoWritersKeepEverything() {
        let all = Self.copies()
        let m = all[0].merging(all[1])
        let x = m.item(lesson: "L", item: "x")!
        #expect(x.attemptsUsed == 2)
        #expect(x.solved && x.missed)
        #expect(x.status == .solved)                // solved wins over missed
        #expect(x.rightAtFirstTry == false)         // any copy that saw a wrong first try says so
        #expect(x.firstAt == t(5))
        #expect(x.lastAt == t(12))
        #expect(m.status(lesson: "L", item: "y") == .inProgress)
        #expect(m.item(lesson: "old-lesson", item: "retired")?.solved == true)   // unknown ids kept
        #expect(m.lessons["L"]?.tests.map(\.score) == [2, 4])
        #expect(m.resumePoint?.task == "y")
        // x's answers from both copies, oldest first; the card's entry held twice by b counts twice.
        #expect(x.history.map(\.at) == [t(5), t(10), t(11)])
        #expect(m.item(lesson: "L", item: "card")?.history == Array(repeating: .review(.good, seconds: 3, at: t(40)), count: 2))
        #expect(m.learner == "Ada")
        #expect(all[0].merging(all[2]).learner == "Grace")   // both named: the larger, so every side agrees
    }

    @Test func mergeIsCommutativeAssociativeIdempotent() {
        let all = Self.copies()
        for a in all {
            #expect(a.merging(a) == a)
            #expect(a.merging(LearnerProgress()) == a)
            for b in all {
                #expect(a.merging(b) == b.merging(a))
                for c in all {
                    #expect(a.merging(b).merging(c) == a.merging(b.merging(c)))
                }
            }
        }
    }

    @Test func resumeTieBreaksTheSameOnBothSides() {
        let a = LearnerProgress(resumePoint: ResumePoint(lesson: "A", mode: "m", task: "1", at: t(1)))
        let b = LearnerProgress(resumePoint: ResumePoint(lesson: "B", mode: "m", task: "1", at: t(1)))
        #expect(a.merging(b).resumePoint?.lesson == "B")
        #expect(b.merging(a).resumePoint?.lesson == "B")
    }
}
