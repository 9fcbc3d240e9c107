import Terminal
import TutorCore

/// The terminal read without waiting while the runtime is busy (a snippet running, a save waiting for
/// another instance's lock): Ctrl-C and signals are handed to the busy code so it can stop; every
/// other event is kept, in order, for the loop to handle afterwards.
struct BusyInput {
    private(set) var deferred: [TerminalEvent] = []
    private var inputOpen = true

    /// Everything typed so far. Returns Ctrl-C or a signal as soon as one arrives (not kept: the caller
    /// decides), else nil once nothing more is waiting.
    mutating func interruption(from terminal: Terminal) -> TerminalEvent? {
        while inputOpen {
            let event = terminal.nextEvent(timeout: 0)
            switch event {
            case .timeout:
                return nil
            case .key(.ctrl("c")), .signal:
                return event
            case .endOfInput:
                deferred.append(event)
                inputOpen = false
            case .key, .mouse, .paste, .resize, .suspend:
                deferred.append(event)
            }
        }
        return nil
    }

    mutating func keep(_ event: TerminalEvent) {
        deferred.append(event)
    }
}
