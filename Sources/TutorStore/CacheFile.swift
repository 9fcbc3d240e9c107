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
/// Safe against stale, corrupt and forged entries by construction:
/// - the key is the content itself, kept whole in the file and compared byte for byte on every lookup
///   (its 64-bit hash only finds the entry), never an mtime: an edit is always seen, and no file can be
///   crafted to borrow another file's entry;
/// - the file is stamped with the binary that wrote it (its ELF build ID, a hash the linker makes of the whole
///   program; else size, mtime and inode of /proc/self/exe), so a new build never reads an older build's entries,
///   and no format needs migrating;
/// - a read-only `seed` (a cache `make dist` ships beside the lessons, made by the very binary it ships) is read
///   when the user's own file holds nothing for this build: a learner's first launch reads the lessons instead of
///   decoding them, an instructor's first check reads the programs' outcomes instead of running them. It is never
///   written; the user's file is, as soon as a run has something new to keep;
/// - every entry carries a checksum, checked when it is used: one that fails is a miss and is dropped,
///   and an entry never checked is copied with the checksum it came with, never vouched for afresh;
/// - anything unreadable (truncated, garbled, another format) is an empty cache that the next save replaces;
/// - it is written whole to a temporary file and renamed over the old one, and any error is ignored: a
///   cache that cannot be read or written only costs time.
public final class CacheFile {
    public let path: String
    let magic: [UInt8]
    let stamp: [UInt8]
    let maxEntries: Int
    /// Entries read from the file, by the hash of their key: where their key and payload lie, and the
    /// checksum of the payload written with them (the key needs none: it is compared whole).
    private var stored: [UInt64: Stored] = [:]
    private var storedOrder: [UInt64] = []
    private var file: [UInt8] = []
    /// Entries this run used or made, written first (their checksums computed afresh).
    private var current: [UInt64: (key: ArraySlice<UInt8>, payload: ArraySlice<UInt8>)] = [:]
    private var currentOrder: [UInt64] = []
    private var dirty = false

    struct Stored {
        var key: Range<Int>
        var payload: Range<Int>
        var checksum: UInt64
    }

    static let maxFileBytes = 32 << 20
    static let formatVersion = 2

