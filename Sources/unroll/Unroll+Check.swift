import ArgumentParser
import Foundation
import SnippetRunner
import TutorStore

extension Unroll {
    /// `unroll check [PATH ...]`: validate lessons; one `file:line:column: message` line per problem.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate lesson files; print file:line:column for every problem (exit 1 if any)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "Lesson files or folders (default: the lessons folder).")
        var paths: [String] = []

        @ArgumentParser.Option(name: .customLong("with-torch"),
                               help: "Also run every snippet under this Python (with torch installed) and report each difference from MiniPy.")
        var withTorch: String?

        func run() throws {
            let urls = paths.isEmpty
                ? [LessonLibrary.defaultFolder(explicit: common.lessons)]
                : paths.map { URL(fileURLWithPath: $0) }
            // Each program runs in one long-lived worker process (started again if a program kills it).
            let sandbox = SnippetSandbox.ofThisProgram(mode: .reused, limits: SnippetSandbox.checkLimits)
            defer { sandbox.shutdown() }
            // Outcomes of unchanged programs are kept between checks (RunCache); a new binary runs them all.
            let runs = RunCache.standard()
            defer { runs?.saveIfChanged() }
            let report = LessonLibrary.check(paths: urls, run: { sandbox.outcome(of: $0, cache: runs) }, cache: .standard())
            if let python = withTorch {
                let (checked, differences) = try TorchComparison.compare(paths: urls, python: python, sandbox: sandbox)
                for d in differences { print(d.description) }
                let n = differences.count
                print("ran \(checked) snippet\(checked == 1 ? "" : "s") under \(python): \(n == 0 ? "no differences from MiniPy" : "\(n) difference\(n == 1 ? "" : "s") from MiniPy")")
                if n > 0 || !report.problems.isEmpty {
                    for problem in report.problems { print(problem.description) }
                    throw ExitCode(1)
                }
            }
            if report.problems.isEmpty {
                print(report.summary)
                return
            }
            for problem in report.problems { print(problem.description) }
            let count = report.problems.count
            fflush(nil)  // the problem lines first, then the count, even when both go to one place
            FileHandle.standardError.write(Data("\(count) problem\(count == 1 ? "" : "s") found\n".utf8))
            throw ExitCode(1)
        }
    }
}
