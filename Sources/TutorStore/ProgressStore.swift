import Foundation
import TutorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading the progress file found. Reading never creates, moves or locks anything.
public enum ProgressReadResult: Sendable, Equatable {
    case missing
    case loaded(LearnerProgress)
    /// The bytes are there but are not a progress file this build can read.
    case damaged(ProgressDecodeError)
    /// The file could not be opened or read (e.g. it is a folder): "/path: Is a directory".
    case unreadable(String)
}

/// The result of `record`: the UI shows `announcement` (one sentence) when it is not nil, and otherwise
/// stays quiet, so a failing disk is reported once, not after every answer.
public struct SaveOutcome: Sendable, Equatable {
    public var saved: Bool
    /// Why the events were not saved (every time); nil when saved.
    public var reason: String?
    /// A sentence for the status line now; nil when there is nothing new to say.
    public var announcement: String?

    public init(saved: Bool, reason: String? = nil, announcement: String? = nil) {
        self.saved = saved
        self.reason = reason
        self.announcement = announcement
    }
}

/// The progress file on disk: `$XDG_DATA_HOME/unroll/progress.json` unless told otherwise.
///
/// ```swift
/// let store = ProgressStore(path: ProgressStore.defaultPath(explicit: options.progress))
/// let (progress, notice) = store.load()          // notice: one sentence to show, or nil
/// let outcome = store.record([.attempt(lesson: "rnn-shapes", item: "t1", correct: true, at: Date())])
/// if let line = outcome.announcement { status = line }
/// store.progress.status(lesson: "rnn-shapes", item: "t1")    // .solved
/// ```
///
/// Each `record` takes the lock, reads the file as it is now (with whatever another instance wrote),
/// applies the events not yet saved, and replaces the file atomically. Events that could not be saved
/// stay in memory and are written with the next save that succeeds; the tutor never stops for a disk.
public final class ProgressStore: @unchecked Sendable {
    public let path: URL
    /// The sidecar file that `flock` locks: `progress.json.lock` beside the progress file.
    public var lockPath: URL { URL(fileURLWithPath: path.path + ".lock") }
    /// Where a format-1 file is kept when it is first written as format 2: `progress.json.v1`.
    public var v1Path: URL { URL(fileURLWithPath: path.path + ".v1") }
    /// The learner's name, written into the file with every save (nil: the file's name is left as it is).
    public let learner: String?

    private let mutex = NSLock()
    private var memory = LearnerProgress()
    private var pending: [ProgressEvent] = []
    /// The last content read from or written to the file, for recovering when it is damaged under us.
    private var confirmed = LearnerProgress()
    /// The reason of the last failed save; nil while saving works.
    private var failing: String?
    /// What failed in the last failed save, without the sentence around it ("/path: No space left on device").
    private var failureDetail: String?
    private var _faults: Faults

    public init(path: URL, learner: String? = nil, faults: Faults = .none) {
        self.path = path.standardizedFileURL
        self.learner = learner
        self._faults = faults
    }

    /// Test hook: failures the write path meets, as if the system returned that errno.
    public var faults: Faults {
        get { mutex.withLock { _faults } }
        set { mutex.withLock { _faults = newValue } }
    }

    /// What this instance knows: the file as last read or written, plus events not yet saved.
    public var progress: LearnerProgress { mutex.withLock { memory } }

    /// Events recorded but not yet on disk (after a failed save).
    public var unsavedCount: Int { mutex.withLock { pending.count } }

    /// `--progress FILE`, else `$UNROLL_PROGRESS`, else `$XDG_DATA_HOME/unroll/progress.json` (an
    /// absolute XDG_DATA_HOME only, as the spec says), else `~/.local/share/unroll/progress.json`.
    public static func defaultPath(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> URL {
        func absolute(_ p: String) -> URL {
            let expanded = (p as NSString).expandingTildeInPath
            return expanded.hasPrefix("/")
                ? URL(fileURLWithPath: expanded)
                : URL(fileURLWithPath: currentDirectory).appendingPathComponent(expanded)
        }
        if let explicit, !explicit.isEmpty { return absolute(explicit).standardizedFileURL }
        if let env = environment["UNROLL_PROGRESS"], !env.isEmpty { return absolute(env).standardizedFileURL }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("unroll/progress.json").standardizedFileURL
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/unroll/progress.json").standardizedFileURL
    }

    /// The largest progress file read: a real one is a few kilobytes, 16 MB would hold thousands of
    /// lessons. A larger file is refused unread (never moved or overwritten), as is anything that is not
    /// a regular file (a named pipe would block the read, /dev/zero would never end).
    public static let maximumFileSize = 16 << 20

    /// Reads the file without creating, moving or locking anything (for read-only callers such as the
    /// instructor preview or `unroll progress`). Only a regular file of at most `maximumFileSize` bytes
    /// is read; anything else is `.unreadable`, with the reason.
    public static func read(at path: URL) -> ProgressReadResult {
        let p = path.path
        var info = stat()
        if stat(p, &info) != 0 {
            let e = errno
            // ENOTDIR: a parent is a regular file, so there is no progress file either; `record` says why it cannot save.
            return e == ENOENT || e == ENOTDIR ? .missing : .unreadable(FileError(path: p, code: e).message)
        }
        if let refusal = refusal(of: p, info) { return .unreadable(refusal) }
        // O_NONBLOCK: a named pipe swapped in after the stat must not block the open.
        let fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            let e = errno
            return e == ENOENT || e == ENOTDIR ? .missing : .unreadable(FileError(path: p, code: e).message)
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .unreadable(FileError(path: p, code: errno).message) }
        if let refusal = refusal(of: p, info) { return .unreadable(refusal) }
        let data: Data
        switch ReadToEnd.read(fd, limit: maximumFileSize) {
        case .data(let bytes): data = bytes
        case .failed(let code): return .unreadable(FileError(path: p, code: code).message)
        // Grown since the fstat: stopped at the cap instead of following it.
        case .tooLarge(let count): return .unreadable(tooLarge(p, size: count, atLeast: true))
        }
        do {
            return .loaded(try LearnerProgress.decode(data))
        } catch {
            return .damaged(error)
        }
    }

