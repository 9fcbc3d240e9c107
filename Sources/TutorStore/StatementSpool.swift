import Foundation
import TutorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A statement waiting in the spool: its id and the exact JSON line that is sent (a retry sends the same
/// bytes with the same id, so the LRS stores it once).
public struct SpooledStatement: Sendable, Equatable {
    public var statement: XAPIStatement
    public var line: Data

    public init(statement: XAPIStatement, line: Data) {
        self.statement = statement
        self.line = line
    }
}

/// What reading the spool found.
public enum SpoolReadResult: Sendable, Equatable {
    case statements([SpooledStatement])
    /// A line that is not a statement (the file was edited): the reason names the line.
    case damaged(String)
    /// The file could not be opened or read.
    case unreadable(String)
}

/// xAPI statements waiting to be sent, next to the progress file (`progress.json.xapi`): JSON Lines, one
/// statement a line, oldest first, replaced atomically under a lock (`progress.json.xapi.lock`) like the
/// progress file, so a crash never loses a queued statement and two instances never lose each other's.
/// Statements the LRS refused as invalid (400) move to `progress.json.xapi.rejected`, so they neither
/// block the queue nor vanish.
///
/// ```swift
/// let spool = StatementSpool(progressPath: store.path)
/// spool.enqueue(statements)            // nil, or why it could not be written
/// spool.remove(ids: sent)              // after the LRS answered
/// ```
public final class StatementSpool: Sendable {
    public let path: URL
    public var lockPath: URL { URL(fileURLWithPath: path.path + ".lock") }
    public var rejectedPath: URL { URL(fileURLWithPath: path.path + ".rejected") }

    public init(path: URL) { self.path = path.standardizedFileURL }

    /// The spool of a progress file: the same path with `.xapi` added.
    public convenience init(progressPath: URL) {
        self.init(path: URL(fileURLWithPath: progressPath.standardizedFileURL.path + ".xapi"))
    }

    /// Reads the queue without creating, locking or moving anything.
    public func read() -> SpoolReadResult {
        switch Self.readBytes(path.path) {
        case .missing: return .statements([])
        case .failed(let message): return .unreadable(message)
        case .bytes(let data): return Self.parse(data)
        }
    }

    /// Adds statements at the end of the queue. Creates the folder, the spool and its lock when needed.
    /// Returns nil when written, else the reason. A damaged spool is moved aside to
    /// `progress.json.xapi.bad-<timestamp>` (never overwritten) and a fresh one started.
    @discardableResult
    public func enqueue(_ statements: [XAPIStatement]) -> String? {
        guard !statements.isEmpty else { return nil }
        return update { queue in queue += statements.map { SpooledStatement(statement: $0, line: $0.json()) } }
    }

    /// Removes the statements with these ids (sent, or moved to the rejected file).
    @discardableResult
    public func remove(ids: Set<String>) -> String? {
        guard !ids.isEmpty else { return nil }
        return update { queue in queue.removeAll { ids.contains($0.statement.id) } }
    }

    /// Moves a damaged spool aside (`.bad-<timestamp>`) and starts an empty one; a sound one is left as it is.
    @discardableResult
    public func repair() -> String? {
        guard case .damaged = read() else { return nil }
        return update { _ in }
    }

    /// Moves statements the LRS refused to `progress.json.xapi.rejected`, each with the LRS's reason.
    @discardableResult
    public func reject(_ refused: [(SpooledStatement, String)]) -> String? {
        guard !refused.isEmpty else { return nil }
        do throws(FileError) {
            try underLock { () throws(FileError) in
                var kept = Data()
                if case .bytes(let old) = Self.readBytes(rejectedPath.path) { kept = old }
                for (s, reason) in refused {
                    let entry: [String: Any] = ["reason": reason, "rejected_at": XAPI.timestamp(Date()),
                                                "statement": (try? JSONSerialization.jsonObject(with: s.line)) ?? [:]]
                    if let line = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes]) {
                        kept.append(line)
                        kept.append(0x0A)
                    }
                }
                try AtomicFile.write(kept, to: rejectedPath.path, faults: .none)
            }
        } catch {
            return error.message
        }
        return remove(ids: Set(refused.map(\.0.statement.id)))
    }

    /// How many statements the LRS refused so far.
    public func rejectedCount() -> Int {
        guard case .bytes(let data) = Self.readBytes(rejectedPath.path) else { return 0 }
        return data.split(separator: 0x0A).count
    }

    // MARK: - Under the lock

    private func update(_ change: (inout [SpooledStatement]) -> Void) -> String? {
        do throws(FileError) {
            try underLock { () throws(FileError) in
                var queue: [SpooledStatement]
                switch read() {
                case .statements(let found): queue = found
                case .damaged:
                    try moveAside()
                    queue = []
                case .unreadable(let message): throw FileError(path: message, code: 0)
                }
                change(&queue)
                var data = Data()
                for s in queue {
                    data.append(s.line)
                    data.append(0x0A)
                }
                try AtomicFile.write(data, to: path.path, faults: .none)
            }
            return nil
        } catch {
            return error.message
        }
    }

    private func underLock<T>(_ body: () throws(FileError) -> T) throws(FileError) -> T {
        let folder = path.deletingLastPathComponent().path
        try AtomicFile.makeFolders(folder)
        // The lock waits as the progress file's does (hardening's FileLock polls, at most 5 s), with
        // nothing to show meanwhile: the spool is written in the background.
        let lock = try FileLock(path: lockPath.path, patience: ProgressStore.lockPatience, waiting: { _ in true })
        removeStaleTemporaries(in: folder)
        let result = try body()
        _ = consume lock
        return result
    }

    private func moveAside() throws(FileError) {
        let stamp = ProgressStore.stamp(Date())
        var bad = path.path + ".bad-" + stamp
        var n = 1
        while FileManager.default.fileExists(atPath: bad) {
            n += 1
            bad = path.path + ".bad-\(stamp)-\(n)"
        }
        if rename(path.path, bad) != 0 { throw FileError(path: path.path, code: errno) }
    }

    private func removeStaleTemporaries(in folder: String) {
        let prefixes = [AtomicFile.tempPrefix(for: path.path), AtomicFile.tempPrefix(for: rejectedPath.path)]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where prefixes.contains(where: name.hasPrefix) {
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    // MARK: - Reading

    enum Bytes {
        case missing
        case bytes(Data)
        case failed(String)
    }

    static func readBytes(_ path: String) -> Bytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            return e == ENOENT || e == ENOTDIR ? .missing : .failed(FileError(path: path, code: e).message)
        }
        defer { close(fd) }
        switch ReadToEnd.read(fd) {
        case .data(let data): return .bytes(data)
        case .failed(let code): return .failed(FileError(path: path, code: code).message)
        case .tooLarge(let count): return .failed("\(path) grew past \(count) bytes while it was read")
        }
    }

    static func parse(_ data: Data) -> SpoolReadResult {
        var out: [SpooledStatement] = []
        for (i, line) in data.split(separator: 0x0A).enumerated() {
            let bytes = Data(line)
            guard let s = XAPIStatement.decode(bytes) else { return .damaged("line \(i + 1) is not an xAPI statement") }
            out.append(SpooledStatement(statement: s, line: bytes))
        }
        return .statements(out)
    }
}
