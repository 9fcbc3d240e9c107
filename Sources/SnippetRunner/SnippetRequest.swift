import Foundation
import RNNEngine

/// One program for the snippet worker: what `MiniPy.run` takes. One JSON object per line on the
/// worker's stdin.
public struct SnippetRequest: Sendable, Equatable {
    public var source: String
    public var prelude: String?
    public var then: String?
    /// The file name tracebacks show ("snippet.py").
    public var file: String
    /// MiniPy's own wall-time limit in seconds (nil: its standard limit).
    public var wallTime: Double?
    /// Send back the RNNs the snippet ran (the playground's Ctrl-V needs them; `unroll check` does not,
    /// and their weights are most of an answer's bytes).
    public var recurrentCalls: Bool

    public init(source: String, prelude: String? = nil, then: String? = nil, file: String = "snippet.py", wallTime: Double? = nil,
                recurrentCalls: Bool = true) {
        self.source = source
        self.prelude = prelude
        self.then = then
        self.file = file
        self.wallTime = wallTime
        self.recurrentCalls = recurrentCalls
    }

    /// One line of JSON, keys sorted (what the worker and the Python hook read).
    public func wireJSON() -> Data {
        var fields: [(String, JSONValue)] = [("file", .string(file))]
        if let prelude { fields.append(("prelude", .string(prelude))) }
        fields.append(("recurrentCalls", .bool(recurrentCalls)))
        fields.append(("source", .string(source)))
        if let then { fields.append(("then", .string(then))) }
        if let wallTime { fields.append(("wallTime", .float(wallTime))) }
        return Data(JSONValue.object(fields).serialized.utf8)
    }

    /// A request read from its line; only `source` is required (a hand-written request, e.g. from a
    /// test, can leave the rest out). Nil when the line is not one.
    public static func fromWire(_ data: Data) -> SnippetRequest? {
        guard let json = try? JSONValue.parse(data), JSONValue.object(json) != nil,
              let source = json.required("source", JSONValue.string) else { return nil }
        let prelude = json.optional("prelude", JSONValue.string), then = json.optional("then", JSONValue.string)
        let file = json.optional("file", JSONValue.string), wallTime = json.optional("wallTime", JSONValue.double)
        let recurrentCalls = json.optional("recurrentCalls", JSONValue.bool)
        if case .some(nil) = prelude { return nil }
        if case .some(nil) = then { return nil }
        if case .some(nil) = file { return nil }
        if case .some(nil) = wallTime { return nil }
        if case .some(nil) = recurrentCalls { return nil }
        return SnippetRequest(source: source, prelude: prelude ?? nil, then: then ?? nil, file: (file ?? nil) ?? "snippet.py",
                              wallTime: wallTime ?? nil, recurrentCalls: (recurrentCalls ?? nil) ?? true)
    }
}
