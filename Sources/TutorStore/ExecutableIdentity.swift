#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Which program this is, for the caches' stamp: the GNU build ID the linker writes into an ELF program (a hash of
/// the whole linked output, kept by `strip`), read from the file's note segments. Two files with the same ID are the
/// same program, wherever they lie and whatever their mtime; a rebuild that changes anything changes it.
enum ExecutableIdentity {
    /// The build ID of the 64-bit little-endian ELF file at `path`, or nil (no such note, another format, unreadable).
    /// Reads the header, the program headers and the note segments only: a few hundred bytes of a large file.
    static func buildID(ofFile path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard offset >= 0, count >= 0, count <= 1 << 16 else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
            return got == count ? bytes : nil
        }
        guard let header = read(0, 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else { return nil }
        let phoff = Int(truncatingIfNeeded: le(header, 32, 8)), phentsize = Int(le(header, 54, 2)), phnum = Int(le(header, 56, 2))
        guard phentsize >= 56, phnum > 0, let table = read(phoff, phentsize * phnum) else { return nil }
        for i in 0 ..< phnum {
            let at = i * phentsize
            guard le(table, at, 4) == 4 else { continue }   // PT_NOTE
            let offset = Int(truncatingIfNeeded: le(table, at + 8, 8)), size = Int(truncatingIfNeeded: le(table, at + 32, 8))
            guard let notes = read(offset, size), let id = gnuBuildID(inNotes: notes) else { continue }
            return id
        }
        return nil
    }

    /// The descriptor of the note named "GNU" of type NT_GNU_BUILD_ID (3) in a note segment's bytes.
    static func gnuBuildID(inNotes notes: [UInt8]) -> [UInt8]? {
        var at = 0
        while at + 12 <= notes.count {
            let nameSize = Int(le(notes, at, 4)), descSize = Int(le(notes, at + 4, 4)), type = le(notes, at + 8, 4)
            let name = at + 12, desc = name + (nameSize + 3) / 4 * 4, next = desc + (descSize + 3) / 4 * 4
            guard nameSize <= notes.count, descSize <= notes.count, next <= notes.count else { return nil }
            if type == 3, nameSize == 4, notes[name ..< name + 4].elementsEqual([0x47, 0x4E, 0x55, 0]), descSize > 0 {
                return Array(notes[desc ..< desc + descSize])
            }
            at = next
        }
        return nil
    }

    /// The little-endian unsigned integer of `count` bytes at `offset` (0 past the end).
    private static func le(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> UInt64 {
        guard offset >= 0, offset + count <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for i in (0 ..< count).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }
}
