import MiniPy

/// How one snippet run ended, as the tutor shows it: what it printed and, when it failed, a Python-style
/// error (MiniPy's own, or one that says how the worker process was stopped).
public struct SnippetResult: Sendable, Equatable {
    public var stdout: String
    /// Warnings, as Python writes them to stderr.
    public var warnings: String
    public var error: ErrorInfo?
    /// The error came from the prelude, not the snippet.
    public var errorInPrelude: Bool
    /// Every RNN, LSTM or GRU the snippet ran, so Ctrl-V can unroll it.
    public var recurrentCalls: [MiniPy.RecurrentCall]
    /// Why the worker did not answer (nil when it did).
    public var stop: Stop?
    /// The interpreter that ran it, as the output pane names it ("python3.11 + torch 2.15.0"); nil for MiniPy.
    public var runtime: String?
    /// The run depended on something that differs from run to run (`MiniPy.Outcome.unsteady`).
    public var unsteady = false

    /// A Python exception as the worker reported it, with the traceback it printed.
    public struct ErrorInfo: Sendable, Equatable {
        public var type: String
        public var message: String
        public var line: Int
        public var column: Int?
        public var text: String?
        /// The whole traceback, ending with `Type: message` and a newline.
        public var traceback: String

        public init(type: String, message: String, line: Int = 0, column: Int? = nil, text: String? = nil, traceback: String) {
            self.type = type; self.message = message; self.line = line; self.column = column; self.text = text
            self.traceback = traceback
        }

        /// `Type: message`.
        public var description: String { message.isEmpty ? type : "\(type): \(message)" }
    }

    /// How a worker was stopped before it answered.
    public enum Stop: Sendable, Equatable {
        /// Killed by a signal it raised itself or the kernel sent (SIGSEGV, SIGILL, SIGABRT, …).
        case crashed(signal: Int32)
        /// Ran out of the address space RLIMIT_AS allows.
        case memory
        /// Used its CPU seconds (SIGXCPU).
        case cpuTime
        /// Ran past the wall-clock limit; the parent killed it.
        case wallClock
        /// Ctrl-C: the learner stopped it.
        case interrupted
        /// Exited, or answered something that is not a result.
        case noResult(String)
        /// The worker could not be started at all.
        case cannotStart(String)
    }

    public init(stdout: String, warnings: String = "", error: ErrorInfo? = nil, errorInPrelude: Bool = false,
                recurrentCalls: [MiniPy.RecurrentCall] = [], stop: Stop? = nil, runtime: String? = nil) {
        self.stdout = stdout
        self.warnings = warnings
        self.error = error
        self.errorInPrelude = errorInPrelude
        self.recurrentCalls = recurrentCalls
        self.stop = stop
        self.runtime = runtime
    }

    /// What a finished in-process run gives (the worker sends this).
    public init(_ outcome: MiniPy.Outcome) {
        self.init(stdout: outcome.stdout, warnings: outcome.warnings,
                  error: outcome.error.map {
                      ErrorInfo(type: $0.type, message: $0.message, line: $0.line, column: $0.column, text: $0.text,
                                traceback: $0.traceback(file: outcome.file, source: outcome.source))
                  },
                  errorInPrelude: outcome.errorInPrelude, recurrentCalls: outcome.recurrentCalls)
        unsteady = outcome.unsteady
    }

    /// A run the worker could not finish: no output, one error line that says why. `worker` names
    /// what the worker runs ("MiniPy", "Python") in the messages about the worker itself.
    public init(stopped: Stop, limits: HardLimits, worker: String = "MiniPy") {
        let (type, message) = Self.describe(stopped, limits: limits, worker: worker)
        let line = message.isEmpty ? type : "\(type): \(message)"
        self.init(stdout: "", error: ErrorInfo(type: type, message: message, traceback: line + "\n"), stop: stopped)
    }

    /// What Python would write to stderr: warnings, then the traceback.
    public var stderr: String { warnings + (error?.traceback ?? "") }

    /// The output pane's text: stdout, then stderr.
    public var output: String { stdout + stderr }

    public var failed: Bool { error != nil }

    /// The same run as `MiniPy.run` reports it, for code that judges outcomes (`unroll check`).
    public func outcome(source: String, file: String = "snippet.py") -> MiniPy.Outcome {
        var o = MiniPy.Outcome(stdout: stdout, warnings: warnings, error: nil, source: source, file: file)
        o.error = error.map { PyError(type: $0.type, message: $0.message, line: $0.line, column: $0.column, text: $0.text) }
        o.errorInPrelude = errorInPrelude
        o.recurrentCalls = recurrentCalls
        return o
    }

    /// The error line for a stopped worker (the wording is recorded in DECISIONS.md).
    static func describe(_ stop: Stop, limits: HardLimits, worker: String = "MiniPy") -> (type: String, message: String) {
        switch stop {
        case .memory:
            return ("MemoryError", "the snippet used more than \(limits.addressSpaceText) of memory (the kernel stopped it)")
        case .cpuTime:
            return ("TimeoutError", "the snippet used more than \(limits.cpuSeconds) s of processor time (the kernel stopped it)")
        case .wallClock:
            return ("TimeoutError", "the snippet ran for more than \(Self.seconds(limits.wallClock)) s and was stopped")
        case .interrupted:
            return ("KeyboardInterrupt", "")
        case .crashed(let signal):
            return ("SystemError", "the snippet crashed \(worker) (\(Self.signalText(signal)))")
        case .noResult(let why):
            return ("SystemError", "\(worker)'s worker \(why)")
        case .cannotStart(let why):
            return ("SystemError", "could not start \(worker)'s worker process: \(why)")
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }

    /// "signal 11, SIGSEGV"; the number alone for a signal without a usual name here.
    static func signalText(_ signal: Int32) -> String {
        let name: String? = switch signal {
        case 4: "SIGILL"
        case 5: "SIGTRAP"
        case 6: "SIGABRT"
        case 7: "SIGBUS"
        case 8: "SIGFPE"
        case 9: "SIGKILL"
        case 11: "SIGSEGV"
        case 13: "SIGPIPE"
        case 24: "SIGXCPU"
        case 25: "SIGXFSZ"
        default: nil
        }
        return name.map { "signal \(signal), \($0)" } ?? "signal \(signal)"
    }
}
