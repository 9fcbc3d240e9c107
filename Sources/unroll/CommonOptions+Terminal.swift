import ArgumentParser
import Foundation
import Terminal
import TutorCore

extension CommonSettings {
    /// Starts the terminal the way every screen-showing command does: colours unless `--no-color`
    /// or NO_COLOR, ASCII when asked or when the locale cannot show UTF-8. A terminal that cannot
    /// be used is one sentence on stderr and exit status 2.
    func startTerminal(preview: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> (terminal: NcursesTerminal, settings: Settings) {
        let noColor = noColor || !(environment["NO_COLOR"] ?? "").isEmpty
        let reader = screenReader || CommonOptions.screenReaderFromEnvironment(environment)
        do {
            let terminal = try NcursesTerminal(colors: !noColor, showsCursor: reader)
            return (terminal, Settings(ascii: ascii || !terminal.isUTF8, preview: preview, screenReader: reader))
        } catch let error as TerminalError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

extension CommonOptions {
    /// `UNROLL_SCREEN_READER=1` (or `true`, `yes`) turns screen-reader mode on, as `--screen-reader` does;
    /// unset, empty or `0` leaves it off.
    static func screenReaderFromEnvironment(_ environment: [String: String]) -> Bool {
        guard let value = environment["UNROLL_SCREEN_READER"]?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}

/// `--mode` and `--task` as plain values (see `CommonSettings`).
protocol ModeSettings {
    var mode: String? { get }
    var task: Int? { get }
}

/// `--mode` and `--task`, shared by `unroll LESSON` and `unroll preview LESSON`.
struct ModeOptions: ParsableArguments, ModeSettings {
    @ArgumentParser.Option(help: "Open this mode of the lesson directly (\(Mode.listed.map(\.rawValue).joined(separator: ", "))).")
    var mode: String?

    @ArgumentParser.Option(help: "Open this task or question of the mode (1-based).")
    var task: Int?

    func validate() throws {
        if let mode, !Mode.listed.map(\.rawValue).contains(mode) {
            throw ValidationError("--mode '\(mode)' cannot be opened; choose one of: \(Mode.listed.map(\.rawValue).joined(separator: ", ")).")
        }
        if let task, task < 1 { throw ValidationError("--task counts from 1.") }
        // Without a mode the lesson's chooser opens and the task was dropped without a word.
        if task != nil && mode == nil { throw ValidationError("--task needs --mode: the task or question of which mode?") }
    }
}

extension ModeSettings {
    var chosen: Mode? { mode.flatMap(Mode.init(rawValue:)) }

    /// Checks the mode and task against the lesson: one line on stderr and exit 1 when it has no
    /// such mode or the task is past the end.
    func check(against lesson: Lesson) throws {
        guard let chosen else { return }
        if lesson.minutes(for: chosen) == nil {
            FileHandle.standardError.write(Data("unroll: lesson '\(lesson.id)' has no \(chosen.rawValue) section.\n".utf8))
            throw ExitCode(1)
        }
        if let task, task > lesson.taskCount(for: chosen) {
            FileHandle.standardError.write(Data("unroll: --task \(task) is past the end; lesson '\(lesson.id)' has \(lesson.taskCount(for: chosen)) in \(chosen.rawValue).\n".utf8))
            throw ExitCode(1)
        }
    }
}
