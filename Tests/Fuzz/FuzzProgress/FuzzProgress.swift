// Fuzz target: the progress file as TutorStore reads it (any bytes), then what `unroll progress` and
// `unroll review` print from a file that decodes, the merge and a write-read round trip.
import Foundation
import FuzzSupport
import TutorCore

let now = Date(timeIntervalSince1970: 1_780_000_000)
let utc = TimeZone(identifier: "UTC")!

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let progress = try? LearnerProgress.decode(Data(bytes)) else { return }
    // The outline of every lesson and item the file names, so the reports look at all of it.
    let outline = ProgressOutline(lessons: progress.lessons.keys.sorted().map { id in
        let items = progress.lessons[id]?.items.keys.sorted() ?? []
        return ProgressOutline.Lesson(id: id, title: id, itemIDs: items.filter { !$0.hasPrefix("card") },
                                      cardIDs: items.filter { $0.hasPrefix("card") })
    })
    let report = ProgressReport(progress: progress, outline: outline, at: now, timeZone: utc)
    _ = report.table()
    _ = report.json()
    let review = ReviewReport(progress: progress, outline: outline, at: now, timeZone: utc)
    _ = review.table()
    _ = review.json()
    _ = progress.merging(progress)
    _ = try? LearnerProgress.decode(progress.encoded())
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
