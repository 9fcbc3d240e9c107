import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Only a regular file of sane size is read as progress: a named pipe, a device or a huge file is
/// refused at once, with its reason, and never moved aside or overwritten.
@Suite struct ProgressFileKindTests {
    /// Reads, loads, tries to save and to save at exit; returns what each said.
    func everything(at path: URL) -> (read: ProgressReadResult, notice: String?, save: SaveOutcome, exit: String?) {
        let read = ProgressStore.read(at: path)
        let store = ProgressStore(path: path)
        let notice = store.load().notice
        let save = store.record([.attempt(lesson: "L", item: "a", correct: true, at: t(1))])
        return (read, notice, save, store.saveBeforeExit(patience: 0))
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        #expect(mkfifo(path.path, 0o644) == 0)
        let (read, notice, save, exit) = everything(at: path)
        let why = "\(path.path) is a named pipe, not a regular file"
        #expect(read == .unreadable(why))
        #expect(notice == "Could not read the progress file (\(why)); progress is not being saved.")
        #expect(!save.saved && save.reason == "Progress is not being saved: \(why).")
        #expect(exit == "unroll: progress could not be saved (\(why)); 1 change since the last save is lost.")
        var info = stat()
        #expect(lstat(path.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(dir.names() == ["progress.json", "progress.json.lock"])   // the lock file is made; nothing else
    }

    @Test func aSymlinkToDevZeroIsRefusedNotReadForever() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: "/dev/zero")
        let (read, _, save, _) = everything(at: path)
        #expect(read == .unreadable("\(path.path) is a character device, not a regular file"))
        #expect(!save.saved)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path.path) == "/dev/zero")
        #expect(dir.names() == ["progress.json", "progress.json.lock"])   // the lock file is made; nothing else
    }

    @Test func aHugeFileIsRefusedUnreadAndKept() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let fd = open(path.path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 8 << 30) == 0)   // sparse: 8 GB that take no disk
        close(fd)
        let (read, notice, save, _) = everything(at: path)
        let why = "\(path.path) is 8.0 GB, more than a progress file can be (16 MB); move it away to start afresh"
        #expect(read == .unreadable(why))
        #expect(notice == "Could not read the progress file (\(why)); progress is not being saved.")
        #expect(!save.saved)
        let size = try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int
        #expect(size == 8 << 30)
        #expect(dir.names() == ["progress.json", "progress.json.lock"])   // the lock file is made; nothing else
    }

    @Test func aFileJustOverTheCapIsRefusedAndOneAtItIsRead() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let fd = open(path.path, O_RDWR | O_CREAT, 0o644)
        #expect(ftruncate(fd, off_t(ProgressStore.maximumFileSize + 1)) == 0)
        #expect(ProgressStore.read(at: path) == .unreadable("\(path.path) is 16 MB, more than a progress file can be (16 MB); move it away to start afresh"))
        #expect(ftruncate(fd, off_t(ProgressStore.maximumFileSize)) == 0)
        close(fd)
        // At the cap it is read, and NUL bytes are no progress file: damaged, as any bad content.
        guard case .damaged = ProgressStore.read(at: path) else { Issue.record("not read as damaged"); return }
    }
}

/// Another Unroll holding the lock: the save waits, says so through its callback, gives up after its
/// patience or when told to stop, and the events go with the next save.
@Suite struct ProgressLockWaitTests {
    @Test func aLockHeldByAnotherProcessIsWaitedForThenGivenUp() throws {
        let helper = try CrashHelper.require()
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let child = try #require(Child.spawn(helper, ["hold-lock", path.path, "30"]))
        defer { child.kill9(); _ = child.finish() }
        #expect(child.firstLine() == "locked")

        let store = ProgressStore(path: path)
        var waits: [TimeInterval] = []
        let outcome = store.record([.attempt(lesson: "L", item: "a", correct: true, at: t(1))], patience: 0.4) { waited in
            waits.append(waited)
            return true
        }
        #expect(!outcome.saved)
        #expect(outcome.reason == "Progress is not being saved: another Unroll held \(path.path).lock for more than 0.4 s.")
        #expect(waits.count >= 2)
        #expect(waits.first.map { $0 < 0.2 } == true)   // told at once, not after the patience ran out
        #expect(waits == waits.sorted())

        // Stopped by the caller (Ctrl-C in the tutor) on the second call.
        var calls = 0
        let stopped = store.record([], patience: 10) { _ in
            calls += 1
            return calls < 2
        }
        #expect(stopped.reason == "Progress is not being saved: the save was stopped while another Unroll held \(path.path).lock.")
        #expect(calls == 2)
        #expect(store.unsavedCount == 1)
        #expect(!FileManager.default.fileExists(atPath: path.path))

        // The other one lets go: the waiting event is saved with the next save.
        child.kill9()
        _ = child.finish()
        #expect(store.record([.attempt(lesson: "L", item: "b", correct: true, at: t(2))]).saved)
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not saved"); return }
        #expect(p.status(lesson: "L", item: "a") == .solved && p.status(lesson: "L", item: "b") == .solved)
    }
}

/// Quitting with answers a full disk kept in memory: one last try, and a line for stderr if it fails.
@Suite struct ProgressSaveBeforeExitTests {
    @Test func aFullDiskOnTheLastSaveIsOneLineAboutWhatIsLost() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let store = ProgressStore(path: path)
        #expect(store.record([.attempt(lesson: "L", item: "a", correct: true, at: t(1))]).saved)
        #expect(store.saveBeforeExit() == nil)   // nothing unsaved: nothing to say
        let before = FileManager.default.contents(atPath: path.path)
        store.faults = ProgressStore.Faults(write: ENOSPC)
        #expect(!store.record([.attempt(lesson: "L", item: "b", correct: false, at: t(2))]).saved)
        #expect(!store.record([.hintSeen(lesson: "L", item: "b", at: t(3))]).saved)
        #expect(store.saveBeforeExit() == "unroll: progress could not be saved (\(path.path): No space left on device); 2 changes since the last save are lost.")
        #expect(FileManager.default.contents(atPath: path.path) == before)
        // The disk has room again by the time the tutor quits: nothing is lost, nothing to say.
        store.faults = .none
        #expect(store.saveBeforeExit() == nil)
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not saved"); return }
        #expect(p.status(lesson: "L", item: "b") == .inProgress)
    }
}
