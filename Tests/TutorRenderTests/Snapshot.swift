import Foundation
import Testing
@testable import TutorRender

/// Buffer snapshots: the screen as quoted rows, then the style runs, in a text file next to this
/// test (`Snapshots/NAME.txt`). `UPDATE_SNAPSHOTS=1 swift test` rewrites them; a missing snapshot is
/// recorded on a developer's machine and fails under CI.
enum Snapshot {
    static func text(of buffer: CellBuffer) -> String {
        var out = buffer.lines.map { "\"" + $0.padding(toLength: max($0.count, 0), withPad: " ", startingAt: 0) + "\"" }
        out.append("-- styles (row: from-to style) --")
        for row in 0..<buffer.height {
            var column = 0
            while column < buffer.width {
                let style = buffer[column, row].style
                var end = column
                while end + 1 < buffer.width && buffer[end + 1, row].style == style { end += 1 }
                if style != .plain { out.append("\(row): \(column)-\(end) \(describe(style))") }
                column = end + 1
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if let color = style.color { parts.append("\(color)") }
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.joined(separator: ",")
    }

    static func assertMatches(_ buffer: CellBuffer, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
        let actual = text(of: buffer)
        let env = ProcessInfo.processInfo.environment
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if env["UPDATE_SNAPSHOTS"] == "1" || (expected == nil && env["CI"] == nil) {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected else {
            Issue.record("missing snapshot \(name).txt; record it with UPDATE_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs.\nexpected:\n\(expected)\nactual:\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}
