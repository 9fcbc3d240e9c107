import CNcursesw
import Foundation

/// A deliberate crash for the tests that check the terminal is restored whatever kills the tutor:
/// `UNROLL_DEBUG_CRASH=segv|trap|abort|fatal` crashes right after the first frame is on the screen
/// (curses active, alternate screen, raw mode). Not documented for learners; unset, it does nothing.
enum DebugCrash {
    static func afterFirstFrame() {
        // getenv, not ProcessInfo's dictionary: building that costs more than drawing a frame.
        switch getenv("UNROLL_DEBUG_CRASH").map({ String(cString: $0) }) {
        case "segv": cn_debug_crash(1)
        case "trap": cn_debug_crash(2)
        case "abort": cn_debug_crash(3)
        case "fatal": fatalError("UNROLL_DEBUG_CRASH=fatal")
        default: break
        }
    }
}
