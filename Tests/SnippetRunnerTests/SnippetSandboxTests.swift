import Foundation
import MiniPy
import SnippetRunner
import Testing

/// The helper worker (Tests/SnippetWorkerHelper), found as the crash helper is: `$SNIPPET_WORKER_HELPER`,
/// beside the test bundle, or in .build/debug.
enum WorkerHelper {
    static func url() -> String? {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SNIPPET_WORKER_HELPER"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for c in candidates {
            let file = c.lastPathComponent == "snippet-worker-helper" ? c : c.appendingPathComponent("snippet-worker-helper")
            if FileManager.default.isExecutableFile(atPath: file.path) { return file.path }
        }
        return nil
    }

    static func require() throws -> String {
        try #require(url(), "snippet-worker-helper not built: run `swift build --build-tests` (or `swift build --product snippet-worker-helper`) before `swift test`")
    }

    /// Runs one request in a fresh worker started as `helper MODE`.
    static func run(_ mode: String, limits: HardLimits = .standard, source: String = "print(1)") throws -> SnippetResult {
        let sandbox = SnippetSandbox(executable: try require(), arguments: [mode], limits: limits)
        defer { sandbox.shutdown() }
        return sandbox.run(SnippetRequest(source: source))
    }
}

@Suite struct SnippetSandboxTests {
    @Test func theWorkerAnswersExactlyWhatMiniPyGivesInProcess() throws {
        let sandbox = SnippetSandbox(executable: try WorkerHelper.require(), arguments: ["serve"], mode: .reused)
        defer { sandbox.shutdown() }
        let programs: [(String, String?)] = [
            ("print('héllo', 2 ** 10)", nil),
            ("x = 1\ny = x / 0", nil),
            ("print(ok)", "ok = 3"),
            ("print(1)", "raise ValueError('in the prelude')"),
            ("for i in range(3):\n  print(i", nil),
            ("import torch\nrnn = torch.nn.LSTM(2, 3, batch_first=True)\nout, (h, c) = rnn(torch.ones(1, 4, 2))\nprint(out.shape)", nil),
        ]
        for (source, prelude) in programs {
            let isolated = sandbox.run(SnippetRequest(source: source, prelude: prelude))
            let here = SnippetResult(MiniPy.run(source, prelude: prelude))
            #expect(isolated == here, "\(source)")
        }
    }

    @Test func theRNNsASnippetRanComeBackWithTheirExactWeightsAndInput() throws {
        let source = """
            import torch
            torch.manual_seed(3)
            gru = torch.nn.GRU(3, 2, num_layers=2, bidirectional=True)
            out, h = gru(torch.randn(5, 1, 3) * 1e-30)
            rnn = torch.nn.RNN(2, 4, nonlinearity='relu', bias=False)
            out, h = rnn(torch.tensor([[float('inf'), -0.0]]))
            """
        let isolated = try WorkerHelper.run("serve", source: source)
        let here = MiniPy.run(source)
        #expect(isolated.error == nil)
        #expect(isolated.recurrentCalls == here.recurrentCalls)
        #expect(isolated.recurrentCalls.map(\.line) == [4, 6])
        #expect(isolated.recurrentCalls.first?.config.numLayers == 2)
    }

    #if arch(x86_64)
    static let trapSignal = "signal 4, SIGILL"
    #else
    static let trapSignal = "signal 5, SIGTRAP"
    #endif

    @Test(arguments: [
        ("segv", "SystemError: the snippet crashed MiniPy (signal 11, SIGSEGV)\n"),
        ("trap", "SystemError: the snippet crashed MiniPy (\(trapSignal))\n"),
        ("abort", "SystemError: the snippet crashed MiniPy (signal 6, SIGABRT)\n"),
        ("garbage", "SystemError: MiniPy's worker answered something that is not a result\n"),
        ("exit", "SystemError: MiniPy's worker ended with exit status 3 without an answer\n"),
    ])
    func aWorkerThatDiesOrBabblesIsOneErrorLine(mode: String, shown: String) throws {
        let result = try WorkerHelper.run(mode)
        #expect(result.output == shown)
        #expect(result.failed)
        #expect(result.stdout == "")
    }

    @Test func runawayMemoryIsAMemoryErrorFromTheKernelsLimit() throws {
        var limits = HardLimits.standard
        limits.addressSpace = 256 << 20
        let result = try WorkerHelper.run("alloc", limits: limits)
        #expect(result.output == "MemoryError: the snippet used more than 256 MB of memory (the kernel stopped it)\n")
        #expect(result.stop == .memory)
    }

