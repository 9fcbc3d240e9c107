extension CellBase {
    /// A cell with default weights from `seed` (for MiniPy, which validates the sizes first as PyTorch does).
    public static func make(mode: RNNMode, inputSize: Int, hiddenSize: Int, bias: Bool, nonlinearity: String,
                            seed: UInt64) -> CellBase {
        CellBase(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, nonlinearity: nonlinearity, seed: seed)
    }
}
