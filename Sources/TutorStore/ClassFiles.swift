import Foundation
import TutorCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The learners' progress files an instructor points `unroll class` at: files, or folders searched
/// (recursively) for `*.json` files; each file is a learner. Read-only: nothing is created, locked,
/// moved or migrated next to them (a format-1 file is read as format 2 in memory only).
///
/// ```swift
/// let found = ClassFiles.read(["submissions/"])
/// found.members     // one per learner, files of the same learner merged
/// found.skipped     // damaged or foreign files, with the reason
/// ```
public enum ClassFiles {
    public struct Found: Sendable {
        public var members: [ClassMember]
        public var skipped: [ClassSkipped]
        /// Paths given that do not exist or cannot be listed.
        public var missing: [ClassSkipped]
    }

    /// Reads every progress file under `paths`. A learner is named by the file's `learner` field, else by
    /// the file name without `.json` (a file called `progress.json` by its folder's name); files that name
    /// the same learner are merged (`LearnerProgress.merging`). Files are decoded on every core.
    public static func read(_ paths: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) -> Found {
        var files: [String] = []
        var missing: [ClassSkipped] = []
        var seen = Set<String>()
        func add(_ file: String) {
            let key = realpath(file, nil).map { p in defer { free(p) }; return String(cString: p) } ?? file
            if seen.insert(key).inserted { files.append(file) }
        }
        for given in paths {
            let path = given.hasPrefix("/") ? given : (currentDirectory as NSString).appendingPathComponent(given)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                missing.append(ClassSkipped(path: given, reason: "no such file or folder"))
                continue
            }
            if isDir.boolValue {
                guard let found = jsonFiles(under: path) else {
                    missing.append(ClassSkipped(path: given, reason: "the folder cannot be read"))
                    continue
                }
                for f in found { add(f) }
            } else {
                add(path)
            }
        }
        let results = readAll(files)
        var skipped: [ClassSkipped] = []
        var byName: [String: ClassMember] = [:]
        var order: [String] = []
        for (file, result) in zip(files, results) {
            switch result {
            case .loaded(let progress):
                let name = learnerName(progress: progress, file: file)
                if var m = byName[name] {
                    m.progress = m.progress.merging(progress)
                    m.sources.append(file)
                    byName[name] = m
                } else {
                    byName[name] = ClassMember(name: name, sources: [file], progress: progress)
                    order.append(name)
                }
            case .damaged(let error):
                skipped.append(ClassSkipped(path: file, reason: error.reason))
            case .unreadable(let message):
                skipped.append(ClassSkipped(path: file, reason: message))
            case .missing:
                skipped.append(ClassSkipped(path: file, reason: "it disappeared while being read"))
            }
        }
        let members = order.sorted { a, b in
            let (x, y) = (a.lowercased(), b.lowercased())
            return x != y ? x < y : a < b
        }.map { byName[$0]! }
        return Found(members: members, skipped: skipped, missing: missing)
    }

    /// The learner a file belongs to: its `learner` field, else its name without `.json`, else (for
    /// `progress.json`, the tutor's default name) the folder's name.
    static func learnerName(progress: LearnerProgress, file: String) -> String {
        if let name = progress.learner?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        let base = (file as NSString).lastPathComponent
        let stem = base.lowercased().hasSuffix(".json") ? String(base.dropLast(5)) : base
        if stem == "progress" {
            let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
            if !folder.isEmpty, folder != "/" { return folder }
        }
        return stem
    }

    /// `*.json` files under `folder`, sorted, skipping hidden names (the tutor's temporary and lock files)
    /// and not following links to folders (a loop would never end). Nil when the folder cannot be listed.
    static func jsonFiles(under folder: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var out: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                out += jsonFiles(under: path) ?? []
            } else if name.lowercased().hasSuffix(".json") {
                out.append(path)
            }
        }
        return out
    }

    /// `ProgressStore.read` for each file, spread over the cores (decoding JSON is the slow part).
    static func readAll(_ files: [String]) -> [ProgressReadResult] {
        let results = UnsafeMutableBufferPointer<ProgressReadResult>.allocate(capacity: files.count)
        results.initialize(repeating: .missing)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            // Each index is written by one iteration only.
            out[i] = ProgressStore.read(at: URL(fileURLWithPath: files[i]))
        }
        return Array(results)
    }
}
