import RNNEngine

/// `torch.nn.Module`: what every module shares, whether native (an RNN, a Linear, a container) or a learner's
/// own `class Net(nn.Module)`. The tree is walked here, in registration order, as torch's `Module` walks it:
/// parameters, children, `state_dict`, `load_state_dict`, `train`/`eval`, `zero_grad` and the nested `repr`.
///
/// A native module registers its slots when it is built; a learner's subclass registers them as torch's
/// `__setattr__` does (`registerAttribute`). Subclasses give their own `extraRepr` and forward (`call`).
class ModuleBase: PyObject {
    /// The class name torch prints (`LSTM`, `Sequential`, `Net`).
    var moduleName: String
    /// `type(m)`'s qualified name for a native module (`torch.nn.modules.rnn.LSTM`); a learner's class names itself.
    var qualifiedName: String
    /// `module.training`: True from construction, as in torch.
    var training = true
    /// Own parameters in registration order; a nil leaf is a parameter registered as None (Linear's `bias=False`).
    var parameterSlots: [(name: String, leaf: GradLeaf?)] = []
    /// Direct submodules in registration order; nil is a submodule slot set to None.
    var childSlots: [(name: String, module: ModuleBase?)] = []
    /// Own buffers (`register_buffer`) in registration order; nil is a buffer registered as None. A persistent
    /// one is in `state_dict()`.
    var bufferSlots: [(name: String, tensor: PyTensor?, persistent: Bool)] = []

    init(moduleName: String, qualifiedName: String) {
        self.moduleName = moduleName
        self.qualifiedName = qualifiedName
    }

    override var typeName: String { moduleName }

    /// torch's `extra_repr()`: what a module prints inside its parentheses besides its children.
    func extraRepr(_ interp: Interpreter) -> String { "" }

    /// A parameter's value changed (an optimizer step, `load_state_dict`): a native module reloads its engine.
    func parametersChanged() {}

    /// Registers a parameter (as `register_parameter`): replaces a slot of that name or appends one.
    func registerParameter(_ name: String, _ leaf: GradLeaf?) {
        leaf?.owner = self
        if let k = parameterSlots.firstIndex(where: { $0.name == name }) { parameterSlots[k].leaf = leaf }
        else { parameterSlots.append((name, leaf)) }
        parametersChanged()
    }

    /// Registers a submodule (as `add_module`): replaces a slot of that name or appends one.
    func registerModule(_ name: String, _ module: ModuleBase?) {
        if let k = childSlots.firstIndex(where: { $0.name == name }) { childSlots[k].module = module }
        else { childSlots.append((name, module)) }
    }

    // MARK: The tree

    /// `named_modules()`: self first, then each submodule depth-first, each module once.
    func namedModules(prefix: String = "") -> [(String, ModuleBase)] {
        var seen: Set<ObjectIdentifier> = []
        var out: [(String, ModuleBase)] = []
        func walk(_ m: ModuleBase, _ prefix: String) {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            out.append((prefix, m))
            for (name, child) in m.childSlots {
                guard let child else { continue }
                walk(child, prefix.isEmpty ? name : prefix + "." + name)
            }
        }
        walk(self, prefix)
        return out
    }

    /// `named_parameters(recurse=True)`: each module's own parameters in `named_modules()` order, a leaf shared by
    /// two modules listed once (where it is first met), None slots left out.
    func namedParameters(recurse: Bool = true) -> [(String, GradLeaf)] {
        var seen: Set<ObjectIdentifier> = []
        var out: [(String, GradLeaf)] = []
        for (prefix, m) in recurse ? namedModules() : [("", self)] {
            for (name, leaf) in m.parameterSlots {
                guard let leaf, seen.insert(ObjectIdentifier(leaf)).inserted else { continue }
                out.append((prefix.isEmpty ? name : prefix + "." + name, leaf))
            }
        }
        return out
    }

