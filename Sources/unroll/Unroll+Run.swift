import ArgumentParser
import Foundation
import MiniPy

extension Unroll {
    /// `unroll run FILE.py`: runs a snippet with MiniPy, printing what Python would print.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a PyTorch snippet with the built-in interpreter (MiniPy); exit 1 on a Python error."
        )

        @Argument(help: "The Python file to run ('-' for standard input).")
        var file: String

        @ArgumentParser.Option(name: .long, help: "Wall-time limit in seconds (default 5).")
        var timeLimit: Double = 5

        func validate() throws {
            // NaN and infinity parse as Doubles; neither is a limit (NaN never expires, 0 expires at once).
            guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
                throw ValidationError("--time-limit must be a number of seconds above 0 and at most 86400, got \(timeLimit).")
            }
        }

        func run() throws {
            let source: String
            if file == "-" {
                switch SnippetFile.readStandardInput() {
                case .success(let text):
                    source = text
                case .failure(let error):
                    FileHandle.standardError.write(Data((error.message + "\n").utf8))
                    throw ExitCode(2)
                }
            } else {
                switch SnippetFile.read(file) {
                case .success(let text):
                    source = text
                case .failure(let error):
                    FileHandle.standardError.write(Data((error.message + "\n").utf8))
                    throw ExitCode(2)
                }
            }
            let outcome = MiniPy.run(source, file: file == "-" ? "<stdin>" : file,
                                     limits: Limits(wallTime: timeLimit))
            FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
            FileHandle.standardError.write(Data(outcome.stderr.utf8))
            if outcome.error != nil { throw ExitCode(1) }
        }
    }
}
