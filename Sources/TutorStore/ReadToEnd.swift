import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything left in an open file, read in 64 KB pieces (EINTR retried), stopping once more than `limit`
/// bytes have come, so a file that grows while it is read cannot take memory with it.
enum ReadToEnd {
    case data(Data)
    case failed(Int32)
    /// More than the limit: how many bytes had been read when the reading stopped.
    case tooLarge(Int)

    static func read(_ fd: Int32, limit: Int = .max) -> ReadToEnd {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if n == 0 { return .data(data) }
            data.append(contentsOf: buffer[0 ..< n])
            if data.count > limit { return .tooLarge(data.count) }
        }
    }
}
