/// A lesson as the tutor sees it. The full format (modes, tasks, questions) is decoded from YAML;
/// the menu needs only the stable id and the title.
public struct Lesson: Sendable, Equatable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
