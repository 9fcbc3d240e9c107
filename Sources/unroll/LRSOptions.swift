import ArgumentParser
import Foundation
import TutorCore
import TutorRuntime
import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--lrs URL` and `--lrs-auth user:password` (else `$UNROLL_LRS`, `$UNROLL_LRS_AUTH`): the Learning
/// Record Store the tutor sends xAPI statements to, and `unroll class --lrs` reads from.
struct LRSOptions: ParsableArguments, LRSSettings {
    @ArgumentParser.Option(name: .customLong("lrs"),
            help: "Send every answer, review grade, test result and completed mode as an xAPI statement to this Learning Record Store endpoint, e.g. http://127.0.0.1:8100/xAPI/ (default: $UNROLL_LRS).")
    var url: String?

    @ArgumentParser.Option(name: .customLong("lrs-auth"), help: "user:password for the LRS (default: $UNROLL_LRS_AUTH).")
    var auth: String?

    func validate() throws {
        if let url, let problem = Self.urlProblem(url) { throw ValidationError("--lrs \(problem)") }
        if let auth, let problem = Self.authProblem(auth) { throw ValidationError("--lrs-auth \(problem)") }
    }

    static func urlProblem(_ url: String) -> String? {
        HTTPURL(url) == nil ? "'\(TerminalSafe.text(url))' is not an http:// or https:// URL with a host." : nil
    }

    static func authProblem(_ auth: String) -> String? {
        auth.contains(":") ? nil : "must be user:password."
    }

    static func fail(_ line: String) throws -> Never {
        FileHandle.standardError.write(Data("unroll: \(line)\n".utf8))
        throw ExitCode.validationFailure
    }
}

/// `--lrs` and `--lrs-auth` as plain values (see `CommonSettings`).
protocol LRSSettings {
    var url: String? { get }
    var auth: String? { get }
}

extension LRSSettings {
    /// The endpoint the options name, else the environment's; nil when neither does. A bad
    /// `$UNROLL_LRS` or `$UNROLL_LRS_AUTH` is one line on stderr and the exit status of a bad option (64).
    func endpoint(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LRSEndpoint? {
        guard let text = url ?? environment["UNROLL_LRS"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        if url == nil, let problem = LRSOptions.urlProblem(text) { try LRSOptions.fail("UNROLL_LRS \(problem)") }
        let auth = self.auth ?? environment["UNROLL_LRS_AUTH"].flatMap { $0.isEmpty ? nil : $0 }
        if self.auth == nil, let auth, let problem = LRSOptions.authProblem(auth) { try LRSOptions.fail("UNROLL_LRS_AUTH \(problem)") }
        return LRSEndpoint(text, auth: auth)
    }
}

extension CommonSettings {
    /// Who the statements are about: `--learner`/`$UNROLL_LEARNER`, else the login name.
    func xapiActor(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> XAPIAgent {
        if let name = try learnerName(environment: environment) { return .learner(name) }
        if let pw = getpwuid(getuid()), let login = pw.pointee.pw_name.map({ String(cString: $0) }), !login.isEmpty { return .learner(login) }
        return .learner(environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown")
    }

    /// The relay that sends the tutor's statements, started, when an LRS is named; nil otherwise.
    func startRelay(lrs: some LRSSettings, store: ProgressStore, lessons: [Lesson],
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LRSRelay? {
        guard let endpoint = try lrs.endpoint(environment: environment) else { return nil }
        let relay = LRSRelay(client: LRSClient(endpoint: endpoint), spool: StatementSpool(progressPath: store.path),
                             actor: try xapiActor(environment: environment), course: XAPICourse(lessons))
        relay.start()
        return relay
    }
}

extension LRSRelay {
    /// At quit: one bounded last send (`seconds`), then a line on stderr if statements are left.
    func finishAndReport(within seconds: TimeInterval = 2) {
        let left = finish(within: seconds)
        guard left.queued > 0 else { return }
        let count = left.queued == 1 ? "1 xAPI statement was" : "\(left.queued) xAPI statements were"
        let why = left.lastError.map { " (\($0))" } ?? ""
        FileHandle.standardError.write(Data(
            "unroll: \(count) not sent yet\(why); kept in \(spool.path.path), sent the next time unroll runs with --lrs or by `unroll lrs flush`.\n".utf8))
    }
}
