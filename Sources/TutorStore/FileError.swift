#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on a path, kept as errno so the message is the system's own words.
struct FileError: Error, Sendable, Equatable {
    var path: String
    var code: Int32

    /// "/path: No space left on device"
    /// A code of 0 carries a finished message in `path` (e.g. from a read that failed earlier).
    var message: String { code == 0 ? path : "\(path): \(String(cString: strerror(code)))" }
}

/// Errors a test can make the store's write path meet, at the step where the real one would.
extension ProgressStore {
    public struct Faults: Sendable, Equatable {
        /// errno for creating the folder, writing the temporary file, fsync-ing it, renaming it.
        public var mkdir: Int32?
        public var write: Int32?
        public var fsync: Int32?
        public var rename: Int32?

        public init(mkdir: Int32? = nil, write: Int32? = nil, fsync: Int32? = nil, rename: Int32? = nil) {
            self.mkdir = mkdir
            self.write = write
            self.fsync = fsync
            self.rename = rename
        }

        public static let none = Faults()
    }
}
