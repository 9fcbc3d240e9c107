/// One line of a screen's key help.
public struct HelpEntry: Sendable, Equatable {
    public var keys: String
    public var does: String
    public init(_ keys: String, _ does: String) {
        self.keys = keys
        self.does = does
    }
}
