import ArgumentParser
import Foundation
import TutorCore
import TutorStore

extension Unroll {
    /// `unroll print LESSON [--answers]`: the lesson as plain text on stdout.
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print a lesson as plain text, mode by mode (LESSON: its id or a path)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "A lesson id or a path to a lesson file.")
        var lesson: String

        @Flag(name: .long, help: "Show answers, worked solutions and review card backs.")
        var answers = false

        func run() throws {
            let folder = LessonLibrary.defaultFolder(explicit: common.lessons)
            let load = LessonLibrary.loadLesson(lesson, folder: folder, cache: .standard())
            guard let found = load.lesson else {
                for problem in load.problems {
                    // A lesson id that matched no file has no line to point at: say it plainly.
                    let line = load.file == nil ? "unroll: \(problem.message)" : problem.description
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
                throw ExitCode(load.file == nil ? 2 : 1)
            }
            print(LessonText.render(found, answers: answers), terminator: "")
        }
    }
}
