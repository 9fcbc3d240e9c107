import Foundation
import RNNEngine

/// An instance of `torch.nn.RNN`/`LSTM`/`GRU`, a cell, `Linear` or `Embedding`.
final class TorchModule: PyObject {
    enum Kind {
        case rnn(RNNBase)
        case cell(CellBase)
        case linear(weight: Tensor, bias: Tensor?)
        case embedding(weight: Tensor)
    }
    let kind: Kind
    let name: String

    init(_ kind: Kind, name: String) { self.kind = kind; self.name = name }

    override var typeName: String { name }
    override var isCallable: Bool { true }

    var moduleFile: String {
        switch kind { case .rnn, .cell: "rnn"; case .linear: "linear"; case .embedding: "sparse" }
    }

    /// Parameters in registration order.
    var namedParameters: [(String, Tensor)] {
        switch kind {
        case .rnn(let b): return b.stateDict().map { ($0.name, $0.tensor) }
        case .cell(let c): return c.stateDict().map { ($0.name, $0.tensor) }
        case .linear(let w, let b): return [("weight", w)] + (b.map { [("bias", $0)] } ?? [])
        case .embedding(let w): return [("weight", w)]
        }
    }

    override var attributeNames: [String] {
        var names = namedParameters.map(\.0) + ["forward", "parameters", "named_parameters", "state_dict", "eval", "train",
                                                "training", "zero_grad", "to", "cpu"]
        switch kind {
        case .rnn: names += ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size", "mode"]
        case .cell: names += ["input_size", "hidden_size", "bias"]
        case .linear: names += ["in_features", "out_features"]
        case .embedding: names += ["num_embeddings", "embedding_dim"]
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
        case .linear(let w, let b): return "Linear(in_features=\(w.shape[1]), out_features=\(w.shape[0]), bias=\(b == nil ? "False" : "True"))"
        case .embedding(let w): return "Embedding(\(w.shape[0]), \(w.shape[1]))"
        }
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let p = namedParameters.first(where: { $0.0 == n }) {
            var t = PyTensor(p.1); t.isParameter = true
            return .tensor(t)
        }
        func method(_ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            .object(Builtin(n, method: true, body))
        }
        switch n {
        case "forward": return method { a, k, i throws(PyError) in try self.call(a, k, i) }
        case "parameters":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.namedParameters.map { var t = PyTensor($0.1); t.isParameter = true; return .tensor(t) }))
            }
        case "named_parameters":
            return method { _, _, _ throws(PyError) in
                .object(IterableObject("generator", self.namedParameters.map {
                    var t = PyTensor($0.1); t.isParameter = true; return .tuple([.str($0.0), .tensor(t)]) }))
            }
        case "state_dict":
            return method { _, _, _ throws(PyError) in
                let d = PyDict()
                for (k, v) in self.namedParameters { try d.set(.str(k), .tensor(PyTensor(v))) }
                return .dict(d)
            }
        case "eval", "train", "cpu", "to": return method { _, _, _ throws(PyError) in .object(self) }
        case "zero_grad": return method { _, _, _ throws(PyError) in .none }
        case "training": return .bool(false)
        default: break
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
        case .linear(let w, _):
            switch n {
            case "in_features": return .int(w.shape[1])
            case "out_features": return .int(w.shape[0])
            default: return nil
            }
        case .embedding(let w):
            switch n {
            case "num_embeddings": return .int(w.shape[0])
            case "embedding_dim": return .int(w.shape[1])
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
        let bias = try b[2]?.truthy() ?? true ? rng.uniformTensor([out], bound: bound) : nil
        return .object(TorchModule(.linear(weight: w, bias: bias), name: "Linear"))
    }

    static func embedding(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("Embedding.__init__", ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                                "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"],
                         required: 2, args, kwargs)
        let dims = try emptyShape([b[0]!, b[1]!])
        let n = try interp.checkedShape("empty", dims)
        var values = [Float](repeating: 0, count: n)
        for k in 0..<n { values[k] = interp.normal() }
        return .object(TorchModule(.embedding(weight: Tensor(shape: dims, storage: values)), name: "Embedding"))
    }

    // MARK: Forward

    static func tensorArg(_ v: PyValue) throws(PyError) -> PyTensor {
        guard case .tensor(let t) = v else { throw .attributeError("'\(v.typeName)' object has no attribute 'dim'") }
        return t
    }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        switch kind {
        case .rnn(let base):
            let b = try bind("\(name).forward", ["input", "hx"], required: 1, args, kwargs, isMethod: true)
            let input = try Self.tensorArg(b[0]!)
            var hx: [Tensor]?
            if let h = b[1], !(h.isNone) {
                if base.config.mode == .lstm {
                    let items: [PyValue]
                    switch h {
                    case .tuple(let t): items = t
                    case .list(let l): items = l.items
                    case .tensor(let t):
                        guard t.t.dim > 0 else { throw .indexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>(x)` in C++ to convert a 0-dim tensor to a number") }
                        if t.t.shape[0] < 2 { throw .indexError("index 1 is out of bounds for dimension 0 with size \(t.t.shape[0])") }
                        items = try interp.iterate(h)
                    default: throw .typeError("'\(h.typeName)' object is not subscriptable")
                    }
                    if items.count < 2 { throw .indexError("tuple index out of range") }
                    var ts: [Tensor] = []
                    for x in items {
                        guard case .tensor(let t) = x else { throw .attributeError("'\(x.typeName)' object has no attribute 'dim'") }
                        ts.append(t.t)
                    }
                    hx = ts
                } else {
                    hx = [try Self.tensorArg(h).t]
                }
            }
            let c = base.config
            let steps = Double(input.t.count) / Double(max(1, c.inputSize))   // L × N
            let perStep = Double(c.mode.gateCount * c.hiddenSize) * Double(c.inputSize + c.outputSize * c.numDirections + c.hiddenSize)
            try interp.checkOperations(steps * perStep * Double(c.numLayers * c.numDirections))
            var stepper = try tc { try base.stepper(input.t, hx: hx) }
            while stepper.next() != nil { try interp.checkTime() }
            let r = stepper.result
            if hx?.allSatisfy({ $0.storage.allSatisfy { $0 == 0 } }) ?? true {
                let weights = Dictionary(base.stateDict().map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
                interp.recurrentCalls.append(MiniPy.RecurrentCall(line: interp.currentLine - interp.lineOffset, config: c,
                                                                  stateDict: weights, input: input.t))
            }
            let out = PyValue.tensor(PyTensor(r.output))
            if let c = r.cN { return .tuple([out, .tuple([.tensor(PyTensor(r.hN)), .tensor(PyTensor(c))])]) }
            return .tuple([out, .tensor(PyTensor(r.hN))])
        case .cell(let c):
            let b = try bind("\(name).forward", ["input", "hx"], required: 1, args, kwargs, isMethod: true)
            let input = try Self.tensorArg(b[0]!)
            var hx: [Tensor]?
            if let h = b[1], !h.isNone {
                if c.mode == .lstm {
                    let items = try interp.iterate(h)
                    var ts: [Tensor] = []
                    for x in items { ts.append(try Self.tensorArg(x).t) }
                    if ts.count < 2 { throw .indexError("tuple index out of range") }
                    hx = ts
                } else {
                    hx = [try Self.tensorArg(h).t]
                }
            }
            try interp.checkOperations(Double(input.t.count) * Double(c.mode.gateCount * c.hiddenSize) * 2)
            let r = try tc { try c.forward(input.t, hx: hx) }
            if r.count == 2 { return .tuple([.tensor(PyTensor(r[0])), .tensor(PyTensor(r[1]))]) }
            return .tensor(PyTensor(r[0]))
        case .linear(let w, let bias):
            let b = try bind("\(name).forward", ["input"], required: 1, args, kwargs, isMethod: true)
            let x = try Self.tensorArg(b[0]!).t
            let inF = w.shape[1], out = w.shape[0]
            guard x.dim >= 1, x.shape[x.dim - 1] == inF else {
                let rows = x.dim <= 1 ? 1 : x.shape.dropLast().reduce(1, *)
                let k = x.dim == 0 ? 1 : x.shape[x.dim - 1]
                // Linear flattens any input to 2-D and calls addmm, whose name torch puts in front.
                throw .runtime("addmm: mat1 and mat2 shapes cannot be multiplied (\(rows)x\(k) and \(inF)x\(out))")
            }
            try interp.checkOperations(Double(x.count) * Double(out))
            var y = try tc { try Tensor.matmul(x, try w.transposed(0, 1)) }
            if let bias { y = try tc { try Tensor.broadcasting(y, bias, +) } }
            return .tensor(PyTensor(y))
        case .embedding(let w):
            let b = try bind("\(name).forward", ["input"], required: 1, args, kwargs, isMethod: true)
            let idx = try Self.tensorArg(b[0]!)
            guard idx.dtype == .int64 else {
                throw .runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(idx.dtype == .bool ? "Bool" : "Float")Tensor instead (while checking arguments for embedding)")
            }
            let dim = w.shape[1]
            try interp.checkElements(idx.t.count * dim)
            var out: [Float] = []
            out.reserveCapacity(idx.t.count * dim)
            for v in idx.t.storage {
                let i = Int(v)
                guard i >= 0, i < w.shape[0] else { throw .indexError("index out of range in self") }
                out += w.storage[(i * dim)..<((i + 1) * dim)]
            }
            return .tensor(PyTensor(Tensor(shape: idx.t.shape + [dim], storage: out)))
        }
    }
}

extension PyValue {
    var isNone: Bool { if case .none = self { return true }; return false }
}
