import RNNEngine

/// `torch.nn.Module` as a class a learner derives from (`class Net(nn.Module)`).
final class ModuleBaseClass: PyObject {
    nonisolated(unsafe) static let shared = ModuleBaseClass()
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func repr(_ interp: Interpreter) -> String { "<class 'torch.nn.modules.module.Module'>" }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let m = UserModule(nil)
        m.initialized = true
        return .object(m)
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__name__", "__qualname__": .str("Module")
        case "__module__": .str("torch.nn.modules.module")
        default: classAttribute(n)
        }
    }
    func classAttribute(_ n: String) -> PyValue? { nil }
}

/// An instance of a learner's `nn.Module` subclass: submodules and parameters registered as torch's
/// `Module.__setattr__` registers them (on `ModuleBase`), other attributes kept as an object's own; calling it runs
/// the class's `forward`.
final class UserModule: ModuleBase {
    let cls: UserClass?
    var attrs: [String: PyValue] = [:]
    var order: [String] = []
    /// `nn.Module.__init__` has run (`super().__init__()`): until then torch has no `_parameters`/`_modules`.
    var initialized = false

    init(_ cls: UserClass?) {
        self.cls = cls
        super.init(moduleName: cls?.name ?? "Module", qualifiedName: cls.map { "__main__." + $0.qualname } ?? "torch.nn.modules.module.Module")
    }
    deinit {
        var values = Array(attrs.values)
        attrs = [:]
        releaseIteratively(&values)
    }

    override var isCallable: Bool { true }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        guard initialized else { throw .attributeError("'\(moduleName)' object has no attribute '_backward_hooks'") }
        guard let cls, let (f, _) = cls.lookup("forward") else {
            throw PyError(type: "NotImplementedError", message: "Module [\(moduleName)] is missing the required \"forward\" function")
        }
        return try interp.call(try interp.bindToInstance(f, .object(self)), args, kwargs)
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        guard let cls else { return registeredAttribute(n) ?? moduleMethod(n) }
        return try interp.instanceAttribute(.object(self), cls, n) {
            if let v = attrs[n] { return v }
            guard initialized else { return nil }
            return registeredAttribute(n) ?? moduleMethod(n)
        }
    }

    override var attributeNames: [String] { order + moduleAttributeNames + (cls?.attributeNames ?? []) }

    override func repr(_ interp: Interpreter) -> String {
        if let cls, let s = interp.userRepr(.object(self), cls, "__repr__") { return s }
        return super.repr(interp)
    }

    /// torch's `Module.__repr__` (what `super().__repr__()` gives).
    func moduleRepr(_ interp: Interpreter) -> String { super.repr(interp) }

    override func str(_ interp: Interpreter) -> String {
        if let cls, let s = interp.userRepr(.object(self), cls, "__str__") { return s }
        return repr(interp)
    }

    override func extraRepr(_ interp: Interpreter) -> String {
        guard let cls, cls.lookup("extra_repr") != nil, let s = interp.userRepr(.object(self), cls, "extra_repr") else { return "" }
        return s
    }

    /// `self.name = value`, as torch's `Module.__setattr__`.
    func setAttribute(_ n: String, _ value: PyValue, _ interp: Interpreter) throws(PyError) {
        if !initialized {
            if case .tensor(let t) = value, t.isParameter {
                throw .attributeError("cannot assign parameters before Module.__init__() call")
            }
            if case .object(let m) = value, m is ModuleBase {
                throw .attributeError("cannot assign module before Module.__init__() call")
            }
            setPlain(n, value)
            return
        }
        if childSlots.contains(where: { $0.name == n }) {
            switch value {
            case .none, .object(is ModuleBase): break
            default:
                throw .typeError("cannot assign '\(interp.torchTypeName(value))' as child module '\(n)' (torch.nn.Module or None expected)")
            }
        }
        if try registerAttribute(n, value) {
            if attrs.removeValue(forKey: n) != nil { order.removeAll { $0 == n } }
            return
        }
        setPlain(n, value)
    }

    private func setPlain(_ n: String, _ value: PyValue) {
        if n == "training", case .bool(let b) = value { training = b; return }
        if attrs.updateValue(value, forKey: n) == nil { order.append(n) }
    }

    /// `del self.name`.
    func deleteAttribute(_ n: String) -> Bool {
        if attrs.removeValue(forKey: n) != nil { order.removeAll { $0 == n }; return true }
        if parameterSlots.contains(where: { $0.name == n }) { parameterSlots.removeAll { $0.name == n }; return true }
        if childSlots.contains(where: { $0.name == n }) { childSlots.removeAll { $0.name == n }; return true }
        if bufferSlots.contains(where: { $0.name == n }) { bufferSlots.removeAll { $0.name == n }; return true }
        return false
    }
}

extension Interpreter {
    /// How torch names a value's type in its messages (`torch.FloatTensor`, `int`).
    func torchTypeName(_ v: PyValue) -> String {
        if case .tensor(let t) = v { return t.dtype.legacyTypeName }
        return v.typeName
    }

    /// `nn.Parameter(data, requires_grad=True)`: a leaf that a module registers when it is assigned.
    func makeParameter(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("Parameter", ["data", "requires_grad"], required: 0, args, kwargs)
        let data: PyTensor
        switch b[0] {
        case .tensor(let t)?: data = t
        case nil, .none?: data = PyTensor(Tensor(shape: [0], storage: []))
        case let v?: throw .attributeError("'\(v.typeName)' object has no attribute 'detach'")   // torch 2.15's Parameter.__new__ calls data.detach()
        }
        let requiresGrad = try b[1]?.truthy() ?? true
        if requiresGrad && data.dtype != .float32 {
            throw .runtime("Only Tensors of floating point and complex dtype can require gradients")
        }
        let leaf = GradLeaf(sharing: data)   // torch's Parameter shares the tensor's storage
        leaf.requiresGrad = requiresGrad
        var p = PyTensor(leaf: leaf)
        p.dtype = data.dtype
        p.isParameter = true
        return .tensor(p)
    }
}

extension Interpreter {
    /// Records an RNN/LSTM/GRU call for the playground's Ctrl-V: at the line that ran it (inside `forward`, say) and
    /// at each line up the call stack (the `model(x)` line), the last call on each line winning, so Ctrl-V finds the
    /// module from either line. A training loop calls the RNN on one line hundreds of times; the visualizer shows the
    /// module as it was last run (its trained weights).
    func recordRecurrentCall(config: RNNConfig, stateDict: [String: Tensor], input: Tensor) {
        var lines = [currentLine - lineOffset]
        for l in callLines.reversed() where l > 0 { lines.append(l - lineOffset) }
        for line in lines {
            let call = MiniPy.RecurrentCall(line: line, config: config, stateDict: stateDict, input: input)
            if let k = recurrentCalls.firstIndex(where: { $0.line == call.line }) {
                recurrentCalls[k] = call
            } else {
                recurrentCalls.append(call)
            }
        }
    }
}
