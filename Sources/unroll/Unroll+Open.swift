import ArgumentParser
import Foundation
import Terminal
import TutorCore
import TutorStore

extension Unroll {
    /// `unroll [LESSON] [--mode M] [--task N]`: the tutor itself.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open the lesson menu (the default when no subcommand is given)."
        )

        @OptionGroup var common: CommonOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let folder = LessonFolder.resolve(explicit: common.lessons, environment: environment)
            let lessons = (try? LessonLibrary.load(folder: folder)) ?? []
            let noColor = common.noColor || !(environment["NO_COLOR"] ?? "").isEmpty
            let terminal: NcursesTerminal
            do {
                terminal = try NcursesTerminal(colors: !noColor)
            } catch let error as TerminalError {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(2)
            }
            let settings = Settings(ascii: common.ascii || !terminal.isUTF8)
            var runtime = Runtime(state: State(lessons: lessons, size: terminal.size, settings: settings), terminal: terminal)
            let status = runtime.run()
            terminal.stop()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// Where lessons come from: --lessons, else $UNROLL_LESSONS, else ./Lessons, else the installed share folder.
enum LessonFolder {
    static func resolve(explicit: String?, environment: [String: String]) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = environment["UNROLL_LESSONS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        let local = URL(fileURLWithPath: "Lessons")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/unroll/Lessons")
    }
}
