import Foundation

/// Why a progress file could not be read. The store never overwrites such a file; it moves it aside.
public enum ProgressDecodeError: Error, Sendable, Equatable {
    case notJSON
    case newerFormat(Int)
    case noFormatVersion
    case wrongContent(String)

    /// A few words for the one-sentence notice.
    public var reason: String {
        switch self {
        case .notJSON: return "it is not valid JSON"
        case let .newerFormat(v): return "it was written by a newer Unroll (format_version \(v), this one reads \(LearnerProgress.currentFormatVersion))"
        case .noFormatVersion: return "it has no format_version"
        // The path holds ids from the file: escaped, since the sentence reaches a terminal.
        case let .wrongContent(at): return "it holds unexpected content at \(TerminalSafe.text(at))"
        }
    }
}

extension LearnerProgress {
    /// Human-readable JSON: pretty-printed, keys sorted, ISO 8601 dates, a trailing newline.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Only strings, numbers and dates: encoding cannot fail.
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Dates in a file must fall in 1970…9999 (UTC): what day arithmetic and ISO 8601 can hold.
    public static let dateRange = Date(timeIntervalSince1970: 0) ... Date(timeIntervalSince1970: 253_402_300_799)

    /// Decodes a file's bytes; the version is checked before the rest so a newer file is named as such.
    /// A format-1 file comes back migrated (`migratingFromV1`) with `formatVersion` still 1, so the
    /// store knows to keep the old file before writing it again. An instructor's report reads a thousand
    /// files: a file as this program writes it is read by `fastDecode`; anything else is parsed once by
    /// `JSONDecoder` (a check pass and a version probe used to triple the cost), which names the problem.
    public static func decode(_ data: Data) throws(ProgressDecodeError) -> LearnerProgress {
        if let fast = fastDecode(data) { return fast.formatVersion == 1 ? fast.migratingFromV1() : fast }
        return try codableDecode(data)
    }

    /// `decode` through `JSONDecoder` alone (the tests compare the fast path with it).
    static func codableDecode(_ data: Data) throws(ProgressDecodeError) -> LearnerProgress {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Self.parseFileDate(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 date")
            }
            guard dateRange.contains(date) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "date out of range")
            }
            return date
        }
        do {
            let progress = try decoder.decode(Versioned.self, from: data).progress
            return progress.formatVersion == 1 ? progress.migratingFromV1() : progress
        } catch let error as ProgressDecodeError {
            throw error
        } catch Versioned.NotAnObject.notAnObject {
            throw .notJSON
        } catch let DecodingError.dataCorrupted(ctx) where ctx.codingPath.isEmpty {
            // The parser's own error: not JSON, or JSON it cannot hold (a number past Int64). Only here,
            // on the error path, is the general parser asked which.
            if (try? JSONSerialization.jsonObject(with: data)) is [String: Any] { throw .wrongContent("the top level") }
            throw .notJSON
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw .wrongContent(ctx.pathText)
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw .wrongContent(ctx.pathText)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw .wrongContent((ctx.codingPath + [key]).pathText)
        } catch let DecodingError.dataCorrupted(ctx) {
            throw .wrongContent(ctx.pathText)
        } catch {
            throw .wrongContent("the top level")
        }
    }

    /// The top level: an object whose `format_version` is read before anything else.
    private struct Versioned: Decodable {
        enum NotAnObject: Error { case notAnObject }
        let progress: LearnerProgress

        init(from decoder: any Decoder) throws {
            let c: KeyedDecodingContainer<LearnerProgress.CodingKeys>
            do { c = try decoder.container(keyedBy: LearnerProgress.CodingKeys.self) } catch { throw NotAnObject.notAnObject }
            let version: Int?
            do { version = try c.decodeIfPresent(Int.self, forKey: .formatVersion) } catch {
                throw ProgressDecodeError.wrongContent("format_version")
            }
            guard let version else { throw ProgressDecodeError.noFormatVersion }
            if version > currentFormatVersion { throw ProgressDecodeError.newerFormat(version) }
            if version < 1 { throw ProgressDecodeError.wrongContent("format_version") }
            progress = try LearnerProgress(from: decoder)
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the form this program writes, read directly (a tenth of the time of the
    /// general parser, which dominated reading a class's files); any other form goes to
    /// `Date.ISO8601FormatStyle` as before.
    /// Only the form this program writes (`fastDecode` leaves any other to the Codable path).
    static func parseFastDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8(Self.parseZulu)
    }

    static func parseFileDate(_ text: String) -> Date? {
        var text = text
        if let date = text.withUTF8(Self.parseZulu) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    private static func parseZulu(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from ..< from + count {
                let d = Int(b[i]) - 0x30
                guard d >= 0, d <= 9 else { return nil }
                n = n * 10 + d
            }
            return n
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2),
              let hh = number(11, 2), let mm = number(14, 2), let ss = number(17, 2),
              (1 ... 12).contains(m), hh < 24, mm < 60, ss < 60 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard d >= 1, d <= monthDays else { return nil }
        // Days from civil (Howard Hinnant), the inverse of `CalendarDay.civil`.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: Double(days * 86_400 + hh * 3600 + mm * 60 + ss))
    }
}

extension DecodingError.Context {
    fileprivate var pathText: String {
        codingPath.isEmpty ? "the top level" : codingPath.pathText
    }
}

extension [any CodingKey] {
    /// "lessons.L.tests[0]"
    fileprivate var pathText: String {
        var out = ""
        for key in self {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }
}
