import ArgumentParser
import Foundation

/// The root command. `unroll` alone or `unroll LESSON` opens the tutor (the default subcommand);
/// every other subcommand arrives with the issue that makes it work.
@main
struct Unroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unroll",
        abstract: "A terminal tutor: why recurrent neural networks handle sequences, the way PyTorch does it.",
        version: UnrollVersion.string,
        subcommands: [Open.self, Check.self, Print.self, Progress.self, Review.self, Class.self, LRS.self, Engine.self, Visualize.self, Preview.self,
                      Run.self, SnippetWorkerCommand.self],
        defaultSubcommand: Open.self
    )

    /// `unroll` alone, the launch a learner makes every day, opens the menu without ArgumentParser: its
    /// reflection over every option group was 44 % of the launch's instructions once the lessons were
    /// cached (issue 19). Anything on the command line, even `--help`, goes through ArgumentParser as before.
    static func main() {
        guard CommandLine.arguments.count == 1 else { return main(nil) }
        let none = Open.Defaults()
        do {
            try Open.open(common: none, lesson: nil, target: none, runtime: none, lrs: none)
        } catch {
            exit(withError: error)
        }
    }
}

enum UnrollVersion {
    static let string = "0.1.0"
}

/// What the flags every subcommand that reads lessons or progress shares say, as plain values: the
/// parsed `CommonOptions`, or `Unroll.Open.Defaults` when `unroll` runs without arguments.
protocol CommonSettings {
    var lessons: String? { get }
    var progress: String? { get }
    var learner: String? { get }
    var noColor: Bool { get }
    var ascii: Bool { get }
    var screenReader: Bool { get }
}

/// Flags every subcommand that reads lessons or progress shares.
struct CommonOptions: ParsableArguments, CommonSettings {
    @Option(name: .long, help: "The lessons folder (default: $UNROLL_LESSONS, else ./Lessons, else the installed share folder).")
    var lessons: String?

    @Option(name: .long, help: "The progress file (default: $UNROLL_PROGRESS, else $XDG_DATA_HOME/unroll/progress.json).")
    var progress: String?

    @Option(name: .long, help: "Your name, written into the progress file for an instructor's report (default: $UNROLL_LEARNER).")
    var learner: String?

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Plain ASCII lines and marks instead of Unicode.")
    var ascii = false

    @Flag(name: .long, help: "For a screen reader or braille display (also UNROLL_SCREEN_READER=1): the cursor on the focused element, one column without boxes or bars, every change said in the bottom row.")
    var screenReader = false

    func validate() throws {
        if let learner, let problem = CommonOptions.learnerProblem(learner) {
            throw ValidationError("--learner \(problem)")
        }
    }
}
