import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory exclusive lock (flock) on a sidecar file, so two instances never read-merge-write the
/// progress file at the same time. The kernel drops it when the process dies, even by SIGKILL.
struct FileLock: ~Copyable {
    private let fd: Int32

    /// How often a held lock is tried again: after 1 ms, then twice as long each time, up to 50 ms
    /// (another instance's save usually takes a few milliseconds).
    static let firstPause: TimeInterval = 0.001
    static let longestPause: TimeInterval = 0.05
    /// Waits shorter than this are not worth a word: `waiting` is called only after it.
    static let quietWait: TimeInterval = 0.1

    /// Takes the lock, creating the lock file (the folder must exist). While another process holds it,
    /// tries again for at most `patience` seconds; past the first 0.1 s, `waiting` is called with the
    /// time waited so far before each pause (at most 50 ms apart), and returning false (Ctrl-C) stops.
    /// Without a `waiting` (the xAPI statement spool) it gives up silently after the same 5 s.
    init(path: String, patience: TimeInterval = ProgressStore.lockPatience,
         waiting: (TimeInterval) -> Bool = { _ in true }) throws(FileError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        let start = Date()
        var pause = Self.firstPause
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            if e == EINTR { continue }
            guard e == EWOULDBLOCK else {
                close(fd)
                throw FileError(path: path, code: e)
            }
            let waited = Date().timeIntervalSince(start)
            if waited >= patience {
                close(fd)
                throw FileError(path: Self.heldTooLong(lock: path, seconds: patience), code: 0)
            }
            if waited >= Self.quietWait {
                guard waiting(waited) else {
                    close(fd)
                    throw FileError(path: "the save was stopped while another Unroll held \(path)", code: 0)
                }
            }
            usleep(useconds_t(pause * 1_000_000))
            pause = min(pause * 2, Self.longestPause)
        }
        self.fd = fd
    }

    static func heldTooLong(lock: String, seconds: TimeInterval) -> String {
        guard seconds > 0 else { return "another Unroll holds \(lock)" }
        let s = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "another Unroll held \(lock) for more than \(s) s"
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
