/// The shared core of `RNN`, `LSTM` and `GRU` (PyTorch's `RNNBase`): configuration, parameters, forward.
public struct RNNBase: Sendable {
    public let config: RNNConfig
    /// Warnings the constructor raised (e.g. dropout with one layer).
    public let warnings: [TorchWarning]
    /// Parameters in state_dict order (names in `config.parameterShapes`).
    public private(set) var parameters: [Tensor]
    /// Packed weights per (layer, direction), index layer·D + direction.
    var packed: [DirectionParams]

    /// A module with default weights: every parameter uniform in (−1/√H, 1/√H) from `SplitMix64(seed:)`,
    /// drawn in state_dict order. Deterministic on every machine; not torch's values.
    public init(config: RNNConfig, warnings: [TorchWarning] = [], seed: UInt64 = 0) {
        self.config = config
        self.warnings = warnings
        var rng = SplitMix64(seed: seed)
        let bound = 1 / Double(config.hiddenSize).squareRoot()
        parameters = config.parameterShapes.map { rng.uniformTensor($0.shape, bound: bound) }
        packed = []
        repack()
    }

    /// A one-layer module over a cell's parameters and packed weights (its backward is the module's).
    init(cell config: RNNConfig, parameters: [Tensor], packed: DirectionParams) {
        self.config = config
        warnings = []
        self.parameters = parameters
        self.packed = [packed]
    }

    /// Name → tensor, in state_dict order.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        zip(config.parameterShapes, parameters).map { ($0.name, $1) }
    }

    /// Replaces every parameter; the keys must be exactly the module's, each of its shape.
    public mutating func loadStateDict(_ dict: [String: Tensor]) throws(StateDictError) {
        parameters = try orderedParameters(dict, expected: config.parameterShapes)
        repack()
    }

    private mutating func repack() {
        var i = 0
        packed = []
        for _ in 0..<(config.numLayers * config.numDirections) {
            let wIH = parameters[i], wHH = parameters[i + 1]
            i += 2
            var bIH: [Float]?, bHH: [Float]?
            if config.bias { bIH = parameters[i].storage; bHH = parameters[i + 1].storage; i += 2 }
            var wHR: PackedWeight?
            if config.projSize > 0 { wHR = PackedWeight(parameters[i]); i += 1 }
            packed.append(DirectionParams(wIH: PackedWeight(wIH), wHH: PackedWeight(wHH), bIH: bIH, bHH: bHH, wHR: wHR))
        }
    }

    /// `module(input, hx)`. `hx`: nil for zeros; `[h_0]` for RNN/GRU; `[h_0, c_0]` for LSTM (a list, so a
    /// wrong count gets PyTorch's error). Throws PyTorch's error for the first failing check.
    public func forward(_ input: Tensor, hx: [Tensor]? = nil) throws(TorchError) -> RNNOutput {
        let prepared = try prepare(input, hx: hx)
        defer { Workspace.trim() }
        return run(prepared, save: false).0
    }

    /// A stepper that advances one time step per `next()`; see `RNNStepper`.
    public func stepper(_ input: Tensor, hx: [Tensor]? = nil) throws(TorchError) -> RNNStepper {
        try RNNStepper(module: self, input: input, hx: hx)
    }

    /// Every step recorded; see `RNNTrace`.
    public func trace(_ input: Tensor, hx: [Tensor]? = nil) throws(TorchError) -> RNNTrace {
        var s = try RNNStepper(module: self, input: input, hx: hx)
        var steps: [TraceStep] = []
        while let step = s.next() { steps.append(step) }
        return RNNTrace(config: config, seqLen: s.seqLen, batch: s.batch, steps: steps, result: s.result)
    }
}

/// What a forward pass returns: `output`, `h_n`, and for LSTM `c_n`, in PyTorch's shapes.
public struct RNNOutput: Sendable, Equatable {
    public var output: Tensor
    public var hN: Tensor
    public var cN: Tensor?
}

