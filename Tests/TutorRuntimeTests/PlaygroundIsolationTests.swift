import Foundation
import SnippetRunner
import Terminal
import Testing
import TutorCore
import TutorRuntime

/// Playground runs in a worker process, driven through the in-memory terminal: the "Running…" frame
/// comes first, Ctrl-C stops the run, a crashing worker is one error line, and the tutor goes on.
@Suite struct PlaygroundIsolationTests {
    /// The misbehaving worker of Tests/SnippetWorkerHelper (built with the tests).
    static func helper() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var candidates = [root.appendingPathComponent(".build/debug/snippet-worker-helper").path]
        if let env = ProcessInfo.processInfo.environment["SNIPPET_WORKER_HELPER"] { candidates.insert(env, at: 0) }
        if let exe = Bundle.main.executableURL { candidates.insert(exe.deletingLastPathComponent().appendingPathComponent("snippet-worker-helper").path, at: 0) }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                            "snippet-worker-helper not built: run `swift build --build-tests` before `swift test`")
    }

    func runPlayground(worker mode: String, _ events: [TerminalEvent]) throws -> (status: Int32, frames: [String]) {
        let size = Size(width: 80, height: 24)
        var state = State(lessons: WholeProgramTests.lessons, size: size)
        _ = state.openLesson(at: 0)
        _ = state.open(.playground, lessonIndex: 0, task: 0)
        let terminal = MemoryTerminal(size: size, events: events)
        var runtime = Runtime(state: state, terminal: terminal, store: nil)
        runtime.snippetSandbox = SnippetSandbox(executable: try Self.helper(), arguments: [mode])
        return (runtime.run(), terminal.frames.map(\.text))
    }

    @Test func ctrlCStopsARunAndKeysTypedMeanwhileAreKept() throws {
        let (status, frames) = try runPlayground(worker: "sleep", [.key(.ctrl("r")), .key(.char("#")), .key(.ctrl("c")), .key(.escape), .key(.char("q"))])
        #expect(status == 0)
        let running = try #require(frames.firstIndex { $0.contains("Running…") }, "no Running… frame")
        let stopped = try #require(frames.firstIndex { $0.contains("KeyboardInterrupt") }, "no KeyboardInterrupt")
        #expect(running < stopped)
        // The key typed during the run reached the editor after it: the first line now starts with #.
        #expect(frames[stopped...].contains { $0.contains("1 │ #") })
    }

    @Test func aWorkerThatCrashesIsAnErrorInTheOutputPaneAndTheTutorGoesOn() throws {
        let (status, frames) = try runPlayground(worker: "segv", [.key(.ctrl("r")), .key(.char("x"))])
        #expect(status == 0)
        let shown = try #require(frames.firstIndex { $0.contains("SystemError: the snippet crashed MiniPy (signal 11, SIGSEGV)") })
        #expect(frames[shown...].contains { $0.contains("1 │ x") }, "\(frames.last ?? "")")
    }

    @Test func aSignalDuringARunEndsTheProgramWith128PlusTheSignal() throws {
        let (status, frames) = try runPlayground(worker: "sleep", [.key(.ctrl("r")), .signal(15)])
        #expect(status == 143)
        #expect(frames.contains { $0.contains("Running…") })
    }
}
