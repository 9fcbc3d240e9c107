import ArgumentParser
import Foundation
import SnippetRunner
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

        @OptionGroup var target: ModeOptions

        @OptionGroup var runtimeOptions: RuntimeOptions

        func run() throws {
            let folder = LessonLibrary.defaultFolder(explicit: common.lessons)
            let load = LessonLibrary.loadLesson(lesson, folder: folder, cache: .standard())
            guard let opened = load.lesson, let file = load.file else {
                for problem in load.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
                throw ExitCode(1)
            }
            try target.check(against: opened)
            let sandbox = try runtimeOptions.sandbox()
            let (terminal, settings) = try common.startTerminal(preview: true)
            var state = State(lessons: [opened], size: terminal.size, settings: settings)
            state.now = Date()
            let effects = state.start(lessonIndex: 0, mode: target.chosen, task: (target.task ?? 1) - 1)
            var runtime = Runtime(state: state, terminal: terminal, store: nil)
            runtime.snippetSandbox = sandbox
            runtime.initialEffects = effects
            let dump = ProgressDump.install(on: &runtime, progressFile: nil)
            runtime.watcher = LessonWatcher(path: file)
            let status = runtime.run()
            dump?.finish()
            terminal.stop()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
