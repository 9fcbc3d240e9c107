import Foundation

/// A JSON value that keeps what Python's `json.loads` keeps: `1` is an int, `1.0` a float, key order.
/// Not `indirect`: arrays and objects already live on the heap, and a number in a list costs its 9 bytes
/// plus padding instead of a box of its own (a 7 MB input once took 3.8 GB).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    /// A float32 written in its own shortest form (0.1, not 0.10000000149011612).
    case float32(Float)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.float(x), .float(y)): x == y
        case let (.float32(x), .float32(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value for `key` in an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let kv) = self { return kv.first { $0.0 == key }?.1 }
        return nil
    }

    /// true as 1, false as 0 (torch.tensor([True, 1.5]) is [1.0, 1.5]); nil for anything else.
    var boolNumber: Double? {
        if case .bool(let b) = self { return b ? 1 : 0 }
        return nil
    }

    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .float(let f): f
        case .float32(let f): Double(f)
        default: nil
        }
    }

    /// The largest text `parse` reads (16 MB), and the deepest nesting (100): beyond them it throws, so no
    /// input can exhaust memory or the stack (a tree of short lists takes up to ~16 bytes per byte of text).
    public static let maxBytes = 16 << 20
    public static let maxDepth = 100

    /// Parses UTF-8 JSON text; accepts Python's `NaN`, `Infinity`, `-Infinity`. Integers outside Int64
    /// are refused (torch could not take them either: "Overflow when unpacking long long").
    public static func parse(_ data: Data) throws -> JSONValue {
        if data.count > maxBytes {
            throw JSONParseError(message: "the text is \(data.count) bytes; the limit is \(maxBytes) (16 MB)", offset: 0)
        }
        var p = JSONParser(bytes: Array(data))
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i != p.bytes.count { throw p.error("trailing characters") }
        return v
    }

    /// Compact JSON text; floats in their shortest round-tripping form.
    public var serialized: String {
        var s = ""
        write(into: &s)
        return s
    }

    func write(into s: inout String) {
        switch self {
        case .null: s += "null"
        case .bool(let b): s += b ? "true" : "false"
        case .int(let i): s += String(i)
        case .float(let f): s += JSONValue.format(f)
        case .float32(let f): s += f.isFinite ? "\(f)" : JSONValue.format(Double(f))
        case .string(let str): JSONValue.writeString(str, into: &s)
        case .array(let a):
            s += "["
            for (i, v) in a.enumerated() { if i > 0 { s += ", " }; v.write(into: &s) }
            s += "]"
        case .object(let kv):
            s += "{"
            for (i, (k, v)) in kv.enumerated() {
                if i > 0 { s += ", " }
                writeString(k, into: &s); s += ": "; v.write(into: &s)
            }
            s += "}"
        }
    }

    static func format(_ f: Double) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
        return "\(f)"
    }

    static func writeString(_ str: String, into s: inout String) {
        s += "\""
        // Most text needs no escape at all: append it whole (scalar by scalar was 1 % of `unroll check`).
        if !str.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            s += str
            s += "\""
            return
        }
        for u in str.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\t": s += "\\t"
            case "\r": s += "\\r"
            default:
                if u.value < 0x20 { s += String(format: "\\u%04x", u.value) } else { s.unicodeScalars.append(u) }
            }
        }
        s += "\""
    }

    private func writeString(_ str: String, into s: inout String) { JSONValue.writeString(str, into: &s) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

struct JSONParser {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ m: String) -> JSONParseError { JSONParseError(message: m, offset: i) }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func literal(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u else { return false }
        i += u.count
        return true
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < JSONValue.maxDepth else { throw error("nested more than \(JSONValue.maxDepth) deep") }
        guard i < bytes.count else { throw error("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var kv: [(String, JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let k = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                if let j = kv.firstIndex(where: { $0.0 == k }) { kv[j].1 = v } else { kv.append((k, v)) }
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var a: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            while true {
                skipSpace()
                a.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "\""): return .string(try string())
        default:
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            if literal("null") { return .null }
            if literal("NaN") { return .float(.nan) }
            if literal("Infinity") { return .float(.infinity) }
            if literal("-Infinity") { return .float(-.infinity) }
            return try number()
        }
    }

    mutating func number() throws -> JSONValue {
        let start = i
        var isFloat = false
        while i < bytes.count {
            let b = bytes[i]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { i += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { isFloat = true; i += 1; continue }
            break
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard !text.isEmpty, text.first != "+" else { i = start; throw error("unexpected character") }
        if !isFloat, let v = Int(text) { return .int(v) }
        if !isFloat, text.dropFirst(text.first == "-" ? 1 : 0).allSatisfy(\.isASCIIDigit), text.count > 1 || text != "-" {
            i = start
            throw error("integer \(text.prefix(30))\(text.count > 30 ? "…" : "") is out of range (a 64-bit integer is at most 9223372036854775807)")
        }
        guard let d = Double(text), isFloat || text.allSatisfy({ $0.isNumber || $0 == "-" }) else {
            i = start
            throw error("bad number '\(text)'")
        }
        return .float(d)
    }

    mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 < bytes.count, let v = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16)
                    else { throw error("bad \\u escape") }
                    out += Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8)
                    i += 4
                default: out.append(e)
                }
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        throw error("unterminated string")
    }
}
