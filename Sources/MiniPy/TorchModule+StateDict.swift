import RNNEngine

/// `module.load_state_dict(state_dict, strict=True)` with torch's messages: every problem found, one per
/// line after "Error(s) in loading state_dict for NAME:", missing keys first, then unexpected, then each
/// parameter that cannot be copied, in the module's order.
extension TorchModule {
    func loadStateDict(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("load_state_dict", ["state_dict", "strict", "assign"], required: 1, args, kwargs, isMethod: true)
        guard case .dict(let d) = b[0]! else {
            throw .typeError("Expected state_dict to be dict-like, got <class '\(b[0]!.typeName)'>.")
        }
        let strict = try b[1]?.truthy() ?? true
        var given: [String: PyValue] = [:]
        var givenOrder: [String] = []
        for (k, v) in zip(d.keys, d.values) {
            guard case .str(let key) = k else { continue }   // torch skips keys that cannot name a parameter
            given[key] = v; givenOrder.append(key)
        }
        let missing = parameterNames.filter { given[$0] == nil }
        let unexpected = givenOrder.filter { !parameterNames.contains($0) }
        var errors: [String] = []
        var copies: [(GradLeaf, Tensor)] = []
        for (name, leaf) in zip(parameterNames, leaves) {
            guard let v = given[name] else { continue }
            guard case .tensor(let t) = v else {
                errors.append("While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received <class '\(v.typeName)'>")
                continue
            }
            guard t.t.shape == leaf.value.shape else {
                errors.append("size mismatch for \(name): copying a param with shape torch.Size(\(pyShape(t.t.shape))) from checkpoint, the shape in current model is torch.Size(\(pyShape(leaf.value.shape))).")
                continue
            }
            copies.append((leaf, t.t))
        }
        if strict {
            func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
            if !unexpected.isEmpty { errors.insert("Unexpected key(s) in state_dict: \(quoted(unexpected)). ", at: 0) }
            if !missing.isEmpty { errors.insert("Missing key(s) in state_dict: \(quoted(missing)). ", at: 0) }
        }
        guard errors.isEmpty else {
            throw .runtime("Error(s) in loading state_dict for \(name):\n\t" + errors.joined(separator: "\n\t"))
        }
        for (leaf, value) in copies { leaf.value = value }
        return .object(IncompatibleKeys(missing: missing, unexpected: unexpected))
    }
}

/// What `load_state_dict` returns: torch's `_IncompatibleKeys` named tuple.
final class IncompatibleKeys: PyObject {
    let missing: [String]
    let unexpected: [String]
    init(missing: [String], unexpected: [String]) { self.missing = missing; self.unexpected = unexpected }
    override var typeName: String { "_IncompatibleKeys" }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "missing_keys": .list(PyList(missing.map { .str($0) }))
        case "unexpected_keys": .list(PyList(unexpected.map { .str($0) }))
        default: nil
        }
    }
    override var attributeNames: [String] { ["missing_keys", "unexpected_keys"] }
    override func repr(_ interp: Interpreter) -> String {
        if missing.isEmpty && unexpected.isEmpty { return "<All keys matched successfully>" }
        func list(_ keys: [String]) -> String { "[" + keys.map { pyStrRepr($0) }.joined(separator: ", ") + "]" }
        return "_IncompatibleKeys(missing_keys=\(list(missing)), unexpected_keys=\(list(unexpected)))"
    }
}
