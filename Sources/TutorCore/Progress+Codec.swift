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
    /// store knows to keep the old file before writing it again.
    public static func decode(_ data: Data) throws(ProgressDecodeError) -> LearnerProgress {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else { throw .notJSON }
        struct Probe: Decodable {
            var version: Int?
            enum CodingKeys: String, CodingKey { case version = "format_version" }
        }
        let probe: Probe
        do { probe = try JSONDecoder().decode(Probe.self, from: data) } catch { throw .wrongContent("format_version") }
        guard let version = probe.version else { throw .noFormatVersion }
        if version > currentFormatVersion { throw .newerFormat(version) }
        if version < 1 { throw .wrongContent("format_version") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = try? Date.ISO8601FormatStyle().parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 date")
            }
            guard dateRange.contains(date) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "date out of range")
            }
            return date
        }
        do {
            let progress = try decoder.decode(LearnerProgress.self, from: data)
            return version == 1 ? progress.migratingFromV1() : progress
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
