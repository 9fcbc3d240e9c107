import RNNEngine
import Testing
@testable import TutorCore

/// A caption belongs to a time step: shown at that t in every layer and direction.
@Suite struct VisualizerCaptionTests {
    @Test func theCaptionOfATimeStepShowsInEveryLayerAndDirection() throws {
        let config = VisualizerConfig(module: .RNN, inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true,
                                      input: Tensor(shape: [3, 2], storage: [1, 0, 0, 1, 1, 1]),
                                      captions: ["zero", "one: layer 1 reads both directions", "two"])
        var vis = VisualizerState(config: config)
        var seen: [String] = []
        for _ in 0..<vis.stepCount {
            vis.reveal(vis.revealed + 1, width: 80)
            let s = try #require(vis.current)
            #expect(vis.caption == config.captions[s.t])
            if s.layer == 1 && s.t == 1 && s.direction == 0 { seen.append(vis.caption ?? "") }
        }
        #expect(seen == ["one: layer 1 reads both directions"])
    }
}
