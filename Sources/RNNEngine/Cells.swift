/// The shared core of `RNNCell`, `LSTMCell`, `GRUCell`: one time step, the same step code as the modules.
public struct CellBase: Sendable {
    public let mode: RNNMode
    public let inputSize: Int
    public let hiddenSize: Int
    public let bias: Bool
    /// RNNCell only; not validated until forward, as in PyTorch.
    public let nonlinearity: String
    public private(set) var parameters: [Tensor]
    var packed: DirectionParams

    init(mode: RNNMode, inputSize: Int, hiddenSize: Int, bias: Bool, nonlinearity: String, seed: UInt64) {
        precondition(inputSize >= 0 && hiddenSize >= 0)
        self.mode = mode
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.bias = bias
        self.nonlinearity = nonlinearity
        var rng = SplitMix64(seed: seed)
        let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        let shapes = CellBase.shapes(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias)
        parameters = shapes.map { rng.uniformTensor($0.shape, bound: bound) }
        packed = CellBase.pack(parameters, bias: bias)
    }

    static func shapes(mode: RNNMode, inputSize: Int, hiddenSize: Int, bias: Bool) -> [(name: String, shape: [Int])] {
        let g = mode.gateCount * hiddenSize
        var s = [("weight_ih", [g, inputSize]), ("weight_hh", [g, hiddenSize])]
        if bias { s += [("bias_ih", [g]), ("bias_hh", [g])] }
        return s
    }

    static func pack(_ p: [Tensor], bias: Bool) -> DirectionParams {
        DirectionParams(wIH: PackedWeight(p[0]), wHH: PackedWeight(p[1]), bIH: bias ? p[2].storage : nil,
                        bHH: bias ? p[3].storage : nil, wHR: nil)
    }

    public var parameterShapes: [(name: String, shape: [Int])] {
        CellBase.shapes(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias)
    }

    public func stateDict() -> [(name: String, tensor: Tensor)] {
        zip(parameterShapes, parameters).map { ($0.name, $1) }
    }

    public mutating func loadStateDict(_ dict: [String: Tensor]) throws(StateDictError) {
        parameters = try orderedParameters(dict, expected: parameterShapes)
        packed = CellBase.pack(parameters, bias: bias)
    }

    var className: String {
        switch mode { case .rnnTanh, .rnnRelu: "RNNCell"; case .lstm: "LSTMCell"; case .gru: "GRUCell" }
    }

