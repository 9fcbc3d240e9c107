import Foundation
import SnippetRunner
import TutorStore

/// `unroll check`'s program outcomes kept between runs (issue 19): running the lessons' ~500 `run:`
/// programs and snippets is most of a check, and an instructor checks again after every edit, when all
/// but a few are unchanged. `runs.cache` in Unroll's cache folder (`CacheFile`: keyed by the request's
/// whole bytes, stamped with the binary, checksummed) maps the exact request the worker would get to its answer.
///
/// An outcome is kept only when running the same program with the same binary must give it again: MiniPy
/// answered (not a Python worker, not a stopped or failed worker), it did not hit a limit that depends on
/// the machine's load or memory (TimeoutError, MemoryError, RecursionError, KeyboardInterrupt, SystemError), the run did
/// not depend on a set's order of non-int items or on `id()` (MiniPy says so: `unsteady`), and the program
/// does not mention `random` (Python's `random` is seeded from the clock unless a program seeds it).
final class RunCache {
    let file: CacheFile

    static let magic = "UNROLL-RUNS\n"
    /// Enough for several courses' programs (the ten lessons have about 500).
    static let maxEntries = 8192
    static let unsettled: Set<String> = ["TimeoutError", "MemoryError", "RecursionError", "KeyboardInterrupt", "SystemError"]

    static func standard() -> RunCache? {
        CacheFile.standard("runs.cache", magic: magic, maxEntries: maxEntries).map(RunCache.init(file:))
    }

    init(file: CacheFile) { self.file = file }

    /// The key of a request: its bytes on the wire.
    static func key(_ request: SnippetRequest) -> [UInt8] { [UInt8](request.wireJSON()) }

    /// The kept answer to exactly this request (`key` is `RunCache.key(request)`), if there is one.
    func result(forKey key: [UInt8]) -> SnippetResult? {
        file.value(for: key) { SnippetResult.fromWire(Data($0)) }
    }

    /// Keeps `result` for `request` when it is one a new run must give again (see the type).
    func remember(_ result: SnippetResult, for request: SnippetRequest, key: [UInt8]) {
        guard Self.isSettled(result, for: request) else { return }
        file.store([UInt8](result.wireJSON()), for: key)
    }

    static func isSettled(_ result: SnippetResult, for request: SnippetRequest) -> Bool {
        guard result.stop == nil, result.runtime == nil, !result.unsteady else { return false }
        if let type = result.error?.type, unsettled.contains(type) { return false }
        return ![request.prelude, request.source, request.then].contains { $0?.contains("random") == true }
    }

    func saveIfChanged() { file.saveIfChanged() }
}
