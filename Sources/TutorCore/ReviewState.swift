import Foundation

/// A review session: what the scheduler has due, one item at a time. A card shows its prompt, Space its
/// answer, and the learner grades it Again / Hard / Good / Easy (1–4); a task or question due for review
/// is answered on the Try / Practice screen it has, and graded from the answer (`Grade.forAnswer`).
/// "Again" brings the item back within the session (`ReviewQueue`). Every grade is recorded as it is
/// given, so leaving halfway loses nothing.
public struct ReviewState: Sendable, Equatable {
    /// Whose items the session holds.
    public enum Scope: Sendable, Equatable {
        /// Everything due across the course (the menu's `v`).
        case course
        /// A lesson's own Review mode (its index): its due items, or with none due its cards.
        case lesson(Int)
    }

    public var scope: Scope
    public var queue: ReviewQueue
    /// The lesson had nothing due, so its cards are shown ahead of schedule (and still graded).
    public var ahead: Bool
    /// A card's answer is shown.
    public var revealed = false
    /// The task or question on screen (nil for a card), answered with the Try / Practice keys.
    public var work: ItemWork?
    /// The grade of the task or question on screen once its answer is over; `n` moves on.
    public var pendingGrade: Grade?
    public var scroll = 0
    /// When the item on screen was shown, for the seconds a grade took.
    public var shownAt: Date?

    public init(scope: Scope, items: [ReviewItem], ahead: Bool = false) {
        self.scope = scope
        self.queue = ReviewQueue(items)
        self.ahead = ahead
    }

    public var isFinished: Bool { queue.isFinished }
    /// The place of the item on screen (1-based) and the items in the session so far (an item graded
    /// Again counts again when it comes back).
    public var place: (shown: Int, of: Int) { (queue.graded.count + 1, queue.graded.count + queue.remaining.count) }
    /// Grades given, by grade (an item graded Again and then Good counts in both).
    public func count(_ grade: Grade) -> Int { queue.graded.filter { $0.grade == grade }.count }
    public var lessonIndex: Int? {
        switch scope {
        case .course: nil
        case .lesson(let i): i
        }
    }
}

/// An item of a review session with what it shows: a card, or a task or question.
public struct ReviewEntry: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case card(ReviewCard)
        case item(LessonItem)
    }

    public var lessonIndex: Int
    public var item: ReviewItem
    public var content: Content

    /// Where the lesson teaches it (`teaches:`), if it says.
    public var teaches: TeachesLink? {
        switch content {
        case .card(let card): card.teaches
        case .item(let item): item.teaches
        }
    }
}

extension ReviewState {
    /// The item on screen with its content, looked up in the course by lesson and item id (so a lesson
    /// reloaded in preview shows its new text).
    public func current(in lessons: [Lesson]) -> ReviewEntry? {
        guard let item = queue.current, let index = lessons.firstIndex(where: { $0.id == item.lesson }) else { return nil }
        let lesson = lessons[index]
        if let card = lesson.review?.cards.first(where: { $0.id == item.item }) {
            return ReviewEntry(lessonIndex: index, item: item, content: .card(card))
        }
        return lesson.item(id: item.item).map { ReviewEntry(lessonIndex: index, item: item, content: .item($0)) }
    }

    /// Puts the queue's next item on screen: a card's front, or a fresh showing of a task or question.
    mutating func show(_ context: ScreenContext) {
        revealed = context.settings.preview
        pendingGrade = nil
        scroll = 0
        shownAt = context.now
        work = nil
        guard let entry = current(in: context.lessons), case .item(let item) = entry.content else { return }
        let attempts = if case .fill(let task) = item { task.attempts } else { 1 }
        work = ItemWork(item, lessonIndex: entry.lessonIndex, index: place.shown - 1, count: place.of, attempts: attempts, shownAt: context.now)
    }
}

extension ScreenContext {
    /// A lesson's own Review: its part of the day's review (due items and new cards, as the menu counts
    /// them); when none is due, its cards in order, ahead of schedule. Nil for a lesson with neither.
    func openingReview(lessonIndex: Int, task: Int) -> OpenedScreen? {
        let lesson = lessons[lessonIndex]
        var items = dueItems(lesson: lesson.id)
        let ahead = items.isEmpty
        if ahead {
            items = (lesson.review?.cards ?? []).map { card in
                ReviewItem(lesson: lesson.id, item: card.id, kind: .card,
                           schedule: FSRS().schedule(progress.item(lesson: lesson.id, item: card.id)?.history ?? [], timeZone: timeZone))
            }
        }
        guard !items.isEmpty else { return nil }
        // Preview may jump to any card.
        if settings.preview, task > 0 { items.removeFirst(min(task, items.count - 1)) }
        var review = ReviewState(scope: .lesson(lessonIndex), items: items, ahead: ahead)
        review.show(self)
        return OpenedScreen(screen: .review(review), commands: [leftOff(lesson, .review, item: "")])
    }

    /// Everything due across the course today (the menu's `v`); nil when nothing is.
    public func openingCourseReview() -> OpenedScreen? {
        let items = progress.dueReview(outline: ProgressOutline(lessons), at: now, timeZone: timeZone)
        guard !items.isEmpty else { return nil }
        var review = ReviewState(scope: .course, items: items)
        review.show(self)
        return OpenedScreen(screen: .review(review), commands: [])
    }

    /// The place a `teaches:` link leads to: a page at its heading, the visualizer at its step, a
    /// playground snippet. Nil when the lesson no longer has it.
    public func openingSource(_ link: TeachesLink, lessonIndex: Int) -> OpenedScreen? {
        guard lessons.indices.contains(lessonIndex) else { return nil }
        let lesson = lessons[lessonIndex]
        switch link {
        case .page(let mode, let heading):
            guard var opened = opening(mode, lessonIndex: lessonIndex, task: 0) else { return nil }
            if case .page(var page) = opened.screen, let heading,
               let block = lesson.headings(on: mode).first(where: { $0.text == lesson.heading(matching: heading, on: mode) })?.block {
                page.heading = block
                opened.screen = .page(page)
            }
            return opened
        case .visualize(let step):
            guard var opened = opening(.visualize, lessonIndex: lessonIndex, task: 0) else { return nil }
            if case .visualize(var vis) = opened.screen, let step {
                vis.reveal(step, width: size.width)
                opened.screen = .visualize(vis)
            }
            return opened
        case .playground(let snippet):
            let index = snippet.flatMap { id in lesson.playground?.snippets.firstIndex { $0.id == id } } ?? 0
            return opening(.playground, lessonIndex: lessonIndex, task: index)
        }
    }
}

extension LearnerProgress {
    /// One item's schedule now (nil: never graded), e.g. to mark a leech the moment it becomes one.
    public func schedule(lesson: String, item: String, timeZone: TimeZone, fsrs: FSRS = FSRS()) -> ItemSchedule? {
        fsrs.schedule(self.item(lesson: lesson, item: item)?.history ?? [], timeZone: timeZone)
    }
}
