import ArgumentParser
import Foundation
import Testing
@testable import unroll

/// `unroll run FILE`: a file that cannot be run is named with the true reason (never "No such file" for a folder
/// or a device), nothing unbounded is read, and a time limit that is no limit is refused.
@Suite struct RunSourceTests {
    private func problem(_ path: String) -> String? {
        if case .failure(let p) = Unroll.Run.readSource(path) { return p.message }
        return nil
    }

    @Test func aMissingFileIsNamedInCPythonsWords() {
        #expect(problem("/nonexistent/x.py") == "can't open file '/nonexistent/x.py': [Errno 2] No such file or directory")
    }

    @Test func aFolderOrADeviceIsNotReadAsAProgram() {
        #expect(problem(NSTemporaryDirectory()) == "can't open file '\(NSTemporaryDirectory())': it is a directory, not a Python file")
        #expect(problem("/dev/zero") == "can't open file '/dev/zero': not a regular file")
    }

    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let path = NSTemporaryDirectory() + "unroll-run-big-\(getpid()).py"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { unlink(path) }
        #expect(truncate(path, off_t(Unroll.Run.maxSourceBytes + 1)) == 0)   // sparse: no 16 MB written
        #expect(problem(path) == "can't open file '\(path)': \(Unroll.Run.maxSourceBytes + 1) bytes, over the limit of \(Unroll.Run.maxSourceBytes) bytes")
    }

    @Test func aReadableFileIsReadWhole() throws {
        let path = NSTemporaryDirectory() + "unroll-run-ok-\(getpid()).py"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("print(1)\n".utf8)))
        defer { unlink(path) }
        guard case .success(let data) = Unroll.Run.readSource(path) else { Issue.record("not read"); return }
        #expect(String(decoding: data, as: UTF8.self) == "print(1)\n")
    }

    @Test(arguments: ["nan", "inf", "0", "-0.5", "90000"])
    func aTimeLimitThatIsNoLimitIsRefused(_ value: String) {
        #expect(throws: (any Error).self) { try Unroll.Run.parse(["--time-limit", value, "x.py"]) }
    }

    @Test func anOrdinaryTimeLimitParses() throws {
        #expect(try Unroll.Run.parse(["--time-limit", "2.5", "x.py"]).timeLimit == 2.5)
    }
}
