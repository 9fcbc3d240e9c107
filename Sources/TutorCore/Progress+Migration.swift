import Foundation

extension LearnerProgress {
    /// A format-1 file's content in format 2. Format 1 kept counters, not answers, so each item that was
    /// answered gets one `v1` history entry dated at its last answer, graded from its counters as an
    /// answer would be: right at the first try → Good, solved later → Hard, missed → Again. Items only
    /// looked at (a hint, nothing answered) get none. What was chosen and how long it took were never
    /// recorded; those entries leave them out. `formatVersion` stays 1: the store keeps the old file as
    /// `progress.json.v1` before it writes format 2.
    public func migratingFromV1() -> LearnerProgress {
        var out = self
        for (lessonID, lesson) in lessons {
            for (itemID, item) in lesson.items where item.history.isEmpty {
                guard let entry = item.v1Entry else { continue }
                out.lessons[lessonID]?.items[itemID]?.history = [entry]
            }
        }
        return out
    }
}

extension ItemProgress {
    /// The one history entry a format-1 record stands for, if it was answered and dated.
    var v1Entry: Answer? {
        guard attemptsUsed > 0 || missed, let at = lastAt ?? firstAt else { return nil }
        let grade: Grade
        if solved { grade = rightAtFirstTry == true ? .good : .hard } else if missed { grade = .again } else { return nil }
        return Answer(at: at, mode: .v1, correct: solved, grade: grade)
    }
}