    /// The file `name` in the cache folder for this user and this binary, or nil when there is no place
    /// for it (no absolute XDG_CACHE_HOME or HOME) or the running binary cannot be identified. Seeded from the
    /// file of that name an installed copy ships (`shippedPath`).
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
        return CacheFile(path: folder + "/" + name, magic: magic, stamp: stamp, maxEntries: maxEntries, seed: shippedPath(name))
    }

    /// `<dir of executable>/../share/unroll/NAME`: beside the installed lessons, where `make dist` puts the caches
    /// the shipped binary wrote over the shipped lessons (Scripts/dist.sh); read only.
    static func shippedPath(_ name: String, executablePath: String? = LessonLibrary.currentExecutablePath()) -> String? {
        executablePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent()
            .appendingPathComponent("../share/unroll/" + name).standardizedFileURL.path }
    }

    /// A cache at `path` for the build `stamp` names; reads what is there now, else (nothing for this build
    /// there: no file, another build's, unreadable) what `seed` holds for it. `magic` names what it holds (a file
    /// of another kind is not read), `maxEntries` how many are kept.
    public init(path: String, magic: String, stamp: [UInt8], maxEntries: Int, seed: String? = nil) {
        self.path = path
        self.magic = Array(magic.utf8)
        self.stamp = stamp
        self.maxEntries = maxEntries
        load(path)
        if file.isEmpty, let seed { load(seed) }
    }

    /// The running binary's identity: what invalidates every entry when Unroll is rebuilt or upgraded. Its build
    /// ID when it has one, so a copy of the same program (the one `make dist` made the shipped cache with,
    /// installed elsewhere) reads the same entries; else its file's size, mtime and inode. Read once per process:
    /// `unroll check` opens two caches, and the program cannot change under a running process's stamp.
    static func executableStamp() -> [UInt8]? { runningStamp }

    private static let runningStamp: [UInt8]? = {
        var w = LessonBinary.Writer()
        w.write(formatVersion)
        if let id = ExecutableIdentity.buildID(ofFile: "/proc/self/exe") {
            w.write(0)
            w.write(id.count)
            return w.bytes + id
        }
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return nil }
        w.write(1)
        w.write(Int(st.st_size)); w.write(Int(st.st_mtim.tv_sec)); w.write(Int(st.st_mtim.tv_nsec)); w.write(Int(bitPattern: UInt(st.st_ino)))
        return w.bytes
    }()

    // MARK: Use

    /// The payload kept for exactly these key bytes (the whole key is compared, not only its hash, so no
    /// crafted file can borrow another's entry), when its checksum holds and `valid` accepts it (a payload
    /// that does not read back is dropped like a corrupt one).
    public func payload(for key: [UInt8], valid: (ArraySlice<UInt8>) -> Bool = { _ in true }) -> ArraySlice<UInt8>? {
        let h = Self.hash(key)
        if let entry = current[h] { return Self.same(entry.key, key) ? entry.payload : nil }
        guard let entry = stored[h], Self.same(file[entry.key], key) else { return nil }
        // Read where it lies in the file: no copy of a payload of hundreds of kilobytes.
        let payload = file[entry.payload]
        guard Self.hash(payload) == entry.checksum, valid(payload) else {
            stored[h] = nil
            dirty = true
            return nil
        }
        current[h] = (file[entry.key], payload)
        currentOrder.append(h)
        return payload
    }

    /// The value `decode` reads from the payload kept for these key bytes, read once: while the file's entry
    /// is checked (a payload that does not read back is dropped like a corrupt one), or after, when this run
    /// already holds it.
    public func value<T>(for key: [UInt8], decode: (ArraySlice<UInt8>) -> T?) -> T? {
        var value: T?
        guard let payload = payload(for: key, valid: { payload in
            value = decode(payload)
            return value != nil
        }) else { return nil }
        return value ?? decode(payload)
    }

    /// Keeps `payload` for these key bytes (written by `saveIfChanged`).
    public func store(_ payload: [UInt8], for key: [UInt8]) {
        let h = Self.hash(key)
        if let entry = current[h], Self.same(entry.key, key), entry.payload.elementsEqual(payload) { return }
        if current[h] == nil { currentOrder.append(h) }
        current[h] = (key[...], payload[...])
        stored[h] = nil
        dirty = true
    }

    /// Writes the file when this run added or dropped an entry; errors are ignored (see the type).
    public func saveIfChanged() {
        guard dirty else { return }
        var body: [UInt8] = []
        var kept = 0
        func append(_ h: UInt64, _ key: ArraySlice<UInt8>, _ payload: ArraySlice<UInt8>, _ checksum: UInt64) -> Bool {
            var e = LessonBinary.Writer()
            e.write(Int(bitPattern: UInt(h))); e.write(Int(bitPattern: UInt(checksum)))
            e.write(key.count); e.write(payload.count)
            guard body.count + e.bytes.count + key.count + payload.count <= Self.maxFileBytes - 4096 else { return false }
            body += e.bytes
            body += key
            body += payload
            kept += 1
            return true
        }
        for h in currentOrder {
            guard let entry = current[h] else { continue }
            guard append(h, entry.key, entry.payload, Self.hash(entry.payload)) else { break }
        }
        // Older entries are copied as they are, with the checksum they came with: an entry this run never
        // checked is not vouched for by writing it again.
        for h in storedOrder where current[h] == nil && kept < maxEntries {
            guard let entry = stored[h] else { continue }
            guard append(h, file[entry.key], file[entry.payload], entry.checksum) else { break }
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

    private func load(_ path: String) {
        guard case .success(let bytes) = LessonLibrary.readFile(path, limit: Self.maxFileBytes),
              bytes.starts(with: magic) else { return }
        var r = LessonBinary.Reader(bytes, offset: magic.count)
        do {
            guard try r.readInt() == Self.formatVersion else { return }
            let stampCount = try r.readCount()
            guard Array(bytes[r.offset ..< r.offset + stampCount]) == stamp else { return }
            r = LessonBinary.Reader(bytes, offset: r.offset + stampCount)
            let count = try r.readCount()
            var entries: [UInt64: Stored] = [:]
            var order: [UInt64] = []
            for _ in 0 ..< count {
                let h = UInt64(UInt(bitPattern: try r.readInt()))
                let checksum = UInt64(UInt(bitPattern: try r.readInt()))
                let keyCount = try r.readCount()
                let payloadCount = try r.readCount()
                guard keyCount <= bytes.count - r.offset - payloadCount else { throw LessonBinary.Malformed() }
                let key = r.offset ..< r.offset + keyCount
                let payload = key.upperBound ..< key.upperBound + payloadCount
                r = LessonBinary.Reader(bytes, offset: payload.upperBound)
                guard entries[h] == nil else { dirty = true; continue }
                entries[h] = Stored(key: key, payload: payload, checksum: checksum)
                order.append(h)
            }
            file = bytes
            stored = entries
            storedOrder = order
        } catch {
            // Truncated or garbled: as if there were no cache; the next save replaces it.
            dirty = true
        }
    }

    /// The same bytes (memcmp: a lesson file's key is tens of kilobytes).
    static func same(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
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
