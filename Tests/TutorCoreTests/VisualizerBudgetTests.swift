import RNNEngine
import Testing
@testable import TutorCore

/// The visualizer refuses a run past the engine's budget at once, as MiniPy and `unroll engine` do.
@Suite struct VisualizerBudgetTests {
    func config(seqLen: Int, layers: Int, hidden: Int) -> VisualizerConfig {
        VisualizerConfig(module: .LSTM, inputSize: 2, hiddenSize: hidden, numLayers: layers, bidirectional: false,
                         nonlinearity: .tanh, stateDict: nil,
                         input: VisualizerConfig.randomInput(seqLen: seqLen, inputSize: 2, seed: 0))
    }

    /// It computed for minutes and gigabytes before the first frame.
    @Test(.timeLimit(.minutes(1))) func aRunPastTheBudgetIsRefusedWithTheReason() {
        let state = VisualizerState(config: config(seqLen: 100_000, layers: 8, hidden: 256))
        #expect(state.trace == nil)
        #expect(state.error?.hasPrefix("RuntimeError: LSTM(2, 256, num_layers=8) would need") == true)
        #expect(state.error?.hasSuffix("(run over 100000 steps, batch 1)") == true)
    }

    @Test func aLongRunOfASmallModuleStillRuns() {
        let state = VisualizerState(config: config(seqLen: 2_000, layers: 2, hidden: 3))
        #expect(state.error == nil && state.stepCount == 4_000)
    }
}
