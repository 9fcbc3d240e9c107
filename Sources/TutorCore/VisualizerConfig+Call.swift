import MiniPy
import RNNEngine

extension VisualizerConfig {
    /// The visualizer's view of a module a playground snippet ran, with its own weights and input;
    /// nil for what the visualizer does not draw (projections, no bias).
    public init?(call: MiniPy.RecurrentCall) {
        let c = call.config
        guard c.projSize == 0, c.bias else { return nil }
        let module: VisualizeSection.Module
        switch c.mode {
        case .rnnTanh, .rnnRelu: module = .RNN
        case .lstm: module = .LSTM
        case .gru: module = .GRU
        }
        // The visualizer takes (L, N, H_in) or (L, H_in): batch_first input goes back to time-major.
        var input = call.input
        if c.batchFirst, input.shape.count == 3 { input = input.transposed01() }
        self.init(module: module, inputSize: c.inputSize, hiddenSize: c.hiddenSize, numLayers: c.numLayers,
                  bidirectional: c.bidirectional, nonlinearity: c.mode == .rnnRelu ? .relu : .tanh,
                  stateDict: call.stateDict, input: input)
    }
}
