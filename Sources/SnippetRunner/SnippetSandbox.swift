import CProcess
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs snippets in a child process of this program (`unroll snippet-worker`) under hard kernel
/// limits, so nothing a snippet does (a trap in MiniPy, runaway memory, a hang) can take the caller
/// with it: it comes back as a `SnippetResult` with a Python-style error.
///
///     let sandbox = SnippetSandbox(executable: SnippetSandbox.currentExecutable()!)
///     let run = sandbox.start(SnippetRequest(source: "print(1)"))
///     while true { if let r = run.wait(milliseconds: 20) { print(r.output); break } }   // or run.interrupt()
///
/// `.fresh` gives each program its own process (the playground: nothing carries over, the CPU limit is
/// per run); `prepare()` after a run starts the next one while the learner reads the output, so a run
/// does not wait for a process to start. `.reused` keeps one worker for many programs, started again
/// when one dies (`unroll check`).
public final class SnippetSandbox: @unchecked Sendable {
    public enum Mode: Sendable { case fresh, reused }

    public let executable: String
    public let arguments: [String]
    public let limits: HardLimits
    public let mode: Mode
    /// What the worker runs, as error messages about the worker name it ("MiniPy", "Python").
    public let worker: String
    /// The label every result of this sandbox carries (`SnippetResult.runtime`); nil for MiniPy.
    public let runtime: String?
    private var spare: WorkerProcess?
    /// Fresh workers that answered and are exiting on their own; reaped later, killed at shutdown.
    private var retired: [WorkerProcess] = []

    public init(executable: String, arguments: [String] = ["snippet-worker"], limits: HardLimits = .standard, mode: Mode = .fresh,
                worker: String = "MiniPy", runtime: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.limits = limits
        self.mode = mode
        self.worker = worker
        self.runtime = runtime
    }

    /// This program's own executable (/proc/self/exe), which serves `snippet-worker`.
    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = cp_self_executable(&buffer, buffer.count)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Starts a worker now so the next run does not wait for one (call it when the caller is idle).
    public func prepare() {
        retired.removeAll { !$0.isAlive() }
        if spare == nil { spare = try? startWorker() }
    }

    /// Starts `request`; poll the returned run until it answers.
    public func start(_ request: SnippetRequest) -> SnippetRun {
        let line = request.wireJSON()
        // The waiting worker may have died while idle; then (or if it will not take the request) one
        // more is started before the run is called failed.
        for attempt in 0 ..< 2 {
            var process = spare
            spare = nil
            if attempt > 0 || process?.isAlive() != true {
                process?.kill()
                do throws(WorkerProcess.SpawnError) { process = try startWorker() } catch {
                    return SnippetRun(sandbox: self, process: nil, failure: SnippetResult(stopped: .cannotStart(error.message), limits: limits, worker: worker))
                }
            }
            let p = process!
            if p.send(line) {
                if mode == .fresh { p.closeInput() }
                return SnippetRun(sandbox: self, process: p, failure: nil)
            }
            p.kill()
        }
        return SnippetRun(sandbox: self, process: nil,
                          failure: SnippetResult(stopped: .cannotStart("it closed its input before reading the snippet"), limits: limits, worker: worker))
    }

    /// Runs `request` to the end (no interruption): for callers without a terminal to watch.
    public func run(_ request: SnippetRequest) -> SnippetResult {
        let r = start(request)
        while true {
            if let result = r.wait(milliseconds: 1000) { return result }
        }
    }

    /// Stops the spare or reused worker and any still exiting (at exit).
    public func shutdown() {
        spare?.kill()
        spare = nil
        for p in retired { p.kill() }
        retired = []
    }

    deinit { shutdown() }

    private func startWorker() throws(WorkerProcess.SpawnError) -> WorkerProcess {
        // A fresh worker runs one program: its RLIMIT_CPU is set at spawn. A reused one moves its soft
        // limit forward before each program (`--cpu-seconds`), under no hard limit.
        let extra = mode == .reused ? ["--cpu-seconds", String(limits.cpuSeconds)] : []
        return try WorkerProcess.start(executable: executable, arguments: arguments + extra, limits: limits, cpuLimit: mode == .fresh)
    }

    /// A run finished: keep its worker for the next program (reused), or let it exit by itself (fresh:
    /// its input is closed, so it ends after answering; waiting for that here would delay the answer).
    fileprivate func finished(_ process: WorkerProcess?, healthy: Bool) {
        guard let process else { return }
        switch mode {
        case .reused:
            if healthy { spare = process } else { process.kill() }
        case .fresh:
            if healthy, process.isAlive() {
                process.closePipes()
                retired.append(process)
            } else {
                process.kill()
            }
        }
    }
}

/// One snippet under way in a worker.
public final class SnippetRun {
    private let sandbox: SnippetSandbox
    private var process: WorkerProcess?
    private var result: SnippetResult?
    private let deadline: DispatchTime

    fileprivate init(sandbox: SnippetSandbox, process: WorkerProcess?, failure: SnippetResult?) {
        self.sandbox = sandbox
        self.process = process
        self.result = failure
        if result?.runtime == nil { result?.runtime = sandbox.runtime }
        deadline = .now() + sandbox.limits.wallClock
    }

    /// Waits at most `milliseconds` for the answer; nil while the snippet still runs. Past the
    /// wall-clock limit the worker is killed and the result says so.
    public func wait(milliseconds: Int) -> SnippetResult? {
        if let result { return result }
        guard let p = process else { return nil }
        let left = Int((Double(deadline.uptimeNanoseconds) - Double(DispatchTime.now().uptimeNanoseconds)) / 1e6)
        switch p.poll(milliseconds: max(0, min(milliseconds, left))) {
        case .line(let data)?:
            if let answer = SnippetResult.fromWire(data) {
                return finish(answer, healthy: true)
            }
            p.kill()
            return finish(SnippetResult(stopped: .noResult("answered something that is not a result"), limits: sandbox.limits, worker: sandbox.worker), healthy: false)
        case .ended?:
            return finish(SnippetResult(stopped: p.stopReason(limits: sandbox.limits), limits: sandbox.limits, worker: sandbox.worker), healthy: false)
        case nil:
            guard DispatchTime.now() >= deadline else { return nil }
            p.kill()
            return finish(SnippetResult(stopped: .wallClock, limits: sandbox.limits, worker: sandbox.worker), healthy: false)
        }
    }

    /// Stops the run now (Ctrl-C): the worker is killed and the result is `KeyboardInterrupt`.
    public func interrupt() -> SnippetResult {
        if let result { return result }
        process?.kill()
        return finish(SnippetResult(stopped: .interrupted, limits: sandbox.limits, worker: sandbox.worker), healthy: false)
    }

    private func finish(_ answer: SnippetResult, healthy: Bool) -> SnippetResult {
        var r = answer
        if r.runtime == nil { r.runtime = sandbox.runtime }
        result = r
        sandbox.finished(process, healthy: healthy)
        process = nil
        return r
    }
}
