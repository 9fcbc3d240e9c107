import ArgumentParser
import SnippetRunner

extension Unroll {
    /// `unroll snippet-worker` (hidden): the child process the playground and `unroll check` run
    /// snippets in. One JSON request per line on stdin, one JSON result per line on stdout.
    struct SnippetWorkerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snippet-worker",
            abstract: "Run snippets sent as JSON lines on stdin (used by the tutor itself).",
            shouldDisplay: false
        )

        @ArgumentParser.Option(help: "Processor seconds each program may use (moves RLIMIT_CPU forward per program).")
        var cpuSeconds: Int?

        func run() throws {
            SnippetWorker.serve(cpuSeconds: cpuSeconds)
        }
    }
}
