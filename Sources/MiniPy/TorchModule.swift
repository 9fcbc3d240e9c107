import Foundation
import RNNEngine

/// An instance of `torch.nn.RNN`/`LSTM`/`GRU`, a cell, `Linear` or `Embedding`.
///
/// Its parameters are autograd leaves (`GradLeaf`), in state_dict order: they accumulate `.grad`, and an
/// optimizer or `load_state_dict` changes their values, which the RNN engine is then reloaded from.
final class TorchModule: ModuleBase {
    enum Kind {
        case rnn(RNNBase)
        case cell(CellBase)
        case linear(inFeatures: Int, outFeatures: Int)
        /// `padding_idx`, made non-negative: that row starts at zeros and never gets a gradient.
        case embedding(paddingIdx: Int?)
    }
    private(set) var kind: Kind
    /// The parameters the kernels read, in state_dict order.
    let parameterNames: [String]
    /// Those parameters as registered now (a learner may replace one: `lin.weight = nn.Parameter(...)`); a slot set
    /// to None is left out.
    var leaves: [GradLeaf] { parameterNames.compactMap { n in parameterSlots.first { $0.name == n }?.leaf } }
    private var engineIsStale = false

    var name: String { moduleName }

    /// `parameters` in state_dict order; `noneSlots` are parameters torch registers as None (Linear's and a
    /// cell's bias when `bias=False`), so `m.bias` is None as in torch.
    init(_ kind: Kind, name: String, parameters: [(String, Tensor)], noneSlots: [String] = []) {
        self.kind = kind
        parameterNames = parameters.map(\.0)
        let file = switch kind { case .rnn, .cell: "rnn"; case .linear: "linear"; case .embedding: "sparse" }
        super.init(moduleName: name, qualifiedName: "torch.nn.modules.\(file).\(name)")
        for (n, t) in parameters { registerParameter(n, GradLeaf(t)) }
        for n in noneSlots { registerParameter(n, nil) }
    }

    convenience init(_ kind: Kind, name: String) {
        switch kind {
        case .rnn(let b): self.init(kind, name: name, parameters: b.stateDict().map { ($0.name, $0.tensor) })
        case .cell(let c):
            self.init(kind, name: name, parameters: c.stateDict().map { ($0.name, $0.tensor) }, noneSlots: c.bias ? [] : ["bias_ih", "bias_hh"])
        case .linear, .embedding: preconditionFailure("Linear and Embedding are made with their parameters")
        }
    }

