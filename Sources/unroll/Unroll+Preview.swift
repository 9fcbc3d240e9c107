import ArgumentParser
import Foundation
import Terminal
import TutorCore
import TutorRuntime
import TutorStore

extension Unroll {
    /// `unroll preview LESSON [--mode M] [--task N]`: every mode with the answers shown, nothing
    /// recorded (no progress store is made, so the progress file is never created, opened or changed),
    /// and the lesson file reloaded in place when it is saved.
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Instructor preview: answers visible, nothing recorded, the lesson reloaded when saved."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "A lesson id or the path to a lesson file.")
        var lesson: String

        @ArgumentParser.Option(help: "Open this mode (\(Mode.listed.map(\.rawValue).joined(separator: ", "))).")
        var mode: String?

        @ArgumentParser.Option(help: "Open this task or question of the mode (1-based).")
        var task: Int?

        func validate() throws {
            if let mode, !Mode.listed.map(\.rawValue).contains(mode) {
                throw ValidationError("--mode '\(mode)' cannot be opened; choose one of: \(Mode.listed.map(\.rawValue).joined(separator: ", ")).")
            }
            if let task, task < 1 { throw ValidationError("--task counts from 1.") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let folder = LessonLibrary.defaultFolder(explicit: common.lessons)
            let load = LessonLibrary.loadLesson(lesson, folder: folder)
            guard let opened = load.lesson, let file = load.file else {
                for problem in load.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
                throw ExitCode(1)
            }
            let chosen = mode.flatMap(Mode.init(rawValue:))
            if let chosen, opened.minutes(for: chosen) == nil {
                FileHandle.standardError.write(Data("unroll: lesson '\(opened.id)' has no \(chosen.rawValue) section.\n".utf8))
                throw ExitCode(1)
            }
            if let chosen, let task, task > opened.taskCount(for: chosen) {
                FileHandle.standardError.write(Data("unroll: --task \(task) is past the end; lesson '\(opened.id)' has \(opened.taskCount(for: chosen)) in \(chosen.rawValue).\n".utf8))
                throw ExitCode(1)
            }
            let noColor = common.noColor || !(environment["NO_COLOR"] ?? "").isEmpty
            let terminal: NcursesTerminal
            do {
                terminal = try NcursesTerminal(colors: !noColor)
            } catch let error as TerminalError {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(2)
            }
            let settings = Settings(ascii: common.ascii || !terminal.isUTF8, preview: true)
            var state = State(lessons: [opened], size: terminal.size, settings: settings)
            state.now = Date()
            _ = state.openLesson(at: 0)
            var effects: [Effect] = []
            if let chosen { effects = state.open(chosen, lessonIndex: 0, task: (task ?? 1) - 1) }
            var runtime = Runtime(state: state, terminal: terminal, store: nil)
            runtime.initialEffects = effects.filter { if case .record = $0 { false } else { true } }
            runtime.watcher = LessonWatcher(path: file)
            let status = runtime.run()
            terminal.stop()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
