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

extension ScreenContext {
    func openingReview(lessonIndex: Int, task: Int) -> OpenedScreen? {
        let lesson = lessons[lessonIndex]
        let cards = (lesson.review?.cards ?? []).map(ReviewState.Entry.card)
        let missed = progress.missedItems(lesson: lesson).map(ReviewState.Entry.missed)
        guard !cards.isEmpty || !missed.isEmpty else { return nil }
        var review = ReviewState(lessonIndex: lessonIndex, entries: cards + missed)
        review.shownAt = now
        if settings.preview {
            review.revealed = true
            review.index = min(max(0, task), review.entries.count - 1)
            review.marks = Array(repeating: true, count: review.index)
        }
        return OpenedScreen(screen: .review(review), commands: [leftOff(lesson, .review, item: "")])
    }
}

extension ReviewState: ScreenModel {
    public var screen: Screen { .review(self) }
    public var position: ScreenPosition? { ScreenPosition(.review, lessonIndex, index) }
    public var helpTitle: String { "Review cards" }
    public var help: [HelpEntry] {
        [
            HelpEntry("Space Enter", "show the answer"),
            HelpEntry("y  →", "knew it"),
            HelpEntry("n  ←", "not yet"),
            HelpEntry("↑ ↓ PgUp PgDn", "scroll"),
            HelpEntry("r", "at the end: go through again"),
            HelpEntry("q  Esc", "back to the modes"),
            HelpEntry("mastery", Mastery.explanation),
        ]
    }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown: scroll = context.scrolled(scroll, by: 1)
            case .wheelUp: scroll = context.scrolled(scroll, by: -1)
            case .press, .release, .move: break
            }
            return []
        case .tick:
            return [.stopTimer]
        case .resize, .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        switch key {
        case .char("q"), .escape:
            return [.pop]
        case .up:
            scroll = context.scrolled(scroll, by: -1)
            return []
        case .down:
            scroll = context.scrolled(scroll, by: 1)
            return []
        case .pageUp:
            scroll = context.scrolled(scroll, by: -context.page)
            return []
        case .pageDown:
            scroll = context.scrolled(scroll, by: context.page)
            return []
        case .char, .ctrl, .left, .right, .home, .end, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        if isFinished {
            return key == .char("r") ? [.open(.review, lessonIndex: lessonIndex, task: 0, .replace)] : []
        }
        if !revealed {
            if key == .char(" ") || key == .enter { revealed = true; scroll = 0 }
            return []
        }
        if key == .char("y") || key == .right { return mark(knew: true, context) }
        if key == .char("n") || key == .left { return mark(knew: false, context) }
        return []
    }

    /// "Knew it" is recorded as Good, "not yet" as Again, until the card offers all four grades.
    private mutating func mark(knew: Bool, _ context: ScreenContext) -> [Command] {
        let id: String
        switch entries[index] {
        case .card(let card): id = card.id
        case .missed(let item): id = item.id
        }
        let lesson = context.lessonID(lessonIndex)
        let graded: [Command] = [.record(.reviewed(lesson: lesson, item: id, grade: knew ? .good : .again,
                                                   seconds: Answer.seconds(from: shownAt, to: context.now), at: context.now))]
        shownAt = context.now
        marks.append(knew)
        scroll = 0
        if index + 1 < entries.count {
            index += 1
            revealed = context.settings.preview
            return graded
        }
        // Gone through: the lesson's missed items are no longer due in this session.
        return graded + [.noteReviewed(lesson: lesson)]
    }
}
