import ArgumentParser
import Foundation
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

        @ArgumentParser.Option(help: "Open this mode of the lesson directly (\(Mode.listed.map(\.rawValue).joined(separator: ", "))).")
        var mode: String?

        @ArgumentParser.Option(help: "Open this task or question of the mode (1-based).")
        var task: Int?

        func validate() throws {
            if let mode, !Mode.listed.map(\.rawValue).contains(mode) {
                throw ValidationError("--mode '\(mode)' cannot be opened; choose one of: \(Mode.listed.map(\.rawValue).joined(separator: ", ")).")
            }
            if (mode != nil || task != nil) && lesson == nil {
                throw ValidationError("--mode and --task need a LESSON (an id or a path).")
            }
            if let task, task < 1 { throw ValidationError("--task counts from 1.") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let folder = LessonLibrary.defaultFolder(explicit: common.lessons)
            let course = LessonLibrary.loadCourse(folder: folder)
            var lessons = course.lessons
            var start: (lessonIndex: Int, mode: Mode?, task: Int)?
            var files = course.files
            if let lesson {
                let load = LessonLibrary.loadLesson(lesson, folder: folder)
                guard let opened = load.lesson else {
                    for problem in load.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
                    throw ExitCode(1)
                }
                let index = lessons.firstIndex { $0.id == opened.id } ?? { lessons.append(opened); return lessons.count - 1 }()
                lessons[index] = opened
                files[opened.id] = load.file
                let chosen = mode.flatMap(Mode.init(rawValue:))
                if let chosen, opened.minutes(for: chosen) == nil {
                    FileHandle.standardError.write(Data("unroll: lesson '\(opened.id)' has no \(chosen.rawValue) section.\n".utf8))
                    throw ExitCode(1)
                }
                if let chosen, let task {
                    let count = opened.taskCount(for: chosen)
                    if task > count {
                        FileHandle.standardError.write(Data("unroll: --task \(task) is past the end; lesson '\(opened.id)' has \(count) in \(chosen.rawValue).\n".utf8))
                        throw ExitCode(1)
                    }
                }
                start = (index, chosen, (task ?? 1) - 1)
            }

            let noColor = common.noColor || !(environment["NO_COLOR"] ?? "").isEmpty
            let terminal: NcursesTerminal
            do {
                terminal = try NcursesTerminal(colors: !noColor)
            } catch let error as TerminalError {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(2)
            }
            let settings = Settings(ascii: common.ascii || !terminal.isUTF8)
            var state = State(lessons: lessons, size: terminal.size, settings: settings)
            let store = ProgressStore(path: ProgressStore.defaultPath(explicit: common.progress))
            let (progress, notice) = store.load()
            state.progress = progress
            state.now = Date()
            state.visualizeWeights = Visualize.lessonWeights(lessons, files: files)
            if !course.problems.isEmpty {
                let files = Set(course.problems.map(\.file)).count
                state.status = "\(course.problems.count) problem\(course.problems.count == 1 ? "" : "s") in \(files) lesson file\(files == 1 ? "" : "s") kept lessons out; run `unroll check`."
            }
            if let notice { state.status = notice }
            var effects: [Effect] = []
            if let start {
                state.route = [.menu(MenuState(selected: start.lessonIndex))]
                _ = state.openLesson(at: start.lessonIndex)
                if let mode = start.mode { effects = state.open(mode, lessonIndex: start.lessonIndex, task: start.task) }
            }
            var runtime = Runtime(state: state, terminal: terminal, store: store)
            runtime.initialEffects = effects
            let status = runtime.run()
            terminal.stop()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