    override var isCallable: Bool { true }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        try forward(args, kwargs, interp)
    }

    override func parametersChanged() { engineIsStale = true }

    /// The RNN engine's weights reloaded from the leaves, when they changed since the last forward.
    func syncEngine() {
        guard engineIsStale else { return }
        engineIsStale = false
        let dict = Dictionary(parameterSlots.compactMap { slot in slot.leaf.map { (slot.name, $0.value) } }, uniquingKeysWith: { a, _ in a })
        switch kind {
        case .rnn(var b): try? b.loadStateDict(dict); kind = .rnn(b)   // names and shapes are the module's own
        case .cell(var c): try? c.loadStateDict(dict); kind = .cell(c)
        case .linear, .embedding: break
        }
    }

    override var attributeNames: [String] {
        var names = moduleAttributeNames
        switch kind {
        case .rnn: names += ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size", "mode",
                             "all_weights", "flatten_parameters"]
        case .cell: names += ["input_size", "hidden_size", "bias"]
        case .linear: names += ["in_features", "out_features"]
        case .embedding: names += ["num_embeddings", "embedding_dim", "padding_idx"]
        }
        return names
    }

    override func repr(_ interp: Interpreter) -> String {
        switch kind {
        case .rnn(let b): return b.config.repr
        case .cell(let c):
            var s = "\(name)(\(c.inputSize), \(c.hiddenSize)"
            if !c.bias { s += ", bias=False" }
            if c.mode == .rnnTanh && c.nonlinearity != "tanh" { s += ", nonlinearity=\(c.nonlinearity)" }
            return s + ")"
        case .linear(let inF, let outF):
            let hasBias = parameterSlots.first { $0.name == "bias" }?.leaf != nil
            return "Linear(in_features=\(inF), out_features=\(outF), bias=\(hasBias ? "True" : "False"))"
        case .embedding(let pad):
            return "Embedding(\(leaves[0].value.shape[0]), \(leaves[0].value.shape[1])\(pad.map { ", padding_idx=\($0)" } ?? ""))"
        }
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let v = registeredAttribute(n) ?? moduleMethod(n) { return v }
        if n == "forward" {
            return .object(Builtin(n, method: true) { a, k, i throws(PyError) in try self.call(a, k, i) })
        }
        switch kind {
        case .rnn(let b):
            let c = b.config
            switch n {
            case "input_size": return .int(c.inputSize)
            case "hidden_size": return .int(c.hiddenSize)
            case "num_layers": return .int(c.numLayers)
            case "bias": return .bool(c.bias)
            case "batch_first": return .bool(c.batchFirst)
            case "dropout": return .float(c.dropout)
            case "bidirectional": return .bool(c.bidirectional)
            case "proj_size": return .int(c.projSize)
            case "mode": return .str(c.mode.rawValue)
            case "nonlinearity" where c.mode == .rnnTanh || c.mode == .rnnRelu: return .str(c.mode == .rnnRelu ? "relu" : "tanh")
            case "all_weights":
                // One list per layer and direction: weight_ih, weight_hh, bias_ih, bias_hh (weight_hr).
                let perGroup = (c.bias ? 4 : 2) + (c.projSize > 0 ? 1 : 0)
                let slots = parameterSlots.compactMap(\.leaf)
                return .list(PyList(stride(from: 0, to: slots.count, by: perGroup).map { k in
                    .list(PyList(slots[k..<min(k + perGroup, slots.count)].map { parameterValue($0) }))
                }))
            case "flatten_parameters":
                return .object(Builtin(n, method: true) { _, _, _ throws(PyError) in .none })
            default: return nil
            }
        case .cell(let c):
            switch n {
            case "input_size": return .int(c.inputSize)
            case "hidden_size": return .int(c.hiddenSize)
            case "bias": return .bool(c.bias)
            case "nonlinearity" where c.mode == .rnnTanh: return .str(c.nonlinearity)
            default: return nil
            }
        case .linear(let inF, let outF):
            switch n {
            case "in_features": return .int(inF)
            case "out_features": return .int(outF)
            default: return nil
            }
        case .embedding(let pad):
            let w = leaves[0].value
            switch n {
            case "num_embeddings": return .int(w.shape[0])
            case "embedding_dim": return .int(w.shape[1])
            case "padding_idx": return pad.map { .int($0) } ?? PyValue.none
            default: return nil
            }
        }
    }

    // MARK: Construction

    static func argValue(_ v: PyValue) -> ArgValue? {
        switch v {
        case .int(let i): .int(i)
        case .float(let f): .float(f)
        case .bool(let b): .bool(b)
        case .str(let s): .string(s)
        case .none: ArgValue.none
        default: nil
        }
    }

    static func seed(_ interp: Interpreter) -> UInt64 { interp.rng.next() }

    static func rnn(_ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        var a: [ArgValue] = []
        for v in args {
            guard let x = argValue(v) else { throw .typeError("MiniPy: \(name)() takes numbers, strings and booleans, not \(v.typeName)") }
            a.append(x)
        }
        var k: [(String, ArgValue)] = []
        var device: PyValue?
        for (n, v) in kwargs {
            // Where the parameters are made and of what type: checked once the sizes are (torch makes them last).
            if n == "device" { device = v; continue }
            if n == "dtype" {
                if case .object(let d as DTypeObject) = v, try d.supported() != .float32 {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support \(name) parameters of \(d.name) yet")
                }
                continue
            }
            if n == "nonlinearity", name == "RNN", argValue(v) == nil {
                // torch compares it with 'tanh' and 'relu' and names what it got.
                throw .valueError("Unknown nonlinearity '\(try interp.str(v))'. Select from 'tanh' or 'relu'.")
            }
            guard let x = argValue(v) else { throw .typeError("MiniPy: \(name)() takes numbers, strings and booleans, not \(v.typeName)") }
            k.append((n, x))
        }
        try checkRecurrentSizes(name, args, kwargs, interp)
        let parsed = try tc { try RNNConfig.parse(module: name, args: a, kwargs: k) }
        try checkBudget(parsed.config, interp)
        try interp.checkDevice(device)
        for w in parsed.warnings { interp.stderr += "\(w.category): \(w.message)\n" }
        return .object(TorchModule(.rnn(RNNBase(config: parsed.config, warnings: parsed.warnings, seed: seed(interp))), name: name))
    }

    /// Refuses sizes no module could have before any shape is computed (`LSTM(2, 2**62)`'s 4·hidden_size does
    /// not fit in an Int; `num_layers=10**9` would list a billion shapes). Where torch's first allocation
    /// reports the overflow itself (`RNN(2, 2**62)`), its message; otherwise the engine's budget, as a RuntimeError.
    static func checkBudget(_ config: RNNConfig, _ interp: Interpreter) throws(PyError) {
        do { try config.checkBudget() } catch {
            let gates = config.mode.gateCount.multipliedReportingOverflow(by: config.hiddenSize)
            if !gates.overflow, config.numLayers <= 8 {
                try interp.checkParameterShapes(config.parameterShapes.map(\.shape))
            }
            throw .runtime(error.description)
        }
        try interp.checkParameterShapes(config.parameterShapes.map(\.shape))
    }

    /// `torch.empty(shape)`'s checks: ints (bool counts), no negative sizes.
    static func emptyShape(_ values: [PyValue]) throws(PyError) -> [Int] {
        var dims: [Int] = []
        for (k, v) in values.enumerated() {
            guard let n = v.asIndex else {
                // torch's parser tells a bad first element from a bad later one in different words.
                if k == 0 { throw .typeError("empty(): argument 'size' (position 1) must be tuple of ints, but found element of type \(v.typeName) at pos 0") }
                throw .typeError("empty(): argument 'size' failed to unpack the object at pos \(k + 1) with error \"type must be tuple of ints,but got \(v.typeName)\"")
            }
            dims.append(n)
        }
        if let neg = dims.first(where: { $0 < 0 }) {
            throw .runtime("Trying to create tensor with negative dimension \(neg): \(pyShape(dims))")
        }
        return dims
    }

    static func cell(_ mode: RNNMode, _ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let params = mode == .rnnTanh ? ["input_size", "hidden_size", "bias", "nonlinearity", "device", "dtype"]
                                      : ["input_size", "hidden_size", "bias", "device", "dtype"]
        let b = try bind("\(name).__init__", params, required: 2, args, kwargs)
        let gates = mode.gateCount
        // weight_ih = empty((gates * hidden_size, input_size))
        let hsz = b[1]!, isz = b[0]!
        var gateRows: PyValue = hsz
        if let h = hsz.asIndex {
            let g = h.multipliedReportingOverflow(by: gates)
            if g.overflow { throw interp.sizeLimitError() }
            gateRows = .int(g.partialValue)
        } else if case .float(let f) = hsz { gateRows = .float(Double(gates) * f) }
        let dims = try emptyShape([gateRows, isz])
        _ = try emptyShape([gateRows, hsz])
        try interp.checkDevice(b[params.count - 2])
        let bias = try b[2]?.truthy() ?? true
        var nonlinearity = "tanh"
        if mode == .rnnTanh, let nl = b[3] { nonlinearity = try interp.str(nl) }
        let hidden = dims[0] / gates
        try interp.checkParameterShapes([[dims[0], dims[1]], [dims[0], hidden]] + (bias ? [[dims[0]], [dims[0]]] : []))
        let c = CellBase.make(mode: mode, inputSize: dims[1], hiddenSize: hidden, bias: bias, nonlinearity: nonlinearity, seed: seed(interp))
        return .object(TorchModule(.cell(c), name: name))
    }

    static func linear(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("Linear.__init__", ["in_features", "out_features", "bias", "device", "dtype"], required: 2, args, kwargs)
        let dims = try emptyShape([b[1]!, b[0]!])
        try interp.checkDevice(b[3])   // where torch makes the weight: a GPU this machine lacks fails there
        let (out, inF) = (dims[0], dims[1])
        try interp.checkParameterShapes([[out, inF], [out]])
        let bound = inF > 0 ? 1 / Double(inF).squareRoot() : 0
        var rng = SplitMix64(seed: seed(interp))
        let w = rng.uniformTensor([out, inF], bound: bound)
        let hasBias = try b[2]?.truthy() ?? true
        let params = [("weight", w)] + (hasBias ? [("bias", rng.uniformTensor([out], bound: bound))] : [])
        return .object(TorchModule(.linear(inFeatures: inF, outFeatures: out), name: "Linear", parameters: params, noneSlots: hasBias ? [] : ["bias"]))
    }

    static func embedding(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("Embedding.__init__", ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                                "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"],
                         required: 2, args, kwargs)
        for (k, name) in [(3, "max_norm"), (5, "scale_grad_by_freq"), (6, "sparse"), (7, "_weight")] where b[k].map({ !$0.isNone && (try? $0.truthy()) != false }) ?? false {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support Embedding \(name) yet")
        }
        let dims = try emptyShape([b[0]!, b[1]!])
        try interp.checkDevice(b[9])
        var pad: Int?
        if let p = b[2], !p.isNone {
            // torch asserts the range with Python comparisons, then zeroes weight[padding_idx]: a float passes the
            // first and fails as an index, a str fails the comparison.
            if case .float(let f) = p {
                guard f < Double(dims[0]), f >= -Double(dims[0]) else { throw PyError(type: "AssertionError", message: "Padding_idx must be within num_embeddings") }
                throw .indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)")
            }
            if case .str = p { throw .typeError("'>' not supported between instances of 'str' and 'int'") }
            let idx = try interp.intArg("Embedding", "padding_idx", p)
            if idx >= 0 { guard idx < dims[0] else { throw PyError(type: "AssertionError", message: "Padding_idx must be within num_embeddings") } }
            else { guard idx >= -dims[0] else { throw PyError(type: "AssertionError", message: "Padding_idx must be within num_embeddings") } }
            pad = idx < 0 ? idx + dims[0] : idx
        }
        let n = try interp.checkedShape("empty", dims)
        var values = [Float](repeating: 0, count: n)
        for k in 0..<n { values[k] = interp.normal() }
        if let pad { for j in 0..<dims[1] { values[pad * dims[1] + j] = 0 } }
        return .object(TorchModule(.embedding(paddingIdx: pad), name: "Embedding", parameters: [("weight", Tensor(shape: dims, storage: values))]))
    }
}

