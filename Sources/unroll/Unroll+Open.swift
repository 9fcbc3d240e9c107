import ArgumentParser
import Foundation

extension Unroll {
    /// `unroll [LESSON] [--mode M] [--task N]`: the tutor itself.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open the lesson menu, or a lesson directly (LESSON: its id or a path)."
        )

        @OptionGroup var common: CommonOptions

        @Argument(help: "A lesson id or a path to a lesson file.")
        var lesson: String?

        func run() throws {
            print("unroll")
        }
    }
}
