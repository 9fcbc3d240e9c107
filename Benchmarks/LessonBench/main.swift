// `lesson-bench [LESSONS]`: how long reading the lessons takes (not a test; Scripts/footprint.sh runs it).
// Medians of 31 rounds in the thread's CPU time: decoding every lesson file from bytes already in memory,
// and LessonLibrary.loadCourse (reading and decoding all of them: what the tutor does before its first frame).
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
let course = median { LessonLibrary.loadCourse(folder: folder).lessons.count }
func ms(_ x: Double) -> String { "\(Double(Int((x * 100).rounded())) / 100) ms" }
print("lessons: \(files.count) files, \(files.reduce(0) { $0 + $1.bytes.count }) bytes; median CPU time of 31 rounds")
print("  decode every file (bytes in memory): \(ms(decode.ms))")
print("  loadCourse (read and decode):        \(ms(course.ms))")
if decode.sink + course.sink == -1 { print("") }
