import Foundation
import Testing
import TutorCore
@testable import TutorRuntime
import TutorStore

/// The LRS the tests talk to: Ralph, started by `Scripts/ralph.sh` (`make test` and `.ci/run` do it),
/// named by `UNROLL_TEST_LRS` and `UNROLL_TEST_LRS_AUTH`. No mock: these tests run only against it.
enum TestLRS {
    static let environment = ProcessInfo.processInfo.environment
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Run when an LRS is named, when starting one failed (so the tests fail saying why), and always in CI.
    static var shouldRun: Bool {
        environment["UNROLL_TEST_LRS"] != nil || environment["UNROLL_TEST_LRS_ERROR"] != nil || environment["CI"] == "true"
    }

    static func endpoint() throws -> LRSEndpoint {
        if let error = environment["UNROLL_TEST_LRS_ERROR"] { try #require(Bool(false), "no LRS to test against: \(error)") }
        let url = try #require(environment["UNROLL_TEST_LRS"], "UNROLL_TEST_LRS is not set: run the tests through `make test` or Scripts/ralph.sh with … (CI must test against Ralph)")
        return try #require(LRSEndpoint(url, auth: environment["UNROLL_TEST_LRS_AUTH"]))
    }

    /// `Scripts/ralph.sh kill|restart` on the Ralph the tests were given.
    static func ralph(_ command: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [root.appendingPathComponent("Scripts/ralph.sh").path, command]
        var env = environment
        if let state = environment["UNROLL_TEST_RALPH_STATE"] { env["RALPH_STATE"] = state }
        p.environment = env
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "Scripts/ralph.sh \(command) failed")
    }

    /// Every statement about `learner` the LRS holds.
    static func statements(of learner: String, client: LRSClient) throws -> [XAPIStatement] {
        let all = try client.fetch([("limit", "500")]).get().statements
        return all.filter { $0.actor.learnerName == learner }
    }
}

@Suite(.serialized, .enabled(if: TestLRS.shouldRun, "no LRS: run through `make test`, which starts Ralph"))
struct RalphLRSTests {
    static let course = XAPICourse(lessons: [
        .init(id: "rnn-shapes", title: "Shapes in, shapes out", kinds: ["t1": .fill, "t2": .fill, "q1": .choice, "c1": .card],
              modeItems: ["try": ["t1", "t2"], "practice": ["q1"]]),
    ])

