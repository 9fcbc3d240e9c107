import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Damaged files are moved aside byte for byte and never overwritten.
@Suite struct ProgressDamagedFileTests {
    func checkMovedAside(_ contents: String, because fragment: String) throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(contents.utf8))
        let store = ProgressStore(path: path)
        let (progress, notice) = store.load()
        #expect(progress == LearnerProgress())
        let sentence = try #require(notice)
        #expect(sentence.hasPrefix("Could not read the progress file \(path.path) because \(fragment)"))
        #expect(sentence.hasSuffix("and started a fresh one."))
        #expect(!sentence.dropLast().contains(". "))   // one sentence
        let bad = try #require(dir.names().first { $0.hasPrefix("progress.json.bad-") })
        #expect(sentence.contains(dir.file(bad).path))
        #expect(bad.range(of: #"^progress\.json\.bad-\d{8}T\d{6}Z$"#, options: .regularExpression) != nil)
        #expect(FileManager.default.contents(atPath: dir.file(bad).path) == Data(contents.utf8))
        // Fresh start: the next answer makes a new, valid file; the damaged one is left as it was.
        #expect(store.record([.attempt(lesson: "L", item: "q", correct: true, at: t(1))]) == SaveOutcome(saved: true))
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("fresh file unreadable"); return }
        #expect(p.status(lesson: "L", item: "q") == .solved)
        #expect(FileManager.default.contents(atPath: dir.file(bad).path) == Data(contents.utf8))
    }

    @Test func badJSON() throws {
        try checkMovedAside(#"{"format_version": 1, "lessons": {"#, because: "it is not valid JSON")
    }

    @Test func newerFormatVersion() throws {
        try checkMovedAside(#"{"format_version": 7, "lessons": {}, "whatever": [1]}"#,
                            because: "it was written by a newer Unroll (format_version 7")
    }

    @Test func wrongTypes() throws {
        try checkMovedAside(#"{"format_version": 1, "lessons": {"L": {"items": {"q": {"solved": "yes"}}}}}"#,
                            because: "it holds unexpected content at lessons.L.items.q.solved")
    }

    @Test func damagedUnderARunningTutorKeepsWhatItKnew() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let store = ProgressStore(path: path)
        store.record([.attempt(lesson: "L", item: "before", correct: true, at: t(1))])
        _ = FileManager.default.createFile(atPath: path.path, contents: Data("garbage".utf8))
        let outcome = store.record([.attempt(lesson: "L", item: "after", correct: true, at: t(2))])
        #expect(outcome.saved)
        #expect(outcome.announcement?.contains("moved it to \(path.path).bad-") == true)
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.status(lesson: "L", item: "before") == .solved)
        #expect(p.status(lesson: "L", item: "after") == .solved)
        #expect(dir.names().filter { $0.hasPrefix("progress.json.bad-") }.count == 1)
    }

    @Test func aSecondDamagedFileInTheSameSecondGetsItsOwnName() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        for _ in 0 ..< 2 {
            _ = FileManager.default.createFile(atPath: path.path, contents: Data("x".utf8))
            #expect(ProgressStore(path: path).load().notice != nil)
        }
        // Two different names (the second may get a "-2" suffix), both kept.
        #expect(dir.names().filter { $0.hasPrefix("progress.json.bad-") }.count == 2)
    }

    @Test func aFolderWhereTheFileShouldBeIsNeverTouched() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
        let store = ProgressStore(path: path)
        let notice = try #require(store.load().notice)
        #expect(notice.contains("\(path.path): Is a directory"))
        let outcome = store.record([.hintSeen(lesson: "L", item: "q", at: t(1))])
        #expect(!outcome.saved)
        #expect(outcome.announcement == nil)   // load already said it
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path.path, isDirectory: &isDir) && isDir.boolValue)
    }
}

/// A folder that cannot be written or a full disk: the tutor keeps going and says so once.
@Suite struct ProgressSaveFailureTests {
    /// Tests run as root, which ignores permission bits, so "cannot write" is made with a parent that is
    /// a regular file: mkdir fails with ENOTDIR for root too.
    @Test func unwritableFolderIsReportedOnceAndNothingIsLost() throws {
        let dir = TempFolder()
        let blocker = dir.file("blocker")
        _ = FileManager.default.createFile(atPath: blocker.path, contents: Data("not a folder".utf8))
        let path = blocker.appendingPathComponent("unroll/progress.json")
        let store = ProgressStore(path: path)
        #expect(store.load().notice == nil)
        let first = store.record([.attempt(lesson: "L", item: "a", correct: true, at: t(1))])
        #expect(!first.saved)
        #expect(first.reason == "Progress is not being saved: \(blocker.path): Not a directory.")
        #expect(first.announcement == first.reason)
        let second = store.record([.attempt(lesson: "L", item: "b", correct: false, at: t(2))])
        #expect(!second.saved && second.reason == first.reason)
        #expect(second.announcement == nil)
        #expect(store.unsavedCount == 2)
        #expect(store.progress.status(lesson: "L", item: "a") == .solved)
        #expect(store.progress.status(lesson: "L", item: "b") == .inProgress)
        #expect(FileManager.default.contents(atPath: blocker.path) == Data("not a folder".utf8))
    }

    @Test(arguments: [
        (ProgressStore.Faults(write: ENOSPC), "No space left on device"),
        (ProgressStore.Faults(fsync: EIO), "Input/output error"),
        (ProgressStore.Faults(rename: EROFS), "Read-only file system"),
        (ProgressStore.Faults(mkdir: EACCES), "Permission denied"),
    ])
    func failedSaveKeepsOldFileAndCatchesUpLater(faults: ProgressStore.Faults, words: String) throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let store = ProgressStore(path: path)
        #expect(store.record([.attempt(lesson: "L", item: "a", correct: true, at: t(1))]).saved)
        let before = FileManager.default.contents(atPath: path.path)
        store.faults = faults
        let failed = store.record([.attempt(lesson: "L", item: "b", correct: true, at: t(2))])
        #expect(!failed.saved)
        #expect(failed.announcement?.hasPrefix("Progress is not being saved: ") == true)
        #expect(failed.announcement?.hasSuffix("\(words).") == true)
        #expect(store.record([.attempt(lesson: "L", item: "c", correct: true, at: t(3))]).announcement == nil)
        #expect(FileManager.default.contents(atPath: path.path) == before)
        #expect(dir.names() == ["progress.json", "progress.json.lock"])   // no temporary file left
        store.faults = .none
        let back = store.record([.attempt(lesson: "L", item: "d", correct: true, at: t(4))])
        #expect(back == SaveOutcome(saved: true, announcement: "Progress is being saved again."))
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.summary(lesson: "L", itemIDs: ["a", "b", "c", "d"]).solved == 4)
        #expect(store.unsavedCount == 0)
    }

    /// A real failing write, not an injected one: the helper caps its file size (RLIMIT_FSIZE), so
    /// write(2) fails with EFBIG the way a full disk fails with ENOSPC, and the store must say so.
    @Test func realWriteFailureInAChildProcess() throws {
        let helper = try CrashHelper.require()
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let child = try #require(Child.spawn(helper, ["fsize", path.path, "64"]))
        let (lines, status) = child.finish()
        #expect(status == 0)
        #expect(lines == [
            "not saved: Progress is not being saved: \(path.path): File too large.",
            "announce: Progress is not being saved: \(path.path): File too large.",
        ])
        #expect(dir.names() == ["progress.json.lock"])
    }
}
