import CProcess
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One snippet worker process seen from the parent: its pipes, what it wrote so far, and how it ended.
final class WorkerProcess {
    let pid: pid_t
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var outBuffer: [UInt8] = []
    /// The start of what the worker wrote on stderr (Swift's "Fatal error: …" line says why it trapped).
    private(set) var errorText: [UInt8] = []
    private(set) var ended: (status: Int32, maxRSSKilobytes: Int)?
    /// The parent stopped it (a deadline or Ctrl-C), so its SIGKILL is not a crash.
    private(set) var killedByUs = false

    static let errorTextLimit = 16 << 10

    private init(pid: pid_t, fds: [Int32]) {
        self.pid = pid
        input = fds[0]
        output = fds[1]
        errors = fds[2]
    }

    /// Starts `executable arguments…` with `limits`; the environment is this process's with the
    /// Swift backtracer off (a crash then ends in milliseconds) and one malloc arena (so the address
    /// space limit measures the program, not reserved arenas).
    static func start(executable: String, arguments: [String], limits: HardLimits, cpuLimit: Bool) throws(SpawnError) -> WorkerProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["MALLOC_ARENA_MAX"] = "1"
        let env = environment.map { "\($0.key)=\($0.value)" }
        let argv = [executable] + arguments
        var cLimits = cp_limits(address_space: Int64(limits.addressSpace), cpu_seconds: cpuLimit ? Int64(limits.cpuSeconds) : -1,
                                stack: Int64(limits.stack), file_size: Int64(limits.fileSize), open_files: Int64(limits.openFiles))
        var fds: [Int32] = [-1, -1, -1]
        let pid = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in
                fds.withUnsafeMutableBufferPointer { cp_spawn(executable, cArgv, cEnv, &cLimits, $0.baseAddress!) }
            }
        }
        if pid < 0 { throw SpawnError(code: -pid) }
        for fd in fds[1...] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return WorkerProcess(pid: pid, fds: fds)
    }

    struct SpawnError: Error {
        var code: Int32
        var message: String { String(cString: strerror(code)) }
    }

    /// Sends one request line; false when the worker is gone.
    func send(_ line: Data) -> Bool {
        guard input >= 0 else { return false }
        var data = line
        data.append(UInt8(ascii: "\n"))
        return data.withUnsafeBytes { cp_send(input, $0.baseAddress!, $0.count) } == 0
    }

    /// No more requests: the worker sees the end of its input and exits.
    func closeInput() {
        if input >= 0 { close(input); input = -1 }
    }

    enum Event {
        case line(Data)
        case ended
    }

    /// Waits at most `milliseconds` (0: just looks) for a complete line on stdout or for the end of the
    /// process; nil when neither came in time.
    func poll(milliseconds: Int) -> Event? {
        if let line = takeLine() { return .line(line) }
        if ended != nil { return .ended }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, milliseconds)) * 1_000_000
        while true {
            var fds: [pollfd] = []
            if output >= 0 { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if errors >= 0 { fds.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            if fds.isEmpty {
                // Both pipes closed: the process has ended or is about to; reap it.
                reap(block: true)
                return .ended
            }
            let now = DispatchTime.now().uptimeNanoseconds
            let left = now >= deadline ? 0 : Int32((deadline - now + 999_999) / 1_000_000)
            let r = fds.withUnsafeMutableBufferPointer { Glibc.poll($0.baseAddress!, nfds_t($0.count), left) }
            if r < 0 && errno != EINTR { reap(block: true); return .ended }
            if r > 0 {
                for p in fds where p.revents != 0 { drain(p.fd) }
                if let line = takeLine() { return .line(line) }
                continue
            }
            if DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
        }
    }

    private func takeLine() -> Data? {
        guard let i = outBuffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = Data(outBuffer[..<i])
        outBuffer.removeSubrange(...i)
        return line
    }

    private func drain(_ fd: Int32) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n > 0 {
                if fd == output {
                    outBuffer.append(contentsOf: chunk[..<n])
                } else if errorText.count < Self.errorTextLimit {
                    errorText.append(contentsOf: chunk[..<min(n, Self.errorTextLimit - errorText.count)])
                }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            // End of file (or an error): the writer is gone.
            close(fd)
            if fd == output { output = -1 } else { errors = -1 }
            return
        }
    }

    /// Collects the exit status once the process has ended (blocking waits for it).
    func reap(block: Bool) {
        guard ended == nil else { return }
        var status: Int32 = 0
        var rss = 0
        if cp_wait(pid, block ? 1 : 0, &status, &rss) == 1 { ended = (status, rss) }
    }

    /// Whether the process is still running (reaps it if it has ended).
    func isAlive() -> Bool {
        reap(block: false)
        return ended == nil
    }

    /// SIGKILL, then reap: used for a deadline, Ctrl-C, or a worker no longer needed.
    func kill() {
        if ended == nil {
            killedByUs = true
            _ = Glibc.kill(pid, SIGKILL)
            reap(block: true)
        }
        closeAll()
    }

    /// Closes the pipes without waiting for the process (a worker that has answered and is exiting).
    func closePipes() { closeAll() }

    private func closeAll() {
        closeInput()
        if output >= 0 { close(output); output = -1 }
        if errors >= 0 { close(errors); errors = -1 }
    }

    /// Why the process ended without answering, read from its status and stderr.
    func stopReason(limits: HardLimits) -> SnippetResult.Stop {
        guard let (status, _) = ended else { return .noResult("did not answer") }
        let stderr = String(decoding: errorText, as: UTF8.self)
        if cp_signaled(status) != 0 {
            let signal = cp_term_signal(status)
            if signal == SIGXCPU { return .cpuTime }
            // Swift traps when an allocation fails under RLIMIT_AS ("Fatal error: failed to allocate …").
            if stderr.contains("failed to allocate") || stderr.contains("Could not allocate memory") { return .memory }
            if signal == SIGKILL, !killedByUs { return .memory }   // the kernel's out-of-memory killer
            return .crashed(signal: signal)
        }
        if stderr.contains("failed to allocate") { return .memory }
        return .noResult("ended with exit status \(cp_exit_status(status)) without an answer")
    }

    deinit {
        if ended == nil {
            _ = Glibc.kill(pid, SIGKILL)
            reap(block: true)
        }
        closeAll()
    }
}

/// Runs `body` with `strings` as a NULL-terminated `char *[]`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
