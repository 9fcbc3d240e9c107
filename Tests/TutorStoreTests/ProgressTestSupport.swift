import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds after 2025-01-01T00:00:00Z.
func t(_ s: Double) -> Date { Date(timeIntervalSince1970: 1_735_689_600 + s) }

/// A fresh folder under the system temp folder, removed by the caller's `defer`.
struct TempFolder: ~Copyable {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-progress-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// The built `progress-crash-helper`: `$PROGRESS_CRASH_HELPER`, else beside the test binary (SwiftPM
/// puts every product of one build in the same folder), else `.build/debug` of this package.
/// `swift build --build-tests` (or `swift build --product progress-crash-helper`) builds it.
enum CrashHelper {
    static func url() -> URL? {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["PROGRESS_CRASH_HELPER"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for c in candidates {
            let file = c.lastPathComponent == "progress-crash-helper" ? c : c.appendingPathComponent("progress-crash-helper")
            if FileManager.default.isExecutableFile(atPath: file.path) { return file }
        }
        return nil
    }

    /// A line the helper printed after a save: the item id, a tab, the history entry as JSON.
    static func entry(_ line: String) -> (id: String, answer: Answer?) {
        let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let answer = parts.count == 2 ? try? decoder.decode(Answer.self, from: Data(parts[1].utf8)) : nil
        return (parts.first ?? "", answer)
    }

    static func require() throws -> URL {
        try #require(url(), "progress-crash-helper not built: run `swift build --build-tests` (or `swift build --product progress-crash-helper`) before `swift test`")
    }
}

/// A child process with its stdout on a pipe, started with posix_spawn (no shell, no Foundation.Process).
struct Child {
    let pid: pid_t
    let output: Int32

    /// Held from pipe() to the parent's close of the write end: a child spawned by another test at the
    /// same moment must not inherit this pipe, or our read would wait for that child's end too.
    private static let spawnLock = NSLock()

    static func spawn(_ exe: URL, _ args: [String]) -> Child? {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe.path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = [nil]
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe.path, &actions, nil, argv, envp)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); return nil }
        return Child(pid: pid, output: fds[0])
    }

    func kill9() { kill(pid, SIGKILL) }

    /// Waits for the child's first line (without its newline); nil if it ends first.
    func firstLine() -> String? {
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let n = read(output, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Everything the child wrote, until it exits (or is killed); then reaps it.
    func finish() -> (lines: [String], status: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[0 ..< n]
        }
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return (lines, status)
    }
}
