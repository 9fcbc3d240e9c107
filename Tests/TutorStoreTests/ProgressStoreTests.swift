import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct ProgressPathTests {
    @Test(arguments: [
        ("/x/p.json", [:], "/x/p.json"),
        ("rel/p.json", [:], "/cwd/rel/p.json"),
        (nil, ["UNROLL_PROGRESS": "/env/p.json", "XDG_DATA_HOME": "/xdg"], "/env/p.json"),
        (nil, ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"], "/xdg/unroll/progress.json"),
        (nil, ["XDG_DATA_HOME": "relative", "HOME": "/home/u"], "/home/u/.local/share/unroll/progress.json"),
        (nil, ["XDG_DATA_HOME": "", "HOME": "/home/u"], "/home/u/.local/share/unroll/progress.json"),
        ("", ["UNROLL_PROGRESS": "", "HOME": "/home/u"], "/home/u/.local/share/unroll/progress.json"),
    ] as [(String?, [String: String], String)])
    func resolution(explicit: String?, env: [String: String], expected: String) {
        #expect(ProgressStore.defaultPath(explicit: explicit, environment: env, currentDirectory: "/cwd").path == expected)
    }
}

@Suite struct ProgressStoreTests {
    @Test func readingCreatesNothing() {
        let dir = TempFolder()
        let path = dir.file("deep/er/progress.json")
        #expect(ProgressStore.read(at: path) == .missing)
        let store = ProgressStore(path: path)
        let (p, notice) = store.load()
        #expect(p == LearnerProgress())
        #expect(notice == nil)
        store.refresh()
        #expect(dir.names().isEmpty)
    }

    @Test func roundTripThroughTheFile() {
        let dir = TempFolder()
        let path = dir.file("data/unroll/progress.json")
        let store = ProgressStore(path: path)
        let events: [ProgressEvent] = [
            .attempt(lesson: "L", item: "a", correct: false, at: t(1)),
            .attempt(lesson: "L", item: "a", correct: true, at: t(2)),
            .hintSeen(lesson: "L", item: "b", at: t(3)),
            .testScore(lesson: "L", score: 3, total: 4, at: t(4)),
            .leftOff(lesson: "L", mode: "learn", task: "b", at: t(5)),
        ]
        for e in events {
            #expect(store.record([e]) == SaveOutcome(saved: true))
        }
        var expected = LearnerProgress()
        expected.apply(events)
        #expect(store.progress == expected)
        #expect(ProgressStore.read(at: path) == .loaded(expected))
        let (again, notice) = ProgressStore(path: path).load()
        #expect(again == expected)
        #expect(notice == nil)
        #expect(Set(try! FileManager.default.contentsOfDirectory(atPath: path.deletingLastPathComponent().path))
            == ["progress.json", "progress.json.lock"])
    }

    @Test func twoInstancesBothKeepTheirAnswers() {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let a = ProgressStore(path: path), b = ProgressStore(path: path)
        _ = a.load()
        _ = b.load()
        a.record([.attempt(lesson: "L", item: "from-a", correct: true, at: t(1))])
        b.record([.attempt(lesson: "L", item: "from-b", correct: false, at: t(2))])
        a.record([.attempt(lesson: "L", item: "shared", correct: false, at: t(3))])
        b.record([.attempt(lesson: "L", item: "shared", correct: true, at: t(4))])
        guard case let .loaded(disk) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(disk.status(lesson: "L", item: "from-a") == .solved)
        #expect(disk.status(lesson: "L", item: "from-b") == .inProgress)
        #expect(disk.item(lesson: "L", item: "shared")?.attemptsUsed == 2)   // counted, not max-ed
        #expect(disk.item(lesson: "L", item: "shared")?.rightAtFirstTry == false)
        #expect(b.progress == disk)
        #expect(a.refresh() == disk)
    }

    @Test func twoProcessesAtOnceLoseNothing() throws {
        let helper = try CrashHelper.require()
        let dir = TempFolder()
        let path = dir.file("progress.json").path
        let children = [0, 1000].compactMap { Child.spawn(helper, ["record", path, "60", "\($0)"]) }
        #expect(children.count == 2)
        let printed = children.flatMap { $0.finish().lines }.map(CrashHelper.entry)
        #expect(printed.count == 120)
        guard case let .loaded(p) = ProgressStore.read(at: URL(fileURLWithPath: path)) else { Issue.record("not loaded"); return }
        #expect(Set(p.lessons["crash"]?.items.keys ?? [:].keys) == Set(printed.map(\.id)))
        for (id, answer) in printed { #expect(answer != nil && p.item(lesson: "crash", item: id)?.history == answer.map { [$0] }) }
        #expect(p.learner == "crash helper")
    }

    @Test func idsNoLongerInTheLessonsAreKept() {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let old = #"{"format_version": 1, "lessons": {"retired-lesson": {"items": {"old-q": {"attempts_used": 3, "solved": true}}}}}"#
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(old.utf8))
        let store = ProgressStore(path: path)
        _ = store.load()
        store.record([.attempt(lesson: "new-lesson", item: "q", correct: true, at: t(1))])
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.item(lesson: "retired-lesson", item: "old-q")?.attemptsUsed == 3)
        #expect(p.status(lesson: "new-lesson", item: "q") == .solved)
    }

    @Test func resetIsRecordedLikeAnyEvent() {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let store = ProgressStore(path: path)
        store.record([.attempt(lesson: "A", item: "q", correct: true, at: t(1)),
                      .attempt(lesson: "B", item: "q", correct: true, at: t(1))])
        let other = ProgressStore(path: path)
        other.record([.reset(lesson: "A")])
        // The first instance's next answer does not bring lesson A back.
        store.record([.attempt(lesson: "B", item: "r", correct: true, at: t(2))])
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.lessons["A"] == nil)
        #expect(p.lessons["B"]?.items.count == 2)
    }

    @Test func twoInstancesReviewingAtOnceKeepBothSessionsGrades() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        let a = ProgressStore(path: path), b = ProgressStore(path: path)
        _ = a.load()
        _ = b.load()
        // Both sessions grade the same card and answer the same task, interleaved.
        a.record([.reviewed(lesson: "L", item: "card", grade: .good, seconds: 4, at: t(10))])
        b.record([.reviewed(lesson: "L", item: "card", grade: .again, seconds: 9, at: t(11))])
        b.record([.attempt(lesson: "L", item: "task", answer: Answer(at: t(12), mode: .review, chosen: ["B"], wrongBlanks: [1],
                                                                   correct: false, attempt: 1, seconds: 20, grade: .again))])
        a.record([.reviewed(lesson: "L", item: "card", grade: .hard, seconds: 6, at: t(13))])
        a.record([.attempt(lesson: "L", item: "task", answer: Answer(at: t(14), mode: .try, chosen: ["A"], correct: true,
                                                                   attempt: 1, seconds: 30, grade: .good))])
        guard case let .loaded(disk) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(disk.item(lesson: "L", item: "card")?.history == [
            .review(.good, seconds: 4, at: t(10)), .review(.again, seconds: 9, at: t(11)), .review(.hard, seconds: 6, at: t(13)),
        ])
        #expect(disk.item(lesson: "L", item: "task")?.history.map(\.chosen) == [["B"], ["A"]])
        #expect(disk.item(lesson: "L", item: "task")?.attemptsUsed == 2)
        // The schedule is recomputed from both sessions' grades, the same in each instance.
        let utc = TimeZone(identifier: "UTC")!
        let card = try #require(FSRS().schedule(disk.item(lesson: "L", item: "card")!.history, timeZone: utc))
        #expect(card.reviews == 3 && card.lastGrade == .hard && card.reviewMisses == 1)
        #expect(a.refresh() == disk && b.refresh() == disk)
    }

    @Test func theLearnerNameIsWrittenWithEverySave() {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        ProgressStore(path: path).record([.hintSeen(lesson: "L", item: "a", at: t(1))])
        guard case let .loaded(unnamed) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(unnamed.learner == nil)
        ProgressStore(path: path, learner: "Ada Lovelace").record([.hintSeen(lesson: "L", item: "b", at: t(2))])
        // An instance without a name leaves the file's name as it is.
        ProgressStore(path: path).record([.hintSeen(lesson: "L", item: "c", at: t(3))])
        guard case let .loaded(named) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(named.learner == "Ada Lovelace")
        #expect(String(decoding: FileManager.default.contents(atPath: path.path)!, as: UTF8.self).contains(#""learner" : "Ada Lovelace""#))
    }

    static let v1File = #"{"format_version": 1, "lessons": {"L": {"items": {"q": {"attempts_used": 2, "solved": true, "right_at_first_try": false, "first_at": "2025-01-01T00:00:01Z", "last_at": "2025-01-01T00:00:02Z"}}}}}"#

    @Test func aFormatOneFileIsKeptAsV1AndWrittenAsTwoAtTheFirstSave() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(Self.v1File.utf8))
        let store = ProgressStore(path: path)
        let (loaded, notice) = store.load()
        #expect(notice == nil)
        #expect(loaded.item(lesson: "L", item: "q")?.history == [Answer(at: t(2), mode: .v1, correct: true, grade: .hard)])
        #expect(dir.names() == ["progress.json"])   // reading changes nothing
        let first = store.record([.attempt(lesson: "L", item: "r", correct: true, at: t(3))])
        #expect(first.saved)
        #expect(first.announcement == "Progress file updated to format 2; the old one is kept as \(path.path).v1.")
        #expect(dir.names() == ["progress.json", "progress.json.lock", "progress.json.v1"])
        #expect(FileManager.default.contents(atPath: path.path + ".v1") == Data(Self.v1File.utf8))
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.formatVersion == 2)
        #expect(p.item(lesson: "L", item: "q")?.history.map(\.mode) == [.v1])
        #expect(p.item(lesson: "L", item: "q")?.attemptsUsed == 2)
        #expect(p.status(lesson: "L", item: "r") == .solved)
        // Later saves say nothing more and leave the kept file alone.
        #expect(store.record([.hintSeen(lesson: "L", item: "r", at: t(4))]) == SaveOutcome(saved: true))
        #expect(FileManager.default.contents(atPath: path.path + ".v1") == Data(Self.v1File.utf8))
    }

    @Test func anExistingV1FileIsNeverOverwritten() throws {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        _ = FileManager.default.createFile(atPath: path.path + ".v1", contents: Data("an earlier copy".utf8))
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(Self.v1File.utf8))
        let store = ProgressStore(path: path)
        _ = store.load()
        #expect(store.record([.attempt(lesson: "L", item: "r", correct: true, at: t(3))]).saved)
        #expect(FileManager.default.contents(atPath: path.path + ".v1") == Data("an earlier copy".utf8))
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.formatVersion == 2 && p.item(lesson: "L", item: "q")?.attemptsUsed == 2)
    }

    @Test func anInstanceThatReadFormatOneMergesIntoTheFileAnotherMigrated() {
        let dir = TempFolder()
        let path = dir.file("progress.json")
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(Self.v1File.utf8))
        let old = ProgressStore(path: path), other = ProgressStore(path: path)
        _ = old.load()
        _ = other.load()
        #expect(other.record([.attempt(lesson: "L", item: "from-other", correct: true, at: t(5))]).saved)
        #expect(old.record([.attempt(lesson: "L", item: "from-old", correct: true, at: t(6))]).announcement == nil)
        guard case let .loaded(p) = ProgressStore.read(at: path) else { Issue.record("not loaded"); return }
        #expect(p.status(lesson: "L", item: "from-other") == .solved && p.status(lesson: "L", item: "from-old") == .solved)
        #expect(p.item(lesson: "L", item: "q")?.history.count == 1)   // migrated once, not twice
    }

    @Test func staleTemporaryFilesAreRemovedUnderTheLock() {
        let dir = TempFolder()
        let stale = dir.file(".progress.json.tmp-99999-1")
        _ = FileManager.default.createFile(atPath: stale.path, contents: Data("half a fi".utf8))
        let store = ProgressStore(path: dir.file("progress.json"))
        #expect(store.record([.hintSeen(lesson: "L", item: "a", at: t(1))]).saved)
        #expect(dir.names() == ["progress.json", "progress.json.lock"])
    }
}
