import Foundation
import TutorCore

/// Decoded lessons kept between runs (issue 19): decoding the YAML of the ten lessons was 60 % of the
/// tutor's launch. `lessons.cache` in Unroll's cache folder (`CacheFile`, which says why a stale,
/// corrupt or forged entry can never be read as a lesson) maps a lesson file's bytes (kept whole, so the
/// cache holds the files too: ~570 KB for the ten lessons) to the lesson in `LessonBinary`'s form. Only lessons that decoded without a problem are kept, so `unroll check`
/// reports the same problems with or without it.
public final class LessonCache {
    let file: CacheFile
    public var path: String { file.path }

    static let magic = "UNROLL-LESSONS\n"
    /// Older entries kept besides this run's (another lessons folder, an earlier edit being undone).
    static let maxEntries = 64

    /// The cache for this user and this binary, or nil when there is no place for it; seeded from the one an
    /// installed copy ships, so a learner's first launch does not decode the lessons.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonCache? {
        CacheFile.standard("lessons.cache", magic: magic, maxEntries: maxEntries, environment: environment).map(LessonCache.init(file:))
    }

    /// A cache at `path` for the build `stamp` names, seeded from the read-only file `seed`.
    public convenience init(path: String, stamp: [UInt8], seed: String? = nil) {
        self.init(file: CacheFile(path: path, magic: Self.magic, stamp: stamp, maxEntries: Self.maxEntries, seed: seed))
    }

    init(file: CacheFile) { self.file = file }

    /// The decoding of a lesson file with exactly these bytes, when one is kept and reads back intact.
    public func decoding(for bytes: [UInt8]) -> LessonDecoding? {
        file.value(for: bytes, decode: Self.decoding)
    }

    /// Keeps `decoded` for files with these bytes, when it decoded without a problem.
    public func remember(_ decoded: LessonDecoding, for bytes: [UInt8]) {
        guard decoded.problems.isEmpty, let lesson = decoded.lesson else { return }
        file.store(Self.payload(lesson: lesson, idPosition: decoded.idPosition, stateDictPosition: decoded.stateDictPosition),
                   for: bytes)
    }

    /// Writes the cache when this run added or dropped an entry.
    public func saveIfChanged() { file.saveIfChanged() }

    static func payload(lesson: Lesson, idPosition: SourcePosition?, stateDictPosition: SourcePosition?) -> [UInt8] {
        var w = LessonBinary.Writer()
        w.write(idPosition)
        w.write(stateDictPosition)
        w.write(lesson)
        return w.bytes
    }

    static func decoding(_ payload: ArraySlice<UInt8>) -> LessonDecoding? {
        var r = LessonBinary.Reader(payload)
        do {
            let idPosition = try r.readOptional(SourcePosition.self)
            let stateDictPosition = try r.readOptional(SourcePosition.self)
            let lesson = try r.read(Lesson.self)
            guard r.isAtEnd else { return nil }
            return LessonDecoding(lesson: lesson, problems: [], idPosition: idPosition, stateDictPosition: stateDictPosition)
        } catch {
            return nil
        }
    }
}