    /// `state_dict()`: each module's parameters, then its persistent buffers, then its children's, as torch's
    /// `_save_to_state_dict` walks them; detached, sharing the values.
    func stateDictTensors() -> [(String, PyTensor)] {
        var out: [(String, PyTensor)] = []
        func walk(_ m: ModuleBase, _ prefix: String) {
            for (name, leaf) in m.parameterSlots { if let leaf { out.append((prefix + name, PyTensor(storage: leaf.storage, shape: leaf.shape))) } }
            for (name, t, persistent) in m.bufferSlots where persistent { if let t { out.append((prefix + name, t.detached)) } }
            for (name, child) in m.childSlots { if let child { walk(child, prefix + name + ".") } }
        }
        walk(self, "")
        return out
    }

    /// `named_buffers()`: each module's buffers that are not None, in `named_modules()` order, each tensor once.
    func namedBuffers() -> [(String, PyTensor)] {
        var seen: Set<ObjectIdentifier> = []
        var out: [(String, PyTensor)] = []
        for (prefix, m) in namedModules() {
            for (name, t, _) in m.bufferSlots {
                guard let t, seen.insert(ObjectIdentifier(t.identity)).inserted else { continue }
                out.append((prefix.isEmpty ? name : prefix + "." + name, t))
            }
        }
        return out
    }

    /// `register_buffer(name, tensor, persistent=True)` with torch's checks, in its order.
    func registerBuffer(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("register_buffer", ["name", "tensor", "persistent"], required: 2, args, kwargs, isMethod: true)
        guard case .str(let name) = b[0]! else { throw .typeError("buffer name should be a string. Got \(b[0]!.typeName)") }
        if name.contains(".") { throw PyError(type: "KeyError", message: pyStrRepr("buffer name can't contain \".\"")) }
        if name.isEmpty { throw PyError(type: "KeyError", message: pyStrRepr("buffer name can't be empty string \"\"")) }
        if !bufferSlots.contains(where: { $0.name == name }), (try? getAttribute(name, interp)) ?? nil != nil {
            throw PyError(type: "KeyError", message: pyStrRepr("attribute '\(name)' already exists"))
        }
        var tensor: PyTensor?
        switch b[1]! {
        case .tensor(let t): tensor = t
        case .none: tensor = nil
        case let v: throw .typeError("cannot assign '\(interp.torchTypeName(v))' object to buffer '\(name)' (torch Tensor or None required)")
        }
        let persistent = try b[2]?.truthy() ?? true
        if let k = bufferSlots.firstIndex(where: { $0.name == name }) { bufferSlots[k] = (name, tensor, persistent) }
        else { bufferSlots.append((name, tensor, persistent)) }
        return .none
    }

    /// A parameter as Python sees it: a tensor that prints "Parameter containing:".
    func parameterValue(_ leaf: GradLeaf) -> PyValue {
        var t = PyTensor(leaf: leaf)
        t.isParameter = true
        return .tensor(t)
    }

    // MARK: Attributes

    /// A registered parameter or submodule by name (torch's `__getattr__` fallback), or `training`.
    func registeredAttribute(_ name: String) -> PyValue? {
        if let slot = parameterSlots.first(where: { $0.name == name }) { return slot.leaf.map(parameterValue) ?? PyValue.none }
        if let slot = childSlots.first(where: { $0.name == name }) { return slot.module.map { .object($0) } ?? PyValue.none }
        if let slot = bufferSlots.first(where: { $0.name == name }) { return slot.tensor.map { .tensor($0) } ?? PyValue.none }
        if name == "training" { return .bool(training) }
        return nil
    }

