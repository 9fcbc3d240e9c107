import Foundation
import MiniPy
import RNNEngine
import SnippetRunner
import Testing

/// What the `--python` worker answers, recorded from real torch by Scripts/python_hook_fixture.py
/// (Fixtures/python_hook.json): the tutor must decode it into the same record MiniPy gives, and the
/// engine, replaying a recorded call, must give torch's numbers (that is what Ctrl-V draws).
enum HookFixture {
    struct Case: Decodable {
        var source: String
        var answer: String
        var torchOutputs: [TorchOutput]
    }

    struct TorchOutput: Decodable {
        var line: Int
        var output: [Float]
        var shape: [Int]
    }

    struct File: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/python_hook.json")
        guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    static func decoded(_ index: Int) throws -> SnippetResult {
        let c = try #require(cases.count > index ? cases[index] : nil, "Fixtures/python_hook.json is missing or unreadable")
        return try #require(SnippetResult.fromWire(Data(c.answer.utf8)), "the hook's answer did not decode")
    }
}

@Suite struct PythonHookRecordTests {
    @Test func aModelWrittenAsAClassComesBackWithItsLSTMsLineConfigWeightsAndInput() throws {
        let r = try HookFixture.decoded(0)
        #expect(r.runtime == "python3.11 + torch 2.15.0")
        #expect(r.stdout == "torch.Size([2, 1])\n")
        #expect(r.error == nil)
        let call = try #require(r.recurrentCalls.first)
        #expect(r.recurrentCalls.count == 1)
        // `out, _ = self.lstm(x)` inside forward, not the line that called the model.
        #expect(call.line == 10)
        #expect(call.config.mode == .lstm)
        #expect(call.config.numLayers == 2 && call.config.batchFirst && call.config.inputSize == 3 && call.config.hiddenSize == 4)
        #expect(call.stateDict.keys.sorted() == ["bias_hh_l0", "bias_hh_l1", "bias_ih_l0", "bias_ih_l1",
                                                 "weight_hh_l0", "weight_hh_l1", "weight_ih_l0", "weight_ih_l1"])
        #expect(call.stateDict["weight_ih_l1"]?.shape == [16, 4])
        #expect(call.input.shape == [2, 5, 3])
    }

    @Test func theLastCallOnALineIsKeptAndACallGivenAnInitialStateIsNot() throws {
        let r = try HookFixture.decoded(1)
        #expect(r.recurrentCalls.map(\.line) == [5])
        let call = try #require(r.recurrentCalls.first)
        #expect(call.config.mode == .rnnRelu && call.config.bidirectional)
        // The second call's input (random), not the first's zeros.
        #expect(call.input.storage.contains { $0 != 0 })
        #expect(call.stateDict.keys.contains("weight_hh_l0_reverse"))
    }

    @Test func anErrorCarriesTheSnippetsTracebackNotTheHooks() throws {
        let r = try HookFixture.decoded(2)
        #expect(r.stdout == "before\n")
        #expect(r.failed)
        #expect(r.error?.type == "ZeroDivisionError")
        #expect(r.error?.line == 2)
        #expect(r.output == """
            before
            Traceback (most recent call last):
              File "snippet.py", line 4, in <module>
                f(0)
              File "snippet.py", line 2, in f
                return 1 / n
                       ~~^~~
            ZeroDivisionError: division by zero

            """)
    }

    @Test(arguments: [0, 1])
    func theEngineReplayingARecordedCallGivesTorchsOutput(index: Int) throws {
        let r = try HookFixture.decoded(index)
        let expected = HookFixture.cases[index].torchOutputs
        #expect(r.recurrentCalls.map(\.line) == expected.map(\.line))
        for (call, torch) in zip(r.recurrentCalls, expected) {
            var base = RNNBase(config: call.config)
            try base.loadStateDict(call.stateDict)
            let out = try base.forward(call.input).output
            #expect(out.shape == torch.shape)
            let worst = zip(out.storage, torch.output).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 2e-6, "largest difference from torch: \(worst)")
        }
    }

    @Test func aRecordWhoseTensorBytesDoNotMatchItsShapeIsRefused() throws {
        let c = try #require(HookFixture.cases.first)
        let bad = c.answer.replacingOccurrences(of: #""shape":[2,5,3]"#, with: #""shape":[2,5,4]"#)
        #expect(bad != c.answer)
        #expect(SnippetResult.fromWire(Data(bad.utf8)) == nil)
    }

    @Test func aMiniPyAnswerHasNoRuntimeLabelAndAPythonSandboxStampsItsOwn() throws {
        #expect(SnippetResult.fromWire(Data(#"{"stdout":"1\n","warnings":"","errorInPrelude":false,"recurrentCalls":[]}"#.utf8))?.runtime == nil)
        let sandbox = SnippetSandbox.python("/nonexistent/python", runtime: "python3.11 + torch 2.15.0")
        defer { sandbox.shutdown() }
        let r = sandbox.run(SnippetRequest(source: "print(1)"))
        #expect(r.runtime == "python3.11 + torch 2.15.0")
        #expect(r.output.hasPrefix("SystemError: could not start Python's worker process: "))
    }
}

@Suite struct PythonRuntimeCheckTests {
    @Test func underCIOnlyAnExplicitPythonIsUsed() {
        #expect(TestPython.candidates(["HOME": "/h"]) == ["/h/torchenv/bin/python"])
        #expect(TestPython.candidates(["HOME": "/h", "UNROLL_TEST_PYTHON": "/p"]) == ["/p", "/h/torchenv/bin/python"])
        #expect(TestPython.candidates(["HOME": "/h", "CI": "true"]) == [])
        #expect(TestPython.candidates(["HOME": "/h", "CI": "true", "UNROLL_TEST_PYTHON": "/p"]) == ["/p"])
        #expect(TestPython.candidates(["HOME": "/h", "CI": ""]) == ["/h/torchenv/bin/python"])
    }

    @Test func aMissingPathADirectoryAndAFileThatIsNotExecutableAreRefusedBeforeAnythingRuns() throws {
        #expect(PythonRuntime.check("/nonexistent/python") == .failure(.notFound))
        #expect(PythonRuntime.check("/") == .failure(.notExecutable))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-not-python-\(getpid())")
        try Data("print(1)\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(PythonRuntime.check(file.path) == .failure(.notExecutable))
        // Executable, but not a program: exec's own reason.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        #expect(PythonRuntime.check(file.path) == .failure(.notPython("Exec format error")))
        #expect(PythonRuntime.Problem.notFound.description == "no such file")
    }

    @Test func aProgramThatIsNotPythonSaysSo() {
        #expect(PythonRuntime.check("/bin/true") == .failure(.notPython("it did not answer when asked for its torch version")))
    }

    @Test func aBareNameIsLookedUpOnPath() {
        #expect(PythonRuntime.resolve("true", path: "/nonexistent:/bin") == "/bin/true")
        #expect(PythonRuntime.resolve("./python", path: "/bin") == "./python")
        #expect(PythonRuntime.resolve("no-such-program", path: "/bin") == "no-such-program")
    }
}

/// The real thing, when a Python with torch is on this machine: `$UNROLL_TEST_PYTHON`, else
/// ~/torchenv/bin/python. Under CI (`$CI` set) only an explicit `$UNROLL_TEST_PYTHON` counts: torch is
/// never part of CI, and a torchenv that happens to sit in the CI machine's home is not one we recorded
/// the fixture with. Skipped tests say why.
enum TestPython {
    static let path: String? = {
        let env = ProcessInfo.processInfo.environment
        return TestPython.candidates(env).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func candidates(_ env: [String: String]) -> [String] {
        let explicit = env["UNROLL_TEST_PYTHON"].map { [$0] } ?? []
        let underCI = !(env["CI"] ?? "").isEmpty
        let home = underCI ? [] : env["HOME"].map { ["\($0)/torchenv/bin/python"] } ?? []
        return (explicit + home).filter { !$0.isEmpty }
    }

    static let skipReason: Comment = "no Python with torch: set UNROLL_TEST_PYTHON, or outside CI create ~/torchenv (see DEVELOPERS.md)"
}

@Suite(.enabled(if: TestPython.path != nil, TestPython.skipReason), .serialized)
struct PythonWorkerIntegrationTests {
    @Test func theCheckNamesTheRuntimeAndTheWorkerAnswersWhatTheRecordedFixtureSays() throws {
        let python = try #require(TestPython.path)
        let label = try PythonRuntime.check(python).get()
        #expect(label.hasPrefix("python3.") && label.contains(" + torch "))
        let sandbox = SnippetSandbox.python(python, runtime: label)
        defer { sandbox.shutdown() }
        let c = try #require(HookFixture.cases.first)
        let live = sandbox.run(SnippetRequest(source: c.source))
        let recorded = try HookFixture.decoded(0)
        // Field by field, so a failure says which part of the answer differs (and shows the output).
        #expect(live.stop == nil, "the run was stopped: \(live.output)")
        #expect(live.runtime == recorded.runtime)
        #expect(live.stdout == recorded.stdout)
        #expect(live.warnings == recorded.warnings)
        #expect(live.error == recorded.error, "\(live.output)")
        #expect(live.errorInPrelude == recorded.errorInPrelude)
        #expect(live.recurrentCalls == recorded.recurrentCalls)
        #expect(live == recorded)
    }

    @Test func aSnippetPastTheWallClockIsKilledAndSaysSo() throws {
        let python = try #require(TestPython.path)
        var limits = HardLimits.python
        limits.wallClock = 1
        let sandbox = SnippetSandbox.python(python, runtime: "test", limits: limits)
        defer { sandbox.shutdown() }
        sandbox.prepare()   // torch is imported before the clock starts, as in the playground
        Thread.sleep(forTimeInterval: 0.1)
        let r = sandbox.run(SnippetRequest(source: "import time\nprint('started')\ntime.sleep(60)"))
        #expect(r.output == "TimeoutError: the snippet ran for more than 1 s and was stopped\n")
        #expect(r.stop == .wallClock)
    }

    @Test func writesToTheRealStdoutCannotBreakTheAnswer() throws {
        let python = try #require(TestPython.path)
        let sandbox = SnippetSandbox.python(python, runtime: "test")
        defer { sandbox.shutdown() }
        let r = sandbox.run(SnippetRequest(source: "import os, sys\nos.write(1, b'not json\\n')\nprint('hi', file=sys.stderr)\nprint('ok')"))
        #expect(r.stdout == "ok\n")
        #expect(r.warnings == "hi\n")
        #expect(r.error == nil)
    }
}