extension PyValue {
    var isNone: Bool { if case .none = self { return true }; return false }
}

extension TorchModule {
    /// RNN/LSTM/GRU sizes before the engine computes its parameter shapes: a gate size or a layer count that
    /// could not be allocated (int64 overflow, or past MiniPy's limit) is refused here, before anything is made.
    static func checkRecurrentSizes(_ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) {
        let names = name == "RNN"
            ? ["input_size", "hidden_size", "num_layers", "nonlinearity", "bias", "batch_first", "dropout", "bidirectional"]
            : ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size"]
        func value(_ n: String) -> Int? {
            if let k = names.firstIndex(of: n), k < args.count { return args[k].asIndex }
            return kwargs.first { $0.0 == n }?.1.asIndex
        }
        guard let input = value("input_size"), let hidden = value("hidden_size"), input > 0, hidden > 0 else { return }
        let layers = max(1, value("num_layers") ?? 1)
        let directions = (value("bidirectional") ?? 0) != 0 ? 2 : 1
        let proj = max(0, value("proj_size") ?? 0)
        let gates = name == "LSTM" ? 4 : name == "GRU" ? 3 : 1
        let g = hidden.multipliedReportingOverflow(by: gates)
        // 4·hidden_size past Int: the engine's budget check (checkBudget, after parsing) says so in one line.
        guard !g.overflow else { return }
        let out = proj > 0 ? proj : hidden
        // The first layer's and one further layer's parameters, with overflow-checked products, then the layer count.
        var shapes = [[g.partialValue, input], [g.partialValue, out], [g.partialValue], [g.partialValue]]
        if proj > 0 { shapes.append([proj, hidden]) }
        try interp.checkParameterShapes(shapes)
        let perLayer = shapes.reduce(0) { $0 + $1.reduce(1, *) }
        let total = perLayer.multipliedReportingOverflow(by: layers * directions)
        if total.overflow || total.partialValue > interp.limits.maxElements { throw interp.sizeLimitError() }
    }
}

