import TutorCore
import TutorRender

/// A terminal in memory: events are queued by the test, frames are kept for it to read.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var frames: [CellBuffer] = []
    private var events: [TerminalEvent]
    public private(set) var stopped = false

    public init(size: Size, events: [TerminalEvent]) {
        self.size = size
        self.events = events
    }

    public func draw(_ buffer: CellBuffer) {
        frames.append(buffer)
    }

    public func nextEvent(timeout: Int?) -> TerminalEvent {
        guard !events.isEmpty else { return .endOfInput }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public private(set) var suspensions = 0

    public func suspend() {
        suspensions += 1
    }

    public func stop() {
        stopped = true
    }
}
