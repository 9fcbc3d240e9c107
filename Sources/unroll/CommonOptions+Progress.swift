import ArgumentParser
import Foundation
import TutorCore
import TutorRuntime
import TutorStore

extension CommonOptions {
    /// The longest learner name taken: a name, not a document.
    static let learnerLimit = 100

    /// Why a learner name cannot be used, or nil when it can: not empty, at most `learnerLimit`
    /// characters, no control or bidi characters (it is shown in terminals and in an instructor's table).
    static func learnerProblem(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "must not be empty." }
        if trimmed.count > learnerLimit { return "must be at most \(learnerLimit) characters." }
        if trimmed.unicodeScalars.contains(where: TerminalSafe.isUnsafe) { return "must not contain control or direction characters." }
        return nil
    }
}

extension CommonSettings {
    /// `--learner`, else `$UNROLL_LEARNER` (trimmed), else nil. A bad `$UNROLL_LEARNER` is one line on
    /// stderr and the exit status of a bad option (64).
    func learnerName(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let learner { return learner.trimmingCharacters(in: .whitespaces) }
        guard let env = environment["UNROLL_LEARNER"], !env.isEmpty else { return nil }
        if let problem = CommonOptions.learnerProblem(env) {
            FileHandle.standardError.write(Data("unroll: UNROLL_LEARNER \(problem)\n".utf8))
            throw ExitCode.validationFailure
        }
        return env.trimmingCharacters(in: .whitespaces)
    }

    /// The progress store the options name, with the learner's name.
    func progressStore(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProgressStore {
        ProgressStore(path: ProgressStore.defaultPath(explicit: progress, environment: environment),
                      learner: try learnerName(environment: environment))
    }
}

extension CommonOptions {
    /// The clock (`UNROLL_NOW` for tests); a bad value is one line on stderr and the exit status of a bad option (64).
    static func clock(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Clock {
        do {
            return try Clock(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("unroll: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
    }
}
