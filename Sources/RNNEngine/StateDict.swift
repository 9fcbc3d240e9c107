/// A state_dict that does not fit a module: keys missing, unexpected, or of the wrong shape.
/// `description` is one line naming the keys and shapes.
public struct StateDictError: Error, Sendable, Equatable, CustomStringConvertible {
    public var missing: [String] = []
    public var unexpected: [String] = []
    /// (key, expected shape, given shape)
    public var mismatched: [Mismatch] = []

    public struct Mismatch: Sendable, Equatable {
        public var key: String
        public var expected: [Int]
        public var got: [Int]
    }

    var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty }

    public var description: String {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if !unexpected.isEmpty { parts.append("unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ")) }
        for m in mismatched {
            parts.append("size mismatch for \(m.key): got shape \(torchSize(m.got)), the shape in the model is \(torchSize(m.expected))")
        }
        return parts.joined(separator: "; ")
    }
}

func torchSize(_ s: [Int]) -> String { "torch.Size([\(s.map(String.init).joined(separator: ", "))])" }

/// Checks `dict` against the expected names and shapes (in state_dict order) and returns the tensors in that order.
func orderedParameters(_ dict: [String: Tensor], expected: [(name: String, shape: [Int])]) throws(StateDictError) -> [Tensor] {
    var err = StateDictError()
    var out: [Tensor] = []
    let names = Set(expected.map(\.name))
    for (name, shape) in expected {
        guard let t = dict[name] else { err.missing.append(name); continue }
        if t.shape != shape { err.mismatched.append(.init(key: name, expected: shape, got: t.shape)) }
        out.append(t)
    }
    err.unexpected = dict.keys.filter { !names.contains($0) }.sorted()
    if !err.isEmpty { throw err }
    return out
}
