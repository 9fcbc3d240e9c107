import Foundation

/// Classical item analysis of one task or question over a class.
///
/// - difficulty: the share of learners who tried it that were right at the first try (the p-value;
///   higher is easier);
/// - missed: the learners who missed it at least once (out of attempts, wrong in practice or a test, or
///   out of time), and their share of those who tried it;
/// - wrong options: each wrong option (a task's letter in a blank, a question's letter) with how many
///   learners picked it at least once and how many answers held it; the first is the most picked;
/// - discrimination: the point-biserial correlation between being right at the first try on this item
///   and the learner's share right at the first try on the other items they tried (the corrected
///   item-rest correlation; nil under `minimumForDiscrimination` learners or when either side does not vary).
public struct ItemAnalysis: Sendable, Equatable {
    public struct WrongOption: Sendable, Equatable {
        /// The blank (1-based) for a task; nil for a question.
        public var blank: Int?
        public var letter: String
        /// Learners who picked it at least once.
        public var learners: Int
        /// Answers that held it.
        public var picks: Int
    }

    public var lesson: String
    public var item: String
    public var kind: ProgressOutline.Kind
    public var tried: Int
    public var rightFirst: Int
    public var missedBy: Int
    public var wrongOptions: [WrongOption]
    public var discrimination: Double?

    /// rightFirst / tried; nil when nobody tried it.
    public var difficulty: Double? { tried > 0 ? Double(rightFirst) / Double(tried) : nil }
    /// missedBy / tried; nil when nobody tried it.
    public var missedShare: Double? { tried > 0 ? Double(missedBy) / Double(tried) : nil }
    public var mostPickedWrong: WrongOption? { wrongOptions.first }

    /// Fewer learners than this give no discrimination index (one learner more or less would swing it).
    public static let minimumForDiscrimination = 5

    /// Every task and question of the outline (cards are graded by the learner, not right or wrong), in
    /// course order.
    static func analyse(members: [ClassMember], outline: ProgressOutline) -> [ItemAnalysis] {
        // Each learner's first-try results, for the rest score of the discrimination index.
        let firsts: [[String: Bool]] = members.map { m in
            var out: [String: Bool] = [:]
            for lesson in outline.lessons {
                for id in lesson.itemIDs {
                    if let r = m.progress.item(lesson: lesson.id, item: id)?.rightAtFirstTry { out[lesson.id + "\u{0}" + id] = r }
                }
            }
            return out
        }
        let totals = firsts.map { f in (tried: f.count, right: f.values.filter { $0 }.count) }
        var out: [ItemAnalysis] = []
        for lesson in outline.lessons {
            for item in lesson.items where item.kind != .card {
                var a = ItemAnalysis(lesson: lesson.id, item: item.id, kind: item.kind, tried: 0, rightFirst: 0, missedBy: 0,
                                     wrongOptions: [], discrimination: nil)
                var options: [String: WrongOption] = [:]
                var pairs: [(x: Double, rest: Double)] = []
                for (m, member) in members.enumerated() {
                    guard let record = member.progress.item(lesson: lesson.id, item: item.id) else { continue }
                    if let first = record.rightAtFirstTry {
                        a.tried += 1
                        if first { a.rightFirst += 1 }
                        let (tried, right) = (totals[m].tried - 1, totals[m].right - (first ? 1 : 0))
                        if tried > 0 { pairs.append((first ? 1 : 0, Double(right) / Double(tried))) }
                    }
                    if record.missed { a.missedBy += 1 }
                    var mine = Set<String>()
                    for entry in record.history where entry.correct == false {
                        for pick in Self.wrongPicks(entry, kind: item.kind) {
                            let k = "\(pick.blank ?? 0)\u{0}\(pick.letter)"
                            options[k, default: WrongOption(blank: pick.blank, letter: pick.letter, learners: 0, picks: 0)].picks += 1
                            if mine.insert(k).inserted { options[k]!.learners += 1 }
                        }
                    }
                }
                a.wrongOptions = options.values.sorted { x, y in
                    if x.learners != y.learners { return x.learners > y.learners }
                    if x.picks != y.picks { return x.picks > y.picks }
                    return ((x.blank ?? 0), x.letter) < ((y.blank ?? 0), y.letter)
                }
                a.discrimination = Self.pointBiserial(pairs)
                out.append(a)
            }
        }
        return out
    }

    /// The wrong options an answer held: a task's letter in each wrong blank, a question's one letter.
    static func wrongPicks(_ entry: Answer, kind: ProgressOutline.Kind) -> [(blank: Int?, letter: String)] {
        guard let chosen = entry.chosen else { return [] }
        if kind == .choice {
            return chosen.first.flatMap { $0 }.map { [(nil, $0)] } ?? []
        }
        return entry.wrongBlanks.compactMap { b in
            b <= chosen.count ? chosen[b - 1].map { (b, $0) } : nil
        }
    }

    /// r_pb = (M₁ − M₀) / s · √(p·q) over (0/1, rest score) pairs, s the population standard deviation of
    /// the rest scores; nil for too few pairs or no variation.
    static func pointBiserial(_ pairs: [(x: Double, rest: Double)]) -> Double? {
        let n = Double(pairs.count)
        guard pairs.count >= minimumForDiscrimination else { return nil }
        let ones = pairs.filter { $0.x == 1 }.map(\.rest), zeros = pairs.filter { $0.x == 0 }.map(\.rest)
        guard !ones.isEmpty, !zeros.isEmpty else { return nil }
        let mean = pairs.map(\.rest).reduce(0, +) / n
        let variance = pairs.map { ($0.rest - mean) * ($0.rest - mean) }.reduce(0, +) / n
        guard variance > 1e-12 else { return nil }
        let m1 = ones.reduce(0, +) / Double(ones.count), m0 = zeros.reduce(0, +) / Double(zeros.count)
        let p = Double(ones.count) / n
        return (m1 - m0) / variance.squareRoot() * (p * (1 - p)).squareRoot()
    }
}
