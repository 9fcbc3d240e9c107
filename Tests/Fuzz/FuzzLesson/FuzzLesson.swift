// Fuzz target: the lesson decoder (and the course decoder) on any text, then what `unroll print` and
// `unroll check` derive from a lesson that decodes (its text, its `run:` programs; not run here); every
// decoded lesson must come back identical from the lesson cache's binary form, and the input itself, read
// as that binary form (a corrupt cache entry), must be refused or read, never crash.
import Foundation
import FuzzSupport
import TutorCore

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    _ = try? Lesson(binary: Array(bytes))
    // The loader refuses bytes that are not UTF-8 before decoding, as here.
    guard let text = String(bytes: bytes, encoding: .utf8) else { return }
    let decoded = LessonDecoder.decodeLesson(yaml: text, file: "fuzz.yaml")
    if let lesson = decoded.lesson {
        guard (try? Lesson(binary: lesson.binaryEncoded)) == lesson else { fatalError("the lesson does not round-trip through LessonBinary") }
        _ = LessonText.render(lesson, answers: true)
        _ = LessonRunCheck.cases(lesson).map(\.program)
    }
    _ = decoded.problems.map(\.description)
    _ = LessonDecoder.decodeCourse(yaml: text, file: "course.yaml").problems.count
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
