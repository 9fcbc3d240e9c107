import Foundation
import Terminal
import Testing
import TutorCore
import TutorRuntime
import TutorStore
#if canImport(Glibc)
import Glibc
#endif

/// Another Unroll holds the progress lock while the learner answers: the status line says the tutor
/// is waiting, and Ctrl-C stops the wait and quits at once, the answer kept in memory.
@Suite struct RuntimeLockWaitTests {
    @Test func aHeldLockIsAnnouncedAndCtrlCStopsTheWait() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-lockwait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("progress.json")
        // flock locks belong to an open file: this descriptor holds it against the store's own.
        let holder = open(path.path + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(holder, LOCK_EX) == 0)
        defer { close(holder) }

        let store = ProgressStore(path: path)
        let size = Size(width: 80, height: 24)
        let openTask1: [TerminalEvent] = [.key(.enter), .key(.down), .key(.down), .key(.down), .key(.enter)]
        let terminal = MemoryTerminal(size: size, events: openTask1 + [.key(.char("a")), .key(.enter), .key(.ctrl("c"))])
        var runtime = Runtime(state: State(lessons: WholeProgramTests.lessons, size: size), terminal: terminal, store: store)
        let started = Date()
        #expect(runtime.run() == 0)
        #expect(Date().timeIntervalSince(started) < ProgressStore.lockPatience)
        #expect(terminal.frames.contains { $0.text.contains("Waiting for another Unroll to finish saving…") })
        #expect(runtime.stoppedWaitingForLock)
        #expect(store.unsavedCount == 1)
        #expect(!FileManager.default.fileExists(atPath: path.path))
    }
}
