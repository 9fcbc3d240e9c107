import TutorCore
import TutorRender

/// What the runtime needs from a terminal: its size, a way to show a frame, the next input event.
/// `NcursesTerminal` is the real one; `MemoryTerminal` serves whole-program tests.
public protocol Terminal: AnyObject {
    var size: Size { get }
    /// Shows `buffer`, writing only what changed since the last frame.
    func draw(_ buffer: CellBuffer)
    /// Waits for the next event: forever when `timeout` is nil (no polling), else at most that many
    /// milliseconds.
    func nextEvent(timeout: Int?) -> TerminalEvent
    /// Stops the process like a shell job (Ctrl-Z); returns after `fg`, ready to redraw.
    func suspend()
    /// Gives the terminal back as it was. Safe to call twice.
    func stop()
}

public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent.Kind, column: Int, row: Int)
    /// Text pasted in one piece (bracketed paste), as the terminal sent it.
    case paste(String)
    case resize(Size)
    /// `timeout` passed with no input.
    case timeout
    /// SIGINT, SIGTERM or SIGHUP arrived: the runtime restores the terminal and exits 128 + signal.
    case signal(Int32)
    /// Ctrl-Z from outside (SIGTSTP): suspend like a shell job.
    case suspend
    /// Input closed (stdin gone): quit.
    case endOfInput
}

/// Why the terminal could not be started; each is one sentence for stderr and exit status 2.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case stdinNotATerminal
    case stdoutNotATerminal
    case termUnset
    case termUnknown(String)
    case termDumb(String)
    case noTerminfo(String)
    case startFailed(String)

    public var description: String {
        switch self {
        case .stdinNotATerminal:
            return "unroll: standard input is not a terminal; run unroll in a terminal (or use `unroll print`, `unroll check`)."
        case .stdoutNotATerminal:
            return "unroll: standard output is not a terminal; run unroll in a terminal (or use `unroll print` for text)."
        case .termUnset:
            return "unroll: TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color."
        case .termUnknown(let term):
            return "unroll: the terminal type '\(term)' (TERM) is unknown here; try TERM=xterm-256color."
        case .termDumb(let term):
            return "unroll: the terminal type '\(term)' (TERM) cannot move the cursor, so it cannot show the tutor; use a full terminal."
        case .noTerminfo(let term):
            return "unroll: no terminfo database found for '\(term)' (TERM); install ncurses-base or set TERMINFO."
        case .startFailed(let term):
            return "unroll: ncurses could not start on the terminal '\(term)' (TERM)."
        }
    }
}
