import Foundation
import TutorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Decoded lessons kept between runs (issue 19): decoding the YAML of the ten lessons was 60 % of the
/// tutor's launch. One file, `$XDG_CACHE_HOME/unroll/lessons.cache` (else `~/.cache/unroll/…`), maps the
/// hash of a lesson file's bytes to the lesson in `LessonBinary`'s form.
///
/// Safe against stale and corrupt entries by construction:
/// - the key is the file's content (its length and a 64-bit hash of every byte), not its mtime, so an
///   edit is always seen, however fast it follows the last run;
/// - the file is stamped with the binary that wrote it (size, mtime and inode of /proc/self/exe), so a
///   new build never reads an older build's layout;
/// - every entry carries a checksum, and an entry that fails it, or does not read back as exactly one
///   lesson, is a miss: the YAML is decoded as if there were no cache and the entry is rewritten;
/// - only lessons that decoded without a problem are kept, so `unroll check` reports the same problems
///   with or without it;
/// - it is written whole to a temporary file and renamed over the old one, and any error is ignored:
///   a cache that cannot be read or written only makes the launch slower.
public final class LessonCache {
    public let path: String
    let stamp: [UInt8]
    /// Entries read from the file, by key: the byte range of their payload and its checksum.
    private var stored: [Key: (range: Range<Int>, checksum: UInt64)] = [:]
    private var storedOrder: [Key] = []
    private var file: [UInt8] = []
    /// Entries this run used or made, to be written first.
    private var current: [Key: [UInt8]] = [:]
    private var currentOrder: [Key] = []
    private var dirty = false

    /// Older entries kept besides this run's (another lessons folder, an earlier edit being undone).
    static let maxEntries = 64
    static let maxFileBytes = 32 << 20
    static let magic = Array("UNROLL-LESSONS\n".utf8)
    static let formatVersion = 1

    struct Key: Hashable {
        var length: Int
        var hash: UInt64
        init(_ bytes: [UInt8]) { length = bytes.count; hash = LessonCache.hash(bytes) }
        init(length: Int, hash: UInt64) { self.length = length; self.hash = hash }
    }