    /// `module.name = value` as torch's `Module.__setattr__` decides: a Parameter registers (or replaces) a
    /// parameter, a Module a submodule, None clears an existing slot of that name. Returns false when the value is
    /// an ordinary attribute the caller keeps itself.
    func registerAttribute(_ name: String, _ value: PyValue) throws(PyError) -> Bool {
        if let k = bufferSlots.firstIndex(where: { $0.name == name }) {
            switch value {
            case .tensor(let t) where !t.isParameter: bufferSlots[k].tensor = t; return true
            case .none: bufferSlots[k].tensor = nil; return true
            case .tensor, .object(is ModuleBase): bufferSlots.remove(at: k)   // a parameter or module takes the name
            default: throw .typeError("cannot assign '\(value.typeName)' as buffer '\(name)' (torch.nn.Buffer, torch.Tensor or None expected)")
            }
        }
        switch value {
        case .tensor(let t) where t.isParameter:
            guard case .leaf(let leaf)? = t.origin else { return false }
            childSlots.removeAll { $0.name == name }
            registerParameter(name, leaf)
            return true
        case .object(let m as ModuleBase):
            parameterSlots.removeAll { $0.name == name }
            registerModule(name, m)
            return true
        case .none where parameterSlots.contains(where: { $0.name == name }):
            registerParameter(name, nil)
            return true
        case .none where childSlots.contains(where: { $0.name == name }):
            registerModule(name, nil)
            return true
        case .tensor where parameterSlots.contains(where: { $0.name == name }):
            throw .typeError("cannot assign 'torch.FloatTensor' as parameter '\(name)' (torch.nn.Parameter or None expected)")
        case .bool where name == "training":
            if case .bool(let b) = value { training = b }
            return true
        default:
            return false
        }
    }

