import MiniPy
import SnippetRunner
import Terminal
import TutorCore

/// One playground run, performed at the edge: in a worker process when there is a sandbox (the tutor),
/// in this process when there is none (whole-program tests). While the worker runs, the terminal is
/// read every 20 ms: Ctrl-C stops the run, a signal stops it and is handed back to the loop, and every
/// other event is kept for the loop to handle after the run.
struct SnippetExecution {
    var result: SnippetResult
    /// Events read during the run, in order, for the loop to handle next.
    var deferred: [TerminalEvent] = []

    static func run(_ code: String, sandbox: SnippetSandbox?, terminal: Terminal) -> SnippetExecution {
        guard let sandbox else {
            return SnippetExecution(result: SnippetResult(MiniPy.run(code, file: "snippet.py")))
        }
        let run = sandbox.start(SnippetRequest(source: code))
        var input = BusyInput()
        while true {
            if let result = run.wait(milliseconds: 20) {
                return SnippetExecution(result: result, deferred: input.deferred)
            }
            guard let stop = input.interruption(from: terminal) else { continue }
            // Ctrl-C stops the run only; a signal also ends the program, so the loop gets it too.
            if case .signal = stop { input.keep(stop) }
            return SnippetExecution(result: run.interrupt(), deferred: input.deferred)
        }
    }

    /// The modules the snippet ran, by line, as the visualizer draws them (the last call on a line wins).
    var modules: [Int: VisualizerConfig] {
        var out: [Int: VisualizerConfig] = [:]
        for call in result.recurrentCalls { out[call.line] = VisualizerConfig(call: call) ?? out[call.line] }
        return out
    }
}
