import Foundation

/// One item or card of a review session, with where it stands.
public struct ReviewItem: Sendable, Equatable {
    public var lesson: String
    public var item: String
    public var kind: ProgressOutline.Kind
    /// Nil for a card never graded yet (a new card of a lesson the learner has started).
    public var schedule: ItemSchedule?

    public init(lesson: String, item: String, kind: ProgressOutline.Kind, schedule: ItemSchedule?) {
        self.lesson = lesson
        self.item = item
        self.kind = kind
        self.schedule = schedule
    }

    public var isNew: Bool { schedule == nil }
    /// Missed `FSRS.leechThreshold` times in review: its card should send the learner back to the source.
    public var isLeech: Bool { schedule?.isLeech ?? false }
}

/// How a review session is put together (the defaults are what the tutor uses).
public struct ReviewPolicy: Sendable, Equatable {
    public var fsrs: FSRS
    /// New cards introduced per local day, across the course (Anki's default is 20).
    public var newCardsPerDay: Int
    /// One new card after every this many due items (Anki's "mix new cards and reviews").
    public var dueBetweenNew: Int
    /// Seconds an item of each kind is expected to take before the learner has any answer times.
    public var defaultSeconds: [ProgressOutline.Kind: Int]

    public init(fsrs: FSRS = FSRS(), newCardsPerDay: Int = 20, dueBetweenNew: Int = 4,
                defaultSeconds: [ProgressOutline.Kind: Int] = [.fill: 45, .choice: 30, .card: 10]) {
        self.fsrs = fsrs
        self.newCardsPerDay = max(0, newCardsPerDay)
        self.dueBetweenNew = max(1, dueBetweenNew)
        self.defaultSeconds = defaultSeconds
    }
}

/// Days in a row with at least one answer or review grade.
public struct Streak: Sendable, Equatable {
    /// 0 when neither today nor yesterday had any; else the run ending today (or yesterday, when today
    /// has nothing yet: the streak is kept until today ends).
    public var days: Int
    /// Today already counts.
    public var includesToday: Bool

    public init(days: Int, includesToday: Bool) {
        self.days = days
        self.includesToday = includesToday
    }
}

extension LearnerProgress {
    /// Every item and card of the outline's lessons, in course order, with its schedule (nil: never graded).
    public func reviewItems(outline: ProgressOutline, timeZone: TimeZone, fsrs: FSRS = FSRS()) -> [ReviewItem] {
        outline.lessons.flatMap { lesson in
            lesson.items.map { item in
                ReviewItem(lesson: lesson.id, item: item.id, kind: item.kind,
                           schedule: fsrs.schedule(self.item(lesson: lesson.id, item: item.id)?.history ?? [], timeZone: timeZone))
            }
        }
    }

    /// What is due across the course on the local day of `now`: every item and card whose due day has
    /// come (the longest overdue first, then course order), with the new cards of every lesson the
    /// learner has started mixed in, one after every `dueBetweenNew` due items, up to the day's limit.
    /// Tasks and questions join the review once answered (introduced) in their own mode; a lesson's
    /// cards join it once the learner has answered anything in that lesson.
    /// With `firstLesson`, that lesson's due items and new cards come first (its own Review mode).
    public func dueReview(outline: ProgressOutline, at now: Date, timeZone: TimeZone,
                          firstLesson: String? = nil, policy: ReviewPolicy = ReviewPolicy()) -> [ReviewItem] {
        let today = CalendarDay(now, in: timeZone)
        let all = reviewItems(outline: outline, timeZone: timeZone, fsrs: policy.fsrs)
        let started = Set(outline.lessons.map(\.id).filter { id in lessons[id]?.items.values.contains { !$0.history.isEmpty } == true })
        let due = all.enumerated()
            .filter { $0.element.schedule?.isDue(on: today) == true }
            .sorted { a, b in
                let (x, y) = (a.element.schedule!.due, b.element.schedule!.due)
                return x != y ? x < y : a.offset < b.offset
            }
            .map(\.element)
        // Cards first graded today used part of today's allowance.
        let introducedToday = all.filter { $0.kind == .card && $0.schedule != nil && firstGradedDay(lesson: $0.lesson, item: $0.item, timeZone: timeZone) == today }.count
        let allowance = max(0, policy.newCardsPerDay - introducedToday)
        let fresh = Array(all.filter { $0.kind == .card && $0.isNew && started.contains($0.lesson) }.prefix(allowance))
        guard let firstLesson else { return Self.mix(due, fresh, every: policy.dueBetweenNew) }
        let (mineDue, otherDue) = (due.filter { $0.lesson == firstLesson }, due.filter { $0.lesson != firstLesson })
        let (mineNew, otherNew) = (fresh.filter { $0.lesson == firstLesson }, fresh.filter { $0.lesson != firstLesson })
        return Self.mix(mineDue, mineNew, every: policy.dueBetweenNew) + Self.mix(otherDue, otherNew, every: policy.dueBetweenNew)
    }

