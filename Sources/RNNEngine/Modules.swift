/// `torch.nn.RNN`: an Elman RNN with tanh or relu.
///
///     let rnn = try RNN(inputSize: 5, hiddenSize: 3, numLayers: 2)
///     let (output, hN) = try rnn.forward(Tensor.zeros([4, 2, 5]))   // (4, 2, 3), (2, 2, 3)
public struct RNN: Sendable {
    public var base: RNNBase

    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh", bias: Bool = true,
                batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false, seed: UInt64 = 0) throws(TorchError) {
        try self.init(args: [.int(inputSize), .int(hiddenSize)], kwargs: [
            ("num_layers", .int(numLayers)), ("nonlinearity", .string(nonlinearity)), ("bias", .bool(bias)),
            ("batch_first", .bool(batchFirst)), ("dropout", .float(dropout)), ("bidirectional", .bool(bidirectional)),
        ], seed: seed)
    }

    /// `RNN(*args, **kwargs)` with loosely typed values and PyTorch's checks and messages.
    public init(args: [ArgValue], kwargs: [(String, ArgValue)], seed: UInt64 = 0) throws(TorchError) {
        base = try RNNBase(module: "RNN", args: args, kwargs: kwargs, seed: seed)
    }

    /// `rnn(input, hx)` → `(output, h_n)`.
    public func forward(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> (output: Tensor, hN: Tensor) {
        let r = try base.forward(input, hx: hx.map { [$0] })
        return (r.output, r.hN)
    }

    public func trace(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> RNNTrace { try base.trace(input, hx: hx.map { [$0] }) }
    public func stepper(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> RNNStepper { try base.stepper(input, hx: hx.map { [$0] }) }
}

/// `torch.nn.LSTM`, with `proj_size`.
///
///     let lstm = try LSTM(inputSize: 5, hiddenSize: 4, projSize: 2)
///     let (output, (hN, cN)) = try lstm.forward(Tensor.zeros([4, 5]))   // unbatched: (4, 2), ((1, 2), (1, 4))
public struct LSTM: Sendable {
    public var base: RNNBase

    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, seed: UInt64 = 0) throws(TorchError) {
        try self.init(args: [.int(inputSize), .int(hiddenSize)], kwargs: [
            ("num_layers", .int(numLayers)), ("bias", .bool(bias)), ("batch_first", .bool(batchFirst)),
            ("dropout", .float(dropout)), ("bidirectional", .bool(bidirectional)), ("proj_size", .int(projSize)),
        ], seed: seed)
    }

    public init(args: [ArgValue], kwargs: [(String, ArgValue)], seed: UInt64 = 0) throws(TorchError) {
        base = try RNNBase(module: "LSTM", args: args, kwargs: kwargs, seed: seed)
    }

    /// `lstm(input, (h_0, c_0))` → `(output, (h_n, c_n))`.
    public func forward(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws(TorchError) -> (output: Tensor, hidden: (hN: Tensor, cN: Tensor)) {
        let r = try base.forward(input, hx: hx.map { [$0.0, $0.1] })
        return (r.output, (r.hN, r.cN!))
    }

    public func trace(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws(TorchError) -> RNNTrace { try base.trace(input, hx: hx.map { [$0.0, $0.1] }) }
    public func stepper(_ input: Tensor, hx: (Tensor, Tensor)? = nil) throws(TorchError) -> RNNStepper { try base.stepper(input, hx: hx.map { [$0.0, $0.1] }) }
}

/// `torch.nn.GRU`.
public struct GRU: Sendable {
    public var base: RNNBase

    public init(inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, seed: UInt64 = 0) throws(TorchError) {
        try self.init(args: [.int(inputSize), .int(hiddenSize)], kwargs: [
            ("num_layers", .int(numLayers)), ("bias", .bool(bias)), ("batch_first", .bool(batchFirst)),
            ("dropout", .float(dropout)), ("bidirectional", .bool(bidirectional)),
        ], seed: seed)
    }

    public init(args: [ArgValue], kwargs: [(String, ArgValue)], seed: UInt64 = 0) throws(TorchError) {
        base = try RNNBase(module: "GRU", args: args, kwargs: kwargs, seed: seed)
    }

    /// `gru(input, hx)` → `(output, h_n)`.
    public func forward(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> (output: Tensor, hN: Tensor) {
        let r = try base.forward(input, hx: hx.map { [$0] })
        return (r.output, r.hN)
    }

    public func trace(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> RNNTrace { try base.trace(input, hx: hx.map { [$0] }) }
    public func stepper(_ input: Tensor, hx: Tensor? = nil) throws(TorchError) -> RNNStepper { try base.stepper(input, hx: hx.map { [$0] }) }
}

extension RNNBase {
    /// `RNN`/`LSTM`/`GRU` (`module`) from loosely typed arguments; default weights from `seed`.
    /// Sizes whose parameters would pass the engine's budget (`RNNConfig.checkBudget`) throw a RuntimeError
    /// naming the size before anything is allocated (torch would try, and fail in its allocator).
    public init(module: String, args: [ArgValue], kwargs: [(String, ArgValue)], seed: UInt64 = 0) throws(TorchError) {
        let (config, warnings) = try RNNConfig.parse(module: module, args: args, kwargs: kwargs)
        do { try config.checkBudget() } catch { throw TorchError(type: "RuntimeError", message: error.description) }
        self.init(config: config, warnings: warnings, seed: seed)
    }
}
