/// The bytes of a lesson file, checked before YAML reads them: every problem here is found at its
/// exact line and column (lines end at LF; columns count Unicode scalars, as the YAML positions do).
///
/// - At most `maxBytes` long: lessons are a few tens of KB; anything near a megabyte is a mistake.
/// - UTF-8, reported at the first invalid byte.
/// - Lines end with LF, or CRLF (a Windows editor's; the CR is dropped). A CR alone, NEL (U+0085),
///   LS (U+2028) and PS (U+2029) are refused: YAML counts them as line breaks where editors, `grep -n`
///   and terminals mostly do not, so every line number after one would point at the wrong line.
/// - No control characters (tab aside: YAML rules on it), and no invisible format or bidirectional
///   controls anywhere, comments included, since they can make text read differently from what it is.
/// - A byte order mark at the very start is allowed and dropped.
///
/// ```swift
/// let source = LessonSource(bytes)
/// if source.problems.isEmpty { try YAMLComposer.compose(source.text) }
/// ```
public struct LessonSource {
    /// The largest lesson file read, in bytes (1 MB; the lessons here are under 30 KB).
    public static let maxBytes = 1 << 20
    /// Forbidden characters reported per file before giving up (one per line would drown the rest).
    static let maxReported = 20

    struct Problem: Equatable {
        var line: Int, column: Int
        var message: String
    }

    /// The text with CRLF turned into LF and a leading byte order mark removed; empty when `problems` is not.
    private(set) var text: [UInt8] = []
    private(set) var problems: [Problem] = []

    /// The sentence for a file of `size` bytes over the limit.
    public static func tooLarge(_ size: Int) -> String {
        func megabytes(_ n: Int) -> String {
            let tenths = (n * 10 + (1 << 19)) >> 20
            return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
        }
        return "the file is \(megabytes(size)) (\(size) bytes); a lesson file may be at most \(megabytes(maxBytes))"
    }

    init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        guard bytes.count <= Self.maxBytes else {
            problems = [Problem(line: 1, column: 1, message: Self.tooLarge(bytes.count))]
            return
        }
        let input = Array(bytes)
        var crs: [Int] = []  // the CRs of CRLFs, dropped from `text`
        var line = 1, column = 1
        let start = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = start
        func stop(_ message: String) { problems.append(Problem(line: line, column: column, message: message)) }
        input.withUnsafeBufferPointer { buffer in
            while i < buffer.count {
                // Printable ASCII, 8 bytes at a time: a byte below 0x20 borrows in `x - 0x20…`, 0x7F
                // and up set the top bit of `x + 1…` or of `x` (a borrow or carry comes only from a
                // byte flagged itself), and any flag leaves the 8 bytes to the loop below.
                while i + 8 <= buffer.count {
                    let x = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    guard ((x &- 0x2020_2020_2020_2020) | (x &+ 0x0101_0101_0101_0101) | x) & 0x8080_8080_8080_8080 == 0 else { break }
                    i += 8
                    column += 8
                }
                guard i < buffer.count else { break }
                let b = buffer[i]
                if b >= 0x20 && b < 0x7F {
                    i += 1
                    column += 1
                    continue
                }
                if b == 0x0A {
                    i += 1
                    line += 1
                    column = 1
                    continue
                }
                if b == 0x0D {
                    guard i + 1 < buffer.count && buffer[i + 1] == 0x0A else {
                        stop("a carriage return (U+000D) without a line feed; end lines with LF (or CRLF)")
                        return
                    }
                    crs.append(i)
                    i += 1
                    continue
                }
                guard let (scalar, length) = Self.decode(input, at: i) else {
                    stop("invalid UTF-8 (byte 0x\(Self.hex(UInt32(b), digits: 2))); lesson files must be UTF-8 text")
                    return
                }
                switch scalar.value {
                case 0x09:
                    break
                case 0x85, 0x2028, 0x2029:
                    let name = scalar.value == 0x85 ? "a next-line character" : scalar.value == 0x2028 ? "a line separator" : "a paragraph separator"
                    stop("\(name) (U+\(Self.hex(scalar.value, digits: 4))); end lines with LF (or CRLF)")
                    return
                default:
                    if let bad = LessonDecoder.forbiddenCharacter(scalar), problems.count < Self.maxReported {
                        problems.append(Problem(line: line, column: column,
                                                message: "the file contains \(bad); lesson text must reach the terminal as plain text"))
                    }
                }
                i += length
                column += 1
            }
        }
        guard problems.isEmpty else { return }
        if crs.isEmpty && start == 0 {
            text = input
            return
        }
        text.reserveCapacity(input.count - start - crs.count)
        var from = start
        for cr in crs {
            text += input[from..<cr]
            from = cr + 1
        }
        text += input[from...]
    }

    /// The scalar starting at `i` and its length in bytes, or nil if the bytes there are not UTF-8
    /// (overlong forms, surrogates and values past U+10FFFF included).
    static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = bytes[i]
        let length: Int, minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0x00..<0x80: return (Unicode.Scalar(b0), 1)
        case 0xC2..<0xE0: length = 2; minimum = 0x80; value = UInt32(b0 & 0x1F)
        case 0xE0..<0xF0: length = 3; minimum = 0x800; value = UInt32(b0 & 0x0F)
        case 0xF0..<0xF5: length = 4; minimum = 0x10000; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let s = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