/// Checked, time-major input and initial states.
struct PreparedInput {
    var x: [Float]        // L × N × input_size
    var seqLen: Int
    var batch: Int
    var isBatched: Bool
    var h0: [Float]?      // (layers·D) × N × R; nil: zeros
    var c0: [Float]?      // (layers·D) × N × H (LSTM); nil: zeros
}

extension RNNBase {
    /// PyTorch's forward checks, in its order, then the input made time-major.
    func prepare(_ input: Tensor, hx: [Tensor]?) throws(TorchError) -> PreparedInput {
        let c = config, name = c.mode.className
        guard input.dim == 2 || input.dim == 3 else {
            throw .value(c.mode == .lstm || c.mode == .gru
                ? "\(name): Expected input to be 2D or 3D, got \(input.dim)D instead"
                : "RNN: Expected input to be 2D or 3D, got \(input.dim)D tensor instead")
        }
        let isBatched = input.dim == 3
        let batchDim = c.batchFirst ? 0 : 1
        let x = isBatched ? input : input.unsqueezed(batchDim)
        var h: Tensor?, cx: Tensor?, hxCount = 2
        if let hx {
            if c.mode == .lstm {
                guard hx.count >= 2 else { throw TorchError(type: "IndexError", message: "tuple index out of range") }
                if isBatched {
                    if hx[0].dim != 3 || hx[1].dim != 3 {
                        throw .runtime("For batched 3-D input, hx and cx should also be 3-D but got (\(hx[0].dim)-D, \(hx[1].dim)-D) tensors")
                    }
                    hxCount = hx.count
                    h = hx[0]; cx = hx[1]
                } else {
                    if hx[0].dim != 2 || hx[1].dim != 2 {
                        throw .runtime("For unbatched 2-D input, hx and cx should also be 2-D but got (\(hx[0].dim)-D, \(hx[1].dim)-D) tensors")
                    }
                    h = hx[0].unsqueezed(1); cx = hx[1].unsqueezed(1)
                }
            } else {
                precondition(hx.count == 1, "RNN/GRU take one hidden state")
                if isBatched {
                    if hx[0].dim != 3 { throw .runtime("For batched 3-D input, hx should also be 3-D but got \(hx[0].dim)-D tensor") }
                    h = hx[0]
                } else {
                    if hx[0].dim != 2 { throw .runtime("For unbatched 2-D input, hx should also be 2-D but got \(hx[0].dim)-D tensor") }
                    h = hx[0].unsqueezed(1)
                }
            }
        }
        if c.inputSize != x.size(-1) {
            throw .runtime("input.size(-1) must be equal to input_size. Expected \(c.inputSize), got \(x.size(-1))")
        }
        let batch = x.size(batchDim)
        let ld = c.numLayers * c.numDirections
        func tuple(_ s: [Int]) -> String { "(" + s.map(String.init).joined(separator: ", ") + ")" }
        func list(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }
        func fits(_ t: Tensor, _ size: Int) -> Bool { t.dim == 3 && t.shape[0] == ld && t.shape[1] == batch && t.shape[2] == size }
        if c.mode == .lstm {
            if let h, !fits(h, c.outputSize) {
                throw .runtime("Expected hidden[0] size \(tuple([ld, batch, c.outputSize])), got \(list(h.shape))")
            }
            if let cx, !fits(cx, c.hiddenSize) {
                throw .runtime("Expected hidden[1] size \(tuple([ld, batch, c.hiddenSize])), got \(list(cx.shape))")
            }
            if hxCount != 2 { throw .runtime("lstm expects two hidden states") }
        } else if let h, !fits(h, c.outputSize) {
            throw .runtime("Expected hidden size \(tuple([ld, batch, c.outputSize])), got \(list(h.shape))")
        }
        let timeMajor = c.batchFirst ? x.transposed01() : x
        let seqLen = timeMajor.shape[0]
        if seqLen == 0 { throw .runtime("Expected sequence length to be larger than 0 in RNN") }
        return PreparedInput(
            x: timeMajor.storage, seqLen: seqLen, batch: batch, isBatched: isBatched,
            h0: h?.storage, c0: cx?.storage)
    }
}
