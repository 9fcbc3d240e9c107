import Foundation
import Testing
@testable import TutorCore

@Suite struct ClassReportTests {
    static let outline = ProgressOutline(lessons: [
        .init(id: "L", title: "Shapes in, shapes out", items: [.init(id: "t1", kind: .fill), .init(id: "q1", kind: .choice), .init(id: "c1", kind: .card)]),
        .init(id: "M", title: "Not started by anyone", itemIDs: ["m1"]),
    ])
    static let utc = TimeZone(identifier: "UTC")!
    static let now = Date(timeIntervalSince1970: 1_796_288_400)  // 2026-12-03T09:00:00Z
    static func day(_ d: Double, _ s: Double = 0) -> Date { now.addingTimeInterval(d * 86_400 + s) }

    static func fill(_ chosen: [String?], wrong: [Int], attempt: Int, grade: Grade?, at: Date) -> ProgressEvent {
        .attempt(lesson: "L", item: "t1", answer: Answer(at: at, mode: .try, chosen: chosen, wrongBlanks: wrong, correct: wrong.isEmpty,
                                                         attempt: attempt, seconds: 10, grade: grade))
    }

    static func choice(_ letter: String, at: Date) -> [ProgressEvent] {
        let right = letter == "B"
        let e = ProgressEvent.attempt(lesson: "L", item: "q1", answer: Answer(at: at, mode: .practice, chosen: [letter], correct: right,
                                                                             attempt: 1, seconds: 5, grade: right ? .good : .again))
        return right ? [e] : [e, .missed(lesson: "L", item: "q1", at: at)]
    }

    static func member(_ name: String, _ events: [ProgressEvent]) -> ClassMember {
        var p = LearnerProgress()
        p.apply(events)
        return ClassMember(name: name, sources: ["\(name).json"], progress: p)
    }

    /// Five learners whose numbers are worked out by hand in the tests below.
    static let members: [ClassMember] = [
        member("ada", [fill(["A", "C"], wrong: [], attempt: 1, grade: .good, at: day(0, -60))] + choice("B", at: day(0, -50))
            + [.testScore(lesson: "L", score: 9, total: 10, at: day(0, -40))]),
        member("bob", [fill(["A", "D"], wrong: [2], attempt: 1, grade: nil, at: day(-10, 0)), fill(["A", "C"], wrong: [], attempt: 2, grade: .hard, at: day(-10, 5))]
            + choice("C", at: day(-10, 9))),
        member("cy", [fill(["A", "D"], wrong: [2], attempt: 1, grade: nil, at: day(-3, 0)), fill(["A", "D"], wrong: [2], attempt: 2, grade: nil, at: day(-3, 1)),
                      fill(["B", "D"], wrong: [1, 2], attempt: 3, grade: .again, at: day(-3, 2)), .missed(lesson: "L", item: "t1", at: day(-3, 2)),
                      .reviewed(lesson: "L", item: "t1", grade: .again, seconds: 4, at: day(-2, 0)), .reviewed(lesson: "L", item: "t1", grade: .again, seconds: 4, at: day(-1, 0))]
            + choice("C", at: day(-3, 5))),
        member("dee", []),
        member("eve\u{1B}[31m", [fill(["A", "C"], wrong: [], attempt: 1, grade: .good, at: day(-1, 0))] + choice("D", at: day(-1, 5))),
    ]

    static func report(_ members: [ClassMember] = members, stuckDays: Int = 7) -> ClassReport {
        ClassReport(members: members, outline: outline, at: now, timeZone: utc, stuckDays: stuckDays,
                    skipped: [ClassSkipped(path: "/class/broken.json", reason: "it is not valid JSON")])
    }