    /// Due items and new cards per lesson id (those in the day's session), and in all.
    public func dueCounts(outline: ProgressOutline, at now: Date, timeZone: TimeZone,
                          policy: ReviewPolicy = ReviewPolicy()) -> (perLesson: [String: Int], total: Int) {
        let session = dueReview(outline: outline, at: now, timeZone: timeZone, policy: policy)
        var per: [String: Int] = [:]
        for item in session { per[item.lesson, default: 0] += 1 }
        return (per, session.count)
    }

    /// The median seconds this learner took per item kind, from the answers and grades that ended a
    /// showing (review grades are preferred when the kind has any: a session shows items as cards);
    /// nil for a kind with no timed entry.
    public func medianSeconds(outline: ProgressOutline) -> [ProgressOutline.Kind: Int] {
        var review: [ProgressOutline.Kind: [Int]] = [:], any: [ProgressOutline.Kind: [Int]] = [:]
        for lesson in outline.lessons {
            for item in lesson.items {
                for entry in self.item(lesson: lesson.id, item: item.id)?.history ?? [] {
                    guard entry.grade != nil, let s = entry.seconds else { continue }
                    any[item.kind, default: []].append(s)
                    if entry.mode == .review { review[item.kind, default: []].append(s) }
                }
            }
        }
        var out: [ProgressOutline.Kind: Int] = [:]
        for kind in ProgressOutline.Kind.allCases {
            if let m = Self.median(review[kind] ?? []) ?? Self.median(any[kind] ?? []) { out[kind] = m }
        }
        return out
    }

    /// Seconds a session of `items` should take: the learner's median per kind, else the policy's default.
    public func estimatedSeconds(for items: [ReviewItem], outline: ProgressOutline, policy: ReviewPolicy = ReviewPolicy()) -> Int {
        let medians = medianSeconds(outline: outline)
        var total = 0
        for item in items {
            let s = medians[item.kind] ?? policy.defaultSeconds[item.kind] ?? 0
            let (sum, overflow) = total.addingReportingOverflow(s)
            total = overflow ? .max : sum
        }
        return total
    }

    /// The "~4 min" of a session: whole minutes rounded up, 0 only for an empty one.
    public static func minutes(seconds: Int) -> Int {
        seconds <= 0 ? 0 : seconds / 60 + (seconds % 60 == 0 ? 0 : 1)
    }

    /// The local days with an answer, a review grade, a test or a challenge.
    public func activeDays(timeZone: TimeZone) -> Set<CalendarDay> {
        var days = Set<CalendarDay>()
        for lesson in lessons.values {
            for item in lesson.items.values {
                for entry in item.history { days.insert(CalendarDay(entry.at, in: timeZone)) }
            }
            for score in lesson.tests + lesson.challenges { days.insert(CalendarDay(score.at, in: timeZone)) }
        }
        return days
    }

    /// The streak on the local day of `now`: consecutive days with something answered or reviewed,
    /// ending today, or yesterday when today has nothing yet; a day with nothing breaks it.
    public func streak(at now: Date, timeZone: TimeZone) -> Streak {
        let days = activeDays(timeZone: timeZone)
        let today = CalendarDay(now, in: timeZone)
        let includesToday = days.contains(today)
        var day = includesToday ? today : today + -1
        var count = 0
        while days.contains(day) {
            count += 1
            day = day + -1
        }
        return Streak(days: count, includesToday: includesToday)
    }

    /// Items and cards learned: of the outline's, those whose latest graded recall was Hard, Good or Easy
    /// (remembered the last time they were asked). A forgotten one stops counting until recalled again.
    public func learnedCount(outline: ProgressOutline, timeZone: TimeZone, fsrs: FSRS = FSRS()) -> Int {
        reviewItems(outline: outline, timeZone: timeZone, fsrs: fsrs).filter { $0.schedule?.lastGrade.isPass == true }.count
    }

    /// The outline's leeches, in course order.
    public func leeches(outline: ProgressOutline, timeZone: TimeZone, fsrs: FSRS = FSRS()) -> [ReviewItem] {
        reviewItems(outline: outline, timeZone: timeZone, fsrs: fsrs).filter(\.isLeech)
    }

    private func firstGradedDay(lesson: String, item: String, timeZone: TimeZone) -> CalendarDay? {
        let first = self.item(lesson: lesson, item: item)?.history.filter { $0.grade != nil }.map(\.at).min()
        return first.map { CalendarDay($0, in: timeZone) }
    }

    /// `due` with one of `fresh` after every `every` of them; what is left of `fresh` at the end.
    static func mix(_ due: [ReviewItem], _ fresh: [ReviewItem], every: Int) -> [ReviewItem] {
        var out: [ReviewItem] = []
        var pending = fresh[...]
        for (i, item) in due.enumerated() {
            out.append(item)
            if (i + 1) % every == 0, let next = pending.popFirst() { out.append(next) }
        }
        return out + pending
    }

    /// The middle value (the lower of the two middle ones for an even count); nil for none.
    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[(sorted.count - 1) / 2]
    }
}
