import ArgumentParser
import Foundation
import TutorCore
import TutorRuntime
import TutorStore

extension Unroll {
    /// `unroll class PATH… [--json | --csv] [--stuck-days N]`, or `unroll class --lrs URL`: the
    /// instructor's report over many learners.
    struct Class: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "class",
            abstract: "Report on a class: per learner, per item (difficulty, misses, wrong options), and who is stuck.",
            discussion: """
            PATH is a progress file or a folder searched for *.json files; each file is a learner, named by its \
            `learner` field, else by the file name (progress.json: its folder's name). Files are only read. \
            With --lrs (or $UNROLL_LRS and no PATH) the report is built from the LRS's statements instead.
            """
        )

        @Argument(help: "Progress files, or folders holding them.")
        var paths: [String] = []

        @ArgumentParser.Option(help: "The lessons folder, for titles and item order (default: $UNROLL_LESSONS, else ./Lessons, else the installed share folder).")
        var lessons: String?

        @ArgumentParser.Option(name: .customLong("stuck-days"), help: "A learner with no answer for this many days is listed as stuck.")
        var stuckDays = ClassReport.defaultStuckDays

        @Flag(help: "Print everything as JSON.")
        var json = false

        @Flag(help: "Print a gradebook for a Moodle or Canvas CSV import: one row per learner (see README).")
        var csv = false

        @OptionGroup var lrs: LRSOptions

        func validate() throws {
            if json && csv { throw ValidationError("--json and --csv are two forms of the report; choose one.") }
            if stuckDays < 1 { throw ValidationError("--stuck-days must be at least 1.") }
            if lrs.url != nil, !paths.isEmpty { throw ValidationError("--lrs reads the class from the LRS; give no PATH with it.") }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let clock = try CommonOptions.clock(environment: environment)
            let lessonList = LessonLibrary.load(folder: LessonLibrary.defaultFolder(explicit: lessons), cache: .standard())
            let outline = ProgressOutline(lessonList)
            var members: [ClassMember]
            var skipped: [ClassSkipped] = []
            var failed = false
            if paths.isEmpty {
                guard let endpoint = try lrs.endpoint(environment: environment) else {
                    throw ValidationError("Give progress files or folders (PATH…), or an LRS with --lrs URL.")
                }
                members = try Self.fromLRS(endpoint, outline: outline)
            } else {
                let found = ClassFiles.read(paths)
                members = found.members
                skipped = found.missing + found.skipped
                for m in found.missing {
                    FileHandle.standardError.write(Data("unroll: class: \(TerminalSafe.text(m.path)): \(m.reason)\n".utf8))
                }
                failed = !found.missing.isEmpty
            }
            let report = ClassReport(members: members, outline: outline, at: clock.now(), timeZone: .current,
                                     stuckDays: stuckDays, skipped: skipped)
            print(json ? report.json() : csv ? report.gradebookCSV() : report.table(), terminator: "")
            if failed { throw ExitCode(1) }
        }

        /// Every Unroll statement in the LRS: one query per lesson (`activity` = the lesson,
        /// `related_activities=true`, so the items and modes under it come too), following `more` links;
        /// without lessons, one query for the course. An LRS whose activity filter matches nothing (Ralph
        /// 5.1.0 compares the filter to stored ids as objects, never equal) is read whole instead and its
        /// Unroll statements kept, with a line on stderr that says so.
        static func fromLRS(_ endpoint: LRSEndpoint, outline: ProgressOutline) throws -> [ClassMember] {
            let client = LRSClient(endpoint: endpoint, timeout: 30)
            let activities = outline.lessons.isEmpty ? [XAPI.courseIRI] : outline.lessons.map { XAPI.lessonIRI($0.id) }
            var statements: [XAPIStatement] = []
            var unreadable = 0
            for activity in activities {
                let page = try fetch(client, [("activity", activity), ("related_activities", "true"), ("limit", "500")])
                statements += page.statements
                unreadable += page.unreadable
            }
            if statements.isEmpty {
                let all = try fetch(client, [("limit", "500")])
                let ours = all.statements.filter { XAPI.target(of: $0.object.id) != nil }
                if !ours.isEmpty {
                    FileHandle.standardError.write(Data(
                        "unroll: the LRS's activity filter matched nothing; read all \(all.statements.count) statements and kept Unroll's \(ours.count).\n".utf8))
                }
                statements = ours
                unreadable = all.unreadable
            }
            if unreadable > 0 {
                FileHandle.standardError.write(Data("unroll: \(unreadable) statement\(unreadable == 1 ? "" : "s") in the LRS could not be read as xAPI and were left out.\n".utf8))
            }
            return XAPIRoster.members(from: statements).members
        }

        private static func fetch(_ client: LRSClient, _ query: [(String, String)]) throws -> (statements: [XAPIStatement], unreadable: Int) {
            switch client.fetch(query) {
            case .success(let page): return page
            case .failure(let f):
                FileHandle.standardError.write(Data("unroll: class: cannot read statements from \(client.endpoint.url): \(f.message)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
