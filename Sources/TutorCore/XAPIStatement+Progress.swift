import Foundation

extension XAPIStatement {
    /// The progress events this statement records: the inverse of `statements(for:…)`, so a class report
    /// built from an LRS matches one built from the learners' files. An `answered` item becomes the answer
    /// (and, when it was the final wrong one, the miss that follows it); `experienced` with a grade a
    /// review grade; `passed`/`failed` a test score; a completed challenge its score. Completions of try
    /// and practice add nothing (the answers already say it); statements of other tools add nothing.
    public var progressEvents: [ProgressEvent] {
        guard let target = XAPI.target(of: object.id) else { return [] }
        let ext = result?.extensions
        let seconds = result?.duration.flatMap(XAPI.seconds(ofDuration:))
        switch (verb.id, target) {
        case (XAPIVerb.answered.id, let .item(lesson, item)):
            guard let mode = ext?.mode.flatMap(AnswerMode.init(rawValue:)), mode != .review, mode != .v1 else { return [] }
            let answer = Answer(at: timestamp, mode: mode, chosen: ext?.chosen ?? result?.response.map(Self.parts),
                                wrongBlanks: (ext?.wrongBlanks ?? []).filter { $0 >= 1 }, correct: result?.success,
                                attempt: ext?.attempt.map { max(1, $0) }, seconds: seconds,
                                grade: ext?.grade.flatMap(Grade.init(rawValue:)), timedOut: ext?.timedOut ?? false)
            var events: [ProgressEvent] = [.attempt(lesson: lesson, item: item, answer: answer)]
            if answer.grade == .again, answer.correct != true { events.append(.missed(lesson: lesson, item: item, at: timestamp)) }
            return events
        case (XAPIVerb.experienced.id, let .item(lesson, item)):
            guard let grade = ext?.grade.flatMap(Grade.init(rawValue:)) else { return [] }
            return [.reviewed(lesson: lesson, item: item, grade: grade, seconds: seconds, at: timestamp)]
        case (XAPIVerb.passed.id, let .mode(lesson, mode)), (XAPIVerb.failed.id, let .mode(lesson, mode)):
            guard mode == Mode.test.rawValue, let (score, total) = scoreAndTotal else { return [] }
            return [.testScore(lesson: lesson, score: score, total: total, at: timestamp)]
        case (XAPIVerb.completed.id, let .mode(lesson, mode)):
            guard mode == Mode.challenge.rawValue, let (score, total) = scoreAndTotal else { return [] }
            return [.challengeScore(lesson: lesson, score: score, total: total, at: timestamp)]
        default:
            return []
        }
    }

    /// raw and max of the score as whole numbers, when they make a score (0 ≤ raw ≤ max).
    private var scoreAndTotal: (Int, Int)? {
        guard let raw = result?.score?.raw, let max = result?.score?.max, raw >= 0, raw <= max, max < 1e9,
              raw == raw.rounded(), max == max.rounded() else { return nil }
        return (Int(raw), Int(max))
    }

    /// `A[,]C` → ["A", "C"]; an empty part is an empty blank.
    private static func parts(_ response: String) -> [String?] {
        response.components(separatedBy: "[,]").map { $0.isEmpty ? nil : $0 }
    }
}

/// Learners rebuilt from statements (read from an LRS) for the class report.
public enum XAPIRoster {
    /// One `ClassMember` per learner (by `XAPIAgent.learnerName`), their statements applied oldest first
    /// (by timestamp, then attempt, so "right at the first try" is decided as the tutor decided it);
    /// a statement id seen twice counts once. Also returns how many statements were not Unroll's.
    public static func members(from statements: [XAPIStatement]) -> (members: [ClassMember], ignored: Int) {
        var seen = Set<String>()
        var byLearner: [String: [XAPIStatement]] = [:]
        var ignored = 0
        for s in statements where seen.insert(s.id.lowercased()).inserted {
            guard let name = s.actor.learnerName, !s.progressEvents.isEmpty else {
                ignored += 1
                continue
            }
            byLearner[name, default: []].append(s)
        }
        let members = byLearner.keys.sorted().map { name -> ClassMember in
            let ordered = byLearner[name]!.sorted { a, b in
                if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
                let (x, y) = (a.result?.extensions?.attempt ?? 0, b.result?.extensions?.attempt ?? 0)
                return x != y ? x < y : a.id < b.id
            }
            var progress = LearnerProgress(learner: name)
            for s in ordered { progress.apply(s.progressEvents) }
            return ClassMember(name: name, sources: [], progress: progress)
        }
        return (members, ignored)
    }
}
