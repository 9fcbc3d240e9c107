import Foundation
import RNNEngine

/// What a screen's `update` may read of the rest of the tutor: the course, the window, the clock as
/// the runtime set it, the settings and the progress. A value, so a screen cannot change them; it asks
/// with `Command`s instead.
public struct ScreenContext: Sendable {
    public var lessons: [Lesson]
    public var size: Size
    /// How far the screen on top can scroll, as the last frame measured it.
    public var scrollLimit: Int
    /// The first row of content the last frame drew.
    public var scrollOffset: Int
    public var now: Date
    public var settings: Settings
    public var progress: LearnerProgress
    /// The state_dicts of lessons' `visualize` sections (lesson id → tensors), read at the edge.
    public var visualizeWeights: [String: [String: Tensor]]
    /// The learner's time zone, for due days and the streak.
    public var timeZone: TimeZone

    public init(lessons: [Lesson], size: Size, scrollLimit: Int = 0, scrollOffset: Int = 0, now: Date = Date(timeIntervalSince1970: 0),
                settings: Settings = Settings(), progress: LearnerProgress = LearnerProgress(),
                visualizeWeights: [String: [String: Tensor]] = [:], timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.lessons = lessons
        self.size = size
        self.scrollLimit = scrollLimit
        self.scrollOffset = scrollOffset
        self.now = now
        self.settings = settings
        self.progress = progress
        self.visualizeWeights = visualizeWeights
        self.timeZone = timeZone
    }

    /// A lesson at a glance: its modes' stages, its mastery, the mode worth doing next (Review while the
    /// scheduler has its items due today).
    public func overview(lessonIndex: Int) -> LessonOverview {
        let lesson = lessons[lessonIndex]
        return LessonOverview(lesson: lesson, progress: progress, due: dueItems(lesson: lesson.id))
    }

    /// The lesson's part of the day's review across the course (its due items and new cards, in order).
    public func dueItems(lesson id: String) -> [ReviewItem] {
        progress.dueReview(outline: ProgressOutline(lessons), at: now, timeZone: timeZone, firstLesson: id).filter { $0.lesson == id }
    }

    /// The id of the lesson at `index` ("" when there is none).
    public func lessonID(_ index: Int) -> String { lessons.indices.contains(index) ? lessons[index].id : "" }

    /// Half a screen, the step of PgUp and PgDn.
    public var page: Int { max(1, size.height / 2) }

    /// `scroll` moved by `by` rows, kept within what the last frame measured.
    public func scrolled(_ scroll: Int, by: Int) -> Int { max(0, min(scrollLimit, scroll + by)) }
}

extension State {
    /// What the screen on top may read while it updates.
    public var context: ScreenContext {
        ScreenContext(lessons: lessons, size: size, scrollLimit: scrollLimit, scrollOffset: scrollOffset, now: now, settings: settings,
                      progress: progress, visualizeWeights: visualizeWeights, timeZone: timeZone)
    }
}