    /// `cell(input, hx)`: `hx` nil, `[h]` (RNNCell, GRUCell) or `[h, c]` (LSTMCell). Returns `[h']` or `[h', c']`.
    public func forward(_ input: Tensor, hx: [Tensor]?) throws(TorchError) -> [Tensor] {
        let name = className
        guard input.dim == 1 || input.dim == 2 else {
            throw .value("\(name): Expected input to be 1D or 2D, got \(input.dim)D instead")
        }
        if let hx {
            if mode == .lstm {
                for (i, v) in hx.enumerated() where v.dim != 1 && v.dim != 2 {
                    throw .value("LSTMCell: Expected hx[\(i)] to be 1D or 2D, got \(v.dim)D instead")
                }
            } else if hx[0].dim != 1 && hx[0].dim != 2 {
                throw .value("\(name): Expected hidden to be 1D or 2D, got \(hx[0].dim)D instead")
            }
        }
        let isBatched = input.dim == 2
        let x = isBatched ? input : input.unsqueezed(0)
        let n = x.shape[0], H = hiddenSize
        var states: [Tensor]
        if let hx {
            if isBatched {
                states = hx
            } else if mode == .lstm {
                guard hx.count >= 2 else { throw TorchError(type: "IndexError", message: "tuple index out of range") }
                states = [hx[0].unsqueezed(0), hx[1].unsqueezed(0)]
            } else {
                states = [hx[0].unsqueezed(0)]
            }
        } else {
            states = Array(repeating: Tensor.zeros([n, H]), count: mode == .lstm ? 2 : 1)
        }
        let stepMode: RNNMode
        switch mode {
        case .rnnTanh, .rnnRelu:
            switch nonlinearity {
            case "tanh": stepMode = .rnnTanh
            case "relu": stepMode = .rnnRelu
            default: throw .runtime("Unknown nonlinearity: \(nonlinearity)")
            }
        case .lstm, .gru: stepMode = mode
        }
        if mode == .lstm && states.count != 2 { throw .runtime("lstm_cell expects two hidden states") }
        if x.shape[1] != inputSize {
            throw .runtime("input has inconsistent input_size: got \(x.shape[1]) expected \(inputSize)")
        }
        for (i, s) in states.enumerated() {
            guard s.dim == 2 else { throw .runtime("Expected 2D hidden\(i) (batch x hidden_size), but got \(s.dim)D tensor") }
            if s.shape[0] != n { throw .runtime("Input batch size \(n) doesn't match hidden\(i) batch size \(s.shape[0])") }
            if s.shape[1] != H { throw .runtime("hidden\(i) has inconsistent hidden_size: got \(s.shape[1]), expected \(H)") }
        }
        var h = states[0].storage
        var c = mode == .lstm ? states[1].storage : []
        let p = packed
        if n > 0 && H > 0 {
            let GH = mode.gateCount * H
            let gi = Workspace.buffer(.projection, n * GH), gh = Workspace.buffer(.step, n * GH)
            x.storage.withUnsafeBufferPointer { xp in
                if let base = xp.baseAddress {
                    Kernels.inputProjection(m: n, x: base, p: p, into: gi)
                } else {
                    // input_size 0: x·W_ihᵀ is all zeros, plus the bias.
                    for r in 0..<n {
                        for j in 0..<GH { gi[r * GH + j] = p.bIH.map { $0[j] } ?? 0 }
                    }
                }
            }
            h.withUnsafeMutableBufferPointer { hp in
                c.withUnsafeMutableBufferPointer { cp in
                    Kernels.step(mode: stepMode, n: n, hidden: H, p: p, gi: gi, h: hp.baseAddress!, c: cp.baseAddress,
                                 gh: gh, pre: nil, gates: nil, hRaw: nil)
                }
            }
        }
        var out = [Tensor(shape: [n, H], storage: h)]
        if mode == .lstm { out.append(Tensor(shape: [n, H], storage: c)) }
        return isBatched ? out : out.map { $0.squeezed(0) }
    }
}

/// `torch.nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`.
public struct RNNCell: Sendable {
    public var base: CellBase
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh", seed: UInt64 = 0) {
        base = CellBase(mode: .rnnTanh, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, nonlinearity: nonlinearity, seed: seed)
    }
    /// `cell(input, hx)` → `h'`.
    public func forward(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> Tensor {
        try base.forward(input, hx: hx.map { [$0] })[0]
    }
}

/// `torch.nn.LSTMCell(input_size, hidden_size, bias=True)`.
public struct LSTMCell: Sendable {
    public var base: CellBase
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, seed: UInt64 = 0) {
        base = CellBase(mode: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, nonlinearity: "", seed: seed)
    }
    /// `cell(input, (h, c))` → `(h', c')`.
    public func forward(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws(TorchError) -> (h: Tensor, c: Tensor) {
        let r = try base.forward(input, hx: hx.map { [$0.0, $0.1] })
        return (r[0], r[1])
    }
}

/// `torch.nn.GRUCell(input_size, hidden_size, bias=True)`.
public struct GRUCell: Sendable {
    public var base: CellBase
    public init(inputSize: Int, hiddenSize: Int, bias: Bool = true, seed: UInt64 = 0) {
        base = CellBase(mode: .gru, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, nonlinearity: "", seed: seed)
    }
    /// `cell(input, hx)` → `h'`.
    public func forward(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> Tensor {
        try base.forward(input, hx: hx.map { [$0] })[0]
    }
}
