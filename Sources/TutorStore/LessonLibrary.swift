import Foundation
import TutorCore

/// The lessons in course order and every problem found while loading them.
public struct CourseLoad: Sendable, Equatable {
    /// Lessons with no problems, in the order of `course.yaml`. A lesson with any problem is left out
    /// (its problems say why): learners never see broken content.
    public var lessons: [Lesson]
    public var problems: [LessonProblem]
    /// Where each loaded lesson came from, by lesson id.
    public var files: [String: String]
}

/// One lesson file read from disk.
public struct LessonLoad: Sendable, Equatable {
    /// Nil when it had problems, or when no lesson had the id asked for.
    public var lesson: Lesson?
    public var problems: [LessonProblem]
    public var file: String?
}

/// What `unroll check` reports: the problems, or what was checked.
public struct CheckReport: Sendable, Equatable {
    public var problems: [LessonProblem]
    public var lessons = 0
    /// Fill-in-blank tasks (try and challenge).
    public var tasks = 0
    /// Multiple-choice questions (practice and challenge).
    public var questions = 0
    /// Programs run to prove `run:` claims.
    public var runs = 0
    /// Playground snippets, each run as a learner would run it.
    public var snippets = 0

    public var summary: String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "checked \(n(lessons, "lesson")), \(n(tasks, "task")), \(n(questions, "question")), \(n(snippets, "playground snippet")): no problems"
    }
}

/// The edge that reads lessons from disk. Decoding itself is `LessonDecoder` (pure, in TutorCore).
///
/// ```swift
/// let folder = LessonLibrary.defaultFolder(explicit: options.lessons)
/// let course = LessonLibrary.loadCourse(folder: folder)
/// ```
public enum LessonLibrary {
    public static let courseFileName = "course.yaml"
    public static let environmentVariable = "UNROLL_LESSONS"

    // MARK: Where the lessons are

