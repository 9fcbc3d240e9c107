import ArgumentParser
import Foundation
import TutorCore
import TutorStore

extension Unroll {
    /// `unroll review [--json]`: what is due for review today across the course.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "List what is due for review today across the course (items and cards, with their schedule)."
        )

        @OptionGroup var common: CommonOptions

        @Flag(name: .long, help: "Print as JSON: day, due, minutes, next_due, and per item lesson, item, kind, due, interval_days, stability, retrievability, leech.")
        var json = false

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let clock = try CommonOptions.clock(environment: environment)
            let store = try common.progressStore(environment: environment)
            let (progress, notice) = store.load()
            if let notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
            let lessons = LessonLibrary.load(folder: LessonLibrary.defaultFolder(explicit: common.lessons), cache: .standard())
            let report = ReviewReport(progress: progress, outline: ProgressOutline(lessons), at: clock.now(), timeZone: .current)
            print(json ? report.json() : report.table(), terminator: "")
        }
    }
}
