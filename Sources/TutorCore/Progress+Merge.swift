import Foundation

extension LearnerProgress {
    /// Combines two copies so that nothing either one recorded is lost. Commutative, associative and
    /// idempotent (each field is a join): attempts take the larger count, flags are OR-ed, histories are
    /// the union of their entries (an entry both hold counts once; the schedule is recomputed from it),
    /// `rightAtFirstTry` is AND-ed (right first time only if no copy saw a wrong first attempt), first
    /// time is the earlier, last time the later, scores are the union by (date, score, total), lessons
    /// and items are the union of ids (ids no longer in the lessons are kept), the resume point is the
    /// later one, the learner's name the one either names (the larger when both do). Status then follows:
    /// solved wins over missed.
    ///
    /// The store itself replays the events it has not yet saved on top of the file it reads under the
    /// lock (exact counts, and a reset by another instance stays reset); `merging` is for combining two
    /// whole snapshots, e.g. what this instance knew with a file that was damaged under it.
    public func merging(_ other: LearnerProgress) -> LearnerProgress {
        var out = LearnerProgress()
        out.formatVersion = max(formatVersion, other.formatVersion)
        switch (learner, other.learner) {
        case let (a?, b?): out.learner = max(a, b)
        case let (a, b): out.learner = a ?? b
        }
        out.lessons = lessons.merging(other.lessons) { $0.merging($1) }
        switch (resumePoint, other.resumePoint) {
        case let (a?, b?): out.resumePoint = ResumePoint.later(a, b)
        case let (a, b): out.resumePoint = a ?? b
        }
        return out
    }
}

extension LessonProgress {
    public func merging(_ other: LessonProgress) -> LessonProgress {
        LessonProgress(
            items: items.merging(other.items) { $0.merging($1) },
            tests: LearnerProgress.union(tests, other.tests),
            challenges: LearnerProgress.union(challenges, other.challenges)
        )
    }
}

extension ItemProgress {
    public func merging(_ o: ItemProgress) -> ItemProgress {
        func join<T: Comparable>(_ a: T?, _ b: T?, _ pick: (T, T) -> T) -> T? {
            switch (a, b) {
            case let (x?, y?): return pick(x, y)
            default: return a ?? b
            }
        }
        return ItemProgress(
            attemptsUsed: max(attemptsUsed, o.attemptsUsed),
            solved: solved || o.solved,
            missed: missed || o.missed,
            hintSeen: hintSeen || o.hintSeen,
            mistakesSeen: mistakesSeen || o.mistakesSeen,
            solutionSeen: solutionSeen || o.solutionSeen,
            rightAtFirstTry: join(rightAtFirstTry.map { $0 ? 1 : 0 }, o.rightAtFirstTry.map { $0 ? 1 : 0 }, min).map { $0 == 1 },
            firstAt: join(firstAt, o.firstAt, min),
            lastAt: join(lastAt, o.lastAt, max),
            history: Self.union(history, o.history)
        )
    }

    /// Each distinct entry as many times as the copy that holds it most often (a multiset join, so
    /// merging a copy with itself changes nothing), in the total order of `Answer.precedes`.
    static func union(_ a: [Answer], _ b: [Answer]) -> [Answer] {
        var counts: [Answer: Int] = [:]
        for x in a { counts[x, default: 0] += 1 }
        var other: [Answer: Int] = [:]
        for x in b { other[x, default: 0] += 1 }
        counts.merge(other) { Swift.max($0, $1) }
        return counts.keys.sorted(by: Answer.precedes).flatMap { Array(repeating: $0, count: counts[$0]!) }
    }
}

extension ResumePoint {
    /// The later one; on the same second, the larger by (lesson, mode, task) so both sides agree.
    static func later(_ a: ResumePoint, _ b: ResumePoint) -> ResumePoint {
        (a.at, a.lesson, a.mode, a.task) >= (b.at, b.lesson, b.mode, b.task) ? a : b
    }
}