    /// Why the file at `path` is not read, or nil when it is a regular file of an acceptable size.
    static func refusal(of path: String, _ info: stat) -> String? {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return Int(info.st_size) > maximumFileSize ? tooLarge(path, size: Int(info.st_size), atLeast: false) : nil
        case S_IFDIR: return FileError(path: path, code: EISDIR).message
        case S_IFIFO: kind = "a named pipe"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a file"
        }
        return "\(path) is \(kind), not a regular file"
    }

    static func tooLarge(_ path: String, size: Int, atLeast: Bool) -> String {
        let shown = size >= 1 << 30 ? String(format: "%.1f GB", Double(size) / Double(1 << 30)) : "\(size >> 20) MB"
        return "\(path) is \(atLeast ? "over " : "")\(shown), more than a progress file can be (\(maximumFileSize >> 20) MB); move it away to start afresh"
    }

    /// Reads the file for the tutor. A damaged file is moved to `progress.json.bad-<timestamp>` (never
    /// overwritten) and the tutor starts fresh; `notice` is the one sentence that says so, with the path.
    /// Creates nothing when the file is missing.
    public func load(patience: TimeInterval = ProgressStore.lockPatience,
                     waiting: (TimeInterval) -> Bool = { _ in true }) -> (progress: LearnerProgress, notice: String?) {
        mutex.withLock {
            var notice: String?
            switch Self.read(at: path) {
            case .missing:
                confirmed = LearnerProgress()
            case let .loaded(p):
                confirmed = p
            case .damaged:
                do throws(FileError) {
                    let (found, moved) = try underLock(patience: patience, waiting: waiting) { () throws(FileError) in try self.quarantineIfDamaged() }
                    confirmed = found ?? LearnerProgress()
                    if let moved { notice = moved }
                } catch {
                    failing = "Could not read the progress file \(path.path) and could not move it aside (\(error.message)); progress is not being saved."
                    notice = failing
                }
            case let .unreadable(message):
                failing = "Could not read the progress file (\(message)); progress is not being saved."
                notice = failing
            }
            memory = confirmed
            memory.apply(pending)
            return (memory, notice)
        }
    }

    /// Re-reads the file (another instance may have written) without moving or creating anything;
    /// unsaved events stay on top. Returns the refreshed view.
    @discardableResult
    public func refresh() -> LearnerProgress {
        mutex.withLock {
            if case let .loaded(p) = Self.read(at: path) {
                confirmed = p
                memory = p
                memory.apply(pending)
            }
            return memory
        }
    }

    /// How long a save waits for another instance's lock before giving up (the events stay unsaved and
    /// go with the next save).
    public static let lockPatience: TimeInterval = 5

    /// Saves events: lock, read what is there now, apply every unsaved event, write atomically. The only
    /// call that creates the folder, the file and the lock file. Never throws: a failure is returned,
    /// and announced once until saving works again. A format-1 file is kept as `progress.json.v1` (never
    /// overwritten) before it is first written as format 2; if it cannot be kept, nothing is written.
    /// While another instance holds the lock, `waiting` is called every 50 ms with the seconds waited
    /// (the tutor says so on its status line and watches for Ctrl-C: returning false stops waiting);
    /// after `patience` seconds the save gives up.
    @discardableResult
    public func record(_ events: [ProgressEvent], patience: TimeInterval = ProgressStore.lockPatience,
                       waiting: (TimeInterval) -> Bool = { _ in true }) -> SaveOutcome {
        mutex.withLock {
            pending += events
            memory.apply(events)
            do throws(FileError) {
                let (next, notice) = try underLock(patience: patience, waiting: waiting) { () throws(FileError) -> (LearnerProgress, String?) in
                    var notice: String?
                    var base: LearnerProgress
                    switch Self.read(at: path) {
                    case .missing:
                        base = LearnerProgress()
                    case let .loaded(p):
                        base = p
                    case .damaged:
                        let (found, moved) = try quarantineIfDamaged()
                        // What this instance last knew is better than nothing for a file broken under it.
                        base = found ?? confirmed
                        if found == nil { base.formatVersion = LearnerProgress.currentFormatVersion }  // no old file left to keep
                        notice = moved
                    case let .unreadable(message):
                        throw FileError(path: message, code: 0)
                    }
                    if base.formatVersion < LearnerProgress.currentFormatVersion {
                        try keepOldFormat()
                        notice = notice ?? "Progress file updated to format \(LearnerProgress.currentFormatVersion); the old one is kept as \(v1Path.path)."
                    }
                    base.formatVersion = LearnerProgress.currentFormatVersion
                    if let learner { base.learner = learner }
                    base.apply(pending)
                    try AtomicFile.write(base.encoded(), to: path.path, faults: _faults)
                    return (base, notice)
                }
                pending = []
                confirmed = next
                memory = next
                let recovered = failing != nil ? "Progress is being saved again." : nil
                failing = nil
                return SaveOutcome(saved: true, announcement: notice ?? recovered)
            } catch {
                failureDetail = error.message
                let reason = "Progress is not being saved: \(error.message)."
                let announce = failing == nil ? reason : nil
                failing = reason
                return SaveOutcome(saved: false, reason: reason, announcement: announce)
            }
        }
    }

    /// At exit: one last save of what failed saves left in memory. nil when everything is on disk;
    /// otherwise the line for stderr that says what is lost and why (the caller then exits non-zero).
    public func saveBeforeExit(patience: TimeInterval = ProgressStore.lockPatience,
                               waiting: (TimeInterval) -> Bool = { _ in true }) -> String? {
        guard unsavedCount > 0 else { return nil }
        let outcome = record([], patience: patience, waiting: waiting)
        if outcome.saved { return nil }
        let (n, detail) = mutex.withLock { (pending.count, failureDetail ?? "the reason is unknown") }
        return "unroll: progress could not be saved (\(detail)); \(n) change\(n == 1 ? "" : "s") since the last save \(n == 1 ? "is" : "are") lost."
    }

    // MARK: - Under the lock

    private func underLock<T>(patience: TimeInterval, waiting: (TimeInterval) -> Bool,
                              _ body: () throws(FileError) -> T) throws(FileError) -> T {
        let folder = path.deletingLastPathComponent().path
        if let e = _faults.mkdir { throw FileError(path: folder, code: e) }
        try AtomicFile.makeFolders(folder)
        let lock = try FileLock(path: lockPath.path, patience: patience, waiting: waiting)
        removeStaleTemporaries(in: folder)
        let result = try body()
        _ = consume lock
        return result
    }

    /// Re-reads under the lock; if the file is still damaged, renames it to `.bad-<timestamp>`.
    /// Returns the progress found if another instance repaired it meanwhile, and the notice if moved.
    private func quarantineIfDamaged() throws(FileError) -> (LearnerProgress?, String?) {
        switch Self.read(at: path) {
        case .missing: return (nil, nil)
        case let .loaded(p): return (p, nil)
        case let .unreadable(message): throw FileError(path: message, code: 0)
        case let .damaged(why):
            let stamp = Self.stamp(Date())
            var bad = path.path + ".bad-" + stamp
            var n = 1
            while FileManager.default.fileExists(atPath: bad) {
                n += 1
                bad = path.path + ".bad-\(stamp)-\(n)"
            }
            if rename(path.path, bad) != 0 { throw FileError(path: path.path, code: errno) }
            return (nil, "Could not read the progress file \(path.path) because \(why.reason); moved it to \(bad) and started a fresh one.")
        }
    }

    /// Keeps the format-1 file, as it is on disk under the lock, at `progress.json.v1`: a hard link to it
    /// (atomic, and the rename that follows leaves that inode to the link alone), else a copy written
    /// through a temporary file. An existing `.v1` is never overwritten.
    private func keepOldFormat() throws(FileError) {
        let keep = v1Path.path
        if link(path.path, keep) == 0 || errno == EEXIST { return }
        if FileManager.default.fileExists(atPath: keep) { return }
        guard let bytes = FileManager.default.contents(atPath: path.path) else { throw FileError(path: path.path, code: errno != 0 ? errno : EIO) }
        try AtomicFile.write(bytes, to: keep, faults: _faults)
    }

    /// Temporary files of writers killed mid-save: only the lock holder writes one, so any found
    /// under the lock are stale.
    private func removeStaleTemporaries(in folder: String) {
        let prefixes = [AtomicFile.tempPrefix(for: path.path), AtomicFile.tempPrefix(for: v1Path.path)]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where prefixes.contains(where: name.hasPrefix) {
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