    /// The cache for this user and this binary, or nil when there is no place for it (no absolute
    /// XDG_CACHE_HOME or HOME) or the running binary cannot be identified.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> LessonCache? {
        let folder: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = xdg + "/unroll"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = home + "/.cache/unroll"
        } else {
            return nil
        }
        guard let stamp = executableStamp() else { return nil }
        return LessonCache(path: folder + "/lessons.cache", stamp: stamp)
    }

    /// A cache at `path` for the build `stamp` names; reads what is there now.
    public init(path: String, stamp: [UInt8]) {
        self.path = path
        self.stamp = stamp
        load()
    }

    /// The running binary's identity: what invalidates every entry when Unroll is rebuilt or upgraded.
    static func executableStamp() -> [UInt8]? {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        var w = LessonBinary.Writer()
        w.write(formatVersion)
        w.write(Int(st.st_size)); w.write(Int(st.st_mtim.tv_sec)); w.write(Int(st.st_mtim.tv_nsec)); w.write(Int(bitPattern: UInt(st.st_ino)))
        return w.bytes
    }

    // MARK: Use

    /// The decoding of a lesson file with exactly these bytes, when one is kept and reads back intact.
    public func decoding(for bytes: [UInt8]) -> LessonDecoding? {
        let key = Key(bytes)
        if let payload = current[key] { return Self.decoding(payload) }
        guard let (range, checksum) = stored[key] else { return nil }
        let payload = Array(file[range])
        // Checked when used, so a flipped byte is a miss, never a lesson.
        guard Self.hash(payload) == checksum, let decoded = Self.decoding(payload) else {
            // Corrupt: forget it; `remember` puts the fresh decoding back.
            stored[key] = nil
            dirty = true
            return nil
        }
        current[key] = payload
        currentOrder.append(key)
        return decoded
    }

    /// Keeps `decoded` for files with these bytes, when it decoded without a problem.
    public func remember(_ decoded: LessonDecoding, for bytes: [UInt8]) {
        guard decoded.problems.isEmpty, let lesson = decoded.lesson else { return }
        let key = Key(bytes)
        guard current[key] == nil else { return }
        current[key] = Self.payload(lesson: lesson, idPosition: decoded.idPosition, stateDictPosition: decoded.stateDictPosition)
        currentOrder.append(key)
        if stored[key] == nil { dirty = true }
    }

    /// Writes the cache when this run added or dropped an entry; errors are ignored (see the type).
    public func saveIfChanged() {
        guard dirty else { return }
        var w = LessonBinary.Writer()
        var entries: [(Key, ArraySlice<UInt8>)] = currentOrder.map { ($0, current[$0]![...]) }
        for key in storedOrder where current[key] == nil && entries.count < Self.maxEntries {
            if let (range, _) = stored[key] { entries.append((key, file[range])) }
        }
        w.write(entries.count)
        var body: [UInt8] = w.bytes
        var total = 0
        for (key, payload) in entries {
            total += payload.count
            if total > Self.maxFileBytes { break }
            var e = LessonBinary.Writer()
            e.write(key.length); e.write(Int(bitPattern: UInt(key.hash))); e.write(Int(bitPattern: UInt(Self.hash(payload))))
            e.write(payload.count)
            body += e.bytes
            body += payload
        }
        var header = LessonBinary.Writer()
        header.write(Self.formatVersion)
        header.write(stamp.count)
        let out = Self.magic + header.bytes + stamp + body
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try AtomicFile.makeFolders(folder)
            try AtomicFile.write(Data(out), to: path, faults: .none)
            dirty = false
        } catch {
            // A cache that cannot be written is only a slower next launch.
        }
    }

    // MARK: The file

    private func load() {
        guard case .success(let bytes) = LessonLibrary.readFile(path, limit: Self.maxFileBytes),
              bytes.starts(with: Self.magic) else { return }
        var r = LessonBinary.Reader(bytes, offset: Self.magic.count)
        do {
            guard try r.readInt() == Self.formatVersion else { return }
            let stampCount = try r.readCount()
            guard Array(bytes[r.offset ..< r.offset + stampCount]) == stamp else { return }
            r = LessonBinary.Reader(bytes, offset: r.offset + stampCount)
            let count = try r.readCount()
            var entries: [Key: (range: Range<Int>, checksum: UInt64)] = [:]
            var order: [Key] = []
            for _ in 0 ..< count {
                let key = Key(length: try r.readInt(), hash: UInt64(UInt(bitPattern: try r.readInt())))
                let checksum = UInt64(UInt(bitPattern: try r.readInt()))
                let n = try r.readCount()
                let range = r.offset ..< r.offset + n
                r = LessonBinary.Reader(bytes, offset: range.upperBound)
                guard entries[key] == nil else { dirty = true; continue }
                entries[key] = (range, checksum)
                order.append(key)
            }
            file = bytes
            stored = entries
            storedOrder = order
        } catch {
            // Truncated or garbled: as if there were no cache; the next save replaces it.
            dirty = true
        }
    }

    static func payload(lesson: Lesson, idPosition: SourcePosition?, stateDictPosition: SourcePosition?) -> [UInt8] {
        var w = LessonBinary.Writer()
        w.write(idPosition)
        w.write(stateDictPosition)
        w.write(lesson)
        return w.bytes
    }

    static func decoding(_ payload: [UInt8]) -> LessonDecoding? {
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

    /// A 64-bit hash of every byte, eight at a time (the ten lessons' 330 KB hash in well under a millisecond).
    static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(hash(raw:)) }
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.withUnsafeBytes(hash(raw:)) }

    static func hash(raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var i = 0
        while i + 8 <= raw.count {
            h = mix(h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < raw.count {
            var word: UInt64 = 0
            for j in i ..< raw.count { word |= UInt64(raw[j]) << (8 * UInt64(j - i)) }
            h = mix(h ^ word ^ (UInt64(raw.count - i) << 56))
        }
        return mix(h)
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xFF51_AFD7_ED55_8CCD
        z ^= z >> 33
        z = z &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 29)
    }
}
