import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore

@Suite struct StatementSpoolTests {
    static func statement(_ n: Int) -> XAPIStatement {
        XAPIStatement(id: "00000000-0000-4000-8000-00000000000\(n)", actor: .learner("ada"), verb: .answered,
                      object: XAPIActivity(id: XAPI.itemIRI(lesson: "L", item: "t\(n)")), result: XAPIResult(success: true), timestamp: t(Double(n)))
    }

    static func ids(_ spool: StatementSpool) -> [String] {
        guard case .statements(let q) = spool.read() else { return ["<not readable>"] }
        return q.map(\.statement.id)
    }

    @Test func statementsQueueInOrderOneJSONLineEachAndLeaveWhenSent() throws {
        let dir = TempFolder()
        let spool = StatementSpool(progressPath: dir.file("progress.json"))
        #expect(spool.path == dir.file("progress.json.xapi").standardizedFileURL)
        #expect(Self.ids(spool) == [])
        #expect(dir.names() == [])   // reading creates nothing
        #expect(spool.enqueue([Self.statement(1), Self.statement(2)]) == nil)
        #expect(spool.enqueue([Self.statement(3)]) == nil)
        #expect(Self.ids(spool) == [1, 2, 3].map { Self.statement($0).id })
        let text = try String(contentsOf: spool.path, encoding: .utf8)
        #expect(text == [1, 2, 3].map { String(decoding: Self.statement($0).json(), as: UTF8.self) + "\n" }.joined())
        #expect(spool.remove(ids: [Self.statement(2).id]) == nil)
        #expect(Self.ids(spool) == [1, 3].map { Self.statement($0).id })
        #expect(dir.names() == ["progress.json.xapi", "progress.json.xapi.lock"])
    }

    @Test func aDamagedSpoolIsMovedAsideNotOverwritten() throws {
        let dir = TempFolder()
        let spool = StatementSpool(progressPath: dir.file("progress.json"))
        try Data("not a statement\n".utf8).write(to: spool.path)
        #expect(spool.read() == .damaged("line 1 is not an xAPI statement"))
        #expect(spool.enqueue([Self.statement(1)]) == nil)
        #expect(Self.ids(spool) == [Self.statement(1).id])
        let bad = try #require(dir.names().first { $0.hasPrefix("progress.json.xapi.bad-") })
        #expect(try Data(contentsOf: dir.file(bad)) == Data("not a statement\n".utf8))
    }

    @Test func statementsTheLRSRefusesMoveToTheRejectedFileWithTheReason() throws {
        let dir = TempFolder()
        let spool = StatementSpool(progressPath: dir.file("progress.json"))
        spool.enqueue([Self.statement(1), Self.statement(2)])
        guard case .statements(let q) = spool.read() else { Issue.record("unreadable"); return }
        #expect(spool.reject([(q[0], "the LRS answered 400: bad verb")]) == nil)
        #expect(Self.ids(spool) == [Self.statement(2).id])
        #expect(spool.rejectedCount() == 1)
        let line = try #require(try String(contentsOf: spool.rejectedPath, encoding: .utf8).split(separator: "\n").first)
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(entry["reason"] as? String == "the LRS answered 400: bad verb")
        #expect((entry["statement"] as? [String: Any])?["id"] as? String == Self.statement(1).id)
    }

    @Test func aSpoolThatCannotBeWrittenSaysWhy() {
        let dir = TempFolder()
        try? Data("x".utf8).write(to: dir.file("file"))
        let spool = StatementSpool(progressPath: dir.file("file/progress.json"))
        #expect(spool.enqueue([Self.statement(1)])?.contains("Not a directory") == true)
    }
}
