import Foundation
import Terminal
import Testing
import TutorCore
@testable import TutorRuntime
import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them) and never answers: an
/// LRS that hangs. Closed by `close()`.
final class SilentPort {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(bound == 0 && listen(fd, 64) == 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        self.fd = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}

@Suite struct LRSClientTests {
    @Test(arguments: [
        ("http://127.0.0.1:8100/xAPI/", "http", "127.0.0.1", 8100, "/xAPI/", nil),
        ("https://lrs.example.org", "https", "lrs.example.org", 443, "/", nil),
        ("HTTP://u:p%40ss@host:81/a?b=c#frag", "http", "host", 81, "/a?b=c", "u:p@ss"),
        ("http://[::1]:9000/x", "http", "::1", 9000, "/x", nil),
    ] as [(String, String, String, Int, String, String?)])
    func urlsAreTakenApart(text: String, scheme: String, host: String, port: Int, target: String, user: String?) throws {
        let url = try #require(HTTPURL(text))
        #expect((url.scheme, url.host, url.port, url.target, url.userInfo) == (scheme, host, port, target, user))
    }

    @Test(arguments: ["ftp://host/", "http://", "http://host:0/", "http://host:99999/", "localhost:8100", "http://a b/"])
    func otherURLsAreRefused(text: String) {
        #expect(HTTPURL(text) == nil)
    }

    @Test func theEndpointIsAFolderAndMoreLinksResolveFromTheServerRoot() throws {
        let e = try #require(LRSEndpoint("http://u:p@127.0.0.1:8100/xAPI", auth: nil))
        #expect(e.auth == "u:p")
        #expect(e.url.description == "http://127.0.0.1:8100/xAPI/")
        #expect(LRSEndpoint("http://h/xAPI/statements", auth: "a:b")?.statements().target == "/xAPI/statements")
        let q = e.statements([("activity", "https://unroll.dev/xapi/lessons/a b"), ("related_activities", "true")])
        #expect(q.target == "/xAPI/statements?activity=https%3A%2F%2Funroll.dev%2Fxapi%2Flessons%2Fa%20b&related_activities=true")
        #expect(q.resolving("/xAPI/statements?limit=1&search_after=x")?.description == "http://127.0.0.1:8100/xAPI/statements?limit=1&search_after=x")
        #expect(q.resolving("https://other/s")?.description == "https://other/s")
    }

    @Test func responsesAreParsedWithLengthOrChunks() throws {
        let plain = Data("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world".utf8)
        #expect(try HTTPClient.parse(plain).get() == HTTPResponse(status: 200, body: Data("hello".utf8)))
        let chunked = Data("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6;x=y\r\npedia \r\n0\r\n\r\n".utf8)
        #expect(try HTTPClient.parse(chunked).get() == HTTPResponse(status: 409, body: Data("Wikipedia ".utf8)))
        #expect(throws: HTTPFailure.self) { try HTTPClient.parse(Data("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nshort".utf8)).get() }
        #expect(throws: HTTPFailure("the server closed the connection without answering")) { try HTTPClient.parse(Data()).get() }
    }

    @Test func curlConfigStringsAreQuoted() {
        #expect(CurlTransport.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(CurlTransport.quoted("x\ny") == #""x\ny""#)
    }

    @Test func aClosedPortIsAFailureSaidInWords() throws {
        let silent = try SilentPort()
        let port = silent.port
        silent.close()
        let client = LRSClient(endpoint: try #require(LRSEndpoint("http://127.0.0.1:\(port)/xAPI/", auth: nil)), timeout: 2)
        let report = client.deliver([SpooledStatement(statement: RelayTests.statement(), line: Data("{}".utf8))])
        #expect(report.sent.isEmpty)
        #expect(report.failure?.hasPrefix("cannot connect to 127.0.0.1:\(port)") == true)
    }
}

@Suite struct RelayTests {
    static func statement() -> XAPIStatement {
        XAPIStatement(id: UUID().uuidString.lowercased(), actor: .learner("ada"), verb: .answered,
                      object: XAPIActivity(id: XAPI.itemIRI(lesson: "L", item: "t1")), timestamp: Date(timeIntervalSince1970: 1_796_288_400))
    }

    static func answer(_ n: Int) -> ProgressEvent {
        .attempt(lesson: "L", item: "t\(n)", answer: Answer(at: Date(timeIntervalSince1970: 1_796_288_400 + Double(n)), mode: .try,
                                                           chosen: ["A"], correct: true, attempt: 1, seconds: 3, grade: .good))
    }

    /// The tutor records while the LRS hangs: every statement is in the spool at once, and quitting
    /// waits no longer than it was told to.
    @Test func aHangingLRSNeverHoldsUpRecording() throws {
        let silent = try SilentPort()
        defer { silent.close() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-relay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spool = StatementSpool(progressPath: folder.appendingPathComponent("progress.json"))
        let client = LRSClient(endpoint: try #require(LRSEndpoint("http://127.0.0.1:\(silent.port)/xAPI/", auth: nil)), timeout: 60)
        let relay = LRSRelay(client: client, spool: spool, actor: .learner("ada"), course: XAPICourse(lessons: []))
        relay.start()
        var progress = LearnerProgress()
        for n in 1 ... 5 {
            var after = progress
            after.apply(Self.answer(n))
            relay.record(Self.answer(n), before: progress, after: after)
            progress = after
        }
        guard case .statements(let queued) = spool.read() else { Issue.record("spool unreadable"); return }
        #expect(queued.map { XAPI.target(of: $0.statement.object.id) } == (1 ... 5).map { .item(lesson: "L", item: "t\($0)") })
        let left = relay.finish(within: 0.2)
        #expect(left.queued == 5)
    }

    /// The runtime turns each recorded answer into statements, spooled beside the progress file.
    @Test func theRuntimeSpoolsEveryAnswer() throws {
        let silent = try SilentPort()
        let port = silent.port
        silent.close()   // nobody listens: sending fails at once, the statements stay queued
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-relay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ProgressStore(path: folder.appendingPathComponent("progress.json"), learner: "Ada")
        let spool = StatementSpool(progressPath: store.path)
        let relay = LRSRelay(client: LRSClient(endpoint: try #require(LRSEndpoint("http://127.0.0.1:\(port)/", auth: nil))),
                             spool: spool, actor: .learner("Ada"), course: XAPICourse(WholeProgramTests.lessons))
        relay.start()
        // Task 1: B (wrong), then A (right).
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24), events: [.key(.enter), .key(.down), .key(.down), .key(.down), .key(.enter),
                                                                                  .key(.char("b")), .key(.enter), .key(.char("a")), .key(.enter)])
        var runtime = Runtime(state: State(lessons: WholeProgramTests.lessons, size: terminal.size), terminal: terminal, store: store)
        runtime.lrs = relay
        #expect(runtime.run() == 0)
        let left = relay.finish(within: 5)
        #expect(left.queued == 2)
        #expect(left.lastError?.contains("cannot connect") == true)
        guard case .statements(let queued) = spool.read() else { Issue.record("spool unreadable"); return }
        let task = WholeProgramTests.lessons[0].tryIt!.tasks[0].id
        #expect(queued.map(\.statement.verb) == [.answered, .answered])
        #expect(queued.map(\.statement.result?.response) == ["B", "A"])
        #expect(queued.map(\.statement.result?.extensions?.attempt) == [1, 2])
        #expect(queued.allSatisfy { $0.statement.object.id == XAPI.itemIRI(lesson: WholeProgramTests.lessons[0].id, item: task) })
        #expect(queued.allSatisfy { $0.statement.actor == .learner("Ada") })
    }
}
