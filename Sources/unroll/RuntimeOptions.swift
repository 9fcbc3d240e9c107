import ArgumentParser
import Foundation
import SnippetRunner

/// `--python PATH` (and `$UNROLL_PYTHON`), shared by `unroll [LESSON]` and `unroll preview`: which
/// interpreter runs playground snippets. MiniPy (built in, instant) unless a Python with torch is named.
struct RuntimeOptions: ParsableArguments, RuntimeSettings {
    @ArgumentParser.Option(help: ArgumentHelp(
        "Run playground snippets with this Python and its torch instead of MiniPy (default: $UNROLL_PYTHON).",
        valueName: "path"))
    var python: String?
}

/// `--python` as a plain value (see `CommonSettings`).
protocol RuntimeSettings {
    var python: String? { get }
}

extension RuntimeSettings {
    /// The sandbox playground snippets run in. A named Python is checked once, before the terminal is
    /// taken: one that is missing, not executable or cannot import torch is one line on stderr and exit
    /// status 2, never a tutor whose every run fails.
    func sandbox(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SnippetSandbox {
        let fromEnvironment = environment["UNROLL_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        guard let chosen = python ?? fromEnvironment else { return .ofThisProgram() }
        let named = python != nil ? "--python \(chosen)" : "UNROLL_PYTHON=\(chosen)"
        let path = PythonRuntime.resolve(chosen, path: environment["PATH"])
        switch PythonRuntime.check(path) {
        case .success(let label):
            // The first worker imports torch (seconds) while the learner finds a snippet, not after Ctrl-R.
            let sandbox = SnippetSandbox.python(path, runtime: label)
            sandbox.prepare()
            return sandbox
        case .failure(let problem):
            FileHandle.standardError.write(Data("unroll: \(named): \(problem)\n".utf8))
            throw ExitCode(2)
        }
    }
}
