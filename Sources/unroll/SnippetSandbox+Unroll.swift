import MiniPy
import SnippetRunner
import TutorCore

extension SnippetSandbox {
    /// A sandbox whose workers are this very binary (`unroll snippet-worker`).
    static func ofThisProgram(mode: Mode = .fresh) -> SnippetSandbox {
        SnippetSandbox(executable: currentExecutable() ?? CommandLine.arguments[0], mode: mode)
    }

    /// One `run:` program of a lesson, judged as `MiniPy.run`'s outcome would be.
    func outcome(of c: RunCase) -> MiniPy.Outcome {
        let result = run(SnippetRequest(source: c.code, prelude: c.prelude.isEmpty ? nil : c.prelude,
                                        then: c.then.isEmpty ? nil : c.then, recurrentCalls: false))
        return result.outcome(source: c.code)
    }
}