    @Test func perLearnerDoneMasteryLastActiveAndStuck() {
        let r = Self.report()
        #expect(r.learners.map(\.name) == ["ada", "bob", "cy", "dee", "eve\u{1B}[31m"])
        #expect(r.learners.map(\.lessonsDone) == [1, 1, 1, 0, 1])
        // Each lesson by the tutor's rule (1 right first, ½ right later, the test when higher), then the mean
        // over the two lessons: ada L 100 (2 of 2; the test's 90 is lower), M not started → 50;
        // bob L 25 (½ of 2) → 12; cy L 0 → 0; eve L 50 → 25.
        #expect(r.learners.map(\.mastery.label) == ["50 % · getting there", "12 % · learning", "0 % · learning", "not started", "25 % · learning"])
        #expect(r.learners[0].lessons.map(\.mastery.label) == ["100 % · strong", "not started"])
        #expect(r.learners.map { $0.lastActiveDay?.description } == ["2026-12-03", "2026-11-23", "2026-12-02", nil, "2026-12-02"])
        #expect(r.learners.map(\.answers) == [2, 3, 6, 0, 2])
        #expect(r.learners.map(\.stuck) == [[], [.idle(days: 10)], [.missing(lesson: "L", item: "t1", times: 3)], [.notStarted], []])
        #expect(r.gradedLessons == 2)
    }

    @Test func perItemDifficultyMissesAndTheMostPickedWrongOption() {
        let r = Self.report()
        #expect(r.items.map(\.item) == ["t1", "q1", "m1"])     // cards are not right or wrong
        let (t1, q1, m1) = (r.items[0], r.items[1], r.items[2])
        #expect((t1.tried, t1.rightFirst, t1.missedBy) == (4, 2, 1))
        #expect(t1.difficulty == 0.5 && t1.missedShare == 0.25)
        // Blank 2 held D in bob's first answer and in cy's three.
        #expect(t1.wrongOptions == [.init(blank: 2, letter: "D", learners: 2, picks: 4), .init(blank: 1, letter: "B", learners: 1, picks: 1)])
        #expect((q1.tried, q1.rightFirst, q1.missedBy) == (4, 1, 3))
        #expect(q1.wrongOptions == [.init(blank: nil, letter: "C", learners: 2, picks: 2), .init(blank: nil, letter: "D", learners: 1, picks: 1)])
        #expect(t1.discrimination == nil)   // four learners: too few
        #expect((m1.tried, m1.difficulty) == (0, nil))
    }

    @Test func thePointBiserialIsPearsonsROfRightFirstAgainstTheRestScore() throws {
        let pairs: [(x: Double, rest: Double)] = [(1, 1), (1, 0.5), (0, 0.5), (0, 0), (1, 0.75), (0, 0.25)]
        // Pearson's r written out, as a check on the point-biserial shortcut.
        let n = Double(pairs.count)
        let mx = pairs.map(\.x).reduce(0, +) / n, my = pairs.map(\.rest).reduce(0, +) / n
        let cov = pairs.map { ($0.x - mx) * ($0.rest - my) }.reduce(0, +)
        let r = cov / (pairs.map { ($0.x - mx) * ($0.x - mx) }.reduce(0, +).squareRoot() * pairs.map { ($0.rest - my) * ($0.rest - my) }.reduce(0, +).squareRoot())
        let pb = try #require(ItemAnalysis.pointBiserial(pairs))
        #expect(abs(pb - r) < 1e-12)
        #expect(abs(pb - 0.6.squareRoot()) < 1e-12)   // (0.75 − 0.25) / √(0.625/6) · √(0.5 · 0.5)
        #expect(ItemAnalysis.pointBiserial(Array(pairs.prefix(4))) == nil)
        #expect(ItemAnalysis.pointBiserial(pairs.map { ($0.x, 0.5) }) == nil)
    }

