/// `course.yaml`: the order of the lessons, by lesson id.
///
/// ```yaml
/// format_version: 1
/// lessons:
///   - why-rnns-handle-sequences
/// ```
public struct Course: Sendable, Equatable {
    /// One lesson id as listed, with where it was written (for cross-file problems).
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var position: SourcePosition
        public init(id: String, position: SourcePosition) { self.id = id; self.position = position }
    }

    public var formatVersion: Int
    public var entries: [Entry]

    public init(formatVersion: Int = LessonFormat.currentVersion, entries: [Entry]) {
        self.formatVersion = formatVersion
        self.entries = entries
    }

    /// Lesson ids in course order.
    public var lessonIDs: [String] { entries.map(\.id) }
}
