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
        case linear(hasBias: Bool)
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
        case .rnn: names += ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size", "mode"]
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
        case .linear(let hasBias):
            let w = leaves[0].value
            return "Linear(in_features=\(w.shape[1]), out_features=\(w.shape[0]), bias=\(hasBias ? "True" : "False"))"
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
        case .linear:
            let w = leaves[0].value
            switch n {
            case "in_features": return .int(w.shape[1])
            case "out_features": return .int(w.shape[0])
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
        for (n, v) in kwargs {
            if n == "nonlinearity", name == "RNN", argValue(v) == nil {
                // torch compares it with 'tanh' and 'relu' and names what it got.
                throw .valueError("Unknown nonlinearity '\(try interp.str(v))'. Select from 'tanh' or 'relu'.")
            }
            guard let x = argValue(v) else { throw .typeError("MiniPy: \(name)() takes numbers, strings and booleans, not \(v.typeName)") }
            k.append((n, x))
        }
        let parsed = try tc { try RNNConfig.parse(module: name, args: a, kwargs: k) }
        let params = parsed.config.parameterShapes.reduce(0) { $0 + $1.shape.reduce(1, *) }
        try interp.checkElements(params)
        for w in parsed.warnings { interp.stderr += "\(w.category): \(w.message)\n" }
        return .object(TorchModule(.rnn(RNNBase(config: parsed.config, warnings: parsed.warnings, seed: seed(interp))), name: name))
    }

    /// `torch.empty(shape)`'s checks: ints (bool counts), no negative sizes.
    static func emptyShape(_ values: [PyValue]) throws(PyError) -> [Int] {
        var dims: [Int] = []
        for (k, v) in values.enumerated() {
            guard let n = v.asIndex else {
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
        if let h = hsz.asIndex { gateRows = .int(gates * h) } else if case .float(let f) = hsz { gateRows = .float(Double(gates) * f) }
        let dims = try emptyShape([gateRows, isz])
        _ = try emptyShape([gateRows, hsz])
        let bias = try b[2]?.truthy() ?? true
        var nonlinearity = "tanh"
        if mode == .rnnTanh, let nl = b[3] { nonlinearity = try interp.str(nl) }
        let hidden = dims[0] / gates
        try interp.checkElements(gates * hidden * (dims[1] + hidden) + 2 * gates * hidden)
        let c = CellBase.make(mode: mode, inputSize: dims[1], hiddenSize: hidden, bias: bias, nonlinearity: nonlinearity, seed: seed(interp))
        return .object(TorchModule(.cell(c), name: name))
    }

    static func linear(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("Linear.__init__", ["in_features", "out_features", "bias", "device", "dtype"], required: 2, args, kwargs)
        let dims = try emptyShape([b[1]!, b[0]!])
        let (out, inF) = (dims[0], dims[1])
        try interp.checkElements(out * inF + out)
        let bound = inF > 0 ? 1 / Double(inF).squareRoot() : 0
        var rng = SplitMix64(seed: seed(interp))
        let w = rng.uniformTensor([out, inF], bound: bound)
        let hasBias = try b[2]?.truthy() ?? true
        let params = [("weight", w)] + (hasBias ? [("bias", rng.uniformTensor([out], bound: bound))] : [])
        return .object(TorchModule(.linear(hasBias: hasBias), name: "Linear", parameters: params, noneSlots: hasBias ? [] : ["bias"]))
    }

    static func embedding(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("Embedding.__init__", ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                                "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"],
                         required: 2, args, kwargs)
        for (k, name) in [(3, "max_norm"), (5, "scale_grad_by_freq"), (6, "sparse"), (7, "_weight")] where b[k].map({ !$0.isNone && (try? $0.truthy()) != false }) ?? false {
            throw PyError(type: "NotImplementedError", message: "MiniPy's Embedding has no \(name)")
        }
        let dims = try emptyShape([b[0]!, b[1]!])
        var pad: Int?
        if let p = b[2], !p.isNone {
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
