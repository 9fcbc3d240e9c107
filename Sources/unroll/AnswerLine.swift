import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line typed in answer to a question (`unroll progress --reset`'s [y/N]), read a byte at a time
/// up to a line break, the end of input or `limit` bytes: `readLine()` kept reading a stream without
/// line breaks (`< /dev/zero`) for ever, its memory growing. Nil when nothing could be read.
enum AnswerLine {
    static func read(fd: Int32 = 0, limit: Int = 256) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < limit {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