    /// The methods every `nn.Module` has, bound to this module; nil for any other name.
    func moduleMethod(_ n: String) -> PyValue? {
        func method(_ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            .object(Builtin(n, pythonMethod: true, body))
        }
        switch n {
        case "parameters":
            return method { a, k, _ throws(PyError) in
                let b = try bind("parameters", ["recurse"], required: 0, a, k, isMethod: true)
                let recurse = try b[0]?.truthy() ?? true
                return .object(IterableObject("generator", self.namedParameters(recurse: recurse).map { self.parameterValue($0.1) }))
            }
        case "named_parameters":
            return method { a, k, i throws(PyError) in
                let b = try bind("named_parameters", ["prefix", "recurse", "remove_duplicate"], required: 0, a, k, isMethod: true)
                let prefix = try b[0].map { v throws(PyError) in try i.str(v) } ?? ""
                let recurse = try b[1]?.truthy() ?? true
                return .object(IterableObject("generator", self.namedParameters(recurse: recurse).map { name, leaf in
                    .tuple([.str(prefix.isEmpty ? name : prefix + "." + name), self.parameterValue(leaf)]) }))
            }
        case "children":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.uniqueChildren.map { .object($0.1) }))
            }
        case "named_children":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.uniqueChildren.map { .tuple([.str($0.0), .object($0.1)]) }))
            }
        case "modules":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.namedModules().map { .object($0.1) }))
            }
        case "named_modules":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.namedModules().map { .tuple([.str($0.0), .object($0.1)]) }))
            }
        case "state_dict":
            return method { _, _, _ throws(PyError) in
                let d = PyDict()
                d.isOrderedDict = true   // torch returns a collections.OrderedDict
                for (k, t) in self.stateDictTensors() { try d.set(.str(k), .tensor(t)) }
                return .dict(d)
            }
        case "register_buffer":
            return method { a, k, i throws(PyError) in try self.registerBuffer(a, k, i) }
        case "buffers":
            return method { a, k, _ throws(PyError) in
                _ = try bind("buffers", ["recurse"], required: 0, a, k, isMethod: true)
                return .object(IterableObject("generator", self.namedBuffers().map { .tensor($0.1) }))
            }
        case "named_buffers":
            return method { a, k, _ throws(PyError) in
                _ = try bind("named_buffers", ["prefix", "recurse", "remove_duplicate"], required: 0, a, k, isMethod: true)
                return .object(IterableObject("generator", self.namedBuffers().map { .tuple([.str($0.0), .tensor($0.1)]) }))
            }
        case "load_state_dict":
            return method { a, k, i throws(PyError) in try self.loadStateDict(a, k, i) }
        case "train":
            return method { a, k, _ throws(PyError) in
                let b = try bind("train", ["mode"], required: 0, a, k, isMethod: true)
                var mode = true
                if let m = b[0] {
                    guard case .bool(let flag) = m else { throw .valueError("training mode is expected to be boolean") }
                    mode = flag
                }
                for (_, m) in self.namedModules() { m.training = mode }
                return .object(self)
            }
        case "eval":
            return method { a, k, _ throws(PyError) in
                _ = try bind("eval", [], required: 0, a, k, isMethod: true)
                for (_, m) in self.namedModules() { m.training = false }
                return .object(self)
            }
        case "zero_grad":
            return method { a, k, _ throws(PyError) in try GradLeaf.zeroGrad(self.namedParameters().map(\.1), a, k) }
        case "requires_grad_":
            return method { a, k, _ throws(PyError) in
                let b = try bind("requires_grad_", ["requires_grad"], required: 0, a, k, isMethod: true)
                let flag = try b[0]?.truthy() ?? true
                for (_, leaf) in self.namedParameters() { leaf.requiresGrad = flag }
                return .object(self)
            }
        case "apply":
            return method { a, k, i throws(PyError) in
                let b = try bind("apply", ["fn"], required: 1, a, k, isMethod: true)
                try self.apply(b[0]!, i)
                return .object(self)
            }
        case "cpu", "to":
            return method { a, k, _ throws(PyError) in
                // A device other than the CPU fails as it does for a tensor (torch's own error on a machine
                // without a GPU, like the tutor's).
                for v in a + k.map(\.1) {
                    if case .str(let s) = v { try DeviceObject.parse(s).check() }
                    if case .object(let d as DeviceObject) = v { try d.check() }
                }
                return .object(self)
            }
        case "cuda":
            return method { _, _, _ throws(PyError) in throw DeviceObject.noCUDA }
        default:
            return nil
        }
    }

    /// The names `dir(module)` and "Did you mean" suggestions offer.
    var moduleAttributeNames: [String] {
        parameterSlots.map(\.name) + childSlots.map(\.name) + bufferSlots.map(\.name)
            + ["register_buffer", "buffers", "named_buffers", "training", "forward", "parameters", "named_parameters", "children", "named_children", "modules", "named_modules",
               "state_dict", "load_state_dict", "train", "eval", "zero_grad", "requires_grad_", "apply", "cpu", "to", "cuda"]
    }

    /// `children()`: direct submodules that are not None, each once.
    private var uniqueChildren: [(String, ModuleBase)] {
        var seen: Set<ObjectIdentifier> = []
        return childSlots.compactMap { name, m in
            guard let m, seen.insert(ObjectIdentifier(m)).inserted else { return nil }
            return (name, m)
        }
    }

    /// `module.apply(fn)`: children first, then the module itself, as torch does.
    private func apply(_ fn: PyValue, _ interp: Interpreter) throws(PyError) {
        for (_, child) in uniqueChildren { try child.apply(fn, interp) }
        _ = try interp.call(fn, [.object(self)], [])
    }

    // MARK: repr

    /// torch's `Module.__repr__`: `Name(extra)` for a module without children, else one line per child,
    /// indented by two, after the extra lines.
    override func repr(_ interp: Interpreter) -> String {
        let extra = extraRepr(interp)
        let extraLines = extra.isEmpty ? [] : extra.components(separatedBy: "\n")
        var childLines: [String] = []
        for (name, m) in childSlots {
            let text = m.map { $0.repr(interp) } ?? "None"
            childLines.append("(\(name)): " + Self.addIndent(text, 2))
        }
        var s = moduleName + "("
        let lines = extraLines + childLines
        if !lines.isEmpty {
            if extraLines.count == 1 && childLines.isEmpty { s += extraLines[0] }
            else { s += "\n  " + lines.joined(separator: "\n  ") + "\n" }
        }
        return s + ")"
    }

    /// torch's `_addindent`: every line but the first indented by `spaces`.
    static func addIndent(_ s: String, _ spaces: Int) -> String {
        let lines = s.components(separatedBy: "\n")
        guard lines.count > 1 else { return s }
        let pad = String(repeating: " ", count: spaces)
        return ([lines[0]] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
    }
}
