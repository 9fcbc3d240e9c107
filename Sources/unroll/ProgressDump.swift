import Foundation
import TutorCore
import TutorRuntime

/// Tests only: with `UNROLL_TEST_PROGRESS_DUMP=FILE`, the tutor writes the progress it holds in memory
/// to FILE after every update (before the update's events are saved, so a later re-read of the file
/// cannot hide a difference), with the path of the progress file; at exit it adds the file as it was
/// then. The e2e harness checks that what the screens believed is exactly what was saved
/// (Tests/e2e/check_progress.py).
final class ProgressDump: @unchecked Sendable {
    static let variable = "UNROLL_TEST_PROGRESS_DUMP"

    private let target: URL
    private let progressFile: URL?
    private var memory = Data("null".utf8)

    private init(target: URL, progressFile: URL?) {
        self.target = target
        self.progressFile = progressFile
    }

    /// Installs the hook when the variable is set; `progressFile` is nil when nothing is saved (preview).
    static func install(on runtime: inout Runtime, progressFile: URL?) -> ProgressDump? {
        guard let path = getenv(variable).map({ String(cString: $0) }), !path.isEmpty else { return nil }
        let dump = ProgressDump(target: URL(fileURLWithPath: path), progressFile: progressFile)
        runtime.afterUpdate = { state in
            dump.memory = state.progress.encoded()
            dump.write(saved: nil)
        }
        return dump
    }

    /// At exit: the last dump again, with the progress file as it is now (null when there is none).
    func finish() {
        let saved = progressFile.flatMap { try? Data(contentsOf: $0) } ?? Data("null".utf8)
        write(saved: saved)
    }

    private func write(saved: Data?) {
        var out = Data("{\"progress_file\": ".utf8)
        out += progressFile.map { Data(Self.jsonString($0.path).utf8) } ?? Data("null".utf8)
        out += Data(", \"progress\": ".utf8) + memory
        if let saved { out += Data(", \"saved\": ".utf8) + saved }
        out += Data("}\n".utf8)
        // Written whole and renamed, so the harness never reads half a dump.
        let temporary = target.appendingPathExtension("tmp")
        guard (try? out.write(to: temporary)) != nil else { return }
        if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    private static func jsonString(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