    static func at(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + s) }

    /// A session with every kind of statement: answers (right, wrong, retried, timed out), a completed
    /// try and practice, a review grade, a challenge and a test.
    static let session: [ProgressEvent] = [
        .attempt(lesson: "rnn-shapes", item: "t1", answer: Answer(at: at(1), mode: .try, chosen: ["B", "C"], wrongBlanks: [1], correct: false, attempt: 1, seconds: 12, grade: nil)),
        .attempt(lesson: "rnn-shapes", item: "t1", answer: Answer(at: at(2), mode: .try, chosen: ["A", "C"], correct: true, attempt: 2, seconds: 20, grade: .hard)),
        .attempt(lesson: "rnn-shapes", item: "t2", answer: Answer(at: at(3), mode: .try, chosen: ["D"], correct: true, attempt: 1, seconds: 7, grade: .good)),
        .attempt(lesson: "rnn-shapes", item: "q1", answer: Answer(at: at(4), mode: .practice, chosen: ["A"], correct: false, attempt: 1, seconds: 9, grade: .again)),
        .missed(lesson: "rnn-shapes", item: "q1", at: at(4)),
        .attempt(lesson: "rnn-shapes", item: "t2", answer: Answer(at: at(5), mode: .challenge, chosen: [nil], wrongBlanks: [1], correct: false, attempt: 1, seconds: 90, grade: .again, timedOut: true)),
        .missed(lesson: "rnn-shapes", item: "t2", at: at(5)),
        .challengeScore(lesson: "rnn-shapes", score: 0, total: 1, at: at(6)),
        .reviewed(lesson: "rnn-shapes", item: "c1", grade: .good, seconds: 4, at: at(7)),
        .testScore(lesson: "rnn-shapes", score: 8, total: 10, at: at(8)),
    ]

    struct Rig {
        let learner = "learner-\(UUID().uuidString.prefix(8))"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-lrs-\(UUID().uuidString)")
        let client: LRSClient
        let spool: StatementSpool
        let relay: LRSRelay
        var progress = LearnerProgress()

        init() throws {
            client = LRSClient(endpoint: try TestLRS.endpoint(), timeout: 20)
            spool = StatementSpool(progressPath: folder.appendingPathComponent("progress.json"))
            relay = LRSRelay(client: client, spool: spool, actor: .learner(learner), course: RalphLRSTests.course)
            relay.maximumDelay = 1
            relay.start()
        }

        mutating func record(_ events: some Sequence<ProgressEvent>) {
            for e in events {
                var after = progress
                after.apply(e)
                relay.record(e, before: progress, after: after)
                progress = after
            }
        }
    }

    @Test func everyStatementIsStoredOnceAndRebuildsTheLearner() throws {
        var rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        rig.record(Self.session)
        let left = rig.relay.finish(within: 60)
        #expect(left == LRSRelay.Status(queued: 0, lastError: nil))
        #expect(rig.spool.rejectedCount() == 0)   // Ralph validates every statement it is sent
        let stored = try TestLRS.statements(of: rig.learner, client: rig.client)
        #expect(stored.map(\.verb.id).sorted() == (Array(repeating: XAPIVerb.answered.id, count: 5) + [XAPIVerb.completed.id, XAPIVerb.completed.id,
                XAPIVerb.completed.id, XAPIVerb.experienced.id, XAPIVerb.passed.id]).sorted())
        #expect(Set(stored.map(\.id)).count == stored.count)
        // The class report built from the LRS is the one built from the learner's own record.
        let members = XAPIRoster.members(from: stored).members
        #expect(members.map(\.name) == [rig.learner])
        #expect(members.first?.progress.lessons == rig.progress.lessons)
        let outline = ProgressOutline(lessons: [.init(id: "rnn-shapes", title: "Shapes in, shapes out", itemIDs: ["t1", "t2", "q1"], cardIDs: ["c1"])])
        let fromFile = ClassReport(members: [ClassMember(name: rig.learner, sources: [], progress: rig.progress)], outline: outline,
                                   at: Self.at(86_400), timeZone: TimeZone(identifier: "UTC")!)
        let fromLRS = ClassReport(members: members, outline: outline, at: Self.at(86_400), timeZone: TimeZone(identifier: "UTC")!)
        #expect(fromLRS.table() == fromFile.table())
    }

    /// Ralph killed mid-session and started again: what was recorded meanwhile waits in the spool and is
    /// sent when it answers again; nothing is lost and nothing is stored twice.
    @Test func theSpoolDrainsAfterTheLRSCameBack() throws {
        var rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        rig.record(Self.session.prefix(3))
        #expect(rig.relay.finish(within: 60).queued == 0)
        try TestLRS.ralph("kill")
        rig.record(Self.session.dropFirst(3).prefix(5))
        let offline = rig.relay.finish(within: 5)
        #expect(offline.queued == 4)   // answer, answer, challenge (a miss sends nothing of its own), + practice completed
        #expect(offline.lastError?.contains("cannot connect") == true)
        try TestLRS.ralph("restart")
        rig.record(Self.session.dropFirst(8))
        let back = rig.relay.finish(within: 60)
        #expect(back == LRSRelay.Status(queued: 0, lastError: nil))
        let stored = try TestLRS.statements(of: rig.learner, client: rig.client)
        #expect(stored.count == 10)
        #expect(Set(stored.map(\.id)).count == 10)
        #expect(XAPIRoster.members(from: stored).members.first?.progress.lessons == rig.progress.lessons)
    }

    /// A crash between the LRS's answer and the spool's update sends the same statements again: the LRS
    /// keeps each once (204 for a repeated id), and the second send counts them as sent.
    @Test func sendingTheSameStatementsAgainStoresThemOnce() throws {
        let rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        let statements = XAPIStatement.statements(for: Self.session[1], before: LearnerProgress(), after: LearnerProgress(),
                                                  actor: .learner(rig.learner), course: Self.course, makeID: { UUID().uuidString.lowercased() })
            + XAPIStatement.statements(for: Self.session[2], before: LearnerProgress(), after: LearnerProgress(),
                                       actor: .learner(rig.learner), course: Self.course, makeID: { UUID().uuidString.lowercased() })
        let queue = statements.map { SpooledStatement(statement: $0, line: $0.json()) }
        let first = rig.client.deliver(Array(queue.prefix(1)))
        #expect(first.sent == [queue[0].statement.id] && first.failure == nil)
        let again = rig.client.deliver(queue)   // one already stored, one new: each is stored once
        #expect(again.sent == Set(queue.map(\.statement.id)) && again.failure == nil && again.rejected.isEmpty)
        let stored = try TestLRS.statements(of: rig.learner, client: rig.client)
        #expect(stored.map(\.id).sorted() == queue.map(\.statement.id).sorted())
    }

    @Test func curlCarriesTheSameRequests() throws {
        let rig = try Rig()
        defer { try? FileManager.default.removeItem(at: rig.folder) }
        let curl = LRSClient(endpoint: rig.client.endpoint, timeout: 20, transport: .curl)
        let s = XAPIStatement.statements(for: Self.session[9], before: LearnerProgress(), after: LearnerProgress(),
                                         actor: .learner(rig.learner), course: Self.course, makeID: { UUID().uuidString.lowercased() })
        let report = curl.deliver(s.map { SpooledStatement(statement: $0, line: $0.json()) })
        #expect(report.sent.count == 1 && report.failure == nil)
        let stored = try curl.fetch([("limit", "500")]).get().statements.filter { $0.actor.learnerName == rig.learner }
        #expect(stored.map(\.verb) == [.passed])
    }

    @Test func wrongCredentialsStopSendingAndLoseNothing() throws {
        var endpoint = try TestLRS.endpoint()
        endpoint.auth = "unroll:wrong"
        let s = XAPIStatement.statements(for: Self.session[9], before: LearnerProgress(), after: LearnerProgress(),
                                         actor: .learner("nobody"), course: Self.course, makeID: { UUID().uuidString.lowercased() })
        let report = LRSClient(endpoint: endpoint, timeout: 20).deliver(s.map { SpooledStatement(statement: $0, line: $0.json()) })
        #expect(report.sent.isEmpty && report.rejected.isEmpty)
        #expect(report.failure?.hasPrefix("the LRS answered 401") == true)
    }
}
