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

    /// Blocks until the lock is held. Creates the lock file (the folder must exist).
    init(path: String) throws(FileError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        while flock(fd, LOCK_EX) != 0 {
            let e = errno
            if e == EINTR { continue }
            close(fd)
            throw FileError(path: path, code: e)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
