import Foundation

/// What statements need to know about the course: lesson titles, each item's kind (a task is a fill-in
/// interaction, a question a choice), and the items of try and practice (a mode is completed when every
/// one of them has been answered to the end). Neutral, like `ProgressOutline`; `init(_ lessons:)`
/// builds it from the lessons.
public struct XAPICourse: Sendable, Equatable {
    public struct Lesson: Sendable, Equatable {
        public var id: String
        public var title: String
        public var kinds: [String: ProgressOutline.Kind]
        /// Mode name ("try", "practice") → its item ids.
        public var modeItems: [String: [String]]

        public init(id: String, title: String, kinds: [String: ProgressOutline.Kind], modeItems: [String: [String]]) {
            self.id = id
            self.title = title
            self.kinds = kinds
            self.modeItems = modeItems
        }
    }

    public var lessons: [String: Lesson]

    public init(lessons: [Lesson]) {
        self.lessons = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public init(_ lessons: [TutorCore.Lesson]) {
        let outline = ProgressOutline(lessons)
        self.init(lessons: zip(lessons, outline.lessons).map { lesson, line in
            Lesson(id: lesson.id, title: lesson.title,
                   kinds: Dictionary(line.items.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a }),
                   modeItems: [Mode.try.rawValue: lesson.tryIt?.tasks.map(\.id) ?? [],
                               Mode.practice.rawValue: lesson.practice?.questions.map(\.id) ?? []])
        })
    }
}
