import Foundation

/// How well a lesson is known: the one rating the menu, the chooser, the overview and every result
/// screen show, the same way (`label`), and that `?` explains (`Mastery.explanation`).
///
/// Each of the lesson's items (try tasks, practice questions, challenge items) counts 1 when the first
/// answer to it was right, ½ when it was answered right later, 0 until then. The share of the lesson's
/// items is the record; the latest Test's score counts instead when it is higher (the Test is one
/// attempt per item with no hints, so it shows what is known now). 80 % and above is strong, 50 % and
/// above getting there, below that learning; nothing answered yet is not started.
public struct Mastery: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case notStarted = "not started"
        case learning
        case gettingThere = "getting there"
        case strong

        /// The word in `unroll progress --json`.
        public var key: String { rawValue.replacingOccurrences(of: " ", with: "_") }

        public static func < (a: Level, b: Level) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// 0–100, rounded down (so 79.9 % is not "80 %" while the level says getting there).
    public var percent: Int
    public var level: Level
    /// The lesson's items answered at least once, of `total`.
    public var answered: Int
    public var total: Int
    /// The items' record alone, 0–100 rounded down.
    public var recordPercent: Int
    /// The latest Test, when taken.
    public var test: Score?

    /// "62 % · getting there", or "not started".
    public var label: String { level == .notStarted ? level.rawValue : "\(percent) % · \(level.rawValue)" }

    /// The rule in a few sentences, for the help (`?`) of every screen that shows the rating.
    public static let explanation = "Each of the lesson's items counts 1 when your first answer was right, "
        + "a half when you got it right later, 0 until then; your latest Test score counts instead when it is higher. "
        + "80\u{00A0}% and above: strong; 50\u{00A0}%: getting there; below: learning."

    /// The bands, as the rule says.
    public static func level(_ fraction: Double) -> Level {
        fraction >= 0.8 ? .strong : fraction >= 0.5 ? .gettingThere : .learning
    }
}

extension LearnerProgress {
    /// The lesson's mastery over its current items (`itemIDs`, in any order; ids only the file knows are
    /// not counted).
    public func mastery(lesson: String, itemIDs: [String]) -> Mastery {
        let ids = Array(Set(itemIDs))
        var points = 0.0
        var answered = 0
        for id in ids {
            guard let p = item(lesson: lesson, item: id), p.attemptsUsed > 0 || p.missed else { continue }
            answered += 1
            if p.rightAtFirstTry == true { points += 1 } else if p.solved { points += 0.5 }
        }
        let record = ids.isEmpty ? 0 : points / Double(ids.count)
        let test = latestTest(lesson: lesson)
        let value = max(record, test?.fraction ?? 0)
        let level: Mastery.Level = answered == 0 && test == nil ? .notStarted : Mastery.level(value)
        return Mastery(percent: Int((value * 100).rounded(.down)), level: level, answered: answered, total: ids.count,
                       recordPercent: Int((record * 100).rounded(.down)), test: test)
    }
}

extension Lesson {
    /// This lesson's mastery in `progress`.
    public func mastery(in progress: LearnerProgress) -> Mastery {
        progress.mastery(lesson: id, itemIDs: gradableItems.map(\.id))
    }
}
