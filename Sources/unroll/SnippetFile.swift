import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Python file `unroll run FILE` is given, read only when it is a regular file of a sane size: a
/// folder or a device said as what it is (not "No such file"), a named pipe refused instead of
/// blocking for ever, a file larger than any snippet refused unread.
enum SnippetFile {
    static let limit = 16 << 20

    /// The text, or the reason in the words CPython uses (`can't open file 'x': [Errno 21] Is a directory`).
    static func read(_ path: String) -> Result<String, SnippetFileError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(SnippetFileError(path: path, reason: String(cString: strerror(errno)))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(SnippetFileError(path: path, reason: String(cString: strerror(EISDIR))))
        default: return .failure(SnippetFileError(path: path, reason: "not a regular file"))
        }
        guard Int(info.st_size) <= limit else {
            return .failure(SnippetFileError(path: path, reason: "\(Int(info.st_size) >> 20) MB, more than a snippet can be (\(limit >> 20) MB)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(SnippetFileError(path: path, reason: String(cString: strerror(errno == 0 ? EACCES : errno))))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}

extension SnippetFile {
    /// Standard input (`unroll run -`) up to `limit` bytes: `unroll run - < /dev/zero` read for ever,
    /// its memory growing, where a file that large is refused.
    static func readStandardInput(fd: Int32 = 0) -> Result<String, SnippetFileError> {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(SnippetFileError(path: "<stdin>", reason: String(cString: strerror(errno))))
            }
            if n == 0 { return .success(String(decoding: data, as: UTF8.self)) }
            data.append(contentsOf: buffer[0 ..< n])
            if data.count > limit {
                return .failure(SnippetFileError(path: "<stdin>", reason: "more than a snippet can be (\(limit >> 20) MB)"))
            }
        }
    }
}

struct SnippetFileError: Error {
    var path: String
    var reason: String
    var message: String { "unroll run: can't open file '\(path)': \(reason)" }
}
