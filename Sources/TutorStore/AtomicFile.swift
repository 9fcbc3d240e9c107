import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file without ever writing it in place: a temporary file in the same folder, fsync,
/// rename over the old one, fsync the folder. A crash at any point leaves the old file or the new one.
enum AtomicFile {
    /// The prefix of temporary files for `path`; any left by a killed writer are removed under the lock.
    static func tempPrefix(for path: String) -> String {
        "." + (path as NSString).lastPathComponent + ".tmp-"
    }

    static func write(_ data: Data, to path: String, faults: ProgressStore.Faults) throws(FileError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temp = (folder as NSString).appendingPathComponent(
            tempPrefix(for: path) + "\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, code: errno) }
        var done = false
        defer { if !done { unlink(temp) } }
        do {
            defer { close(fd) }
            if let e = faults.write { throw FileError(path: path, code: e) }
            var failure: Int32 = 0
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    offset += n
                }
            }
            if failure != 0 { throw FileError(path: path, code: failure) }
            if let e = faults.fsync { throw FileError(path: path, code: e) }
            if fsync(fd) != 0 { throw FileError(path: path, code: errno) }
        }
        if let e = faults.rename { throw FileError(path: path, code: e) }
        if rename(temp, path) != 0 { throw FileError(path: path, code: errno) }
        done = true
        // Makes the rename itself durable. Best effort: the new file is already in place, and some
        // file systems refuse fsync on a folder.
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }

    /// `mkdir -p`, failing with the errno of the step that failed.
    static func makeFolders(_ folder: String) throws(FileError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw FileError(path: folder, code: ENOTDIR)
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try makeFolders(parent) }
        if mkdir(folder, 0o755) != 0, errno != EEXIST { throw FileError(path: folder, code: errno) }
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
