/// A compact binary form of a decoded `Lesson`, for the lesson cache (TutorStore's `LessonCache`):
/// reading it back is ~20 times cheaper than parsing the YAML and checking every field again, which
/// was 60 % of the tutor's launch (issue 19).
///
/// The format is private to one build: the cache stamps every file with the binary that wrote it, so
/// changing a lesson type needs no migration. Values are written in declaration order: integers as
/// zigzag LEB128, strings and arrays with their count first, optionals with a 0/1 tag, enums with a
/// case number. The reader checks every bound and throws on anything a writer could not have produced.
public enum LessonBinary {
    public struct Malformed: Error, Equatable { public init() {} }

    public struct Writer {
        public private(set) var bytes: [UInt8] = []
        public init() {}

        public mutating func write(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        public mutating func write(_ v: Int) {
            // zigzag: small negative numbers stay small.
            write(UInt64(bitPattern: Int64((v << 1) ^ (v >> (Int.bitWidth - 1)))))
        }

        public mutating func write(_ v: Bool) { bytes.append(v ? 1 : 0) }

        public mutating func write(_ v: Double) {
            var bits = v.bitPattern
            for _ in 0 ..< 8 {
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }

        public mutating func write(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                write(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        public mutating func write<T: LessonBinaryCodable>(_ v: T) { v.write(to: &self) }

        public mutating func write<T: LessonBinaryCodable>(_ v: T?) {
            guard let v else { return write(false) }
            write(true)
            v.write(to: &self)
        }

        public mutating func write<T: LessonBinaryCodable>(_ vs: [T]) {
            write(vs.count)
            for v in vs { v.write(to: &self) }
        }
    }

    public struct Reader {
        let bytes: ArraySlice<UInt8>
        /// Where the next value starts: an index of `bytes` (a slice keeps its base's indices).
        public private(set) var offset: Int
        let end: Int

        public init(_ bytes: [UInt8], offset: Int = 0) {
            self.init(bytes[...], offset: offset)
        }

        /// Reads a part of a larger buffer in place (the cache's payloads, without a copy).
        public init(_ bytes: ArraySlice<UInt8>, offset: Int? = nil) {
            self.bytes = bytes
            self.offset = offset ?? bytes.startIndex
            end = bytes.endIndex
        }

        public var isAtEnd: Bool { offset == end }

        public mutating func readUInt64() throws -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < end, shift < 64 else { throw Malformed() }
                let b = bytes[offset]
                offset += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }

        public mutating func readInt() throws -> Int {
            let z = try readUInt64()
            return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
        }

        /// A count of things still to read: never more than the bytes left, so a corrupt count cannot
        /// make the reader reserve gigabytes.
        public mutating func readCount() throws -> Int {
            let n = try readInt()
            guard n >= 0, n <= end - offset else { throw Malformed() }
            return n
        }

        public mutating func readBool() throws -> Bool {
            guard offset < end, bytes[offset] <= 1 else { throw Malformed() }
            defer { offset += 1 }
            return bytes[offset] == 1
        }

        public mutating func readDouble() throws -> Double {
            guard end - offset >= 8 else { throw Malformed() }
            var bits: UInt64 = 0
            for i in (0 ..< 8).reversed() { bits = bits << 8 | UInt64(bytes[offset + i]) }
            offset += 8
            return Double(bitPattern: bits)
        }

        public mutating func readString() throws -> String {
            let n = try readCount()
            defer { offset += n }
            return String(decoding: bytes[offset ..< offset + n], as: UTF8.self)
        }

        public mutating func read<T: LessonBinaryCodable>(_: T.Type = T.self) throws -> T { try T(from: &self) }

        public mutating func readOptional<T: LessonBinaryCodable>(_: T.Type = T.self) throws -> T? {
            try readBool() ? try T(from: &self) : nil
        }

        public mutating func readArray<T: LessonBinaryCodable>(_: T.Type = T.self) throws -> [T] {
            let n = try readCount()
            var out: [T] = []
            // A count is at most the bytes left, but an element takes far more memory than its one byte on
            // the wire (a ChallengeItem 312): reserving for a crafted count could ask for gigabytes.
            out.reserveCapacity(min(n, 256))
            for _ in 0 ..< n { out.append(try T(from: &self)) }
            return out
        }

        /// A case number in `0 ..< count`.
        public mutating func readCase(below count: Int) throws -> Int {
            let c = try readInt()
            guard (0 ..< count).contains(c) else { throw Malformed() }
            return c
        }

        public mutating func readRaw<T: RawRepresentable>(_: T.Type = T.self) throws -> T where T.RawValue == String {
            guard let v = T(rawValue: try readString()) else { throw Malformed() }
            return v
        }
    }
}

/// A type the lesson cache writes and reads back (`LessonBinary`).
public protocol LessonBinaryCodable {
    func write(to w: inout LessonBinary.Writer)
    init(from r: inout LessonBinary.Reader) throws
}

extension String: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(self) }
    public init(from r: inout LessonBinary.Reader) throws { self = try r.readString() }
}

extension Int: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(self) }
    public init(from r: inout LessonBinary.Reader) throws { self = try r.readInt() }
}

extension Double: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(self) }
    public init(from r: inout LessonBinary.Reader) throws { self = try r.readDouble() }
}

extension Lesson {
    /// This lesson in the cache's binary form (`LessonBinary`).
    public var binaryEncoded: [UInt8] {
        var w = LessonBinary.Writer()
        write(to: &w)
        return w.bytes
    }

    /// A lesson read back from `binaryEncoded`; throws `LessonBinary.Malformed` when the bytes are not
    /// exactly one lesson.
    public init(binary bytes: [UInt8]) throws {
        try self.init(binary: bytes[...])
    }

    public init(binary bytes: ArraySlice<UInt8>) throws {
        var r = LessonBinary.Reader(bytes)
        self = try Lesson(from: &r)
        guard r.isAtEnd else { throw LessonBinary.Malformed() }
    }
}
