import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore

@Suite struct LessonLibraryTests {
    static let repoLessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")
    static let validLesson = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TutorCoreTests/Fixtures/valid-minimal.yaml")

    /// A scratch folder holding the given files; removed by the caller's `defer`.
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    static func lesson(id: String) throws -> String {
        try String(contentsOf: validLesson, encoding: .utf8).replacingOccurrences(of: "id: minimal-lesson", with: "id: \(id)")
    }

    static let courseOrder = [
        "why-rnns-handle-sequences", "shapes-in-shapes-out", "stacking-and-directions", "inside-the-cell",
        "lstm-and-gru", "why-long-sequences-are-hard", "next-word-prediction", "batches-of-different-lengths",
    ]

    @Test func theRepositoryCourseLoadsCleanly() {
        let load = LessonLibrary.loadCourse(folder: Self.repoLessons)
        #expect(load.problems == [])
        #expect(load.lessons.map(\.id) == Self.courseOrder)
        #expect(load.files["why-rnns-handle-sequences"]?.hasSuffix("01-why-rnns-handle-sequences.yaml") == true)
    }

    @Test func theRepositoryLessonsPassTheCheck() {
        let report = LessonLibrary.check(paths: [Self.repoLessons])
        #expect(report.problems == [])
        // Each lesson: 5 try tasks, 5 practice questions and 3 challenge items (the seed: 1 and 2);
        // lesson 6 has 7 try tasks, 6 practice questions and 4 challenge items, lesson 7 6 practice
        // questions (issue 22); lesson 8 6 try tasks, 6 practice questions and 3 challenge items.
        #expect(report.lessons == 8 && report.tasks == 51 && report.questions == 60)
        #expect(report.summary == "checked 8 lessons, 51 tasks, 60 questions, 35 playground snippets: no problems")
    }