    @Test func theTableFitsEightyColumnsAndEscapesNames() {
        var members = Self.members
        members.append(Self.member("a learner whose name is far too long for its column", []))
        let table = Self.report(members).table()
        #expect(table == """
        Class of 6 learners on 2026-12-03

        Learners (done: lessons worked through, of 2; due: items to review today)
        Learner             Done  Mastery                Last active   Due   Ans.  Stuck
        ada                  1/2  50 % · getting there   2026-12-03      1      2
        bob                  1/2  12 % · learning        2026-11-23      3      3  yes
        cy                   1/2  0 % · learning         2026-12-02      3      6  yes
        dee                  0/2  not started            -               0      0  yes
        eve\\x1b[31m          1/2  25 % · learning        2026-12-02      2      2
        a learner whose …    0/2  not started            -               0      0  yes

        Items (right 1st: the share right at the first try, the difficulty; missed: the
        share who missed it; discr.: point-biserial correlation with the other items)
        Lesson / item             Tried  Right 1st  Missed  Most-picked wrong  Discr.
        L · Shapes in, shapes out
          t1                          4       50 %    25 %  [2] D · 2               -
          q1                          4       25 %    75 %  C · 2                   -
        M · Not started by anyone
          m1                          0          -       -  -                       -

        Stuck: 4 (no answer for 7 days, or an item missed 3 times and still missed)
        bob                no answer for 10 days
        cy                 missed L/t1 3 times
        dee                nothing answered yet
        a learner whose …  nothing answered yet

        Skipped 1 file
        /class/broken.json
          it is not valid JSON

        """)
        #expect(table.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= ClassReport.tableWidth })
        #expect(!table.unicodeScalars.contains("\u{1B}"))
    }

    @Test func stuckDaysMovesTheIdleLine() {
        #expect(Self.report(stuckDays: 11).learners[1].stuck == [])
        #expect(Self.report(stuckDays: 1).learners.map { $0.stuck.first } == [nil, .idle(days: 10), .idle(days: 1), .notStarted, .idle(days: 1)])
    }

    @Test func theGradebookIsACanvasAndMoodleImport() {
        var members = Self.members
        members.append(Self.member("=HYPERLINK(\"x\"), \"quoted\"", []))
        #expect(Self.report(members).gradebookCSV() == #"""
        Student,ID,SIS User ID,SIS Login ID,Section,"Unroll test: Shapes in, shapes out","Unroll mastery: Shapes in, shapes out",\#
        Unroll test: Not started by anyone,Unroll mastery: Not started by anyone\#r
        ada,,,ada,,90,100,,0\#r
        bob,,,bob,,,25,,0\#r
        cy,,,cy,,,0,,0\#r
        dee,,,dee,,,0,,0\#r
        eve\x1b[31m,,,eve\x1b[31m,,,50,,0\#r
        "'=HYPERLINK(""x""), ""quoted""",,,"'=HYPERLINK(""x""), ""quoted""",,,0,,0\#r

        """#)
    }

    @Test func csvPercentagesHaveOneDecimalAtMost() {
        #expect(ClassReport.csvPercent(2.0 / 3) == "66.7")
        #expect(ClassReport.csvPercent(1) == "100")
        #expect(ClassReport.csvPercent(0.5) == "50")
        #expect(ClassReport.csvPercent(0.0005) == "0.1")
    }

    @Test func jsonHasEveryPartAndTotals() throws {
        let json = Self.report().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["day", "stuck_days", "stuck_misses", "lessons", "learners", "items", "stuck", "skipped", "totals"])
        let totals = try #require(object["totals"] as? [String: Int])
        #expect(totals == ["learners": 5, "answers": 13, "lessons_done": 4, "tried": 8, "right_first": 3, "missed": 4, "stuck": 3, "skipped": 1])
        #expect(object["stuck"] as? [String] == ["bob", "cy", "dee"])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items[0]["difficulty"] as? Double == 0.5)
        #expect(!json.unicodeScalars.contains("\u{1B}"))
    }

    @Test func aReportWithoutLessonFilesTakesItsItemsFromTheRecords() {
        let r = ClassReport(members: Self.members, outline: ProgressOutline(lessons: []), at: Self.now, timeZone: Self.utc)
        #expect(r.lessons.map(\.id) == ["L"])
        #expect(r.lessons[0].inLessons == false)
        // q1's wrong answers name one letter and no blank: a question; t1 is a task; c1 was only ever graded in review... by nobody here.
        #expect(r.items.map { "\($0.item):\($0.kind)" } == ["q1:choice", "t1:fill"])
        #expect(r.items[0].mostPickedWrong == .init(blank: nil, letter: "C", learners: 2, picks: 2))
    }
}
