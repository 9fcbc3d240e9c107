import Foundation
import RNNEngine

/// MiniPy: a small interpreter for the part of Python (and torch) that lesson snippets use.
///
///     let r = MiniPy.run("import torch\nprint(torch.zeros(4, 2, 3).shape)")
///     r.stdout            // "torch.Size([4, 2, 3])\n"
///     r.error             // nil, or the PyError (type, message, line)
public enum MiniPy {
    /// What a run printed and how it ended.
    public struct Outcome: Sendable, Equatable {
        public var stdout: String
        /// Warnings (as Python writes them to stderr), not the traceback.
        public var warnings: String
        public var error: PyError?
        /// True when the error came from the prelude, not the snippet.
        public var errorInPrelude = false
        public var source: String
        public var file: String

        /// The recurrent modules the snippet ran (line, configuration, weights, input).
        public var recurrentCalls: [RecurrentCall] = []

        /// True when the run depended on something that differs from run to run, as in CPython: the order
        /// of a set of anything but ints (hashed with a per-process seed), or `id()`. `unroll check` keeps
        /// the outcome of a run only when this is false (its RunCache).
        public var unsteady = false

        /// Public so a run can be reported from outside the interpreter (the snippet worker's answer,
        /// judged by `unroll check`).
        public init(stdout: String, warnings: String, error: PyError? = nil, errorInPrelude: Bool = false, source: String,
                    file: String, recurrentCalls: [RecurrentCall] = []) {
            self.stdout = stdout
            self.warnings = warnings
            self.error = error
            self.errorInPrelude = errorInPrelude
            self.source = source
            self.file = file
            self.recurrentCalls = recurrentCalls
        }

        /// The last line of the traceback, `Type: message`, or nil when the run succeeded.
        public var errorLine: String? { error?.description }

        /// What Python would write to stderr: warnings, then the traceback.
        public var stderr: String {
            guard let error else { return warnings }
            return warnings + error.traceback(file: file, source: source)
        }
    }

    /// Runs `prelude` (if any) and then `source` in one interpreter, bounded by `limits` (elements, steps, memory,
    /// wall time). The run happens on a thread with a large stack (Python's 1,000 frames deep recursion must not
    /// overflow Swift's stack), kept for the next run (`RunThread`); the caller waits for it.
    /// `then` runs after `source`; `_` holds the value of `source`'s last expression statement.
    public static func run(_ source: String, prelude: String? = nil, then: String? = nil, file: String = "snippet.py",
                           limits: Limits = .standard) -> Outcome {
        let box = OutcomeBox()
        let ran = RunThread.run(stackSize: Interpreter.runStackSize) {
            ThreadState.current.stackSize = Interpreter.runStackSize
            box.outcome = runHere(source, prelude: prelude, then: then, file: file, limits: limits)
        }
        guard ran else {
            // No thread to be had (the address space is used up): run here, on the caller's stack, whose
            // smaller assumed size only makes RecursionError come sooner.
            return runHere(source, prelude: prelude, then: then, file: file, limits: limits)
        }
        return box.outcome!
    }

    /// Carries the outcome from the run's thread to the caller (the join orders the accesses).
    private final class OutcomeBox: @unchecked Sendable { var outcome: Outcome? }

    static func runHere(_ source: String, prelude: String?, then: String?, file: String, limits: Limits) -> Outcome {
        let interp = Interpreter(limits: limits)
        var outcome = Outcome(stdout: "", warnings: "", error: nil, source: source, file: file)
        if let prelude {
            do { try interp.run(prelude) } catch {
                outcome.error = error
                outcome.errorInPrelude = true
                outcome.source = prelude
                outcome.file = "<prelude>"
                outcome.stdout = interp.stdout
                outcome.warnings = interp.stderr
                outcome.unsteady = interp.unsteady
                return outcome
            }
        }
        do {
            try interp.run(source, keepLast: then != nil)
            if let then {
                do { try interp.run(then) } catch {
                    outcome.error = error
                    outcome.source = then
                    outcome.file = "<then>"
                }
            }
        } catch { outcome.error = error }
        outcome.stdout = interp.stdout
        outcome.warnings = interp.stderr
        outcome.recurrentCalls = interp.recurrentCalls
        outcome.unsteady = interp.unsteady
        return outcome
    }

    /// One call of an RNN, LSTM or GRU in a snippet: enough to unroll it again in the visualizer.
    public struct RecurrentCall: Sendable, Equatable {
        /// The snippet line of the call (1-based).
        public var line: Int
        public var config: RNNConfig
        public var stateDict: [String: Tensor]
        public var input: Tensor

        /// Public so a call can be rebuilt outside the interpreter: the snippet worker sends its calls
        /// to the tutor, which unrolls them in the visualizer (Ctrl-V).
        public init(line: Int, config: RNNConfig, stateDict: [String: Tensor], input: Tensor) {
            self.line = line
            self.config = config
            self.stateDict = stateDict
            self.input = input
        }
    }
}