    @Test func courseOrderWinsOverFileNames() throws {
        let dir = try Self.folder([
            "course.yaml": "format_version: 1\nlessons: [second, first]\n",
            "a.yaml": try Self.lesson(id: "first"),
            "b.yaml": try Self.lesson(id: "second"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let load = LessonLibrary.loadCourse(folder: dir)
        #expect(load.problems == [])
        #expect(load.lessons.map(\.id) == ["second", "first"])
    }

    @Test func crossFileProblemsAreReported() throws {
        let dir = try Self.folder([
            "course.yaml": "format_version: 1\nlessons:\n  - first\n  - ghost\n",
            "a.yaml": try Self.lesson(id: "first"),
            "b.yaml": try Self.lesson(id: "first"),
            "c.yaml": try Self.lesson(id: "stray"),
            "d.yaml": try Self.lesson(id: "broken").replacingOccurrences(of: "difficulty: easy", with: "difficulty: trivial"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let load = LessonLibrary.loadCourse(folder: dir)
        let lines = load.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line): \($0.message)" }
        #expect(lines.contains { $0.hasPrefix("b.yaml:2: lesson id 'first' is also used by") })
        #expect(lines.contains("course.yaml:4: course.yaml lists lesson 'ghost', but no lesson file in \(dir.relativePath) has that id"))
        #expect(lines.contains("c.yaml:1: lesson 'stray' is not listed in course.yaml; add it to 'lessons' there"))
        #expect(lines.contains("d.yaml:18: unknown difficulty 'trivial'; use easy, medium or hard"))
        // Broken and unlisted lessons never reach learners.
        #expect(load.lessons.map(\.id) == ["first"])
    }

    @Test func missingCourseFileIsAProblemButLessonsStillLoad() throws {
        let dir = try Self.folder(["a.yaml": try Self.lesson(id: "only")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let load = LessonLibrary.loadCourse(folder: dir)
        #expect(load.problems.map(\.message) == ["missing course.yaml, the lesson order (format_version and lessons)"])
        #expect(load.lessons.map(\.id) == ["only"])
    }

    @Test func loadsOneLessonByIdOrByPath() throws {
        let byID = LessonLibrary.loadLesson("why-rnns-handle-sequences", folder: Self.repoLessons)
        #expect(byID.lesson?.title == "Why RNNs handle sequences in PyTorch")
        let byPath = LessonLibrary.loadLesson(Self.validLesson.path, folder: Self.repoLessons)
        #expect(byPath.lesson?.id == "minimal-lesson" && byPath.problems == [])
        let missing = LessonLibrary.loadLesson("why-rnns", folder: Self.repoLessons)
        #expect(missing.lesson == nil && missing.file == nil)
        #expect(missing.problems.first?.message.hasPrefix("no lesson with id 'why-rnns'") == true)
    }

    @Test func aBrokenLessonLoadsAsProblemsNotAsALesson() throws {
        let dir = try Self.folder(["x.yaml": try Self.lesson(id: "x").replacingOccurrences(of: "hint: One layer.", with: "hnit: One layer.")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let load = LessonLibrary.loadLesson(dir.appendingPathComponent("x.yaml").path, folder: dir)
        #expect(load.lesson == nil)
        #expect(load.problems.contains { $0.message.hasPrefix("unknown key 'hnit' (did you mean 'hint'?)") && $0.line == 28 })
    }

    @Test func stateDictMustExistNextToTheLesson() throws {
        let text = try Self.lesson(id: "v").replacingOccurrences(of: "  seed: 0", with: "  state_dict: weights.json")
        let dir = try Self.folder(["v.yaml": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = LessonLibrary.loadLessonFile(dir.appendingPathComponent("v.yaml"))
        #expect(missing.problems.map(\.message) == ["state_dict file 'weights.json' not found next to the lesson"])
        #expect(missing.problems.first?.line == 79)
        try "{\"weight_ih_l0\": [[0.1, 0.2]]}".write(to: dir.appendingPathComponent("weights.json"), atomically: true, encoding: .utf8)
        #expect(LessonLibrary.loadLessonFile(dir.appendingPathComponent("v.yaml")).problems == [])
    }

    @Test func unreadableAndNonUTF8FilesAreProblems() throws {
        let dir = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0x66, 0xFF, 0xFE]).write(to: dir.appendingPathComponent("bad.yaml"))
        let report = LessonLibrary.check(paths: [dir.appendingPathComponent("bad.yaml"), dir.appendingPathComponent("gone.yaml")])
        #expect(report.problems.map(\.message) == ["the file is not UTF-8 text", "cannot read the file (missing or not permitted)"])
    }

    // MARK: Default folder

    @Test func explicitFolderWins() {
        let url = LessonLibrary.defaultFolder(explicit: "/x/lessons", environment: ["UNROLL_LESSONS": "/env"],
                                              executablePath: "/usr/local/bin/unroll", currentDirectory: "/cwd", isDirectory: { _ in true })
        #expect(url.path == "/x/lessons")
    }

    @Test func environmentComesNext() {
        let url = LessonLibrary.defaultFolder(explicit: nil, environment: ["UNROLL_LESSONS": "/env"],
                                              executablePath: "/usr/local/bin/unroll", currentDirectory: "/cwd", isDirectory: { _ in true })
        #expect(url.path == "/env")
    }

    @Test func thenTheLocalLessonsFolder() {
        let url = LessonLibrary.defaultFolder(explicit: nil, environment: [:], executablePath: "/usr/local/bin/unroll",
                                              currentDirectory: "/cwd", isDirectory: { $0 == "/cwd/Lessons" })
        #expect(url.relativePath == "Lessons")
    }

    @Test func thenTheInstalledShareFolder() {
        let url = LessonLibrary.defaultFolder(explicit: nil, environment: ["UNROLL_LESSONS": ""], executablePath: "/usr/local/bin/unroll",
                                              currentDirectory: "/cwd", isDirectory: { _ in false })
        #expect(url.path == "/usr/local/share/unroll/Lessons")
    }
}