    /// Each live generator holds a thread with a 64 MB stack; under the worker's 1 GiB address space the
    /// twentieth cannot start. That is MiniPy's MemoryError at once, not a wait for a thread that never ran
    /// (which the wall clock ended as a TimeoutError).
    @Test func moreLiveGeneratorsThanTheAddressSpaceHoldsIsAMemoryError() throws {
        let source = "def g():\n    yield 1\n    yield 2\ngs = [g() for _ in range(60)]\nprint(sum(next(x) for x in gs))\n"
        let result = try WorkerHelper.run("serve", source: source)
        #expect(result.output.hasSuffix("MemoryError: too many generators running at once (MiniPy gives each a thread of its own)\n"))
        #expect(result.stop == nil)
    }

    @Test func spinningPastTheCPULimitIsATimeoutError() throws {
        var limits = HardLimits.standard
        limits.cpuSeconds = 1
        let result = try WorkerHelper.run("spin", limits: limits)
        #expect(result.output == "TimeoutError: the snippet used more than 1 s of processor time (the kernel stopped it)\n")
    }

    @Test func aWorkerThatNeverAnswersIsKilledAtTheWallClockLimit() throws {
        var limits = HardLimits.standard
        limits.wallClock = 0.3
        let result = try WorkerHelper.run("sleep", limits: limits)
        #expect(result.output == "TimeoutError: the snippet ran for more than 0.3 s and was stopped\n")
    }

    @Test func interruptingARunKillsTheWorkerAndSaysKeyboardInterrupt() throws {
        let sandbox = SnippetSandbox(executable: try WorkerHelper.require(), arguments: ["sleep"])
        defer { sandbox.shutdown() }
        let run = sandbox.start(SnippetRequest(source: "while True: pass"))
        #expect(run.wait(milliseconds: 50) == nil)
        let result = run.interrupt()
        #expect(result.output == "KeyboardInterrupt\n")
        #expect(run.wait(milliseconds: 0) == result)
    }

    @Test func theWorkerHasNoTerminalNoInheritedDescriptorsAndTheLimits() throws {
        let result = try WorkerHelper.run("environment")
        // fd 3 is the folder listing /proc/self/fd itself.
        #expect(result.stdout == "tty=false stdin-tty=false session-leader=true fds=[0, 1, 2, 3] as=1073741824 cpu=10 stack=16777216 fsize=0 nofile=64 core=0 sigint-default=true")
    }

    @Test func freshModeGivesEveryProgramItsOwnProcess() throws {
        let sandbox = SnippetSandbox(executable: try WorkerHelper.require(), arguments: ["counter"], mode: .fresh)
        defer { sandbox.shutdown() }
        let first = sandbox.run(SnippetRequest(source: "a")).stdout
        let second = sandbox.run(SnippetRequest(source: "b")).stdout
        #expect(first.hasSuffix(" n=1") && second.hasSuffix(" n=1"))
        #expect(first != second)
    }

    @Test func reusedModeKeepsOneWorkerAndStartsAnotherAfterACrash() throws {
        let sandbox = SnippetSandbox(executable: try WorkerHelper.require(), arguments: ["counter"], mode: .reused)
        defer { sandbox.shutdown() }
        let a = sandbox.run(SnippetRequest(source: "a")).stdout
        let b = sandbox.run(SnippetRequest(source: "b")).stdout
        let crash = sandbox.run(SnippetRequest(source: "CRASH"))
        let c = sandbox.run(SnippetRequest(source: "c")).stdout
        #expect(a.hasSuffix(" n=1") && b.hasSuffix(" n=2") && c.hasSuffix(" n=1"))
        #expect(a.split(separator: " ").first == b.split(separator: " ").first)
        #expect(a.split(separator: " ").first != c.split(separator: " ").first)
        #expect(crash.stop == .crashed(signal: SIGSEGV))
    }

    @Test func aMissingWorkerExecutableIsAnErrorLineNotACrash() {
        let sandbox = SnippetSandbox(executable: "/nonexistent/unroll")
        let result = sandbox.run(SnippetRequest(source: "print(1)"))
        #expect(result.output == "SystemError: could not start MiniPy's worker process: No such file or directory\n")
    }
}
