import Foundation
import TutorCore
import TutorStore

/// Watches one lesson file by its modification time (checked twice a second) and, when it changes,
/// decodes it again: the lesson, or its problems as `unroll check` prints them.
public struct LessonWatcher {
    public let path: String
    public private(set) var nextCheck: Date
    private var stamp: Date?
    private var size: Int?

    public init(path: String) {
        self.path = path
        self.nextCheck = Date().addingTimeInterval(0.5)
        (stamp, size) = LessonWatcher.stat(path)
    }

    static func stat(_ path: String) -> (Date?, Int?) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.modificationDate] as? Date, (attributes?[.size] as? NSNumber)?.intValue)
    }

    /// When due: the message for a changed file, or nil.
    public mutating func poll() -> Msg? {
        guard Date() >= nextCheck else { return nil }
        nextCheck = Date().addingTimeInterval(0.5)
        let (newStamp, newSize) = LessonWatcher.stat(path)
        guard newStamp != stamp || newSize != size else { return nil }
        (stamp, size) = (newStamp, newSize)
        let load = LessonLibrary.loadLesson(path, folder: URL(fileURLWithPath: "."))
        if let lesson = load.lesson { return .lessonReloaded(lesson) }
        return .lessonBroken(load.problems.map(\.description))
    }
}
