import Foundation

/// Side effects as values: `update` returns them, the runtime at the edge performs them.
public enum Effect: Sendable, Equatable {
    /// Leave the program (progress is already saved).
    case quit
    /// Stop the process as Ctrl-Z does in a shell; `fg` resumes and redraws.
    case suspend
    /// Deliver `Msg.tick` every `interval` seconds until `stopTimer`.
    case startTimer(interval: TimeInterval)
    case stopTimer
    /// Save one progress event (already applied to `State.progress`).
    case record(ProgressEvent)
    /// Run a playground snippet (with MiniPy, or the `--python` interpreter; bounded by the worker's
    /// limits) and answer with `Msg.snippetRan`.
    case runSnippet(String)
}
