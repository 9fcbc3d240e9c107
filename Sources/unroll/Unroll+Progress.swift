import ArgumentParser
import Foundation
import TutorCore
import TutorStore

extension Unroll {
    /// `unroll progress [--json] [--reset [LESSON] [--yes]]`: what has been done, or forget it.
    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "progress",
            abstract: "Show what has been done per lesson (solved, missed, unseen, test score, mastery), or reset it."
        )

        @OptionGroup var common: CommonOptions

        @Flag(name: .long, help: "Print the report as JSON: lessons, then items and cards with id, status, attempts_used, due, interval_days, stability, difficulty and history.")
        var json = false

        @Flag(name: .long, help: "Forget progress: in every lesson, or in LESSON. Asks first.")
        var reset = false

        @Flag(name: .long, help: "With --reset: do not ask.")
        var yes = false

        @Argument(help: "With --reset: the lesson id to forget (default: every lesson).")
        var lesson: String?

        func validate() throws {
            if lesson != nil, !reset {
                throw ValidationError("A lesson id is only taken with --reset, as in `unroll progress --reset LESSON`.")
            }
            if yes, !reset { throw ValidationError("--yes only goes with --reset.") }
            if json, reset { throw ValidationError("--json shows progress; run it without --reset.") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let clock = try CommonOptions.clock(environment: environment)
            let store = try common.progressStore(environment: environment)
            let (progress, notice) = store.load()
            if let notice { printError(notice) }
            if reset {
                try runReset(store: store, progress: progress)
                return
            }
            // Lessons that will not load still show: their recorded ids are listed as no longer in the lessons.
            let lessons = LessonLibrary.load(folder: LessonLibrary.defaultFolder(explicit: common.lessons), cache: .standard())
            let report = ProgressReport(progress: progress, outline: ProgressOutline(lessons), at: clock.now(), timeZone: .current)
            print(json ? report.json() : report.table(), terminator: "")
        }

        private func runReset(store: ProgressStore, progress: LearnerProgress) throws {
            if let lesson, progress.lessons[lesson] == nil {
                print("Nothing is recorded for lesson \(lesson); nothing to reset.")
                return
            }
            if !yes {
                // Unbuffered, so the question shows before the answer is read.
                FileHandle.standardOutput.write(Data(ProgressReset.prompt(lesson: lesson, path: store.path.path).utf8))
                guard ProgressReset.confirms(AnswerLine.read()) else {
                    print("Nothing reset.")
                    return
                }
            }
            var said = false
            let outcome = store.record([.reset(lesson: lesson)]) { _ in
                if !said { said = true; printError("unroll: waiting for another Unroll to finish saving…") }
                return true
            }
            guard outcome.saved else {
                printError(outcome.reason ?? "Progress is not being saved.")
                throw ExitCode.failure
            }
            if let note = outcome.announcement { printError(note) }
            print(lesson.map { "Progress in lesson \($0) reset." } ?? "All progress reset.")
        }

        private func printError(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
