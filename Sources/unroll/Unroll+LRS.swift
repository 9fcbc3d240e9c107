import ArgumentParser
import Foundation
import TutorCore
import TutorRuntime
import TutorStore

extension Unroll {
    /// `unroll lrs status` and `unroll lrs flush`: the xAPI statements waiting next to the progress file.
    struct LRS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lrs",
            abstract: "Show or send the xAPI statements waiting for the Learning Record Store.",
            subcommands: [Status.self, Flush.self]
        )

        struct Status: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show what is queued for the LRS (and what it refused).")

            @OptionGroup var common: CommonOptions
            @OptionGroup var lrs: LRSOptions

            @Flag(help: "Print as JSON: spool, queued, by_verb, oldest, newest, rejected, lrs.")
            var json = false

            func run() throws {
                let environment = ProcessInfo.processInfo.environment
                let spool = StatementSpool(progressPath: ProgressStore.defaultPath(explicit: common.progress, environment: environment))
                let endpoint = try lrs.endpoint(environment: environment)
                let queue: [SpooledStatement]
                switch spool.read() {
                case .statements(let q): queue = q
                case .damaged(let why), .unreadable(let why):
                    FileHandle.standardError.write(Data("unroll: lrs status: cannot read \(spool.path.path): \(why)\n".utf8))
                    throw ExitCode(1)
                }
                var byVerb: [String: Int] = [:]
                for s in queue { byVerb[s.statement.verb.display?["en-US"] ?? s.statement.verb.id, default: 0] += 1 }
                let dates = queue.map(\.statement.timestamp)
                let rejected = spool.rejectedCount()
                if json {
                    let object: [String: Any] = [
                        "spool": spool.path.path, "queued": queue.count, "by_verb": byVerb,
                        "oldest": dates.min().map(XAPI.timestamp) ?? NSNull(), "newest": dates.max().map(XAPI.timestamp) ?? NSNull(),
                        "rejected": rejected, "lrs": endpoint.map { $0.url.description } ?? NSNull(),
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                    print(TerminalSafe.json(String(decoding: data, as: UTF8.self)))
                    return
                }
                print("Spool: \(spool.path.path)")
                if queue.isEmpty {
                    print("Queued: nothing")
                } else {
                    let verbs = byVerb.sorted { $0.key < $1.key }.map { "\($0.value) \(TerminalSafe.text($0.key))" }.joined(separator: ", ")
                    print("Queued: \(queue.count) statement\(queue.count == 1 ? "" : "s") (\(verbs)), from \(XAPI.timestamp(dates.min()!)) to \(XAPI.timestamp(dates.max()!))")
                }
                if rejected > 0 { print("Refused by the LRS as invalid: \(rejected), kept in \(spool.rejectedPath.path)") }
                print("LRS: \(endpoint.map { $0.url.description } ?? "none set (--lrs URL or $UNROLL_LRS)")")
            }
        }

        struct Flush: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Send the queued statements to the LRS now.")

            @OptionGroup var common: CommonOptions
            @OptionGroup var lrs: LRSOptions

            func run() throws {
                let environment = ProcessInfo.processInfo.environment
                guard let endpoint = try lrs.endpoint(environment: environment) else {
                    throw ValidationError("Name the LRS with --lrs URL (or $UNROLL_LRS).")
                }
                let spool = StatementSpool(progressPath: ProgressStore.defaultPath(explicit: common.progress, environment: environment))
                if let problem = spool.repair() { try Self.fail("cannot repair \(spool.path.path): \(problem)") }
                let queue: [SpooledStatement]
                switch spool.read() {
                case .statements(let q): queue = q
                case .damaged(let why), .unreadable(let why): try Self.fail("cannot read \(spool.path.path): \(why)")
                }
                guard !queue.isEmpty else {
                    print("Nothing to send.")
                    return
                }
                let report = LRSClient(endpoint: endpoint).deliver(queue)
                if let problem = spool.remove(ids: report.sent) { try Self.fail(problem) }
                if let problem = spool.reject(report.rejected) { try Self.fail(problem) }
                let left = queue.count - report.sent.count - report.rejected.count
                var line = "Sent \(report.sent.count) statement\(report.sent.count == 1 ? "" : "s") to \(endpoint.url)"
                if !report.rejected.isEmpty { line += "; \(report.rejected.count) refused as invalid (kept in \(spool.rejectedPath.path))" }
                print(line + (left > 0 ? "; \(left) still queued." : "."))
                if let failure = report.failure { try Self.fail("could not send: \(failure)") }
            }

            private static func fail(_ line: String) throws -> Never {
                FileHandle.standardError.write(Data("unroll: lrs flush: \(line)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
