import Foundation
import Testing
@testable import unroll

/// The [y/N] answer is one bounded line, whatever standard input is.
@Suite struct AnswerLineTests {
    func answer(_ bytes: String) -> String? {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        _ = bytes.utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, bytes.utf8.count) }
        close(fds[1])
        defer { close(fds[0]) }
        return AnswerLine.read(fd: fds[0])
    }

    @Test func oneLineIsReadAndTheRestLeft() {
        #expect(answer("yes\nmore\n") == "yes")
        #expect(answer(" y ") == " y ")
        #expect(answer("") == nil)
    }

    /// readLine() read `< /dev/zero` for ever.
    @Test(.timeLimit(.minutes(1))) func aStreamWithoutLineBreaksStopsAtTheLimit() {
        let fd = open("/dev/zero", O_RDONLY)
        defer { close(fd) }
        let line = AnswerLine.read(fd: fd)
        #expect(line?.utf8.count == 256)
    }
}
