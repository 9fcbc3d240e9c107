import RNNEngine

/// Reading the worker protocol's fields from our own JSON reader (`JSONValue`), with the rules
/// `JSONDecoder` applied to the protocol's Codable types: a required field must be there with its type;
/// an optional one may be absent or `null`; an Int is a number without a fraction. Foundation's coders
/// were 15 % of `unroll check`'s CPU (hundreds of small lines each way).
extension JSONValue {
    /// nil: absent or `null`; `.some(nil)`: present with the wrong type.
    typealias Field<T> = T??

    func required<T>(_ key: String, _ read: (JSONValue) -> T?) -> T? { self[key].flatMap(read) }

    func optional<T>(_ key: String, _ read: (JSONValue) -> T?) -> Field<T> {
        guard let v = self[key], v != .null else { return .none }
        return .some(read(v))
    }

    static func string(_ v: JSONValue) -> String? {
        if case .string(let s) = v { return s }
        return nil
    }

    static func bool(_ v: JSONValue) -> Bool? {
        if case .bool(let b) = v { return b }
        return nil
    }

    static func int(_ v: JSONValue) -> Int? {
        switch v {
        case .int(let i): return i
        case .float(let f): return f.rounded() == f && abs(f) < 9.2e18 ? Int(f) : nil
        default: return nil
        }
    }

    static func double(_ v: JSONValue) -> Double? { v.number }

    static func array(_ v: JSONValue) -> [JSONValue]? {
        if case .array(let a) = v { return a }
        return nil
    }

    static func object(_ v: JSONValue) -> [(String, JSONValue)]? {
        if case .object(let kv) = v { return kv }
        return nil
    }
}
