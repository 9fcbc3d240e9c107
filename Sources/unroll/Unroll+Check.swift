import ArgumentParser
import Foundation
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

        func run() throws {
            let urls = paths.isEmpty
                ? [LessonLibrary.defaultFolder(explicit: common.lessons)]
                : paths.map { URL(fileURLWithPath: $0) }
            let report = LessonLibrary.check(paths: urls)
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
