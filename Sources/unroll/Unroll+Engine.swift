import ArgumentParser
import Foundation
import RNNEngine

extension Unroll {
    /// `unroll engine [FILE] [--trace] [--repeat N]`: one JSON case in, one JSON result out (the logic is `EngineCase`).
    struct Engine: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "engine",
            abstract: "Run RNN/LSTM/GRU on one JSON case (FILE or stdin): forward, and backward when it gives gradients.",
            discussion: """
                Exit status: 0 a result, 1 a PyTorch error (as JSON on stdout), 2 not a valid case (too large, \
                malformed, over 16 MB). The case format is in the README ("unroll engine").
                """
        )

        @Argument(help: "The JSON case (default: standard input).")
        var file: String?

        @Flag(name: .long, help: "Add the per-step trace to the result.")
        var trace = false

        @Option(name: .customLong("repeat"), help: ArgumentHelp(
            "Then run the case N more times in this process and print {\"repeat\": N, \"median_us\": …, \"min_us\": …} on stderr.",
            valueName: "N"))
        var repeatCount: Int?

        func run() throws {
            if let n = repeatCount, !(1...1_000_000).contains(n) {
                FileHandle.standardError.write(Data("unroll engine: --repeat must be from 1 to 1000000, got \(n)\n".utf8))
                throw ExitCode(2)
            }
            let data: Data
            switch Self.read(file) {
            case .success(let d): data = d
            case .failure(let error):
                FileHandle.standardError.write(Data("unroll engine: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
            let decoded: EngineCase
            do { decoded = try EngineCase.decode(data) } catch {
                FileHandle.standardError.write(Data("unroll engine: invalid case: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
            let outcome = decoded.run(trace: trace)
            for line in outcome.stderr { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            if let out = outcome.stdout { FileHandle.standardOutput.write(Data((out + "\n").utf8)) }
            if outcome.exitCode == 0, let n = repeatCount, let times = decoded.timings(count: n) {
                let us = times.map { $0 * 1e6 }.sorted()
                let line = String(format: "{\"repeat\": %d, \"median_us\": %.3f, \"min_us\": %.3f}\n", n, us[us.count / 2], us[0])
                FileHandle.standardError.write(Data(line.utf8))
            }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }

        /// The case's bytes, at most `JSONValue.maxBytes` (a larger file, /dev/zero or an endless pipe is refused
        /// after reading one byte past the limit, never read whole).
        static func read(_ path: String?) -> Result<Data, CaseError> {
            let handle: FileHandle
            if let path {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let h = FileHandle(forReadingAtPath: path) else { return .failure(CaseError("cannot read \(path)")) }
                handle = h
            } else {
                handle = FileHandle.standardInput
            }
            var data = Data()
            let limit = JSONValue.maxBytes
            while data.count <= limit {
                guard let chunk = try? handle.read(upToCount: min(1 << 20, limit + 1 - data.count)), !chunk.isEmpty else { break }
                data.append(chunk)
            }
            if data.count > limit { return .failure(CaseError("invalid case: \(path ?? "standard input") is over 16 MB (the limit of a case)")) }
            return .success(data)
        }
    }
}
