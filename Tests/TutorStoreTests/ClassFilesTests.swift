import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore

@Suite struct ClassFilesTests {
    static func progress(_ learner: String?, item: String, right: Bool, at: Date) -> Data {
        var p = LearnerProgress(learner: learner)
        p.apply(.attempt(lesson: "L", item: item, answer: Answer(at: at, mode: .try, chosen: ["A"], correct: right, attempt: 1, grade: right ? .good : .again)))
        return p.encoded()
    }

    /// Every file under `folder` with its bytes and modification time, to show nothing was touched.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: folder.path)
        while let name = e?.nextObject() as? String {
            let path = folder.appendingPathComponent(name).path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            out[name] = isDir.boolValue ? Data("<folder>".utf8) : FileManager.default.contents(atPath: path)
        }
        return out
    }

    @Test func foldersAreSearchedLearnersNamedAndTheSameLearnerMerged() throws {
        let dir = TempFolder()
        try FileManager.default.createDirectory(at: dir.file("ada"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.file("more/deeper"), withIntermediateDirectories: true)
        try Self.progress(nil, item: "t1", right: true, at: t(1)).write(to: dir.file("ada/progress.json"))
        try Self.progress("Bob", item: "t1", right: false, at: t(2)).write(to: dir.file("bob-desktop.json"))
        try Self.progress("Bob", item: "t2", right: true, at: t(3)).write(to: dir.file("more/deeper/bob-laptop.json"))
        try Self.progress(nil, item: "t1", right: true, at: t(4)).write(to: dir.file("cy.JSON"))
        try Data("{ half".utf8).write(to: dir.file("broken.json"))
        try Data(#"{"students": []}"#.utf8).write(to: dir.file("gradebook.json"))
        try Data("x".utf8).write(to: dir.file("notes.txt"))
        try Data("x".utf8).write(to: dir.file("bob-desktop.json.lock"))
        try Data("{".utf8).write(to: dir.file(".bob-desktop.json.tmp-1-2"))
        let before = Self.snapshot(dir.url)

        // The folder, and one of its files again: read once.
        let found = ClassFiles.read([dir.url.path, dir.file("cy.JSON").path, dir.file("missing.json").path])
        #expect(found.members.map(\.name) == ["ada", "Bob", "cy"])
        let bob = try #require(found.members.first { $0.name == "Bob" })
        #expect(bob.sources.map { ($0 as NSString).lastPathComponent } == ["bob-desktop.json", "bob-laptop.json"])
        #expect(Set(bob.progress.lessons["L"]?.items.keys ?? [:].keys) == ["t1", "t2"])
        #expect(found.skipped.map { ($0.path as NSString).lastPathComponent } == ["broken.json", "gradebook.json"])
        #expect(found.skipped.map(\.reason) == ["it is not valid JSON", "it has no format_version"])
        #expect(found.missing == [ClassSkipped(path: dir.file("missing.json").path, reason: "no such file or folder")])
        #expect(Self.snapshot(dir.url) == before)
    }

    @Test func aFormatOneFileIsReadAsFormatTwoAndLeftAsItIs() throws {
        let dir = TempFolder()
        let v1 = #"{"format_version": 1, "lessons": {"L": {"items": {"t1": {"attempts_used": 2, "solved": true, "right_at_first_try": false, "last_at": "2026-12-01T08:00:00Z"}}}}}"#
        try Data(v1.utf8).write(to: dir.file("dee.json"))
        let found = ClassFiles.read([dir.url.path])
        let dee = try #require(found.members.first)
        #expect(dee.progress.lessons["L"]?.items["t1"]?.history.map(\.mode) == [.v1])
        #expect(dir.names() == ["dee.json"])
        #expect(try Data(contentsOf: dir.file("dee.json")) == Data(v1.utf8))
    }

    @Test func theLearnerIsNamedByTheFieldTheFileOrItsFolder() {
        let p = LearnerProgress()
        #expect(ClassFiles.learnerName(progress: LearnerProgress(learner: " Ada L. "), file: "/x/progress.json") == "Ada L.")
        #expect(ClassFiles.learnerName(progress: p, file: "/class/ada/progress.json") == "ada")
        #expect(ClassFiles.learnerName(progress: p, file: "/class/ada-2026.json") == "ada-2026")
        #expect(ClassFiles.learnerName(progress: p, file: "/class/notes") == "notes")
    }
}