    /// The lessons folder: `explicit` (`--lessons`), else `$UNROLL_LESSONS`, else `./Lessons` when it
    /// exists, else `<dir of executable>/../share/unroll/Lessons` (the installed copy).
    public static func defaultFolder(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = currentExecutablePath(),
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        isDirectory: (String) -> Bool = LessonLibrary.isDirectory
    ) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let env = environment[environmentVariable], !env.isEmpty { return URL(fileURLWithPath: env) }
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("Lessons")
        if isDirectory(local.path) { return URL(fileURLWithPath: "Lessons") }
        if let executablePath {
            return URL(fileURLWithPath: executablePath).deletingLastPathComponent()
                .appendingPathComponent("../share/unroll/Lessons").standardizedFileURL
        }
        return URL(fileURLWithPath: "Lessons")
    }

    /// The running executable's path (`/proc/self/exe` on Linux, so a symlink in PATH resolves to the install).
    public static func currentExecutablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    // MARK: Loading

    /// The course in a folder: `course.yaml` gives the order; every other `*.yaml` file is a lesson.
    /// Never throws: an unreadable folder or file is a problem like any other.
    public static func loadCourse(folder: URL) -> CourseLoad {
        var problems: [LessonProblem] = []
        let courseFile = folder.appendingPathComponent(courseFileName)
        var course: Course?
        if let text = read(courseFile, into: &problems) {
            let decoded = LessonDecoder.decodeCourse(yaml: text, file: courseFile.relativePath)
            course = decoded.course
            problems += decoded.problems
        }
        var byID: [String: (lesson: Lesson, file: String)] = [:]
        var firstFile: [String: String] = [:]
        var fileOrder: [String] = []
        for file in lessonFiles(in: folder, problems: &problems) {
            let decoded = loadLessonFile(file)
            problems += decoded.problems
            guard let lesson = decoded.lesson, !lesson.id.isEmpty else { continue }
            if let first = firstFile[lesson.id] {
                let at = decoded.idPosition ?? SourcePosition(line: 1, column: 1)
                problems.append(LessonProblem(file: file.relativePath, line: at.line, column: at.column,
                                              message: "lesson id '\(lesson.id)' is also used by \(first); lesson ids must be unique"))
                continue
            }
            firstFile[lesson.id] = file.relativePath
            if decoded.problems.isEmpty {
                byID[lesson.id] = (lesson, file.relativePath)
                fileOrder.append(lesson.id)
            }
        }
        var ordered: [String]
        if let course {
            ordered = []
            for entry in course.entries {
                if firstFile[entry.id] == nil {
                    problems.append(LessonProblem(file: courseFile.relativePath, line: entry.position.line, column: entry.position.column,
                                                  message: "course.yaml lists lesson '\(entry.id)', but no lesson file in \(folder.relativePath) has that id"))
                }
                ordered.append(entry.id)
            }
            for (id, file) in firstFile.sorted(by: { $0.value < $1.value }) where !course.lessonIDs.contains(id) {
                problems.append(LessonProblem(file: file, line: 1, column: 1,
                                              message: "lesson '\(id)' is not listed in course.yaml; add it to 'lessons' there"))
            }
        } else {
            ordered = fileOrder
        }
        let lessons = ordered.compactMap { byID[$0]?.lesson }
        var files: [String: String] = [:]
        for lesson in lessons { files[lesson.id] = byID[lesson.id]?.file }
        return CourseLoad(lessons: lessons, problems: sortProblems(problems), files: files)
    }

    /// The lessons of a folder in course order (those without problems). For the menu.
    public static func load(folder: URL) -> [Lesson] { loadCourse(folder: folder).lessons }

    /// One lesson by id (looked up in `folder`) or by path to its file. A path is anything that
    /// names an existing file, or contains `/`, or ends in `.yaml`.
    public static func loadLesson(_ idOrPath: String, folder: URL) -> LessonLoad {
        let looksLikePath = idOrPath.contains("/") || idOrPath.hasSuffix(".yaml")
            || (FileManager.default.fileExists(atPath: idOrPath) && !isDirectory(idOrPath))
        if looksLikePath {
            let url = URL(fileURLWithPath: idOrPath)
            let decoded = loadLessonFile(url)
            return LessonLoad(lesson: decoded.problems.isEmpty ? decoded.lesson : nil,
                              problems: decoded.problems, file: url.relativePath)
        }
        var unrelated: [LessonProblem] = []
        for file in lessonFiles(in: folder, problems: &unrelated) {
            let decoded = loadLessonFile(file)
            if decoded.lesson?.id == idOrPath {
                return LessonLoad(lesson: decoded.problems.isEmpty ? decoded.lesson : nil,
                                  problems: decoded.problems, file: file.relativePath)
            }
        }
        let known = loadCourse(folder: folder).lessons.map(\.id)
        var message = "no lesson with id '\(idOrPath)' in \(folder.relativePath)"
        if let near = LessonDecoder.suggestion(for: idOrPath, among: known) { message += " (did you mean '\(near)'?)" }
        return LessonLoad(lesson: nil, problems: [LessonProblem(file: folder.relativePath, line: 1, column: 1, message: message)] + unrelated, file: nil)
    }

    /// Reads and decodes one lesson file, then checks what only the disk can tell (a state_dict file).
    public static func loadLessonFile(_ file: URL) -> LessonDecoding {
        var problems: [LessonProblem] = []
        guard let text = read(file, into: &problems) else {
            return LessonDecoding(lesson: nil, problems: problems, idPosition: nil)
        }
        var decoded = LessonDecoder.decodeLesson(yaml: text, file: file.relativePath)
        if case .stateDict(let path)? = decoded.lesson?.visualize?.weights {
            let url = file.deletingLastPathComponent().appendingPathComponent(path)
            let line = text.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("state_dict:") }.map { $0 + 1 } ?? 1
            if let data = try? Data(contentsOf: url) {
                if (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] == nil {
                    decoded.problems.append(LessonProblem(file: file.relativePath, line: line, column: 3,
                                                          message: "state_dict file '\(path)' is not a JSON object"))
                }
            } else {
                decoded.problems.append(LessonProblem(file: file.relativePath, line: line, column: 3,
                                                      message: "state_dict file '\(path)' not found next to the lesson"))
            }
        }
        return decoded
    }

    // MARK: Checking

    /// Checks files and folders (a folder is checked as a course: course.yaml and its lessons).
    /// `run` runs each `run:` program (default: MiniPy in this process).
    public static func check(paths: [URL], run: LessonRunCheck.Runner? = nil) -> CheckReport {
        var report = CheckReport(problems: [])
        func count(_ lesson: Lesson, _ file: URL) {
            report.lessons += 1
            for item in lesson.gradableItems {
                if case .fill = item { report.tasks += 1 } else { report.questions += 1 }
            }
            report.snippets += lesson.playground?.snippets.count ?? 0
            // Prove the `run:` claims by running the code (MiniPy).
            report.problems += LessonRunCheck.problems(lesson, file: file.relativePath, run: run)
            report.runs += LessonRunCheck.cases(lesson).count
        }
        for path in paths {
            if isDirectory(path.path) && !FileManager.default.fileExists(atPath: path.appendingPathComponent(courseFileName).path) {
                // A folder without course.yaml is a set of lesson files, checked one by one.
                var problems: [LessonProblem] = []
                for file in lessonFiles(in: path, problems: &problems) {
                    let decoded = loadLessonFile(file)
                    problems += decoded.problems
                    if let lesson = decoded.lesson { count(lesson, file) }
                }
                report.problems += problems
            } else if isDirectory(path.path) {
                let load = loadCourse(folder: path)
                report.problems += load.problems
                // Count every lesson that decoded, even with problems, so the summary matches the folder.
                var problems: [LessonProblem] = []
                for file in lessonFiles(in: path, problems: &problems) {
                    if let lesson = loadLessonFile(file).lesson { count(lesson, file) }
                }
            } else if path.lastPathComponent == courseFileName {
                var problems: [LessonProblem] = []
                if let text = read(path, into: &problems) {
                    problems += LessonDecoder.decodeCourse(yaml: text, file: path.relativePath).problems
                }
                report.problems += problems
            } else {
                let decoded = loadLessonFile(path)
                report.problems += decoded.problems
                if let lesson = decoded.lesson { count(lesson, path) }
            }
        }
        report.problems = sortProblems(report.problems)
        return report
    }

    // MARK: Helpers

    static func lessonFiles(in folder: URL, problems: inout [LessonProblem]) -> [URL] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".yaml") && $0 != courseFileName && !$0.hasPrefix(".") }
                .sorted()
                .map { folder.appendingPathComponent($0) }
        } catch {
            problems.append(LessonProblem(file: folder.relativePath, line: 1, column: 1,
                                          message: "cannot read the lessons folder: \(error.localizedDescription)"))
            return []
        }
    }

    static func read(_ file: URL, into problems: inout [LessonProblem]) -> String? {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            problems.append(LessonProblem(file: file.relativePath, line: 1, column: 1,
                                          message: isDirectory(file.path) ? "is a folder, not a lesson file"
                                                   : file.lastPathComponent == courseFileName ? "missing course.yaml, the lesson order (format_version and lessons)"
                                                   : "cannot read the file (missing or not permitted)"))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            problems.append(LessonProblem(file: file.relativePath, line: 1, column: 1, message: "the file is not UTF-8 text"))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    static func sortProblems(_ problems: [LessonProblem]) -> [LessonProblem] {
        var seen = Set<LessonProblem>()
        return problems.filter { seen.insert($0).inserted }
            .sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }
}
