import Foundation

/// Recall cards: the prompt, Space shows the answer, then "knew it" or "not yet". After the lesson's
/// cards come the items this learner missed before, most recently missed first.
public struct ReviewState: Sendable, Equatable {
    public enum Entry: Sendable, Equatable {
        case card(ReviewCard)
        /// A task or question the progress file marks as missed; its answer is the worked solution.
        case missed(LessonItem)
    }

    public var lessonIndex: Int
    public var entries: [Entry]
    public var index = 0
    public var revealed = false
    /// "Knew it" (true) or "not yet" (false) for each entry answered so far.
    public var marks: [Bool] = []
    public var scroll = 0
    /// When the entry on screen was shown, for the seconds a grade took.
    public var shownAt: Date?

    public init(lessonIndex: Int, entries: [Entry]) {
        self.lessonIndex = lessonIndex
        self.entries = entries
    }

    public var isFinished: Bool { marks.count == entries.count }
    public var knew: Int { marks.filter { $0 }.count }
    public var cardCount: Int { entries.filter { if case .card = $0 { true } else { false } }.count }
}

extension LearnerProgress {
    /// The lesson's items this learner missed, most recently missed first (ties keep lesson order).
    public func missedItems(lesson: Lesson) -> [LessonItem] {
        let missed = lesson.gradableItems.enumerated().compactMap { i, item -> (Int, LessonItem, Date)? in
            guard let p = self.item(lesson: lesson.id, item: item.id), p.missed else { return nil }
            return (i, item, p.lastAt ?? .distantPast)
        }
        return missed.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.map(\.1)
    }
}

extension State {
    mutating func openReview(lessonIndex: Int, task: Int = 0) -> [Effect] {
        let lesson = lessons[lessonIndex]
        let cards = (lesson.review?.cards ?? []).map(ReviewState.Entry.card)
        let missed = progress.missedItems(lesson: lesson).map(ReviewState.Entry.missed)
        guard !cards.isEmpty || !missed.isEmpty else { return [] }
        var review = ReviewState(lessonIndex: lessonIndex, entries: cards + missed)
        review.shownAt = now
        if settings.preview {
            review.revealed = true
            review.index = min(max(0, task), review.entries.count - 1)
            review.marks = Array(repeating: true, count: review.index)
        }
        route.append(.review(review))
        return []
    }

    mutating func updateReview(_ review: inout ReviewState, key: Key) -> [Effect] {
        switch key {
        case .char("q"), .escape:
            return back()
        case .pageUp, .up:
            review.scroll = max(0, review.scroll - (key == .up ? 1 : max(1, size.height / 2)))
            return []
        case .pageDown, .down:
            review.scroll = min(scrollLimit, review.scroll + (key == .down ? 1 : max(1, size.height / 2)))
            return []
        default:
            break
        }
        if review.isFinished {
            if key == .char("r") {
                route.removeLast()
                return openReview(lessonIndex: review.lessonIndex)
            }
            return []
        }
        if !review.revealed {
            if key == .char(" ") || key == .enter { review.revealed = true; review.scroll = 0 }
            return []
        }
        switch key {
        case .char("y"), .right:
            return mark(&review, knew: true)
        case .char("n"), .left:
            return mark(&review, knew: false)
        default:
            break
        }
        return []
    }

    /// "Knew it" is recorded as Good, "not yet" as Again, until the card offers all four grades.
    private mutating func mark(_ review: inout ReviewState, knew: Bool) -> [Effect] {
        let id: String
        switch review.entries[review.index] {
        case .card(let card): id = card.id
        case .missed(let item): id = item.id
        }
        let effects = record(.reviewed(lesson: lessonID(review.lessonIndex), item: id, grade: knew ? .good : .again,
                                       seconds: Answer.seconds(from: review.shownAt, to: now), at: now))
        review.shownAt = now
        review.marks.append(knew)
        review.scroll = 0
        if review.index + 1 < review.entries.count {
            review.index += 1
            review.revealed = settings.preview
        }
        return effects
    }

    mutating func updateReview(_ review: inout ReviewState, mouse: MouseEvent) -> [Effect] {
        _ = wheel(mouse.kind, &review.scroll)
        return []
    }
}
