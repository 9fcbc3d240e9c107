import Foundation
import Testing
@testable import TutorCore

@Suite struct XAPIStatementTests {
    static let course = XAPICourse(lessons: [
        .init(id: "rnn-shapes", title: "Shapes in, shapes out",
              kinds: ["t1": .fill, "t2": .fill, "t3": .fill, "q1": .choice, "c1": .card],
              modeItems: ["try": ["t1", "t2", "t3"], "practice": ["q1"]]),
    ])
    static let ada = XAPIAgent.learner("Ada L.")
    static func t(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + s) }  // 2026-12-03T09:00:00Z

    /// Statements for `events` applied in order, ids s1, s2, …
    static func statements(_ events: [ProgressEvent], from start: LearnerProgress = LearnerProgress()) -> [XAPIStatement] {
        var progress = start
        var n = 0
        var out: [XAPIStatement] = []
        for e in events {
            var after = progress
            after.apply(e)
            out += XAPIStatement.statements(for: e, before: progress, after: after, actor: ada, course: course, makeID: {
                n += 1
                return "00000000-0000-4000-8000-\(String(repeating: "0", count: 12 - String(n).count))\(n)"
            })
            progress = after
        }
        return out
    }

    static func object(_ s: XAPIStatement) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: s.json())) as? [String: Any] ?? [:]
    }

    @Test func aWrongTaskAnswerIsAnsweredWithItsChoicesScoreAndExtensions() {
        let answer = Answer(at: Self.t(0), mode: .try, chosen: ["A", "D"], wrongBlanks: [2], correct: false, attempt: 1, seconds: 14, grade: nil)
        let s = Self.statements([.attempt(lesson: "rnn-shapes", item: "t1", answer: answer)])
        #expect(s.count == 1)
        let json = String(decoding: s[0].json(), as: UTF8.self)
        #expect(json == #"{"actor":{"account":{"homePage":"https://unroll.dev","name":"Ada L."},"name":"Ada L.","objectType":"Agent"},"#
            + #""context":{"contextActivities":{"grouping":[{"definition":{"name":{"en-US":"Unroll"},"type":"http://adlnet.gov/expapi/activities/course"},"id":"https://unroll.dev/xapi/course","objectType":"Activity"}],"#
            + #""parent":[{"definition":{"name":{"en-US":"Shapes in, shapes out"},"type":"http://adlnet.gov/expapi/activities/lesson"},"id":"https://unroll.dev/xapi/lessons/rnn-shapes","objectType":"Activity"}]},"platform":"Unroll"},"#
            + #""id":"00000000-0000-4000-8000-000000000001","#
            + #""object":{"definition":{"interactionType":"fill-in","type":"http://adlnet.gov/expapi/activities/cmi.interaction"},"id":"https://unroll.dev/xapi/lessons/rnn-shapes/items/t1","objectType":"Activity"},"#
            + #""result":{"duration":"PT14S","extensions":{"https://unroll.dev/xapi/extensions/attempt":1,"https://unroll.dev/xapi/extensions/chosen":["A","D"],"#
            + #""https://unroll.dev/xapi/extensions/mode":"try","https://unroll.dev/xapi/extensions/wrong-blanks":[2]},"#
            + #""response":"A[,]D","score":{"max":2,"min":0,"raw":1,"scaled":0.5},"success":false},"#
            + #""timestamp":"2026-12-03T09:00:00Z","verb":{"display":{"en-US":"answered"},"id":"http://adlnet.gov/expapi/verbs/answered"}}"#)
        #expect(XAPISchema.problems(Self.object(s[0])) == [])
    }

    @Test func aQuestionIsAChoiceScoredOneOrZero() {
        let answer = Answer(at: Self.t(0), mode: .practice, chosen: ["B"], correct: false, attempt: 1, seconds: 9, grade: .again)
        let s = Self.statements([.attempt(lesson: "rnn-shapes", item: "q1", answer: answer), .missed(lesson: "rnn-shapes", item: "q1", at: Self.t(0))])
        #expect(s.map(\.verb) == [.answered, .completed])   // q1 is all of practice: missing it completes the mode
        #expect(s[0].object.definition?.interactionType == "choice")
        #expect(s[0].result?.response == "B")
        #expect(s[0].result?.score == XAPIResult.Score(raw: 0, max: 1))
        #expect(s[0].result?.extensions?.grade == "again")
        #expect(s[1].object.id == "https://unroll.dev/xapi/lessons/rnn-shapes/modes/practice")
        #expect(s[1].result?.score == XAPIResult.Score(raw: 0, max: 1))
        #expect(s.allSatisfy { XAPISchema.problems(Self.object($0)) == [] })
    }

    @Test func aTimedOutChallengeAnswerKeepsItsEmptyBlank() {
        let answer = Answer(at: Self.t(0), mode: .challenge, chosen: ["A", nil], wrongBlanks: [2], correct: false, attempt: 1, seconds: 90,
                            grade: .again, timedOut: true)
        let s = Self.statements([.attempt(lesson: "rnn-shapes", item: "t2", answer: answer)])
        #expect(s[0].result?.response == "A[,]")
        #expect(s[0].result?.duration == "PT1M30S")
        #expect(s[0].result?.extensions?.chosen == ["A", nil])
        #expect(s[0].result?.extensions?.timedOut == true)
        #expect(XAPISchema.problems(Self.object(s[0])) == [])
    }

    @Test func aReviewGradeIsExperienced() {
        let s = Self.statements([.reviewed(lesson: "rnn-shapes", item: "c1", grade: .hard, seconds: 6, at: Self.t(0))])
        #expect(s.map(\.verb) == [.experienced])
        #expect(s[0].result == XAPIResult(success: true, duration: "PT6S", extensions: XAPIExtensions(mode: "review", grade: "hard")))
        #expect(XAPISchema.problems(Self.object(s[0])) == [])
    }

    @Test(arguments: [(8, true), (7, false), (0, false), (10, true)])
    func aTestPassesAtTheStrongLine(score: Int, passed: Bool) {
        let s = Self.statements([.testScore(lesson: "rnn-shapes", score: score, total: 10, at: Self.t(0))])
        #expect(s.map(\.verb) == [passed ? .passed : .failed])
        #expect(s[0].object.id == "https://unroll.dev/xapi/lessons/rnn-shapes/modes/test")
        #expect(s[0].result?.success == passed)
        #expect(s[0].result?.completion == true)
        #expect(s[0].result?.score?.raw == Double(score))
        #expect(XAPISchema.problems(Self.object(s[0])) == [])
    }

    @Test func aChallengeResultCompletesTheMode() {
        let s = Self.statements([.challengeScore(lesson: "rnn-shapes", score: 2, total: 3, at: Self.t(0))])
        #expect(s.map(\.verb) == [.completed])
        #expect(s[0].object.id == "https://unroll.dev/xapi/lessons/rnn-shapes/modes/challenge")
        #expect(s[0].object.definition?.name == ["en-US": "Shapes in, shapes out · Challenge"])
        #expect(XAPISchema.problems(Self.object(s[0])) == [])
    }

    @Test func tryIsCompletedOnceByTheAnswerThatEndsItsLastTask() {
        func right(_ item: String, _ at: Double) -> ProgressEvent {
            .attempt(lesson: "rnn-shapes", item: item, answer: Answer(at: Self.t(at), mode: .try, chosen: ["A"], correct: true, attempt: 1, grade: .good))
        }
        let wrong = ProgressEvent.attempt(lesson: "rnn-shapes", item: "t3", answer: Answer(
            at: Self.t(3), mode: .try, chosen: ["C"], wrongBlanks: [1], correct: false, attempt: 3, grade: .again))
        let s = Self.statements([right("t1", 1), right("t2", 2), wrong, .missed(lesson: "rnn-shapes", item: "t3", at: Self.t(3)), right("t3", 4)])
        #expect(s.map(\.verb) == [.answered, .answered, .answered, .completed, .answered])
        #expect(s[3].object.id == "https://unroll.dev/xapi/lessons/rnn-shapes/modes/try")
        #expect(s[3].result?.score == XAPIResult.Score(raw: 2, max: 3))
    }

    @Test func whatIsNotAnAnswerIsNotSent() {
        let s = Self.statements([.hintSeen(lesson: "rnn-shapes", item: "t1", at: Self.t(0)), .mistakesSeen(lesson: "rnn-shapes", item: "t1", at: Self.t(0)),
                                 .solutionSeen(lesson: "rnn-shapes", item: "t1", at: Self.t(0)),
                                 .leftOff(lesson: "rnn-shapes", mode: "try", task: "t1", at: Self.t(0)), .reset(lesson: nil)])
        #expect(s.isEmpty)
    }

    /// The schema check is not a rubber stamp: each broken statement is named.
    @Test func theSchemaCheckFindsBrokenStatements() {
        let good = Self.object(Self.statements([.testScore(lesson: "rnn-shapes", score: 1, total: 2, at: Self.t(0))])[0])
        var broken = good
        broken["actor"] = nil
        #expect(XAPISchema.problems(broken) == ["actor: required"])
        broken = good
        broken["actor"] = ["mbox": "mailto:a@b.c", "account": ["homePage": "https://x", "name": "a"]]
        #expect(XAPISchema.problems(broken) == ["actor: exactly one of mbox, mbox_sha1sum, openid, account (found 2)"])
        broken = good
        broken["result"] = ["score": ["scaled": 2, "raw": 3, "min": 0, "max": 2], "duration": "12 seconds", "success": 1]
        #expect(XAPISchema.problems(broken) == ["result.success: not a boolean", "result.duration: not an ISO 8601 duration",
                                                "result.score.scaled: outside -1…1", "result.score.raw: above max"])
        broken = good
        broken["verb"] = ["id": "answered"]
        broken["timestamp"] = "2026-12-03 09:00"
        broken["colour"] = "red"
        #expect(XAPISchema.problems(broken) == ["statement: colour is not an xAPI property here", "verb.id: required, an IRI",
                                                "timestamp: not an ISO 8601 timestamp with a zone"])
    }

    /// Statements read back from an LRS rebuild the same records the tutor wrote (what `unroll class --lrs` counts).
    @Test func statementsRebuildTheProgressTheyCameFrom() {
        let events: [ProgressEvent] = [
            .attempt(lesson: "rnn-shapes", item: "t1", answer: Answer(at: Self.t(1), mode: .try, chosen: ["B", "C"], wrongBlanks: [1], correct: false, attempt: 1, seconds: 10, grade: nil)),
            .attempt(lesson: "rnn-shapes", item: "t1", answer: Answer(at: Self.t(2), mode: .try, chosen: ["A", "C"], correct: true, attempt: 2, seconds: 20, grade: .hard)),
            .attempt(lesson: "rnn-shapes", item: "q1", answer: Answer(at: Self.t(3), mode: .practice, chosen: ["D"], correct: false, attempt: 1, seconds: 5, grade: .again)),
            .missed(lesson: "rnn-shapes", item: "q1", at: Self.t(3)),
            .attempt(lesson: "rnn-shapes", item: "t2", answer: Answer(at: Self.t(4), mode: .challenge, chosen: [nil, "B"], wrongBlanks: [1], correct: false, attempt: 1, seconds: 90, grade: .again, timedOut: true)),
            .missed(lesson: "rnn-shapes", item: "t2", at: Self.t(4)),
            .challengeScore(lesson: "rnn-shapes", score: 0, total: 1, at: Self.t(5)),
            .reviewed(lesson: "rnn-shapes", item: "c1", grade: .again, seconds: nil, at: Self.t(6)),
            .testScore(lesson: "rnn-shapes", score: 9, total: 10, at: Self.t(7)),
            .attempt(lesson: "other lesson/ü", item: "x?y", answer: Answer(at: Self.t(8), mode: .test, chosen: ["A"], correct: true, attempt: 1, seconds: 3, grade: .good)),
        ]
        var direct = LearnerProgress()
        direct.apply(events)
        let statements = Self.statements(events).shuffled()
        let roster = XAPIRoster.members(from: statements + [statements[0]])   // a statement listed twice counts once
        #expect(roster.ignored == statements.filter { $0.verb == .completed && $0.object.id.hasSuffix("/modes/practice") }.count)
        #expect(roster.members.map(\.name) == ["Ada L."])
        #expect(roster.members.first?.progress.lessons == direct.lessons)
    }

    @Test func idsOfAnyKindMakeIRIsThatReadBack() {
        #expect(XAPI.itemIRI(lesson: "a b/c", item: "ü?#") == "https://unroll.dev/xapi/lessons/a%20b%2Fc/items/%C3%BC%3F%23")
        #expect(XAPI.target(of: XAPI.itemIRI(lesson: "a b/c", item: "ü?#")) == .item(lesson: "a b/c", item: "ü?#"))
        #expect(XAPI.target(of: XAPI.modeIRI(lesson: "l", mode: "test")) == .mode(lesson: "l", mode: "test"))
        #expect(XAPI.target(of: XAPI.courseIRI) == .course)
        #expect(XAPI.target(of: "https://example.com/xapi/lessons/l") == nil)
        #expect(XAPI.target(of: XAPI.lessonIRI("l") + "/pages/p") == nil)
    }

    @Test(arguments: [(0, "PT0S"), (59, "PT59S"), (60, "PT1M0S"), (3723, "PT1H2M3S"), (-4, "PT0S")])
    func durationsAreISO8601(seconds: Int, text: String) {
        #expect(XAPI.duration(seconds: seconds) == text)
        #expect(XAPI.seconds(ofDuration: text) == max(0, seconds))
    }

    @Test func durationsOtherToolsWriteAreRead() {
        #expect(XAPI.seconds(ofDuration: "P1DT2H") == 93_600)
        #expect(XAPI.seconds(ofDuration: "PT12.5S") == 12)
        #expect(XAPI.seconds(ofDuration: "P1M") == nil)      // a month has no fixed length
        #expect(XAPI.seconds(ofDuration: "PT") == nil)
        #expect(XAPI.seconds(ofDuration: "12S") == nil)
    }
}
