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
        var deferred: [TerminalEvent] = []
        var inputOpen = true
        while true {
            if let result = run.wait(milliseconds: inputOpen ? 20 : 1000) {
                return SnippetExecution(result: result, deferred: deferred)
            }
            guard inputOpen else { continue }
            // Everything already typed, without waiting.
            reading: while true {
                let event = terminal.nextEvent(timeout: 0)
                switch event {
                case .timeout:
                    break reading
                case .key(.ctrl("c")):
                    return SnippetExecution(result: run.interrupt(), deferred: deferred)
                case .signal:
                    deferred.append(event)
                    return SnippetExecution(result: run.interrupt(), deferred: deferred)
                case .endOfInput:
                    deferred.append(event)
                    inputOpen = false
                    break reading
                case .key, .mouse, .resize, .suspend:
                    deferred.append(event)
                }
            }
        }
    }

    /// The modules the snippet ran, by line, as the visualizer draws them (the last call on a line wins).
    var modules: [Int: VisualizerConfig] {
        var out: [Int: VisualizerConfig] = [:]
        for call in result.recurrentCalls { out[call.line] = VisualizerConfig(call: call) ?? out[call.line] }
        return out
    }
}
