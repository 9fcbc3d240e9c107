// `lesson-bench [LESSONS]`: how long reading the lessons takes (not a test; Scripts/footprint.sh runs it).
// Medians of 31 rounds in the thread's CPU time: decoding every lesson file from bytes already in memory,
// reading each back from the lesson cache's binary form, and LessonLibrary.loadCourse without and with a
// warm LessonCache (what the tutor does before its first frame, the first time and every time after).
#if canImport(Glibc)
import Glibc
#endif
import FoundationEssentials
import TutorCore
import TutorStore

func cpuMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

func median(_ rounds: Int = 31, _ body: () -> Int) -> (ms: Double, sink: Int) {
    var times: [Double] = [], sink = 0
    for _ in 0..<rounds {
        let start = cpuMilliseconds()
        sink &+= body()
        times.append(cpuMilliseconds() - start)
    }
    return (times.sorted()[rounds / 2], sink)
}

let folder = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Lessons")
let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
let files = names.compactMap { name in
    (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name: name, bytes: [UInt8]($0)) }
}
let decode = median { files.reduce(0) { $0 + LessonDecoder.decodeLesson(bytes: $1.bytes, file: $1.name).problems.count } }
let binaries = files.compactMap { LessonDecoder.decodeLesson(bytes: $0.bytes, file: $0.name).lesson?.binaryEncoded }
let readBack = median { binaries.reduce(0) { $0 + ((try? Lesson(binary: $1))?.title.utf8.count ?? 0) } }
let course = median { LessonLibrary.loadCourse(folder: folder).lessons.count }
let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: cacheFolder) }
let cachePath = cacheFolder.appendingPathComponent("lessons.cache").path
_ = LessonLibrary.loadCourse(folder: folder, cache: LessonCache(path: cachePath, stamp: [1]))
let cached = median { LessonLibrary.loadCourse(folder: folder, cache: LessonCache(path: cachePath, stamp: [1])).lessons.count }
func ms(_ x: Double) -> String { "\(Double(Int((x * 100).rounded())) / 100) ms" }
print("lessons: \(files.count) files, \(files.reduce(0) { $0 + $1.bytes.count }) bytes; median CPU time of 31 rounds")
print("  decode every file (bytes in memory): \(ms(decode.ms))")
print("  read back from the binary form:      \(ms(readBack.ms)) (\(binaries.reduce(0) { $0 + $1.count }) bytes)")
print("  loadCourse (read and decode):        \(ms(course.ms))")
print("  loadCourse with a warm LessonCache:   \(ms(cached.ms))")
if decode.sink + course.sink + readBack.sink + cached.sink == -1 { print("") }
