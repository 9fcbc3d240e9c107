import Foundation
import TutorCore
import TutorStore

/// Where statements go: an LRS endpoint (xAPI's base URL, e.g. `http://127.0.0.1:8100/xAPI/` for Ralph;
/// resources such as `statements` are relative to it) and Basic credentials.
public struct LRSEndpoint: Sendable, Equatable {
    public var url: HTTPURL
    /// `user:password`; from `--lrs-auth`, `$UNROLL_LRS_AUTH` or the URL.
    public var auth: String?

    /// Nil when `text` is not an http or https URL.
    public init?(_ text: String, auth: String?) {
        guard var url = HTTPURL(text) else { return nil }
        let inURL = url.userInfo
        url.userInfo = nil
        // The endpoint is a folder: "…/xAPI" and "…/xAPI/" both mean statements at "…/xAPI/statements".
        // A URL naming the statements resource itself is taken to mean its endpoint.
        var path = String(url.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if !path.hasSuffix("/") { path += "/" }
        if path.hasSuffix("/statements/") { path = String(path.dropLast("statements/".count)) }
        url.target = path
        self.url = url
        self.auth = auth ?? inURL
    }

    /// The statements resource, with a query when given.
    public func statements(_ query: [(String, String)] = []) -> HTTPURL {
        var u = url
        u.target += "statements"
        if !query.isEmpty { u.target += "?" + query.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&") }
        return u
    }

    static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// What sending a run of spooled statements came to.
public struct DeliveryReport: Sendable, Equatable {
    /// Stored by the LRS now or before (a repeated id: 204, or 409 for one it already holds).
    public var sent: Set<String> = []
    /// Refused as invalid (400), with the LRS's words: never sendable, moved out of the queue.
    public var rejected: [(SpooledStatement, String)] = []
    /// Why sending stopped (no connection, 401, 5xx…); nil when everything was handled.
    public var failure: String?

    public static func == (a: DeliveryReport, b: DeliveryReport) -> Bool {
        a.sent == b.sent && a.failure == b.failure && a.rejected.map(\.0) == b.rejected.map(\.0) && a.rejected.map(\.1) == b.rejected.map(\.1)
    }
}

/// Talks xAPI 1.0.3 to an LRS: sends spooled statements and reads statements back. Blocking; the relay
/// calls it on its own thread, the commands on theirs.
public struct LRSClient: Sendable {
    public enum Transport: Sendable, Equatable {
        /// `http://` over sockets, `https://` through curl.
        case automatic
        /// Always curl (tests use it to exercise the https path against a local LRS).
        case curl
    }

    public var endpoint: LRSEndpoint
    /// Seconds one request may take in all.
    public var timeout: TimeInterval
    public var transport: Transport
    /// Statements sent per POST.
    public var batchSize = 25

    public init(endpoint: LRSEndpoint, timeout: TimeInterval = 10, transport: Transport = .automatic) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.transport = transport
    }

    /// Sends the statements in order, `batchSize` per POST. A batch the LRS does not take whole (a
    /// statement it already holds makes some LRSs, Ralph among them, refuse the batch) is sent again one
    /// statement at a time with PUT `statements?statementId=…`, xAPI's idempotent form: 204 stored (now
    /// or before), 409 already held under that id, 400 invalid (rejected). Stops at the first failure
    /// that is not about one statement (no connection, 401, 5xx).
    public func deliver(_ queue: [SpooledStatement]) -> DeliveryReport {
        var report = DeliveryReport()
        var i = 0
        while i < queue.count {
            let batch = Array(queue[i ..< min(i + batchSize, queue.count)])
            i += batch.count
            var body = Data("[".utf8)
            for (n, s) in batch.enumerated() {
                if n > 0 { body.append(0x2C) }
                body.append(s.line)
            }
            body.append(0x5D)
            switch request("POST", endpoint.statements(), body: body) {
            case .failure(let f):
                report.failure = f.message
                return report
            case .success(let r) where r.status == 200 || r.status == 204:
                report.sent.formUnion(batch.map(\.statement.id))
                continue
            case .success(let r) where r.status == 401 || r.status == 403 || r.status == 404:
                report.failure = Self.describe(r)
                return report
            case .success:
                break
            }
            for s in batch {
                switch request("PUT", endpoint.statements([("statementId", s.statement.id)]), body: s.line) {
                case .failure(let f):
                    report.failure = f.message
                    return report
                case .success(let r) where r.status == 200 || r.status == 204 || r.status == 409:
                    report.sent.insert(s.statement.id)
                case .success(let r) where r.status == 400:
                    report.rejected.append((s, Self.describe(r)))
                case .success(let r):
                    report.failure = Self.describe(r)
                    return report
                }
            }
        }
        return report
    }

    /// Every statement matching `query`, following `more` links to the end. Statements that are not
    /// ones Unroll can read are counted, not returned.
    public func fetch(_ query: [(String, String)]) -> Result<(statements: [XAPIStatement], unreadable: Int), HTTPFailure> {
        var url = endpoint.statements(query)
        var statements: [XAPIStatement] = []
        var unreadable = 0
        var visited = Set<String>()
        while visited.insert(url.target).inserted {
            let r: HTTPResponse
            switch request("GET", url, body: nil) {
            case .failure(let f): return .failure(f)
            case .success(let got): r = got
            }
            guard r.status == 200 else { return .failure(HTTPFailure(Self.describe(r))) }
            guard let page = try? JSONDecoder().decode(StatementPage.self, from: r.body) else {
                return .failure(HTTPFailure("the LRS answered \(url) with something that is not a StatementResult"))
            }
            for s in page.statements {
                if let s = s.value { statements.append(s) } else { unreadable += 1 }
            }
            guard let more = page.more, !more.isEmpty, !page.statements.isEmpty, let next = url.resolving(more) else { break }
            url = next
        }
        return .success((statements, unreadable))
    }

    /// One request with the xAPI headers and the credentials.
    public func request(_ method: String, _ url: HTTPURL, body: Data?) -> Result<HTTPResponse, HTTPFailure> {
        var headers = [("X-Experience-API-Version", XAPI.version), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let useCurl = transport == .curl || url.scheme == "https"
        if useCurl {
            guard let curl = CurlTransport.executable() else {
                return .failure(HTTPFailure("an https:// LRS needs the curl program, which is not on PATH; install curl or use an http:// URL"))
            }
            return CurlTransport.send(method: method, url: url, auth: endpoint.auth, headers: headers, body: body, timeout: timeout, curl: curl)
        }
        if let auth = endpoint.auth { headers.append(("Authorization", "Basic " + Data(auth.utf8).base64EncodedString())) }
        return HTTPClient.send(method: method, url: url, headers: headers, body: body, timeout: timeout)
    }

    /// "the LRS answered 401 Unauthorized: …" with the first line of its message.
    static func describe(_ r: HTTPResponse) -> String {
        var text = "the LRS answered \(r.status)"
        if let object = try? JSONSerialization.jsonObject(with: r.body) as? [String: Any], let detail = object["detail"] ?? object["message"] {
            text += ": \(detail)"
        } else if let line = String(data: r.body.prefix(200), encoding: .utf8)?.split(separator: "\n").first, !line.isEmpty {
            text += ": \(line)"
        }
        return TerminalSafe.text(text)
    }
}

/// `{"statements": [...], "more": "..."}`, each statement decoded on its own so one odd statement does
/// not hide the page.
private struct StatementPage: Decodable {
    struct Lenient: Decodable {
        let value: XAPIStatement?
        init(from decoder: any Decoder) throws { value = try? XAPIStatement(from: decoder) }
    }

    var statements: [Lenient]
    var more: String?
}