extension Interpreter {
    /// The shapes of the parameters a module is about to make: torch's message when one's size overflows, MiniPy's
    /// limits when all together are too many; nothing is allocated before this passes.
    func checkParameterShapes(_ shapes: [[Int]]) throws(PyError) {
        var total = 0
        for s in shapes {
            var n = 1, overflow = false
            for d in s {
                let r = n.multipliedReportingOverflow(by: d)
                overflow = overflow || r.overflow
                n = r.partialValue
            }
            if overflow || n.multipliedReportingOverflow(by: 4).overflow {
                throw .runtime("Storage size calculation overflowed with sizes=\(pyShape(s))")
            }
            let t = total.addingReportingOverflow(n)
            if t.overflow { throw sizeLimitError() }
            total = t.partialValue
        }
        try checkElements(total, size: 4)
    }

    /// MiniPy's own limit for sizes no tensor could have.
    func sizeLimitError() -> PyError {
        .limit("MemoryError", "that size is more than MiniPy's limit of \(limits.maxElements) elements in one tensor or list")
    }
}

extension TorchModule {
    /// `nn.Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None)`: the weight is the given tensor
    /// (sharing its storage, as torch's Parameter does); frozen unless `freeze=False`; the padding row is kept.
    static func fromPretrained(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("from_pretrained", ["embeddings", "freeze", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"],
                         required: 1, args, kwargs)
        guard case .tensor(let e) = b[0]! else { throw .attributeError("'\(b[0]!.typeName)' object has no attribute 'dim'") }
        guard e.shape.count == 2 else { throw PyError(type: "AssertionError", message: "Embeddings parameter is expected to be 2-dimensional") }
        if let m = b[3], !m.isNone { throw PyError(type: "NotImplementedError", message: "MiniPy does not support Embedding max_norm yet") }
        var pad: Int?
        if let p = b[2], !p.isNone {
            let idx = try interp.intArg("Embedding", "padding_idx", p)
            let n = e.shape[0]
            guard idx >= -n, idx < n else { throw PyError(type: "AssertionError", message: "Padding_idx must be within num_embeddings") }
            pad = idx < 0 ? idx + n : idx
        }
        guard e.dtype.isFloatingPoint else {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support integer embedding weights yet")
        }
        let m = TorchModule(.embedding(paddingIdx: pad), name: "Embedding", parameters: [("weight", Tensor(shape: [0], storage: []))])
        let leaf = GradLeaf(sharing: e)
        leaf.requiresGrad = !(try b[1]?.truthy() ?? true)
        m.registerParameter("weight", leaf)
        return .object(m)
    }
}
