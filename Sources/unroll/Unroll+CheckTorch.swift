import Foundation
import MiniPy
import SnippetRunner
import TutorCore
import TutorStore

/// `unroll check --with-torch PYTHON`: runs every `run:` program of the lessons under real Python (with torch)
/// as well as under MiniPy, and reports every difference in what was printed or raised.
enum TorchComparison {
    struct Difference: CustomStringConvertible {
        var file: String
        var position: SourcePosition
        var what: String
        /// One line: a multi-line message (load_state_dict's) shows its newlines and tabs as \n and \t.
        var description: String {
            let line = what.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            return "\(file):\(position.line):\(position.column): --with-torch: \(line)"
        }
    }

    /// The driver: reads a JSON list of programs on stdin, runs each in fresh globals, writes
    /// [{"stdout": …, "error": "Type: message" | null}] on stdout.
    static let driver = #"""
    import io, json, sys, traceback, warnings, contextlib
    warnings.simplefilter("ignore")
    programs = json.load(sys.stdin)
    results = []
    for src in programs:
        buf = io.StringIO()
        err = None
        try:
            code = compile(src, "snippet.py", "exec")
            with contextlib.redirect_stdout(buf):
                exec(code, {"__name__": "__main__"})
        except BaseException as e:
            # The exception's lines exactly as `python snippet.py` prints them: Python 3.11 adds "Did
            # you mean: …?" only in the interpreter's own display, not in the traceback module, which
            # still says how many lines the exception takes (load_state_dict's message has several).
            shown = io.StringIO()
            with contextlib.redirect_stderr(shown):
                sys.__excepthook__(type(e), e, e.__traceback__)
            count = 1 if isinstance(e, SyntaxError) else len("".join(traceback.format_exception_only(type(e), e)).rstrip("\n").splitlines())
            err = "\n".join(shown.getvalue().rstrip("\n").splitlines()[-count:])
        results.append({"stdout": buf.getvalue(), "error": err})
    sys.__stdout__.write(json.dumps(results))
    """#

    static func lessonFiles(_ paths: [URL]) -> [URL] {
        var files: [URL] = []
        for p in paths {
            if LessonLibrary.isDirectory(p.path) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p.path)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") && $0 != LessonLibrary.courseFileName && !$0.hasPrefix(".") }
                    .sorted().map { p.appendingPathComponent($0) }
            } else if p.lastPathComponent != LessonLibrary.courseFileName {
                files.append(p)
            }
        }
        return files
    }

    /// Runs the programs under `python`; throws a readable message when Python cannot be run.
    static func runPython(_ python: String, _ programs: [String]) throws -> [(stdout: String, error: String?)] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-torch-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("driver.py")
        try driver.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python.contains("/") ? python : "/usr/bin/env")
        p.arguments = (python.contains("/") ? [] : [python]) + [script.path]
        p.currentDirectoryURL = dir
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: programs))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            let tail = String(decoding: errData, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: "\n")
            throw ValidationError("could not run the snippets under \(python) (exit \(p.terminationStatus)): \(tail)")
        }
        return list.map { ($0["stdout"] as? String ?? "", $0["error"] as? String) }
    }

    static func compare(paths: [URL], python: String, sandbox: SnippetSandbox) throws -> (checked: Int, differences: [Difference]) {
        var cases: [(file: String, c: RunCase)] = []
        for file in lessonFiles(paths) {
            guard let lesson = LessonLibrary.loadLessonFile(file).lesson else { continue }
            cases += LessonRunCheck.cases(lesson).map { (file.relativePath, $0) }
        }
        let results = try runPython(python, cases.map(\.c.program))
        var diffs: [Difference] = []
        for ((file, c), torch) in zip(cases, results) {
            let mini = sandbox.outcome(of: c)
            var miniError = mini.error?.description, torchError = torch.error
            if case .raises(let want)? = c.expect, !want.contains(":") {
                // A claim of the type alone (the message holds an address or the like): compare types.
                miniError = mini.error?.type
                torchError = torchError.map { String($0.prefix { $0 != ":" }) }
            }
            var what: [String] = []
            if miniError != torchError {
                what.append("MiniPy \(miniError.map { "raised \($0)" } ?? "raised nothing"), Python \(torchError.map { "raised \($0)" } ?? "raised nothing")")
            }
            if !c.isSnippet, mini.stdout != torch.stdout {
                what.append("MiniPy printed \(mini.stdout.debugDescription), Python printed \(torch.stdout.debugDescription)")
            }
            if !what.isEmpty {
                diffs.append(Difference(file: file, position: c.position, what: "'\(c.itemID)' \(c.label): " + what.joined(separator: "; ")))
            }
        }
        return (cases.count, diffs)
    }
}

import ArgumentParser
