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

        /// A program larger than this is refused before it is read: no learner's snippet comes near it, and
        /// reading a huge file (or a device that never ends) would only exhaust memory.
        static let maxSourceBytes = 16 << 20

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
                source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                switch Self.readSource(file) {
                case .success(let data): source = String(decoding: data, as: UTF8.self)
                case .failure(let problem):
                    FileHandle.standardError.write(Data("unroll run: \(problem.message)\n".utf8))
                    throw ExitCode(2)
                }
            }
            let outcome = MiniPy.run(source, file: file == "-" ? "<stdin>" : file,
                                     limits: Limits(wallTime: timeLimit))
            FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
            FileHandle.standardError.write(Data(outcome.stderr.utf8))
            if outcome.error != nil { throw ExitCode(1) }
        }

        struct SourceProblem: Error {
            let message: String
        }

        /// The file's bytes, or why not in CPython's words where CPython has them ("can't open file 'x':
        /// [Errno 2] No such file or directory"): a directory, a device or a file over the size limit is named as
        /// such instead of being read.
        static func readSource(_ path: String) -> Result<Data, SourceProblem> {
            var info = stat()
            guard stat(path, &info) == 0 else { return .failure(openProblem(path, errno)) }
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return .failure(SourceProblem(message: "can't open file '\(path)': it is a directory, not a Python file"))
            default: return .failure(SourceProblem(message: "can't open file '\(path)': not a regular file"))
            }
            guard info.st_size <= maxSourceBytes else {
                return .failure(SourceProblem(message: "can't open file '\(path)': \(info.st_size) bytes, over the limit of \(maxSourceBytes) bytes"))
            }
            guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(openProblem(path, errno)) }
            defer { try? handle.close() }
            do {
                return .success(try handle.read(upToCount: maxSourceBytes + 1) ?? Data())
            } catch {
                return .failure(SourceProblem(message: "can't read file '\(path)': \(error.localizedDescription)"))
            }
        }

        static func openProblem(_ path: String, _ code: Int32) -> SourceProblem {
            SourceProblem(message: "can't open file '\(path)': [Errno \(code)] \(String(cString: strerror(code)))")
        }
    }
}
