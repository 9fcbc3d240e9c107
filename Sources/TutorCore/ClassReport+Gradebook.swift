import Foundation

extension ClassReport {
    /// The student columns Canvas's gradebook import requires, in its order: the header must start with
    /// `Student` and `ID` and the last student column must be `Section`. Moodle's CSV import takes any
    /// header and lets the teacher map one column to a user field (`SIS Login ID` → username).
    public static let gradebookStudentColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

    /// A gradebook import for Moodle and Canvas, RFC 4180 CSV (CRLF, fields with `,` `"` or a line break
    /// quoted, quotes doubled), UTF-8 without a byte-order mark. One row per learner, no "Points Possible"
    /// row (Moodle would take it for a learner it cannot find and stop). Per lesson with tasks or questions,
    /// two grade columns, as percentages 0–100 so a new Moodle grade item (maximum 100) or Canvas
    /// assignment takes them as they are: `Unroll test: TITLE` (the latest test score, empty without one:
    /// an empty cell changes no grade in either) and `Unroll mastery: TITLE` (the tutor's rating of the
    /// lesson, the percentage its screens show).
    /// The learner's name goes in `Student` and `SIS Login ID`; `ID`, `SIS User ID` and `Section` stay
    /// empty (Canvas then matches the login id, else the name). A cell that starts with = + - @ is
    /// prefixed with ' so a spreadsheet does not run it as a formula.
    public func gradebookCSV() -> String {
        let graded = lessons.filter { !$0.itemIDs.isEmpty }
        var header = Self.gradebookStudentColumns
        for lesson in graded {
            let title = lesson.title.isEmpty ? lesson.id : lesson.title
            header += ["Unroll test: \(title)", "Unroll mastery: \(title)"]
        }
        var rows = [header.map(Self.csvText)]
        for learner in learners {
            let scores = Dictionary(learner.lessons.map { ($0.lesson, $0) }, uniquingKeysWith: { a, _ in a })
            var row = [Self.csvText(learner.name), "", "", Self.csvText(learner.name), ""]
            for lesson in graded {
                let s = scores[lesson.id]
                row.append(s?.test.map { Self.csvPercent($0.fraction) } ?? "")
                row.append(s.map { "\($0.mastery.percent)" } ?? "")
            }
            rows.append(row)
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    /// 0.6667 → "66.7": one decimal, a point as the separator, no trailing ".0".
    static func csvPercent(_ fraction: Double) -> String {
        let tenths = Int((min(max(fraction, 0), 1) * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    /// Text from a file: escaped for a terminal, and kept from being read as a spreadsheet formula.
    static func csvText(_ s: String) -> String {
        let safe = TerminalSafe.text(s)
        guard let first = safe.first, "=+-@".contains(first) else { return safe }
        return "'" + safe
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
