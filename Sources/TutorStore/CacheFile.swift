import Foundation
import TutorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One file of Unroll's cache folder (`$XDG_CACHE_HOME/unroll`, else `~/.cache/unroll`): payloads kept
/// between runs under a key made from the bytes they were computed from. What `LessonCache` (decoded
/// lessons) and `unroll check`'s run cache (program outcomes) are built on.
///
/// Safe against stale and corrupt entries by construction:
/// - the key is the content itself (its length and a 64-bit hash of every byte), never an mtime;
/// - the file is stamped with the binary that wrote it (size, mtime and inode of /proc/self/exe), so a
///   new build never reads an older build's entries, and no format needs migrating;
/// - every entry carries a checksum, checked when it is used: one that fails is a miss and is dropped;
/// - anything unreadable (truncated, garbled, another format) is an empty cache that the next save replaces;
/// - it is written whole to a temporary file and renamed over the old one, and any error is ignored: a
///   cache that cannot be read or written only costs time.
public final class CacheFile {
    public struct Key: Hashable, Sendable {
        var length: Int
        var hash: UInt64
        public init(_ bytes: [UInt8]) { length = bytes.count; hash = CacheFile.hash(bytes) }
        init(length: Int, hash: UInt64) { self.length = length; self.hash = hash }
    }

    public let path: String
    let magic: [UInt8]
    let stamp: [UInt8]
    let maxEntries: Int
    /// Entries read from the file, by key: the byte range of their payload and its checksum.
    private var stored: [Key: (range: Range<Int>, checksum: UInt64)] = [:]
    private var storedOrder: [Key] = []
    private var file: [UInt8] = []
    /// Entries this run used or made, written first.
    private var current: [Key: [UInt8]] = [:]
    private var currentOrder: [Key] = []
    private var dirty = false

    static let maxFileBytes = 32 << 20
    static let formatVersion = 1

    /// The file `name` in the cache folder for this user and this binary, or nil when there is no place
    /// for it (no absolute XDG_CACHE_HOME or HOME) or the running binary cannot be identified.
    public static func standard(_ name: String, magic: String, maxEntries: Int,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheFile? {
        let folder: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = xdg + "/unroll"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = home + "/.cache/unroll"
        } else {
            return nil
        }
        guard let stamp = executableStamp() else { return nil }
        return CacheFile(path: folder + "/" + name, magic: magic, stamp: stamp, maxEntries: maxEntries)
    }

    /// A cache at `path` for the build `stamp` names; reads what is there now. `magic` names what it holds
    /// (a file of another kind is not read), `maxEntries` how many are kept.
    public init(path: String, magic: String, stamp: [UInt8], maxEntries: Int) {
        self.path = path
        self.magic = Array(magic.utf8)
        self.stamp = stamp
        self.maxEntries = maxEntries
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

    /// The payload kept under `key`, when there is one and its checksum holds. `valid` judges it (a payload
    /// that does not read back is dropped like a corrupt one).
    public func payload(for key: Key, valid: ([UInt8]) -> Bool = { _ in true }) -> [UInt8]? {
        if let payload = current[key] { return payload }
        guard let (range, checksum) = stored[key] else { return nil }
        let payload = Array(file[range])
        guard Self.hash(payload) == checksum, valid(payload) else {
            stored[key] = nil
            dirty = true
            return nil
        }
        current[key] = payload
        currentOrder.append(key)
        return payload
    }

    /// Keeps `payload` under `key` (written by `saveIfChanged`).
    public func store(_ payload: [UInt8], for key: Key) {
        guard current[key] == nil else { return }
        current[key] = payload
        currentOrder.append(key)
        if stored[key] == nil { dirty = true }
    }

    /// Writes the file when this run added or dropped an entry; errors are ignored (see the type).
    public func saveIfChanged() {
        guard dirty else { return }
        var entries: [(Key, ArraySlice<UInt8>)] = currentOrder.map { ($0, current[$0]![...]) }
        for key in storedOrder where current[key] == nil && entries.count < maxEntries {
            if let (range, _) = stored[key] { entries.append((key, file[range])) }
        }
        var body: [UInt8] = []
        var kept = 0
        var total = 0
        for (key, payload) in entries {
            total += payload.count
            if total > Self.maxFileBytes { break }
            var e = LessonBinary.Writer()
            e.write(key.length); e.write(Int(bitPattern: UInt(key.hash))); e.write(Int(bitPattern: UInt(Self.hash(payload))))
            e.write(payload.count)
            body += e.bytes
            body += payload
            kept += 1
        }
        var header = LessonBinary.Writer()
        header.write(Self.formatVersion)
        header.write(stamp.count)
        var count = LessonBinary.Writer()
        count.write(kept)
        let out = magic + header.bytes + stamp + count.bytes + body
        do {
            try AtomicFile.makeFolders((path as NSString).deletingLastPathComponent)
            try AtomicFile.write(Data(out), to: path, faults: .none)
            dirty = false
        } catch {
            // A cache that cannot be written is only a slower next run.
        }
    }

    // MARK: The file

    private func load() {
        guard case .success(let bytes) = LessonLibrary.readFile(path, limit: Self.maxFileBytes),
              bytes.starts(with: magic) else { return }
        var r = LessonBinary.Reader(bytes, offset: magic.count)
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

    /// A 64-bit hash of every byte, eight at a time (the ten lessons' 330 KB in well under a millisecond).
    public static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(hash(raw:)) }
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
