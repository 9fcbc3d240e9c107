import ArgumentParser
import Foundation
import SnippetRunner
import Terminal
import TutorCore
import TutorRuntime
import TutorStore

extension Unroll {
    /// `unroll [LESSON] [--mode M] [--task N]`: the tutor itself.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open the lesson menu, or a lesson directly (the default when no subcommand is given)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "A lesson id or the path to a lesson file.")
        var lesson: String?

        @OptionGroup var target: ModeOptions

        @OptionGroup var runtimeOptions: RuntimeOptions

        @OptionGroup var lrs: LRSOptions

        func validate() throws {
            if (target.mode != nil || target.task != nil) && lesson == nil {
                throw ValidationError("--mode and --task need a LESSON (an id or a path).")
            }
        }

        func run() throws {
            try Self.open(common: common, lesson: lesson, target: target, runtime: runtimeOptions, lrs: lrs)
        }

        /// No option given: what `unroll` alone opens, without asking ArgumentParser (see `Unroll.main`).
        struct Defaults: CommonSettings, ModeSettings, RuntimeSettings, LRSSettings {
            var lessons: String?
            var progress: String?
            var learner: String?
            var noColor = false
            var ascii = false
            var screenReader = false
            var mode: String?
            var task: Int?
            var python: String?
            var url: String?
            var auth: String?
        }

        static func open(common: some CommonSettings, lesson: String?, target: some ModeSettings, runtime: some RuntimeSettings,
                         lrs: some LRSSettings) throws {
            // Read once: each ProcessInfo.environment builds the whole dictionary again (a fifth of a cached launch
            // when every step asked for it).
            let environment = ProcessInfo.processInfo.environment
            let folder = LessonLibrary.defaultFolder(explicit: common.lessons, environment: environment)
            // Decoded lessons kept between runs: most of the launch otherwise (LessonCache).
            let cache = LessonCache.standard(environment: environment)
            let course = LessonLibrary.loadCourse(folder: folder, cache: cache)
            var lessons = course.lessons
            var start: (lessonIndex: Int, mode: Mode?, task: Int)?
            var files = course.files
            if let lesson {
                let load = LessonLibrary.loadLesson(lesson, folder: folder, cache: cache)
                guard let opened = load.lesson else {
                    for problem in load.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
                    throw ExitCode(1)
                }
                let index = lessons.firstIndex { $0.id == opened.id } ?? { lessons.append(opened); return lessons.count - 1 }()
                lessons[index] = opened
                files[opened.id] = load.file
                try target.check(against: opened)
                start = (index, target.chosen, (target.task ?? 1) - 1)
            }

            let clock = try CommonOptions.clock(environment: environment)
            let store = try common.progressStore(environment: environment)
            let sandbox = try runtime.sandbox(environment: environment)
            let relay = try common.startRelay(lrs: lrs, store: store, lessons: lessons, environment: environment)
            let (terminal, settings) = try common.startTerminal(environment: environment)
            var state = State(lessons: lessons, size: terminal.size, settings: settings)
            let (progress, notice) = store.load()
            state.progress = progress
            state.now = clock.now()
            // Due days and the streak count the learner's local calendar days, as `unroll review` does.
            state.timeZone = .current
            state.visualizeWeights = Visualize.lessonWeights(lessons, files: files)
            if !course.problems.isEmpty {
                let files = Set(course.problems.map(\.file)).count
                state.status = "\(course.problems.count) problem\(course.problems.count == 1 ? "" : "s") in \(files) lesson file\(files == 1 ? "" : "s") kept lessons out; run `unroll check`."
            }
            if let notice { state.status = notice }
            var effects: [Effect] = []
            if let start {
                effects = state.start(lessonIndex: start.lessonIndex, mode: start.mode, task: start.task)
            }
            var runtime = Runtime(state: state, terminal: terminal, store: store)
            runtime.snippetSandbox = sandbox
            runtime.clock = clock
            runtime.initialEffects = effects
            runtime.lrs = relay
            let dump = ProgressDump.install(on: &runtime, progressFile: store.path)
            let status = runtime.run()
            dump?.finish()
            terminal.stop()
            if status == 0 { runtime.lrs?.finishAndReport() }
            try Self.saveBeforeExit(store, status: status, wait: !runtime.stoppedWaitingForLock)
            if status != 0 { throw ExitCode(status) }
        }

        /// What a failed save left unsaved gets one more try after the terminal is restored; if that fails
        /// too, one line on stderr says what is lost and the exit status is 1 (or the signal's), never 0.
        static func saveBeforeExit(_ store: ProgressStore, status: Int32, wait: Bool) throws {
            var said = false
            let lost = store.saveBeforeExit(patience: wait ? ProgressStore.lockPatience : 0) { _ in
                if !said {
                    said = true
                    FileHandle.standardError.write(Data("unroll: waiting for another Unroll to finish saving…\n".utf8))
                }
                return NcursesTerminal.pendingSignal == 0
            }
            guard let lost else { return }
            FileHandle.standardError.write(Data((lost + "\n").utf8))
            throw ExitCode(status != 0 ? status : 1)
        }
    }
}
