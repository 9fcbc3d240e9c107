import ArgumentParser
import Foundation
import RNNEngine

extension Unroll {
    /// `unroll engine [FILE] [--trace]`: one JSON case in, one JSON result out (the logic is `EngineCase`).
    struct Engine: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "engine",
            abstract: "Run one forward pass of RNN/LSTM/GRU: a JSON case in (FILE or stdin), a JSON result out.",
            discussion: "Exit status: 0 a result, 1 a PyTorch error (as JSON on stdout), 2 not a valid case."
        )

        @Argument(help: "The JSON case (default: standard input).")
        var file: String?

        @Flag(name: .long, help: "Add the per-step trace to the result.")
        var trace = false

        func run() throws {
            let data: Data
            if let file {
                guard let d = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("unroll engine: cannot read \(file)\n".utf8))
                    throw ExitCode(2)
                }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            let outcome = EngineCase.run(data, trace: trace)
            for line in outcome.stderr { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            if let out = outcome.stdout { FileHandle.standardOutput.write(Data((out + "\n").utf8)) }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
