import RNNEngine

/// `module.load_state_dict(state_dict, strict=True)` as torch's `Module.load_state_dict`: each module of the tree
/// (depth-first, registration order) copies its own parameters as it goes, and collects what is missing, what is
/// unexpected and what cannot be copied; any problem raises one error listing them all, after
/// "Error(s) in loading state_dict for NAME:", missing keys first, then unexpected, then the rest in tree order.
/// As in torch, parameters copied before the error stay copied.
extension ModuleBase {
    func loadStateDict(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("load_state_dict", ["state_dict", "strict", "assign"], required: 1, args, kwargs, isMethod: true)
        guard case .dict(let d) = b[0]! else {
            throw .typeError("Expected state_dict to be dict-like, got <class '\(b[0]!.typeName)'>.")
        }
        let strict = try b[1]?.truthy() ?? true
        var given: [(String, PyValue)] = []
        for (k, v) in zip(d.keys, d.values) {
            guard case .str(let key) = k else { continue }   // torch skips keys that cannot name a parameter
            given.append((key, v))
        }
        var missing: [String] = [], unexpected: [String] = [], errors: [String] = []
        func load(_ m: ModuleBase, _ local: [(String, PyValue)], _ prefix: String) {
            let lookup = Dictionary(local, uniquingKeysWith: { _, last in last })
            for (name, leaf) in m.parameterSlots {
                guard let leaf else { continue }
                let key = prefix + name
                guard let v = lookup[key] else { missing.append(key); continue }
                guard case .tensor(let t) = v else {
                    errors.append("While copying the parameter named \"\(key)\", expected torch.Tensor or Tensor-like object from checkpoint but received <class '\(v.typeName)'>")
                    continue
                }
                guard t.t.shape == leaf.value.shape else {
                    errors.append("size mismatch for \(key): copying a param with shape torch.Size(\(pyShape(t.t.shape))) from checkpoint, the shape in current model is torch.Size(\(pyShape(leaf.value.shape))).")
                    continue
                }
                leaf.value = t.t
            }
            // Persistent buffers load as parameters do, copied into the buffer (every reference sees the values).
            for (name, buffer, persistent) in m.bufferSlots where persistent {
                guard let buffer else { continue }
                let key = prefix + name
                guard let v = lookup[key] else { missing.append(key); continue }
                guard case .tensor(let t) = v else {
                    errors.append("While copying the parameter named \"\(key)\", expected torch.Tensor or Tensor-like object from checkpoint but received <class '\(v.typeName)'>")
                    continue
                }
                guard t.shape == buffer.shape else {
                    errors.append("size mismatch for \(key): copying a param with shape torch.Size(\(pyShape(t.shape))) from checkpoint, the shape in current model is torch.Size(\(pyShape(buffer.shape))).")
                    continue
                }
                buffer.write(floats: t.floats, ints: buffer.dtype.isInteger ? t.exactInts : nil)
            }
            // torch collects these whatever `strict` is (it passes strict=True down) and raises for them only when strict.
            let own = Set(m.parameterSlots.compactMap { $0.leaf == nil ? nil : $0.name } + m.bufferSlots.compactMap { $0.tensor == nil || !$0.persistent ? nil : $0.name })
            let children = Set(m.childSlots.map(\.name))
            for (key, _) in local where key.hasPrefix(prefix) {
                let first = String(key.dropFirst(prefix.count).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                if !own.contains(first) && !children.contains(first) { unexpected.append(key) }
            }
            for (name, child) in m.childSlots {
                guard let child else { continue }
                let childPrefix = prefix + name + "."
                load(child, local.filter { $0.0.hasPrefix(childPrefix) }, childPrefix)
            }
        }
        load(self, given, "")
        if strict {
            func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }
            if !unexpected.isEmpty { errors.insert("Unexpected key(s) in state_dict: \(quoted(unexpected)). ", at: 0) }
            if !missing.isEmpty { errors.insert("Missing key(s) in state_dict: \(quoted(missing)). ", at: 0) }
        }
        guard errors.isEmpty else {
            throw .runtime("Error(s) in loading state_dict for \(moduleName):\n\t" + errors.joined(separator: "\n\t"))
        }
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
