import Terminal
import TutorCore
import TutorStore

/// One progress save, performed at the edge. While another Unroll holds the lock, `announce` is called
/// once (the runtime puts `waiting` on the status line and draws it) and the terminal is read without
/// waiting: Ctrl-C or a signal stops the wait and is handed to the loop alone (the learner asked to quit,
/// so what was typed before it is dropped); other events are kept for after the save.
struct SaveExecution {
    var outcome: SaveOutcome
    /// The events for the loop to handle next.
    var deferred: [TerminalEvent]
    /// Ctrl-C or a signal stopped a wait: later saves should not wait again.
    var stopped: Bool
    /// The save waited and then went through without anything else to say.
    var savedAfterWaiting: Bool

    static let waiting = "Waiting for another Unroll to finish saving…"
    static let savedAfterWait = "Saved (another Unroll was saving at the same moment)."

    static func record(_ event: ProgressEvent, store: ProgressStore, terminal: Terminal, wait: Bool,
                       announce: () -> Void) -> SaveExecution {
        var input = BusyInput()
        var announced = false
        var stop: TerminalEvent?
        let outcome = store.record([event], patience: wait ? ProgressStore.lockPatience : 0) { _ in
            if !announced {
                announced = true
                announce()
            }
            stop = input.interruption(from: terminal)
            return stop == nil
        }
        return SaveExecution(outcome: outcome, deferred: stop.map { [$0] } ?? input.deferred, stopped: stop != nil,
                             savedAfterWaiting: announced && outcome.saved && outcome.announcement == nil)
    }
}
