import Foundation

/// The lessons as the progress report needs them: ids, titles and item ids in course order. Neutral on
/// purpose, so the report does not depend on the lesson format; the command builds it from the lessons.
public struct ProgressOutline: Sendable, Equatable {
    public struct Lesson: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Task and question ids in the lesson's order.
        public var itemIDs: [String]

        public init(id: String, title: String, itemIDs: [String]) {
            self.id = id
            self.title = title
            self.itemIDs = itemIDs
        }
    }

    public var lessons: [Lesson]

    public init(lessons: [Lesson]) { self.lessons = lessons }
}
