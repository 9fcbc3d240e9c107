#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RNNEngine
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
        currentDirectory: String = LessonLibrary.currentDirectory(),
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
        if let path = realPath("/proc/self/exe") { return path }
        #endif
        return CommandLine.arguments.first.flatMap(realPath)
    }

    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// The path with every symbolic link, `.` and `..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Loading

    /// The course in a folder: `course.yaml` gives the order; every other `*.yaml` file is a lesson.
    /// Never throws: an unreadable folder or file is a problem like any other.
    /// With a `cache`, lessons whose bytes it has seen are read back instead of decoded, and it is saved
    /// before this returns when it changed.
    public static func loadCourse(folder: URL, cache: LessonCache? = nil) -> CourseLoad {
        loadCourseDecoding(folder: folder, cache: cache).load
    }

    /// `loadCourse`, plus every lesson that decoded (problems or not) with its file, so `check` can
    /// count them without decoding each file a second time.
    static func loadCourseDecoding(folder: URL, cache: LessonCache?) -> (load: CourseLoad, decoded: [(lesson: Lesson, file: URL)]) {
        defer { cache?.saveIfChanged() }
        var problems: [LessonProblem] = []
        let courseFile = folder.appendingPathComponent(courseFileName)
        var course: Course?
        if let bytes = contents(of: courseFile, into: &problems) {
            let decoded = LessonDecoder.decodeCourse(bytes: bytes, file: courseFile.relativePath)
            course = decoded.course
            problems += decoded.problems
        }
        var byID: [String: (lesson: Lesson, file: String)] = [:]
        var firstFile: [String: String] = [:]
        var fileOrder: [String] = []
        var all: [(lesson: Lesson, file: URL)] = []
        for file in lessonFiles(in: folder, problems: &problems) {
            let decoded = loadLessonFile(file, cache: cache)
            problems += decoded.problems
            if let lesson = decoded.lesson { all.append((lesson, file)) }
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
        return (CourseLoad(lessons: lessons, problems: sortProblems(problems), files: files), all)
    }

    /// The lessons of a folder in course order (those without problems). For the menu.
    public static func load(folder: URL, cache: LessonCache? = nil) -> [Lesson] { loadCourse(folder: folder, cache: cache).lessons }

    /// One lesson by id (looked up in `folder`) or by path to its file. A path is anything that
    /// names an existing file, or contains `/`, or ends in `.yaml`.
    public static func loadLesson(_ idOrPath: String, folder: URL, cache: LessonCache? = nil) -> LessonLoad {
        defer { cache?.saveIfChanged() }
        let looksLikePath = idOrPath.utf8.contains(UInt8(ascii: "/")) || idOrPath.hasSuffix(".yaml")
            || (access(idOrPath, F_OK) == 0 && !isDirectory(idOrPath))
        if looksLikePath {
            let url = URL(fileURLWithPath: idOrPath)
            let decoded = loadLessonFile(url, cache: cache)
            return LessonLoad(lesson: decoded.problems.isEmpty ? decoded.lesson : nil,
                              problems: decoded.problems, file: url.relativePath)
        }
        var unrelated: [LessonProblem] = []
        for file in lessonFiles(in: folder, problems: &unrelated) {
            let decoded = loadLessonFile(file, cache: cache)
            if decoded.lesson?.id == idOrPath {
                return LessonLoad(lesson: decoded.problems.isEmpty ? decoded.lesson : nil,
                                  problems: decoded.problems, file: file.relativePath)
            }
        }
        let known = loadCourse(folder: folder, cache: cache).lessons.map(\.id)
        var message = "no lesson with id '\(idOrPath)' in \(folder.relativePath)"
        if let near = LessonDecoder.suggestion(for: idOrPath, among: known) { message += " (did you mean '\(near)'?)" }
        return LessonLoad(lesson: nil, problems: [LessonProblem(file: folder.relativePath, line: 1, column: 1, message: message)] + unrelated, file: nil)
    }

    /// Reads and decodes one lesson file, then checks what only the disk can tell (a state_dict file).
    public static func loadLessonFile(_ file: URL, cache: LessonCache? = nil) -> LessonDecoding {
        var problems: [LessonProblem] = []
        guard let bytes = contents(of: file, into: &problems) else {
            return LessonDecoding(lesson: nil, problems: problems, idPosition: nil)
        }
        var decoded: LessonDecoding
        if let kept = cache?.decoding(for: bytes) {
            decoded = kept
        } else {
            decoded = LessonDecoder.decodeLesson(bytes: bytes, file: file.relativePath)
            cache?.remember(decoded, for: bytes)
        }
        // What the disk says about other files (the state_dict a visualizer loads) is checked every time.
        for section in decoded.lesson?.visualizations ?? [] {
            guard case .stateDict(let path) = section.weights else { continue }
            let at = section.weightsPosition ?? decoded.stateDictPosition ?? SourcePosition(line: 1, column: 1)
            if let message = stateDictProblem(path, lessonFile: file) {
                decoded.problems.append(LessonProblem(file: file.relativePath, line: at.line, column: at.column, message: message))
            }
        }
        return decoded
    }

    /// The largest state_dict file read (a 64×64 LSTM's weights as JSON are well under 1 MB).
    static let maxStateDictBytes = 16 << 20

    /// What is wrong with a lesson's state_dict file, or nil. The path is relative to the lesson
    /// file (the decoder has refused absolute paths and `..`); here symbolic links are resolved too,
    /// and the file must still be inside the lesson's folder.
    static func stateDictProblem(_ path: String, lessonFile: URL) -> String? {
        let folder = lessonFile.deletingLastPathComponent()
        guard let root = realPath(folder.path.isEmpty ? "." : folder.path),
              let resolved = realPath(folder.appendingPathComponent(path).path) else {
            return "state_dict file '\(path)' not found next to the lesson"
        }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return "state_dict file '\(path)' leads outside the lessons folder (to \(resolved)); keep the file in the lesson's folder"
        }
        switch readFile(resolved, limit: maxStateDictBytes) {
        case .success(let bytes):
            if case .object? = try? JSONValue.parse(Data(bytes)) { return nil }
            return "state_dict file '\(path)' is not a JSON object"
        case .failure(.tooLarge(let size)):
            return "state_dict file '\(path)' is \(size) bytes; at most \(maxStateDictBytes) are read"
        case .failure:
            return "state_dict file '\(path)' not found next to the lesson"
        }
    }

    /// The state_dict files of a lesson's visualize items, by `VisualizeSection.weightsKey` (unreadable ones, or ones
    /// leading out of the lessons folder, left out: `loadLessonFile` reports them).
    public static func visualizeWeights(_ lesson: Lesson, file: URL) -> [String: LessonGradientCheck.StateDict] {
        var out: [String: LessonGradientCheck.StateDict] = [:]
        for section in lesson.visualizations {
            guard case .stateDict(let path) = section.weights, let key = section.weightsKey(lessonID: lesson.id),
                  stateDictProblem(path, lessonFile: file) == nil else { continue }
            let url = file.deletingLastPathComponent().appendingPathComponent(path)
            if let data = try? Data(contentsOf: url), let sd = LessonGradientCheck.stateDict(json: data) { out[key] = sd }
        }
        return out
    }

    // MARK: Checking

    /// Checks files and folders (a folder is checked as a course: course.yaml and its lessons).
    /// `run` runs each `run:` program (default: MiniPy in this process).
    public static func check(paths: [URL], run: LessonRunCheck.Runner? = nil, cache: LessonCache? = nil) -> CheckReport {
        defer { cache?.saveIfChanged() }
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
            // Prove the `gradients:` claims through the engine's backward, on the weights the visualizer loads.
            report.problems += LessonGradientCheck.problems(lesson, file: file.relativePath, weights: visualizeWeights(lesson, file: file))
        }
        for path in paths {
            if isDirectory(path.path) && access(path.appendingPathComponent(courseFileName).path, F_OK) != 0 {
                // A folder without course.yaml is a set of lesson files, checked one by one.
                var problems: [LessonProblem] = []
                for file in lessonFiles(in: path, problems: &problems) {
                    let decoded = loadLessonFile(file, cache: cache)
                    problems += decoded.problems
                    if let lesson = decoded.lesson { count(lesson, file) }
                }
                report.problems += problems
            } else if isDirectory(path.path) {
                let (load, decoded) = loadCourseDecoding(folder: path, cache: cache)
                report.problems += load.problems
                // Count every lesson that decoded, even with problems, so the summary matches the folder.
                for (lesson, file) in decoded { count(lesson, file) }
            } else if path.lastPathComponent == courseFileName {
                var problems: [LessonProblem] = []
                if let bytes = contents(of: path, into: &problems) {
                    problems += LessonDecoder.decodeCourse(bytes: bytes, file: path.relativePath).problems
                }
                report.problems += problems
            } else {
                let decoded = loadLessonFile(path, cache: cache)
                report.problems += decoded.problems
                if let lesson = decoded.lesson { count(lesson, path) }
            }
        }
        report.problems = sortProblems(report.problems)
        return report
    }

    // MARK: Helpers

    static func lessonFiles(in folder: URL, problems: inout [LessonProblem]) -> [URL] {
        guard let dir = opendir(folder.path) else {
            problems.append(LessonProblem(file: folder.relativePath, line: 1, column: 1,
                                          message: "cannot read the lessons folder: \(String(cString: strerror(errno)))"))
            return []
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".yaml") && name != courseFileName && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    enum ReadFailure: Error {
        case cannotOpen, folder, notRegular, tooLarge(Int), failed(Int32)
    }

    /// The bytes of a regular file of at most `limit` bytes. Opened without blocking, so a FIFO
    /// (or a device) named like a lesson is refused instead of waiting forever, and never read past
    /// `limit`, so `/dev/zero` or a huge file cannot exhaust memory.
    static func readFile(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.cannotOpen) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.failed(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.folder)
        default: return .failure(.notRegular)
        }
        if Int(st.st_size) > limit { return .failure(.tooLarge(Int(st.st_size))) }
        var bytes = [UInt8](repeating: 0, count: min(Int(st.st_size), limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { break }
                bytes += [UInt8](repeating: 0, count: min(max(count, 4096), limit + 1 - count))
            }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.failed(errno))
            }
            if n == 0 { break }
            count += n
            if count > limit { return .failure(.tooLarge(count)) }
        }
        // Shortened in place: a copy would fault in every page of the file a second time (launch reads ~1 MB).
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// A lesson or course file's bytes, or a problem saying why it could not be read.
    static func contents(of file: URL, into problems: inout [LessonProblem]) -> [UInt8]? {
        let message: String
        switch readFile(file.path, limit: LessonSource.maxBytes) {
        case .success(let bytes): return bytes
        case .failure(.folder): message = "is a folder, not a lesson file"
        case .failure(.notRegular): message = "is not a regular file; a lesson is a .yaml file"
        case .failure(.tooLarge(let size)): message = LessonSource.tooLarge(size)
        case .failure(.cannotOpen), .failure(.failed):
            message = file.lastPathComponent == courseFileName ? "missing course.yaml, the lesson order (format_version and lessons)"
                                                               : "cannot read the file (missing or not permitted)"
        }
        problems.append(LessonProblem(file: file.relativePath, line: 1, column: 1, message: message))
        return nil
    }

    static func sortProblems(_ problems: [LessonProblem]) -> [LessonProblem] {
        var seen = Set<LessonProblem>()
        return problems.filter { seen.insert($0).inserted }
            .sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }
}
