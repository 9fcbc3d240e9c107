import Foundation
import Testing
@testable import MiniPy

/// One snippet and what real CPython 3.11 + torch 2.15 did with it (made by Scripts/minipy_fixtures.py).
struct Fixture: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var code: String
    var stdout: String
    /// The traceback's last line, `Type: message`; nil when the snippet ran.
    var error: String?
    /// The snippet line the traceback points at, and that line as shown.
    var line: Int?
    var shown: String?

    var testDescription: String { name }

    /// `Fixtures/snippets.json`, then each group of program files (`Fixtures/programs/GROUP.json`).
    static let all: [Fixture] = {
        struct File: Decodable { var snippets: [Fixture] }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let programs = fixtures.appendingPathComponent("programs")
        let groups = ((try? FileManager.default.contentsOfDirectory(atPath: programs.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted().map { programs.appendingPathComponent($0) }
        return ([fixtures.appendingPathComponent("snippets.json")] + groups).flatMap { url -> [Fixture] in
            guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
            return file.snippets
        }
    }()
}

/// The line a traceback shows for the snippet file: (line number, the source line, trimmed).
func shownFrame(_ traceback: String, file: String) -> (Int, String?)? {
    let lines = traceback.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, l) in lines.enumerated() where l.hasPrefix("  File \"\(file)\", line ") {
        let rest = l.dropFirst("  File \"\(file)\", line ".count)
        guard let n = Int(rest.prefix { $0.isNumber }) else { return nil }
        let next = i + 1 < lines.count && lines[i + 1].hasPrefix("    ") ? lines[i + 1].trimmingCharacters(in: .whitespaces) : nil
        return (n, next)
    }
    return nil
}

@Suite(.serialized) struct MiniPyFixtureTests {
    @Test func tableIsLargeEnough() {
        #expect(Fixture.all.count >= 60)
    }

    /// The table in process (it used to stall at 'err-not-subscriptable' under `swift test`, in the session that
    /// wrote it; it runs in a fraction of a second now). `make test` also runs it through the real binary
    /// (Tests/MiniPyTests/run_fixtures.py).
    @Test(arguments: Fixture.all)
    func matchesCPythonAndTorch(_ f: Fixture) {
        let r = MiniPy.run(f.code + "\n", file: "snippet.py")
        #expect(r.stdout == f.stdout, "stdout")
        // The traceback's last line (load_state_dict's message takes two).
        let last = r.stderr.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
        #expect((f.error == nil ? r.errorLine : last) == f.error, "the traceback's last line")
        if f.error != nil {
            let frame = shownFrame(r.stderr, file: "snippet.py")
            #expect(frame?.0 == f.line, "the line the traceback points at")
            #expect(frame?.1 == f.shown, "the source line the traceback shows")
        }
    }
}
