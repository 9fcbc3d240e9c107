import Foundation
import SnippetRunner
import Testing
import TutorStore
@testable import unroll

/// `unroll check`'s kept outcomes: only answers a new run must give again, read back equal, never for
/// another request.
@Suite struct RunCacheTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("unroll-runs-\(UUID().uuidString)/runs.cache").path
    }

    static func cache(_ path: String, stamp: String = "build") -> RunCache {
        RunCache(file: CacheFile(path: path, magic: RunCache.magic, stamp: Array(stamp.utf8), maxEntries: RunCache.maxEntries))
    }

    let request = SnippetRequest(source: "print(1 / 0)", prelude: "import torch", wallTime: 60, recurrentCalls: false)
    let answer = SnippetResult(stdout: "", warnings: "w\n",
                               error: .init(type: "ZeroDivisionError", message: "division by zero", line: 1, column: 7, text: "print(1 / 0)",
                                            traceback: "Traceback (most recent call last):\nZeroDivisionError: division by zero\n"))

    @Test func aKeptAnswerComesBackEqualOnlyForTheSameRequestAndBuild() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = Self.cache(path)
        #expect(first.result(forKey: RunCache.key(request)) == nil)
        first.remember(answer, for: request, key: RunCache.key(request))
        first.saveIfChanged()
        #expect(Self.cache(path).result(forKey: RunCache.key(request)) == answer)
        var other = request
        other.source = "print(1 / 0) "
        #expect(Self.cache(path).result(forKey: RunCache.key(other)) == nil)
        other = request
        other.wallTime = 5
        #expect(Self.cache(path).result(forKey: RunCache.key(other)) == nil)
        #expect(Self.cache(path, stamp: "another build").result(forKey: RunCache.key(request)) == nil)
    }

    @Test func onlyAnswersANewRunMustGiveAgainAreKept() {
        #expect(RunCache.isSettled(answer, for: request))
        #expect(RunCache.isSettled(SnippetResult(stdout: "1\n"), for: request))
        for type in ["TimeoutError", "MemoryError", "RecursionError", "KeyboardInterrupt", "SystemError"] {
            var r = answer
            r.error?.type = type
            #expect(!RunCache.isSettled(r, for: request), "\(type)")
        }
        for stop: SnippetResult.Stop in [.wallClock, .cpuTime, .memory, .crashed(signal: 11)] {
            #expect(!RunCache.isSettled(SnippetResult(stopped: stop, limits: .standard), for: request))
        }
        var unsteady = answer
        unsteady.unsteady = true
        #expect(!RunCache.isSettled(unsteady, for: request))
        // It survives the worker protocol, and only a MiniPy answer that says so carries it.
        #expect(SnippetResult.fromWire(unsteady.wireJSON())?.unsteady == true)
        #expect(SnippetResult.fromWire(answer.wireJSON())?.unsteady == false)
        #expect(!String(decoding: answer.wireJSON(), as: UTF8.self).contains("unsteady"))
        var python = answer
        python.runtime = "python3.11 + torch 2.15.0"
        #expect(!RunCache.isSettled(python, for: request))
        let unseeded = "import random\nprint(random.random())"
        var r = request
        r.source = unseeded
        #expect(!RunCache.isSettled(answer, for: r))
        r = request
        r.prelude = unseeded
        #expect(!RunCache.isSettled(answer, for: r))
        r = request
        r.then = unseeded
        #expect(!RunCache.isSettled(answer, for: r))
    }

    @Test func aCorruptFileIsAMiss() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = Self.cache(path)
        first.remember(answer, for: request, key: RunCache.key(request))
        first.saveIfChanged()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 20] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(Self.cache(path).result(forKey: RunCache.key(request)) == nil)
    }
}
