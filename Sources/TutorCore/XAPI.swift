import Foundation

/// Unroll's stable xAPI names: activity IRIs, the account home page, and the text forms of times.
///
/// ```
/// https://unroll.dev/xapi/course                                  the course (every statement's grouping)
/// https://unroll.dev/xapi/lessons/<lesson>                        a lesson (the parent of what is in it)
/// https://unroll.dev/xapi/lessons/<lesson>/items/<item>           a task, question or review card
/// https://unroll.dev/xapi/lessons/<lesson>/modes/<mode>           try, practice, challenge or test
/// ```
/// Ids are percent-encoded (RFC 3986 unreserved characters stay), so any id makes a valid IRI and
/// reads back unchanged.
public enum XAPI {
    public static let base = "https://unroll.dev/xapi"
    public static let courseIRI = base + "/course"
    /// The home page of the accounts learners are named on (`--learner`, else the login name).
    public static let accountHomePage = "https://unroll.dev"
    /// The xAPI version the statements follow (sent as `X-Experience-API-Version`).
    public static let version = "1.0.3"

    public static func lessonIRI(_ lesson: String) -> String { base + "/lessons/" + encode(lesson) }

    public static func itemIRI(lesson: String, item: String) -> String { lessonIRI(lesson) + "/items/" + encode(item) }

    public static func modeIRI(lesson: String, mode: String) -> String { lessonIRI(lesson) + "/modes/" + encode(mode) }

    /// What an Unroll activity IRI names; nil for any other IRI.
    public enum Target: Sendable, Equatable {
        case course
        case lesson(String)
        case item(lesson: String, item: String)
        case mode(lesson: String, mode: String)
    }

    public static func target(of iri: String) -> Target? {
        if iri == courseIRI { return .course }
        let prefix = base + "/lessons/"
        guard iri.hasPrefix(prefix) else { return nil }
        let parts = iri.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let lesson = parts.first.flatMap(decode), !lesson.isEmpty else { return nil }
        switch parts.count {
        case 1: return .lesson(lesson)
        case 3:
            guard let id = decode(parts[2]), !id.isEmpty else { return nil }
            if parts[1] == "items" { return .item(lesson: lesson, item: id) }
            if parts[1] == "modes" { return .mode(lesson: lesson, mode: id) }
            return nil
        default: return nil
        }
    }

    /// Percent-encodes every byte outside RFC 3986's unreserved set (A–Z a–z 0–9 - . _ ~).
    static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "a") ... UInt8(ascii: "z"),
                 UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    static func decode(_ s: String) -> String? { s.removingPercentEncoding }

    // MARK: - Times

    /// `2026-12-03T09:00:00Z`: whole seconds, UTC (as the progress file keeps them).
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// An ISO 8601 timestamp with a zone, with or without fractional seconds (an LRS may add them).
    public static func parseTimestamp(_ text: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle().parse(text) { return d }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// Whole seconds as an ISO 8601 duration: `PT0S`, `PT45S`, `PT1M12S`, `PT2H0M5S`.
    public static func duration(seconds: Int) -> String {
        let s = max(0, seconds)
        let (h, m, r) = (s / 3600, (s % 3600) / 60, s % 60)
        if h > 0 { return "PT\(h)H\(m)M\(r)S" }
        if m > 0 { return "PT\(m)M\(r)S" }
        return "PT\(r)S"
    }

    /// Seconds in an ISO 8601 duration of days, hours, minutes and seconds (`P1DT2H`, `PT12.5S`),
    /// rounded down; nil for anything else (years and months have no fixed length).
    public static func seconds(ofDuration text: String) -> Int? {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var inTime = false
        var number = ""
        var sawField = false
        for ch in rest {
            if ch == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if ch.isASCII, ch.isNumber || ch == "." {
                number.append(ch)
                continue
            }
            guard let value = Double(number), value >= 0 else { return nil }
            number = ""
            sawField = true
            switch (ch, inTime) {
            case ("D", false): total += value * 86_400
            case ("W", false): total += value * 604_800
            case ("H", true): total += value * 3600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: return nil
            }
        }
        guard number.isEmpty, sawField, total.isFinite, total < 1e12 else { return nil }
        return Int(total.rounded(.down))
    }
}
