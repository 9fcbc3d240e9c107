import Foundation
import Testing
@testable import unroll

/// `unroll run FILE` says why a file cannot be run, in the system's words, and never blocks on one.
@Suite struct SnippetFileTests {
    func reason(_ path: String) -> String? {
        if case .failure(let error) = SnippetFile.read(path) { return error.reason }
        return nil
    }

    @Test func aFolderADeviceAndAMissingFileEachSayWhatTheyAre() {
        // Every one of these said "No such file or directory".
        #expect(reason("/") == "Is a directory")
        #expect(reason("/dev/zero") == "not a regular file")
        #expect(reason("/nonexistent/x.py") == "No such file or directory")
    }

    @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snippetfile-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.py").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(reason(fifo) == "not a regular file")
        let file = dir.appendingPathComponent("ok.py").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("print(1)\n".utf8)))
        if case .success(let text) = SnippetFile.read(file) { #expect(text == "print(1)\n") } else { Issue.record("not read") }
    }

    /// `unroll run - < /dev/zero` read for ever, its memory growing.
    @Test(.timeLimit(.minutes(1))) func standardInputPastTheLimitIsRefused() {
        let fd = open("/dev/zero", O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        if case .failure(let error) = SnippetFile.readStandardInput(fd: fd) {
            #expect(error.message == "unroll run: can't open file '<stdin>': more than a snippet can be (16 MB)")
        } else {
            Issue.record("read /dev/zero to its end")
        }
    }
}
