/// One program for the snippet worker: what `MiniPy.run` takes. One JSON object per line on the
/// worker's stdin.
public struct SnippetRequest: Codable, Sendable, Equatable {
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

    private enum CodingKeys: String, CodingKey { case source, prelude, then, file, wallTime, recurrentCalls }

    /// Only `source` is required (a hand-written request, e.g. from a test, can leave the rest out).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        prelude = try c.decodeIfPresent(String.self, forKey: .prelude)
        then = try c.decodeIfPresent(String.self, forKey: .then)
        file = try c.decodeIfPresent(String.self, forKey: .file) ?? "snippet.py"
        wallTime = try c.decodeIfPresent(Double.self, forKey: .wallTime)
        recurrentCalls = try c.decodeIfPresent(Bool.self, forKey: .recurrentCalls) ?? true
    }
}
