import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore

/// The decoded-lesson cache: whatever is in it (nothing, this build's entries, another build's, a
/// corrupt file, a file that cannot be written), loading a course gives what decoding the YAML gives.
@Suite struct LessonCacheTests {
    static let stamp: [UInt8] = Array("test-build".utf8)

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The course folder loaded with a cache at `path`, and without one.
    static func loadBoth(_ folder: URL, cachePath: String, stamp: [UInt8] = stamp) -> (cached: CourseLoad, plain: CourseLoad) {
        (LessonLibrary.loadCourse(folder: folder, cache: LessonCache(path: cachePath, stamp: stamp)), LessonLibrary.loadCourse(folder: folder))
    }

    static func bytes(_ file: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: file)) }

    @Test func theSecondLoadReadsEveryLessonFromTheCacheAndGivesTheSameCourse() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c/unroll/lessons.cache").path
        let first = Self.loadBoth(LessonLibraryTests.repoLessons, cachePath: path)
        #expect(first.cached == first.plain)
        #expect(FileManager.default.fileExists(atPath: path))
        // A new cache object reads the file: every course lesson is in it.
        let cache = LessonCache(path: path, stamp: Self.stamp)
        for (id, file) in first.plain.files {
            let hit = cache.decoding(for: try Self.bytes(URL(fileURLWithPath: file)))
            #expect(hit?.lesson == first.plain.lessons.first { $0.id == id }, "\(id)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: cache)
        #expect(second == first.plain)
        // Nothing changed, so nothing was written.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anEditIsSeenAtOnceEvenWhenTheFileKeepsItsSizeAndTime() throws {
        let dir = try LessonLibraryTests.folder(["a.yaml": try LessonLibraryTests.lesson(id: "first")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cache/lessons.cache").path
        let file = dir.appendingPathComponent("a.yaml")
        _ = LessonLibrary.loadCourse(folder: dir, cache: LessonCache(path: path, stamp: Self.stamp))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        // Same length, same mtime: only the content differs.
        let edited = try LessonLibraryTests.lesson(id: "secnd")
        try edited.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: file.path)
        #expect(try Self.bytes(file).count == attributes[.size] as? Int)
        let (cached, plain) = Self.loadBoth(dir, cachePath: path)
        #expect(cached.lessons.map(\.id) == ["secnd"])
        #expect(cached == plain)
    }

    @Test func aLessonWithAProblemIsNeverKeptAndCheckSaysTheSameWithTheCache() throws {
        let good = try LessonLibraryTests.lesson(id: "good")
        let bad = good.replacingOccurrences(of: "id: good", with: "id: Bad Id")
        let dir = try LessonLibraryTests.folder(["a.yaml": good, "b.yaml": bad])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cache/lessons.cache").path
        let plain = LessonLibrary.check(paths: [dir])
        #expect(!plain.problems.isEmpty)
        for _ in 0 ..< 2 {
            let cached = LessonLibrary.check(paths: [dir], cache: LessonCache(path: path, stamp: Self.stamp))
            #expect(cached.problems == plain.problems)
            #expect(cached.summary == plain.summary)
        }
        let cache = LessonCache(path: path, stamp: Self.stamp)
        #expect(cache.decoding(for: try Self.bytes(dir.appendingPathComponent("a.yaml"))) != nil)
        #expect(cache.decoding(for: try Self.bytes(dir.appendingPathComponent("b.yaml"))) == nil)
    }

    @Test func anotherBuildsCacheIsIgnoredAndReplaced() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lessons.cache").path
        _ = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: Array("old".utf8)))
        let file = try #require(LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons).files.values.first)
        #expect(LessonCache(path: path, stamp: Array("old".utf8)).decoding(for: try Self.bytes(URL(fileURLWithPath: file))) != nil)
        #expect(LessonCache(path: path, stamp: Self.stamp).decoding(for: try Self.bytes(URL(fileURLWithPath: file))) == nil)
        let (cached, plain) = Self.loadBoth(LessonLibraryTests.repoLessons, cachePath: path)
        #expect(cached == plain)
        #expect(LessonCache(path: path, stamp: Self.stamp).decoding(for: try Self.bytes(URL(fileURLWithPath: file))) != nil)
    }

    @Test func aCorruptCacheIsAMissAndIsRepaired() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lessons.cache").path
        let plain = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons)
        _ = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: Self.stamp))
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        var rng = SystemRandomNumberGenerator()
        var corruptions: [(String, Data)] = [("empty", Data()), ("garbage", Data((0 ..< 5000).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }))]
        for n in stride(from: 1, to: good.count, by: max(1, good.count / 40)) { corruptions.append(("cut at \(n)", good.prefix(n))) }
        for _ in 0 ..< 60 {
            var d = good
            let i = Int.random(in: 0 ..< d.count, using: &rng)
            d[i] ^= UInt8.random(in: 1 ... 255, using: &rng)
            corruptions.append(("byte \(i) flipped", d))
        }
        for (what, data) in corruptions {
            try data.write(to: URL(fileURLWithPath: path))
            let cached = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: Self.stamp))
            #expect(cached == plain, "\(what)")
            // The next launch finds every lesson again.
            let cache = LessonCache(path: path, stamp: Self.stamp)
            for file in plain.files.values {
                #expect(cache.decoding(for: try Self.bytes(URL(fileURLWithPath: file))) != nil, "\(what): \(file)")
            }
        }
    }

    @Test func anEntryNeverCheckedIsNotVouchedForByTheNextSave() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("lessons.cache").path
        let plain = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons)
        _ = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: Self.stamp))
        // Damage lesson 1's title in its decoded form (the entry's last copy of it; the first is the key, the
        // file's own text), where only the checksum can tell.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let title = Data("Why RNNs handle sequences in PyTorch".utf8)
        let at = try #require(bytes.range(of: title, options: .backwards)?.lowerBound)
        bytes[at] = UInt8(ascii: "W") == bytes[at] ? UInt8(ascii: "X") : UInt8(ascii: "W")
        try bytes.write(to: URL(fileURLWithPath: path))
        // Another folder's lesson is added and the file saved, the damaged entry untouched by this run.
        let other = try LessonLibraryTests.folder(["a.yaml": try LessonLibraryTests.lesson(id: "other")])
        defer { try? FileManager.default.removeItem(at: other) }
        _ = LessonLibrary.loadCourse(folder: other, cache: LessonCache(path: path, stamp: Self.stamp))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != bytes)
        // The damage is still found, and the course still reads as its files say.
        let again = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: Self.stamp))
        #expect(again == plain)
        #expect(again.lessons.first?.title == "Why RNNs handle sequences in PyTorch")
    }

    @Test func onlyTheExactKeyBytesFindAnEntry() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.cache").path
        let a = Array("lesson A".utf8)
        let first = CacheFile(path: path, magic: "T\n", stamp: [1], maxEntries: 8)
        first.store([42], for: a)
        first.saveIfChanged()
        #expect(CacheFile(path: path, magic: "T\n", stamp: [1], maxEntries: 8).payload(for: a) == [42])
        // A forged file: entry A's hash field rewritten to B's, so a lookup of B finds A's entry by hash.
        var w = LessonBinary.Writer(), v = LessonBinary.Writer()
        w.write(Int(bitPattern: UInt(CacheFile.hash(a))))
        var b: [UInt8] = []
        for n in 0 ..< 1000 {
            b = Array("lesson B \(n)".utf8)
            v = LessonBinary.Writer()
            v.write(Int(bitPattern: UInt(CacheFile.hash(b))))
            if v.bytes.count == w.bytes.count { break }
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: w.bytes) })
        bytes.replaceSubrange(at ..< at + w.bytes.count, with: v.bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let forged = CacheFile(path: path, magic: "T\n", stamp: [1], maxEntries: 8)
        #expect(forged.payload(for: b) == nil)
        #expect(forged.payload(for: a) == nil)
    }

    @Test func aCacheThatCannotBeWrittenOnlyCostsTime() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A file where the cache's folder should be.
        try Data("x".utf8).write(to: dir.appendingPathComponent("blocked"))
        let path = dir.appendingPathComponent("blocked/unroll/lessons.cache").path
        let (cached, plain) = Self.loadBoth(LessonLibraryTests.repoLessons, cachePath: path)
        #expect(cached == plain)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aCachedLessonsMissingWeightsFileIsStillReportedAtItsLine() throws {
        let text = try LessonLibraryTests.lesson(id: "v").replacingOccurrences(of: "  seed: 0", with: "  state_dict: weights.json")
        let dir = try LessonLibraryTests.folder(["v.yaml": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("v.yaml")
        try "{\"weight_ih_l0\": [[0.1, 0.2]]}".write(to: dir.appendingPathComponent("weights.json"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("cache/lessons.cache").path
        let first = LessonCache(path: path, stamp: Self.stamp)
        #expect(LessonLibrary.loadLessonFile(file, cache: first).problems == [])
        first.saveIfChanged()
        let cache = LessonCache(path: path, stamp: Self.stamp)
        #expect(cache.decoding(for: try Self.bytes(file)) != nil)
        // The lesson now comes from the cache, but the disk still answers for its weights file.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("weights.json"))
        let again = LessonLibrary.loadLessonFile(file, cache: cache)
        #expect(again == LessonLibrary.loadLessonFile(file))
        #expect(again.problems.map { "\($0.line): \($0.message)" } == ["79: state_dict file 'weights.json' not found next to the lesson"])
    }

    @Test func theStandardPlaceFollowsXDGThenHome() {
        #expect(LessonCache.standard(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.path == "/x/unroll/lessons.cache")
        #expect(LessonCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.path == "/h/.cache/unroll/lessons.cache")
        #expect(LessonCache.standard(environment: ["HOME": "/h"])?.path == "/h/.cache/unroll/lessons.cache")
        #expect(LessonCache.standard(environment: [:]) == nil)
        #expect(LessonCache.standard(environment: ["HOME": ""]) == nil)
    }

    @Test func theHashSeesEveryByte() {
        var seen: Set<UInt64> = []
        let base = [UInt8](repeating: 7, count: 37)
        seen.insert(CacheFile.hash(base))
        for i in base.indices {
            var b = base
            b[i] ^= 1
            seen.insert(CacheFile.hash(b))
        }
        for n in 0 ..< 37 { seen.insert(CacheFile.hash(Array(base[..<n]))) }
        #expect(seen.count == 1 + 37 + 37)
        #expect(CacheFile.hash(base) == CacheFile.hash(base[...]))
    }
}
