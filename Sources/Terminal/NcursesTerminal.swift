import CNcursesw
import Foundation
import TutorCore
import TutorRender

/// The real terminal, through ncursesw. The only code in the program that calls ncurses.
public final class NcursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private var previous: CellBuffer?
    private var colors: Bool
    private var active = false
    private var drewOnce = false
    /// A read was interrupted by a signal: ncurses keeps that read's ERR and hands it back on the next
    /// call, which must not be taken for the end of input (it made `fg` after `kill -TSTP` exit 0).
    private var interruptedRead = false
    /// Bracketed paste is on (turned on after a frame is drawn, off when curses stops or suspends).
    private var pasteMode = false
    /// Events read while collecting a paste that belong after it (a resize during a long paste).
    private var queued: [TerminalEvent] = []
    /// The key codes `define_key` gives the bracketed paste's start and end (past every KEY_* code).
    static let pasteStart: Int32 = 0x1000
    static let pasteEnd: Int32 = 0x1001
    /// The most characters kept of one paste; the rest is read and dropped until the paste ends.
    static let pasteLimit = 1 << 20
    /// How long a paste may pause before its end is taken as lost (a cut-off ESC[201~ must not hang).
    static let pastePause: Int32 = 300
    /// Whether text can be drawn as UTF-8; when not, the runtime switches to ASCII glyphs.
    public private(set) var isUTF8 = true

    /// Screen-reader mode: the cursor is shown where each frame says the focus is (a reader follows it);
    /// otherwise it stays hidden.
    private let showsCursor: Bool

    /// Checks the terminal, then starts curses with `newterm`, so every failure comes back here as a
    /// `TerminalError` instead of ncurses exiting the process.
    public init(colors wantsColors: Bool, showsCursor: Bool = false) throws {
        self.showsCursor = showsCursor
        guard isatty(0) == 1 else { throw TerminalError.stdinNotATerminal }
        guard isatty(1) == 1 else { throw TerminalError.stdoutNotATerminal }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError.termUnset
        }
        var why: Int32 = 0
        if cn_term_usable(term, &why) == 0 {
            switch why {
            case 2: throw TerminalError.termDumb(term)
            case 3: throw TerminalError.noTerminfo(term)
            default: throw TerminalError.termUnknown(term)
            }
        }
        setlocale(LC_ALL, "")
        if cn_codeset_is_utf8() == 0 {
            isUTF8 = setlocale(LC_CTYPE, "C.UTF-8") != nil && cn_codeset_is_utf8() == 1
        }
        cn_install_signal_handlers()
        cn_register_atexit_restore()
        // The window's size as the terminal reports it, not LINES and COLUMNS from the environment:
        // exported by a shell (or left from an earlier window size), curses took them over the
        // window's own size, at the start and after every resize, and drew every row wrapped into the
        // next (with absurd values newterm failed, blamed on TERM). `use_tioctl` alone did not hold
        // after a resize; without them curses asks the terminal, as it does when they are not set.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let screen = newterm(nil, cn_stdout(), cn_stdin()) else {
            throw TerminalError.startFailed(term)
        }
        self.screen = screen
        set_term(screen)
        active = true
        cn_set_curses_active(1)
        colors = false
        raw()             // Ctrl-C and Ctrl-Z arrive as keys; the tutor decides what they do
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        set_escdelay(25)
        // Home and End as tmux, screen and rxvt send them; xterm's terminfo knows only its own
        // forms, and without these the Esc that starts them would read as a lone Esc (back).
        for (sequence, code) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END)] {
            _ = define_key(sequence, code)
        }
        // A paste arrives between these (once bracketed paste is on): one event, not a storm of keys.
        _ = define_key("\u{1B}[200~", Self.pasteStart)
        _ = define_key("\u{1B}[201~", Self.pasteEnd)
        curs_set(showsCursor ? 1 : 0)
        mouseinterval(0)
        _ = mousemask(cn_all_mouse_events() | cn_report_mouse_position(), nil)
        cn_prepare_restore_sequence()
        if wantsColors && has_colors() {
            start_color()
            use_default_colors()
            colors = true
            for (index, color) in Style.Color.allCases.enumerated() {
                init_pair(Int16(index + 1), Self.cursesColor(color), -1)
            }
        }
    }

    deinit { stop() }

    /// The SIGINT, SIGTERM or SIGHUP that arrived (0: none). After `stop()` too: work done on the way
    /// out (the last save) checks it so Ctrl-C in the restored terminal still ends the wait.
    public static var pendingSignal: Int32 { cn_pending_signal() }

    public var size: Size {
        Size(width: Int(cn_maxx(cn_stdscr())), height: Int(cn_maxy(cn_stdscr())))
    }

    public func stop() {
        guard active else { return }
        active = false
        cn_set_curses_active(0)
        endwin()
        if pasteMode {
            pasteMode = false
            cn_bracketed_paste(0)
        }
        if let screen { delscreen(screen) }
        screen = nil
    }

    // MARK: Drawing

    public func draw(_ buffer: CellBuffer) {
        defer { placeCursor(buffer.cursor) }
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { erase() }
        for row in 0..<buffer.height {
            for column in 0..<buffer.width {
                let cell = buffer[column, row]
                if !full, previous![column, row] == cell { continue }
                if cell.text.isEmpty { continue } // the right half of a wide character
                put(cell, row: row, column: column)
            }
        }
        previous = buffer
        refresh()
        if !pasteMode {
            pasteMode = true
            cn_bracketed_paste(1)
        }
        if !drewOnce {
            drewOnce = true
            DebugCrash.afterFirstFrame()
        }
    }

    /// Moves the shown cursor onto the frame's focused element (screen-reader mode only).
    private func placeCursor(_ cursor: CursorPosition?) {
        guard showsCursor, let cursor else { return }
        move(Int32(cursor.row), Int32(cursor.column))
        refresh()
    }

    private func put(_ cell: Cell, row: Int, column: Int) {
        var attrs = attr_t(A_NORMAL)
        if cell.style.bold { attrs |= cn_a_bold() }
        if cell.style.dim { attrs |= cn_a_dim() }
        if cell.style.reverse { attrs |= cn_a_reverse() }
        if cell.style.underline { attrs |= cn_a_underline() }
        var pair: Int16 = 0
        if let color = cell.style.color {
            if colors {
                pair = Int16(Style.Color.allCases.firstIndex(of: color)! + 1)
            } else if color == .muted {
                attrs |= cn_a_dim()
            }
        }
        attr_set(attrs, pair, nil)
        var text = cell.text
        if !isUTF8, text.unicodeScalars.contains(where: { $0.value > 0x7E }) { text = "?" }
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        // Writing the bottom-right cell makes curses want to scroll and report ERR; the cell is
        // drawn all the same, so the result is ignored.
        _ = wide.withUnsafeBufferPointer { mvaddwstr(Int32(row), Int32(column), $0.baseAddress) }
    }

    private static func cursesColor(_ color: Style.Color) -> Int16 {
        switch color {
        case .accent: return Int16(COLOR_CYAN)
        case .good: return Int16(COLOR_GREEN)
        case .bad: return Int16(COLOR_RED)
        case .warn: return Int16(COLOR_YELLOW)
        case .muted: return Int16(COLOR_BLUE)
        }
    }

    // MARK: Input

    public func nextEvent(timeout: Int?) -> TerminalEvent {
        let window = cn_stdscr()
        if !queued.isEmpty { return queued.removeFirst() }
        wtimeout(window, Int32(timeout ?? -1))
        while true {
            if let pending = pendingSignalEvent() { return pending }
            var wch: wint_t = 0
            cn_clear_errno()
            let result = wget_wch(window, &wch)
            if result == ERR {
                if cn_errno() == EINTR {
                    interruptedRead = true
                    continue
                }
                if let pending = pendingSignalEvent() { return pending }
                if interruptedRead {
                    interruptedRead = false
                    continue
                }
                // Blocking read that fails without EINTR: input is gone (no retry loop at 100 % CPU).
                return timeout == nil ? .endOfInput : .timeout
            }
            interruptedRead = false
            if result == cn_key_code_yes() {
                if Int32(wch) == Self.pasteStart { return readPaste(window, timeout: timeout) }
                if let event = keyCodeEvent(Int32(wch)) { return event }
                continue
            }
            if let key = Self.characterKey(UInt32(wch)) { return .key(key) }
        }
    }

    /// Reads a bracketed paste up to its end marker. An end that never comes (cut off) is taken as
    /// come after `pastePause` ms of silence; past `pasteLimit` characters the rest is read and dropped.
    /// Key sequences inside it (pasted escape codes) are dropped; a resize is kept for after it.
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>?, timeout: Int?) -> TerminalEvent {
        var text = String.UnicodeScalarView()
        var count = 0
        wtimeout(window, Self.pastePause)
        defer { wtimeout(window, Int32(timeout ?? -1)) }
        while true {
            if let pending = pendingSignalEvent() {
                queued.append(pending)
                break
            }
            var wch: wint_t = 0
            cn_clear_errno()
            let result = wget_wch(window, &wch)
            if result == ERR {
                if cn_errno() == EINTR { continue }
                break
            }
            if result == cn_key_code_yes() {
                let code = Int32(wch)
                if code == Self.pasteEnd { break }
                if code == KEY_RESIZE, let event = keyCodeEvent(code) { queued.append(event) }
                continue
            }
            guard count < Self.pasteLimit, let scalar = Unicode.Scalar(UInt32(wch)) else { continue }
            text.append(scalar)
            count += 1
        }
        return .paste(String(text))
    }

    private func pendingSignalEvent() -> TerminalEvent? {
        let sig = cn_pending_signal()
        if sig != 0 { return .signal(sig) }
        if cn_take_suspend() != 0 { return .suspend }
        if cn_take_continue() != 0 {
            // Back from a stop we did not start ourselves: redraw everything.
            previous = nil
            clearok(cn_stdscr(), true)
            return .resize(size)
        }
        return nil
    }

    /// Stops the process like a shell job; `fg` brings it back and the next frame redraws it all.
    public func suspend() {
        endwin()
        if pasteMode {
            pasteMode = false
            cn_bracketed_paste(0)
        }
        cn_suspend_self()
        _ = cn_take_continue()
        refresh()
        previous = nil
        clearok(cn_stdscr(), true)
    }

    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        default:
            guard code >= 32, let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    private func keyCodeEvent(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BTAB: return .key(.backTab)
        case KEY_DC: return .key(.delete)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_RESIZE:
            previous = nil
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let state = event.bstate
            let kind: MouseEvent.Kind
            if state & cn_button1_pressed() != 0 {
                kind = .press
            } else if state & cn_button1_released() != 0 {
                kind = .release
            } else if state & cn_button4_pressed() != 0 {
                kind = .wheelUp
            } else if state & cn_button5_pressed() != 0 {
                kind = .wheelDown
            } else if state & cn_report_mouse_position() != 0 {
                kind = .move
            } else {
                return nil
            }
            return .mouse(kind, column: Int(event.x), row: Int(event.y))
        default:
            return nil
        }
    }
}
