import Foundation

extension ClassReport {
    /// The widest line `table()` writes: an 80-column terminal shows every line whole.
    public static let tableWidth = 80

    /// The report as plain text: a summary line, learners, items grouped by lesson, who is stuck, and the
    /// files skipped. Every column has a fixed width (long names are cut with "…"), so no line is wider
    /// than `tableWidth`. Text from the files is escaped (`TerminalSafe.text`) before it is measured.
    public func table() -> String {
        var out = "Class of \(count(learners.count, "learner")) on \(day)\n"
        if learners.isEmpty {
            out += "\nNo progress files to report on.\n"
            return out + skippedSection()
        }
        out += "\n" + learnerSection() + "\n" + itemSection() + stuckSection() + skippedSection()
        return out
    }

    private func learnerSection() -> String {
        let columns = [Column("Learner", 17), Column("Done", 5, right: true), Column("Mastery", 21), Column("Last active", 11),
                       Column("Due", 4, right: true), Column("Ans.", 5, right: true), Column("Stuck", 5)]
        var out = "Learners (done: lessons worked through, of \(gradedLessons); due: items to review today)\n"
        out += Self.line(columns.map(\.title), columns)
        for l in learners {
            out += Self.line([
                TerminalSafe.text(l.name), "\(l.lessonsDone)/\(gradedLessons)", l.mastery.label,
                l.lastActiveDay.map(\.description) ?? "-",
                "\(l.due)", "\(l.answers)", l.stuck.isEmpty ? "" : "yes",
            ], columns)
        }
        return out
    }

    private func itemSection() -> String {
        let columns = [Column("Lesson / item", 24), Column("Tried", 5, right: true), Column("Right 1st", 9, right: true),
                       Column("Missed", 6, right: true), Column("Most-picked wrong", 17), Column("Discr.", 6, right: true)]
        var out = "Items (right 1st: the share right at the first try, the difficulty; missed: the\n"
        out += "share who missed it; discr.: point-biserial correlation with the other items)\n"
        out += Self.line(columns.map(\.title), columns)
        let byLesson = Dictionary(grouping: items, by: \.lesson)
        let anyKnown = lessons.contains(where: \.inLessons)
        for lesson in lessons {
            guard let rows = byLesson[lesson.id], !rows.isEmpty else { continue }
            // Without a lessons folder every lesson is known only from the records: nothing to point out.
            let title = lesson.inLessons ? " · " + TerminalSafe.text(lesson.title) : anyKnown ? " (not in the lessons folder)" : ""
            out += DisplayWidth.truncate(TerminalSafe.text(lesson.id) + title, to: Self.tableWidth) + "\n"
            for a in rows {
                out += Self.line([
                    "  " + TerminalSafe.text(a.item), "\(a.tried)", a.difficulty.map(Self.percent) ?? "-",
                    a.missedShare.map(Self.percent) ?? "-", a.mostPickedWrong.map(Self.option) ?? "-",
                    a.discrimination.map(Self.signed) ?? "-",
                ], columns)
            }
        }
        return out
    }

    private func stuckSection() -> String {
        let stuck = learners.filter { !$0.stuck.isEmpty }
        guard !stuck.isEmpty else {
            return "\nNobody is stuck: all answered within \(count(stuckDays, "day")), no item missed \(Self.stuckMisses) times.\n"
        }
        var out = "\nStuck: \(stuck.count) (no answer for \(count(stuckDays, "day")), or an item missed \(Self.stuckMisses) times"
        out += " and still missed)\n"
        for l in stuck {
            let name = DisplayWidth.truncate(TerminalSafe.text(l.name), to: 17)
            let pad = String(repeating: " ", count: max(0, 17 - DisplayWidth.of(name)))
            let reasons = l.stuck.map(Self.describe).joined(separator: "; ")
            out += DisplayWidth.truncate(name + pad + "  " + reasons, to: Self.tableWidth) + "\n"
        }
        return out
    }

    private func skippedSection() -> String {
        guard !skipped.isEmpty else { return "" }
        var out = "\nSkipped \(count(skipped.count, "file"))\n"
        // The reason on a line of its own: a path is never cut, and the reason still fits.
        for s in skipped { out += "\(TerminalSafe.text(s.path))\n  \(DisplayWidth.truncate(TerminalSafe.text(s.reason), to: Self.tableWidth - 2))\n" }
        return out
    }

    static func describe(_ s: Stuck) -> String {
        switch s {
        case .idle(let days): "no answer for \(days) days"
        case .notStarted: "nothing answered yet"
        case let .missing(lesson, item, times): "missed \(TerminalSafe.text(lesson))/\(TerminalSafe.text(item)) \(times) times"
        }
    }

    /// "[2] C · 5 learners" for a task's blank, "B · 5" for a question: the letter and how many learners picked it.
    static func option(_ o: ItemAnalysis.WrongOption) -> String {
        (o.blank.map { "[\($0)] " } ?? "") + TerminalSafe.text(o.letter) + " · \(o.learners)"
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }

    /// "+0.42", "-0.15"; a value that rounds to zero is "+0.00", never "-0.00".
    static func signed(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let magnitude = abs(hundredths)
        return (hundredths < 0 ? "-" : "+") + "\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
    }

    private func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    struct Column {
        var title: String
        var width: Int
        var right = false
        init(_ title: String, _ width: Int, right: Bool = false) {
            self.title = title
            self.width = width
            self.right = right
        }
    }

    /// One row: each cell cut to its column and padded, two spaces between columns, no trailing spaces.
    static func line(_ cells: [String], _ columns: [Column]) -> String {
        var parts: [String] = []
        for (cell, column) in zip(cells, columns) {
            let text = DisplayWidth.truncate(cell, to: column.width)
            let pad = String(repeating: " ", count: max(0, column.width - DisplayWidth.of(text)))
            parts.append(column.right ? pad + text : text + pad)
        }
        var s = Substring(parts.joined(separator: "  "))
        while s.last == " " { s = s.dropLast() }
        return s + "\n"
    }
}
