import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore

/// The cache `make dist` ships beside the lessons (a read-only seed): read when the user's own cache holds nothing
/// for this build, never written, and only for the build that made it.
@Suite struct ShippedLessonCacheTests {
    static let stamp = LessonCacheTests.stamp

    /// A seed file made as dist.sh makes it: the course loaded once through a cache at `path`.
    static func makeSeed(at path: String, stamp: [UInt8] = stamp) -> CourseLoad {
        LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: LessonCache(path: path, stamp: stamp))
    }

    @Test func aFirstLaunchReadsEveryLessonFromTheSeedAndWritesNothing() throws {
        let dir = try LessonCacheTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = dir.appendingPathComponent("share/unroll/lessons.cache").path
        let made = Self.makeSeed(at: seed)
        let seedBytes = try LessonCacheTests.bytes(URL(fileURLWithPath: seed))
        let own = dir.appendingPathComponent("home/.cache/unroll/lessons.cache").path

        let cache = LessonCache(path: own, stamp: Self.stamp, seed: seed)
        // Every lesson file is found in the seed: nothing is decoded, so nothing new is kept.
        for file in try FileManager.default.contentsOfDirectory(atPath: LessonLibraryTests.repoLessons.path) where file.hasSuffix(".yaml") && file != "course.yaml" {
            let bytes = try LessonCacheTests.bytes(LessonLibraryTests.repoLessons.appendingPathComponent(file))
            #expect(cache.decoding(for: bytes) != nil, "\(file) is not in the shipped cache")
        }
        let load = LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons, cache: cache)
        #expect(load == made)
        #expect(load == LessonLibrary.loadCourse(folder: LessonLibraryTests.repoLessons))
        #expect(!FileManager.default.fileExists(atPath: own))
        #expect(try LessonCacheTests.bytes(URL(fileURLWithPath: seed)) == seedBytes)
    }

    @Test func somethingNewGoesToTheUsersOwnFileWithTheSeedsEntriesAndTheSeedIsNeverWritten() throws {
        let dir = try LessonCacheTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = dir.appendingPathComponent("seed.cache").path, own = dir.appendingPathComponent("own/lessons.cache").path
        let shipped = CacheFile(path: seed, magic: "T\n", stamp: [7], maxEntries: 8)
        shipped.store([1], for: Array("shipped lesson".utf8))
        shipped.saveIfChanged()
        let seedBytes = try LessonCacheTests.bytes(URL(fileURLWithPath: seed))

        let first = CacheFile(path: own, magic: "T\n", stamp: [7], maxEntries: 8, seed: seed)
        #expect(first.payload(for: Array("shipped lesson".utf8)) == [1])
        first.store([2], for: Array("an edited lesson".utf8))
        first.saveIfChanged()
        #expect(try LessonCacheTests.bytes(URL(fileURLWithPath: seed)) == seedBytes)

        // The user's file now answers for both, and is read before the seed.
        let second = CacheFile(path: own, magic: "T\n", stamp: [7], maxEntries: 8, seed: seed)
        #expect(second.payload(for: Array("shipped lesson".utf8)) == [1])
        #expect(second.payload(for: Array("an edited lesson".utf8)) == [2])
    }

    @Test func aSeedFromAnotherBuildOrCorruptIsNotRead() throws {
        let dir = try LessonCacheTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = dir.appendingPathComponent("seed.cache").path, own = dir.appendingPathComponent("own.cache").path
        let other = CacheFile(path: seed, magic: "T\n", stamp: [8], maxEntries: 8)
        other.store([1], for: Array("lesson".utf8))
        other.saveIfChanged()
        #expect(CacheFile(path: own, magic: "T\n", stamp: [7], maxEntries: 8, seed: seed).payload(for: Array("lesson".utf8)) == nil)

        // The right build, but the payload's bytes damaged: a miss (decoded afresh), not a wrong lesson.
        let same = CacheFile(path: seed, magic: "T\n", stamp: [7], maxEntries: 8)
        same.store(Array(repeating: 5, count: 64), for: Array("lesson".utf8))
        same.saveIfChanged()
        var bytes = try LessonCacheTests.bytes(URL(fileURLWithPath: seed))
        bytes[bytes.count - 10] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: seed))
        #expect(CacheFile(path: own, magic: "T\n", stamp: [7], maxEntries: 8, seed: seed).payload(for: Array("lesson".utf8)) == nil)
    }

    @Test func theShippedPathIsBesideTheInstalledLessons() {
        #expect(CacheFile.shippedPath("lessons.cache", executablePath: "/opt/unroll/bin/unroll") == "/opt/unroll/share/unroll/lessons.cache")
        #expect(CacheFile.shippedPath("runs.cache", executablePath: "/opt/unroll/bin/../bin/unroll") == "/opt/unroll/share/unroll/runs.cache")
        #expect(CacheFile.shippedPath("lessons.cache", executablePath: nil) == nil)
    }

    #if os(Linux)
    @Test func theRunningProgramHasABuildIDAndTheStampIsIt() throws {
        // The toolchain's linker writes one (a 20-byte hash), and the stamp is made of it, not of the file's place.
        let id = try #require(ExecutableIdentity.buildID(ofFile: "/proc/self/exe"))
        #expect(id.count >= 8)
        let stamp = try #require(CacheFile.executableStamp())
        #expect(stamp.suffix(id.count).elementsEqual(id))
        let exe = try #require(LessonLibrary.currentExecutablePath())
        #expect(ExecutableIdentity.buildID(ofFile: exe) == id)
    }
    #endif

    @Test func notesAreReadWithoutTrustingTheirSizes() {
        func note(_ name: [UInt8], type: UInt32, desc: [UInt8]) -> [UInt8] {
            func u32(_ v: UInt32) -> [UInt8] { (0 ..< 4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
            func pad(_ b: [UInt8]) -> [UInt8] { b + Array(repeating: 0, count: (4 - b.count % 4) % 4) }
            return u32(UInt32(name.count)) + u32(UInt32(desc.count)) + u32(type) + pad(name) + pad(desc)
        }
        let gnu: [UInt8] = [0x47, 0x4E, 0x55, 0]
        let abiTag = note(gnu, type: 1, desc: [0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        let id = note(gnu, type: 3, desc: [0xAB, 0xCD, 0xEF])
        #expect(ExecutableIdentity.gnuBuildID(inNotes: abiTag + id) == [0xAB, 0xCD, 0xEF])
        #expect(ExecutableIdentity.gnuBuildID(inNotes: abiTag) == nil)
        #expect(ExecutableIdentity.gnuBuildID(inNotes: note(Array("XYZ\0".utf8), type: 3, desc: [1])) == nil)
        // Sizes past the end, truncated headers, nothing: no read out of bounds, no ID.
        var huge = id
        huge[4] = 0xFF; huge[5] = 0xFF
        #expect(ExecutableIdentity.gnuBuildID(inNotes: huge) == nil)
        #expect(ExecutableIdentity.gnuBuildID(inNotes: Array(id.prefix(13))) == nil)
        #expect(ExecutableIdentity.gnuBuildID(inNotes: []) == nil)
        #expect(ExecutableIdentity.buildID(ofFile: "/nonexistent/unroll") == nil)
        #expect(ExecutableIdentity.buildID(ofFile: "/etc/hostname") == nil)
    }
}
