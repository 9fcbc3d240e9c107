import RNNEngine

/// `module(input, ...)`: the engine's forward, recorded for autograd (a module's parameters require grad).
extension TorchModule {
    static func tensorArg(_ v: PyValue) throws(PyError) -> PyTensor {
        guard case .tensor(let t) = v else { throw .attributeError("'\(v.typeName)' object has no attribute 'dim'") }
        return t
    }

    var parameterInputs: [PyTensor] { leaves.map { PyTensor(leaf: $0) } }


    func forward(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        syncEngine()
        switch kind {
        case .rnn(let base): return try rnnForward(base, args, kwargs, interp)
        case .cell(let c): return try cellForward(c, args, kwargs, interp)
        case .linear: return try linearForward(args, kwargs, interp)
        case .embedding(let pad): return try embeddingForward(pad, args, kwargs, interp)
        }
    }

    private func rnnForward(_ base: RNNBase, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(name).forward", ["input", "hx"], required: 1, args, kwargs, isMethod: true)
        if case .object(let packed as PackedSequenceObject) = b[0]! { return try packedForward(base, packed, b[1], interp) }
        let input = try Self.tensorArg(b[0]!)
        var hx: [PyTensor]?
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
                var ts: [PyTensor] = []
                for x in items {
                    guard case .tensor(let t) = x else { throw .attributeError("'\(x.typeName)' object has no attribute 'dim'") }
                    ts.append(t)
                }
                hx = ts
            } else {
                hx = [try Self.tensorArg(h)]
            }
        }
        let hxValues = hx?.map(\.t)
        let c = base.config
        if input.dtype != .float32, input.t.dim == 2 || input.t.dim == 3 {
            // Token ids fed to the RNN without an embedding: torch checks the dtype right after the rank.
            let d = "torch.\(input.dtype.rawValue)"
            throw .valueError("RNN input dtype (\(d)) does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or convert model: model.to(\(d))")
        }
        let steps = Double(input.t.count) / Double(max(1, c.inputSize))   // L × N
        let perStep = Double(c.mode.gateCount * c.hiddenSize) * Double(c.inputSize + c.outputSize * c.numDirections + c.hiddenSize)
        try interp.checkOperations(steps * perStep * Double(c.numLayers * c.numDirections))
        if training && c.dropout > 0 && c.numLayers > 1, input.t.dim == 2 || input.t.dim == 3 {
            return try droppedForward(base, input, hx, interp)
        }
        var stepper = try tc { try base.stepper(input.t, hx: hxValues) }
        if let bad = hx?.first(where: { $0.dtype != .float32 }) {
            throw .runtime("mat1 and mat2 must have the same dtype, but got \(bad.dtype.scalarName) and Float")
        }
        while stepper.next() != nil { try interp.checkTime() }
        let r = stepper.result
        if hxValues?.allSatisfy({ $0.storage.allSatisfy { $0 == 0 } }) ?? true {
            let weights = Dictionary(base.stateDict().map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
            // One record per line, the last call's: a training loop calls the RNN on one line hundreds of times,
            // and the visualizer shows the module as it was last run (its trained weights).
            interp.recordRecurrentCall(config: c, stateDict: weights, input: input.t)
        }
        let isLSTM = c.mode == .lstm
        let outputs = [r.output, r.hN] + (r.cN.map { [$0] } ?? [])
        var tensors = recordRecurrent(outputs, names: Self.rnnOutputNames(c, isBatched: input.t.dim == 3), input: input,
                                      hx: hx, hxCount: isLSTM ? 2 : 1) { g throws(PyError) in
            try tc { try base.backward(input.t, hx: hxValues, gradOutput: g[0], gradHN: g[1], gradCN: isLSTM ? g[2] : nil) }
        }
        if c.batchFirst, input.t.dim == 3 {
            // torch returns the time-major output transposed: (N, L, D·H) with strides (D·H, N·D·H, 1).
            let (n, dh) = (r.output.shape[0], r.output.shape[2])
            tensors[0] = tensors[0].withStrides([dh, n * dh, 1])
        }
        let values = tensors.map { PyValue.tensor($0) }
        return isLSTM ? .tuple([values[0], .tuple([values[1], values[2]])]) : .tuple([values[0], values[1]])
    }

    /// A recurrent module's or cell's outputs, recorded as one node whose inputs are the input, each state of hx
    /// and the parameters (those that require grad); `backward` is the engine's BPTT for the outputs' gradients.
    private func recordRecurrent(_ outputs: [Tensor], names: [String], input: PyTensor, hx: [PyTensor]?, hxCount: Int,
                                 leaves: [GradLeaf]? = nil, backward: @escaping ([Tensor?]) throws(PyError) -> RNNGradients) -> [PyTensor] {
        let inputs = [input.gradInput] + (0..<hxCount).map { k in hx.map { $0[k].gradInput } ?? nil }
            + (leaves ?? self.leaves).map { $0.requiresGrad ? GradOrigin.leaf($0) : nil }
        let records = GradMode.isEnabled && inputs.contains { $0 != nil }
        let node = GradNode(names, shapes: outputs.map(\.shape), inputs: inputs, saves: true) { g throws(PyError) in
            let grads = try backward(g)
            return [grads.input] + grads.hx.prefix(hxCount).map { Optional($0) } + grads.parameters.map { Optional($0) }
        }
        return outputs.enumerated().map { k, t in
            var o = PyTensor(t)
            if records { o.origin = .node(node, k) }
            return o
        }
    }

    /// The `grad_fn` names torch 2.15 (CPU) prints for output, h_n and c_n.
    static func rnnOutputNames(_ c: RNNConfig, isBatched: Bool) -> [String] {
        let count = c.mode == .lstm ? 3 : 2
        guard isBatched else { return Array(repeating: "SqueezeBackward1", count: count) }
        let output: String
        if c.batchFirst { output = c.mode == .lstm ? "TransposeBackward0" : "TransposeBackward1" }
        else if c.bidirectional { output = "CatBackward0" }
        else if c.mode == .lstm && c.projSize == 0 { output = "MkldnnRnnLayerBackward0" }
        else { output = "StackBackward0" }
        return [output] + Array(repeating: "StackBackward0", count: count - 1)
    }

    private func cellForward(_ c: CellBase, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(name).forward", ["input", "hx"], required: 1, args, kwargs, isMethod: true)
        let input = try Self.tensorArg(b[0]!)
        var hx: [PyTensor]?
        if let h = b[1], !h.isNone {
            if c.mode == .lstm {
                // Unbatched, torch's LSTMCell.forward reads hx[0] and hx[1] itself (any sequence of two or more);
                // batched, hx goes to lstm_cell as it is, which takes only a tuple of exactly two.
                let batched = input.t.dim == 2
                if batched, case .tensor = h { throw .typeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not Tensor") }
                let items = try interp.iterate(h)
                var ts: [PyTensor] = []
                for x in items { ts.append(try Self.tensorArg(x)) }
                if batched && ts.count != 2 { throw .runtime("lstm_cell expects two hidden states") }
                if ts.count < 2 { throw .indexError("tuple index out of range") }
                hx = Array(ts.prefix(2))
            } else {
                hx = [try Self.tensorArg(h)]
            }
        }
        let hxValues = hx?.map(\.t)
        try interp.checkOperations(Double(input.t.count) * Double(c.mode.gateCount * c.hiddenSize) * 2)
        let r = try tc { try c.forward(input.t, hx: hxValues) }
        // The rank and size checks come first in torch; then its matmul refuses integers.
        if input.dtype != .float32 { throw .runtime("mat1 and mat2 must have the same dtype, but got \(input.dtype.scalarName) and Float") }
        // Then W_hh·h: an integer h (LSTM's c is only added, and torch promotes it).
        if let h = hx?.first, h.dtype != .float32 { throw .runtime("mat1 and mat2 must have the same dtype, but got \(h.dtype.scalarName) and Float") }
        let hxCount = c.mode == .lstm ? 2 : 1
        let names: [String]
        if input.t.dim == 1 { names = Array(repeating: "SqueezeBackward1", count: r.count) }
        else {
            switch c.mode {
            case .lstm: names = ["MulBackward0", "AddBackward0"]
            case .gru: names = ["AddBackward0"]
            case .rnnTanh, .rnnRelu: names = [c.nonlinearity == "relu" ? "ReluBackward0" : "TanhBackward0"]
            }
        }
        let values = recordRecurrent(r, names: names, input: input, hx: hx, hxCount: hxCount) { g throws(PyError) in
            try tc { try c.backward(input.t, hx: hxValues, grads: g) }
        }.map { PyValue.tensor($0) }
        return values.count == 2 ? .tuple(values) : values[0]
    }

    private func linearForward(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(name).forward", ["input"], required: 1, args, kwargs, isMethod: true)
        // Linear.forward hands its input straight to F.linear, whose argument parser names the type.
        guard case .tensor(let input) = b[0]! else { throw .typeError("linear(): argument 'input' (position 1) must be Tensor, not \(b[0]!.typeName)") }
        // The slots as registered now: a learner may replace either (`lin.bias = None`, `lin.weight = nn.Parameter(...)`).
        guard let wLeaf = parameterSlots.first(where: { $0.name == "weight" })?.leaf else {
            throw .typeError("linear(): argument 'weight' (position 2) must be Tensor, not NoneType")
        }
        let bLeaf = parameterSlots.first(where: { $0.name == "bias" })?.leaf
        let x = input.t, w = wLeaf.value
        if x.dim == 0 || w.dim == 0 { throw .runtime("both arguments to linear need to be at least 1D, but they are \(x.dim)D and \(w.dim)D") }
        // A weight replaced by one of another rank (`lin.weight = nn.Parameter(torch.ones(3))`) takes ATen's
        // matmul paths (dot, mv, t() of a 3-D weight); MiniPy says so rather than guess.
        if w.dim > 2 { throw .runtime("t() expects a tensor with <= 2 dimensions, but self is \(w.dim)D") }
        guard w.dim == 2 else {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support nn.Linear with a \(w.dim)-D weight yet")
        }
        let inF = w.shape[1], out = w.shape[0]
        if input.dtype != .float32 { throw .runtime("mat1 and mat2 must have the same dtype, but got \(input.dtype.scalarName) and Float") }
        guard x.shape[x.dim - 1] == inF else {
            let rows = x.dim <= 1 ? 1 : x.shape.dropLast().reduce(1, *)
            let k = x.dim == 0 ? 1 : x.shape[x.dim - 1]
            // ATen's linear: addmm for 2-D input or a contiguous one it can flatten (with a bias); otherwise
            // matmul, whose mm names itself (a batch_first RNN's output is not contiguous).
            let op = bLeaf != nil && (x.dim == 2 || input.isContiguous) ? "addmm" : "mm"
            throw .runtime("\(op): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(k) and \(inF)x\(out))")
        }
        try interp.checkOperations(Double(x.count) * Double(out))
        var y = try tc { try Tensor.matmul(x, try w.transposed(0, 1)) }
        if let bLeaf { y = try tc { try Tensor.broadcasting(y, bLeaf.value, +) } }
        let hasBias = bLeaf != nil
        // ATen's linear: addmm for 2-D input, a flattened addmm for contiguous input with a bias; a non-contiguous
        // one with a bias (a batch_first RNN's output) goes through matmul and add_, so its grad_fn is the add's.
        let name = x.dim == 2 ? (hasBias ? "AddmmBackward0" : "MmBackward0")
                 : hasBias && !input.isContiguous ? "AddBackward0"
                 : x.dim == 1 && !hasBias ? "SqueezeBackward4" : "UnsafeViewBackward0"
        let rows = x.shape.dropLast().reduce(1, *)   // not count / in_features: in_features may be 0
        let inputs = [input, PyTensor(leaf: wLeaf)] + (bLeaf.map { [PyTensor(leaf: $0)] } ?? [])
        return .tensor(Autograd.record(name, y, inputs: inputs) { g in
            let gx = Autograd.mm(g.storage, w.storage, rows: rows, k: out, m: inF)
            let gw = Autograd.mm(Autograd.transpose(g.storage, rows: rows, cols: out), x.storage, rows: out, k: rows, m: inF)
            var grads: [Tensor?] = [Tensor(shape: x.shape, storage: gx), Tensor(shape: w.shape, storage: gw)]
            if hasBias {
                var gb = [Float](repeating: 0, count: out)
                for r in 0..<rows { for j in 0..<out { gb[j] += g.storage[r * out + j] } }
                grads.append(Tensor(shape: [out], storage: gb))
            }
            return grads
        })
    }

    private func embeddingForward(_ pad: Int?, _ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let b = try bind("\(name).forward", ["input"], required: 1, args, kwargs, isMethod: true)
        guard let w = parameterSlots.first(where: { $0.name == "weight" })?.leaf else {
            throw .typeError("embedding(): argument 'weight' (position 1) must be Tensor, not NoneType")
        }
        // torch.embedding(weight, indices): the parser names the indices' type.
        guard case .tensor(let idx) = b[0]! else { throw .typeError("embedding(): argument 'indices' (position 2) must be Tensor, not \(b[0]!.typeName)") }
        return .tensor(try Self.lookup(idx, PyTensor(leaf: w), padding: pad, interp: interp))
    }

    /// The rows of `weight` at `idx` (an embedding lookup): torch's checks; `padding` never gets a gradient.
    static func lookup(_ idx: PyTensor, _ weight: PyTensor, padding pad: Int?, interp: Interpreter) throws(PyError) -> PyTensor {
        guard idx.dtype.isInteger else {
            // torch names a bool tensor by its dispatch type here ("CPUBoolType"), a float one as torch.FloatTensor.
            let name = idx.dtype == .bool ? "CPUBoolType" : idx.dtype.legacyTypeName
            throw .runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(name) instead (while checking arguments for embedding)")
        }
        let w = weight.t
        guard w.dim == 2 else { throw .runtime("'weight' must be 2-D") }
        let dim = w.shape[1]
        try interp.checkElements(idx.count.multipliedReportingOverflow(by: dim).overflow ? Int.max : idx.count * dim, size: 4)
        var out: [Float] = []
        out.reserveCapacity(idx.count * dim)
        var rows: [Int] = []
        for i in idx.exactInts {
            guard i >= 0, i < w.shape[0] else { throw .indexError("index out of range in self") }
            out += w.storage[(i * dim)..<((i + 1) * dim)]
            rows.append(i)
        }
        let y = Tensor(shape: idx.shape + [dim], storage: out)
        return Autograd.record("EmbeddingBackward0", y, inputs: [weight]) { g in
            var gw = [Float](repeating: 0, count: w.count)
            for (k, i) in rows.enumerated() where i != pad { for j in 0..<dim { gw[i * dim + j] += g.storage[k * dim + j] } }
            return [Tensor(shape: w.shape, storage: gw)]
        }
    }

    /// A PackedSequence through the RNN: each sequence runs at its own length (a batch of one through the same
    /// engine, which computes each row of a batch the same way), so every output and each sequence's last state are
    /// torch's values; the outputs are packed again, h_n (c_n) put back in the batch's original order.
    private func packedForward(_ base: RNNBase, _ p: PackedSequenceObject, _ hxValue: PyValue?, _ interp: Interpreter) throws(PyError) -> PyValue {
        let c = base.config
        let isLSTM = c.mode == .lstm
        let lengths = p.sortedLengths, b = p.batchSize
        let features = p.data.shape.dropFirst().reduce(1, *)
        /// RNN and GRU check the input before the states (check_forward_args); LSTM checks neither, and its
        /// matmul fails after the C++ code has counted the states.
        func checkInput() throws(PyError) {
            // check_input: packed data is (rows, input_size), as when the padded batch lacked its feature dimension.
            if !isLSTM && p.data.shape.count != 2 { throw .runtime("input must have 2 dimensions, got \(p.data.shape.count)") }
            if isLSTM && p.data.shape.count == 1 {
                throw .runtime("\(c.bias ? "addmm" : "mm"): mat1 and mat2 shapes cannot be multiplied (1x\(p.data.shape[0]) and \(c.inputSize)x\(4 * c.hiddenSize))")
            }
            guard p.data.shape.count == 2, features == c.inputSize else {
                let rows = p.data.shape.first ?? 0
                if isLSTM, p.data.shape.count == 2 {
                    // torch's LSTM.forward skips check_forward_args for a PackedSequence: the first layer's matmul fails.
                    let op = c.bias ? "addmm" : "mm"
                    throw .runtime("\(op): mat1 and mat2 shapes cannot be multiplied (\(rows)x\(features) and \(c.inputSize)x\(4 * c.hiddenSize))")
                }
                throw .runtime("input.size(-1) must be equal to input_size. Expected \(c.inputSize), got \(p.data.shape.last ?? 0)" + (p.data.shape.count == 2 ? "" : " (rows \(rows))"))
            }
        }
        if !isLSTM { try checkInput() }
        // The initial states, given in the batch's original order.
        var states: [PyTensor]?
        if let h = hxValue, !h.isNone {
            if isLSTM {
                if case .tensor(let t) = h {
                    if p.sorted == nil { throw Self.packedLSTMTensorState(c) }
                    if t.shape.first ?? 0 < 2 { throw .indexError("index 1 is out of bounds for dimension 0 with size \(t.shape.first ?? 0)") }
                }
                let items = try interp.iterate(h)
                // torch's permute_hidden reads hx[1] only when the batch was sorted here; otherwise the C++ lstm counts.
                if items.count < 2 && p.sorted != nil { throw .indexError("tuple index out of range") }
                guard items.count == 2 || (items.count > 2 && p.sorted != nil) else { throw .runtime("lstm expects two hidden states") }
                guard case .tensor(let h0) = items[0], case .tensor(let c0) = items[1] else { throw .indexError("tuple index out of range") }
                states = [h0, c0]
            } else {
                states = [try Self.tensorArg(h)]
            }
            // The whole shape, against the packed batch (batch_sizes[0]): checking only the batch let a wrong layer
            // count or hidden size through to the per-sequence runs below, whose message then said batch 1. (torch's
            // packed LSTM checks no shape: a wrong one is a C++ error, a wrong result or a crash; MiniPy says which.)
            let layers = c.numLayers * c.numDirections
            for (k, s) in states!.enumerated() {
                let expected = [layers, b, k == 0 ? c.outputSize : c.hiddenSize]
                if s.shape != expected {
                    let what = isLSTM ? "hidden[\(k)]" : "hidden"
                    throw .runtime("Expected \(what) size (\(expected.map(String.init).joined(separator: ", "))), got \(pyShape(s.shape))")
                }
            }
        }
        if isLSTM { try checkInput() }
        var offsets = [0]
        for bs in p.batchSizes { offsets.append(offsets.last! + bs) }
        var outs: [PyTensor] = [], finals: [[PyTensor]] = []
        for j in 0..<b {
            let rows = (0..<lengths[j]).map { offsets[$0] + j }
            guard case .tensor(let x) = try interp.tensorIndex(p.data, [.tensor(PyTensor(ints: rows, shape: [rows.count]))]) else { return .none }
            let x3 = PyTensor(viewOf: x, shape: c.batchFirst ? [1, rows.count, features] : [rows.count, 1, features], map: nil)
            let original = p.sorted?[j] ?? j
            var args: [PyValue] = [.tensor(Autograd.record("ViewBackward0", x3, inputs: [x], saves: false) { g in [g.reshaped(x.shape)] })]
            if let states {
                let slices = try states.map { s throws(PyError) -> PyValue in
                    try interp.tensorIndex(s, [.object(SliceObject(.none, .none, .none)), .object(SliceObject(.int(original), .int(original + 1), .none))])
                }
                args.append(isLSTM ? .tuple(slices) : slices[0])
            }
            let result = try call(args, [], interp)
            guard case .tuple(let parts) = result, case .tensor(let out) = parts[0] else { return .none }
            outs.append(out)
            if isLSTM, case .tuple(let hc) = parts[1], case .tensor(let h) = hc[0], case .tensor(let cc) = hc[1] { finals.append([h, cc]) }
            else if case .tensor(let h) = parts[1] { finals.append([h]) }
        }
        // The packed output: step by step, the rows of the sequences still running (longest first).
        let width = c.outputSize * c.numDirections
        var picks: [(Int, Int)?] = []
        for (s, bs) in p.batchSizes.enumerated() { for j in 0..<bs { for e in 0..<width { picks.append((j, s * width + e)) } } }
        let data = Packing.gatherFrom(outs, picks, shape: [picks.count / max(width, 1), width], fill: 0, gradName: "CatBackward0")
        // h_n (and c_n): (layers × directions, batch, hidden) in the original order.
        let layers = c.numLayers * c.numDirections
        var stateValues: [PyValue] = []
        for k in 0..<(isLSTM ? 2 : 1) {
            let size = k == 0 ? c.outputSize : c.hiddenSize
            var statePicks: [(Int, Int)?] = []
            for l in 0..<layers { for orig in 0..<b {
                let j = p.unsorted?[orig] ?? orig
                for e in 0..<size { statePicks.append((j, l * size + e)) }
            } }
            stateValues.append(.tensor(Packing.gatherFrom(finals.map { $0[k] }, statePicks, shape: [layers, b, size], fill: 0,
                                                          gradName: p.unsorted == nil ? "StackBackward0" : "IndexSelectBackward0")))
        }
        let packed = PyValue.object(PackedSequenceObject(data: data, batchSizes: p.batchSizes, sorted: p.sorted, unsorted: p.unsorted))
        return isLSTM ? .tuple([packed, .tuple(stateValues)]) : .tuple([packed, stateValues[0]])
    }

    /// A PackedSequence and one tensor as hx: torch's LSTM passes hx on unchecked (the batch was already sorted)
    /// and `_VF.lstm`'s parser matches neither overload. Its message lists the flat weights by kind.
    static func packedLSTMTensorState(_ c: RNNConfig) -> PyError {
        let perDirection = (c.bias ? 4 : 2) + (c.projSize > 0 ? 1 : 0)
        let params = "list of [" + Array(repeating: "Parameter", count: perDirection * c.numLayers * c.numDirections).joined(separator: ", ") + "]"
        return .typeError("""
            lstm() received an invalid combination of arguments - got (Tensor, Tensor, Tensor, list, bool, int, float, bool, bool), but expected one of:
             * (Tensor data, Tensor batch_sizes, tuple of Tensors hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)
                  didn't match because some of the arguments have invalid types: (Tensor, Tensor, !Tensor!, !\(params)!, bool, int, float, bool, bool)
             * (Tensor input, tuple of Tensors hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)
                  didn't match because some of the arguments have invalid types: (Tensor, !Tensor!, !Tensor!, !\(params)!, !bool!, int, !float!, bool, bool)
            """)
    }

    /// Training with `dropout` between layers (torch drops each layer's output but the last's): the layers run one
    /// at a time (single-layer engines over this module's own parameters), each output but the last through dropout
    /// with MiniPy's generator, so which elements drop differs from torch's (as nn.Dropout's do).
    private func droppedForward(_ base: RNNBase, _ input: PyTensor, _ hx: [PyTensor]?, _ interp: Interpreter) throws(PyError) -> PyValue {
        let c = base.config
        let isLSTM = c.mode == .lstm, directions = c.numDirections
        let batched = input.t.dim == 3
        var x = input
        if c.batchFirst && batched, case .tensor(let t) = try interp.call(try interp.attribute(.tensor(input), "transpose"), [.int(0), .int(1)], []) { x = t }
        var finals: [[PyValue]] = isLSTM ? [[], []] : [[]]
        var out = x
        for k in 0..<c.numLayers {
            let layer = try tc { try RNNConfig(mode: c.mode, inputSize: k == 0 ? c.inputSize : c.outputSize * directions, hiddenSize: c.hiddenSize,
                                               bias: c.bias, bidirectional: c.bidirectional, projSize: c.projSize) }
            var layerBase = RNNBase(config: layer)
            let suffixes = ["_l\(k)", "_l\(k)_reverse"]
            let layerSlots = parameterSlots.filter { s in suffixes.contains { s.name.hasSuffix($0) } && s.leaf != nil }
            var dict: [String: Tensor] = [:]
            for s in layerSlots {
                let renamed = s.name.replacingOccurrences(of: "_l\(k)", with: "_l0")
                dict[renamed] = s.leaf!.value
            }
            do { try layerBase.loadStateDict(dict) } catch { throw .runtime("\(error)") }
            let layerHx = try hx.map { states throws(PyError) -> [PyTensor] in
                try states.map { s throws(PyError) -> PyTensor in
                    let lo = k * directions
                    guard case .tensor(let t) = try interp.tensorIndex(s, [.object(SliceObject(.int(lo), .int(lo + directions), .none))]) else { return s }
                    return t
                }
            }
            let hxValues = layerHx?.map(\.t)
            let stepperInput = out.t
            var stepper = try tc { try layerBase.stepper(stepperInput, hx: hxValues) }
            while stepper.next() != nil { try interp.checkTime() }
            let r = stepper.result
            let outputs = [r.output, r.hN] + (r.cN.map { [$0] } ?? [])
            let frozenBase = layerBase
            let recorded = recordRecurrent(outputs, names: Self.rnnOutputNames(layer, isBatched: batched), input: out, hx: layerHx,
                                           hxCount: isLSTM ? 2 : 1, leaves: layerSlots.map { $0.leaf! }) { g throws(PyError) in
                try tc { try frozenBase.backward(stepperInput, hx: hxValues, gradOutput: g[0], gradHN: g[1], gradCN: isLSTM ? g[2] : nil) }
            }
            for s in 0..<finals.count { finals[s].append(.tensor(recorded[s + 1])) }
            out = recorded[0]
            if k < c.numLayers - 1 { out = try Functional.dropout(out, p: c.dropout, training: true, interp: interp) }
        }
        var output = PyValue.tensor(out)
        if c.batchFirst && batched { output = try interp.call(try interp.attribute(output, "transpose"), [.int(0), .int(1)], []) }
        let states = try finals.map { list throws(PyError) in try interp.concatenate([.list(PyList(list))], [], stack: false) }
        return isLSTM ? .tuple([output, .tuple(states)]) : .tuple([output, states[0]])
    }
}
