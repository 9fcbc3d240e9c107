import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// The unrolled RNN at step 0, step 1 and the last step, for an RNN, a 2-layer RNN, an LSTM and a GRU.
@Suite struct VisualizerSnapshotTests {
    static let input: [Double] = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, -0.5, 0.25]

    static func section(_ module: VisualizeSection.Module, layers: Int = 1, bidirectional: Bool = false) -> VisualizeSection {
        VisualizeSection(minutes: 1, module: module, inputSize: 2, hiddenSize: 3, numLayers: layers,
                         bidirectional: bidirectional, weights: .seed(0), inputShape: [4, 2], input: input,
                         captions: ["The first step starts from h_0 = zeros."])
    }

    static let cases: [(name: String, section: VisualizeSection)] = [
        ("rnn", section(.RNN)), ("rnn2", section(.RNN, layers: 2)), ("lstm", section(.LSTM)), ("gru", section(.GRU)),
        ("birnn", section(.RNN, bidirectional: true)), ("bilstm2", section(.LSTM, layers: 2, bidirectional: true)),
    ]

    static func state(_ section: VisualizeSection, size: Size, keys: [Key]) -> State {
        var state = State(lessons: [], size: size)
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section), seed: 0))]
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    @Test(arguments: ["rnn", "rnn2", "lstm", "gru", "birnn"])
    func stepsAtFullSize(name: String) {
        let section = Self.cases.first { $0.name == name }!.section
        for (label, keys) in [("step0", [Key]()), ("step1", [.right]), ("last", [.end])] {
            let buffer = Renderer.render(Self.state(section, size: Size(width: 80, height: 24), keys: keys))
            Snapshot.assertMatches(buffer, named: "vis-\(name)-\(label)-80x24")
        }
    }

    @Test(arguments: ["rnn", "lstm", "gru", "rnn2"])
    func compact(name: String) {
        let section = Self.cases.first { $0.name == name }!.section
        let buffer = Renderer.render(Self.state(section, size: Size(width: 40, height: 12), keys: [.right, .right]))
        #expect(buffer.text.contains("t=1"))
        Snapshot.assertMatches(buffer, named: "vis-\(name)-step2-40x12")
    }

    @Test func tooManyLayersShowTheFocusedOne() {
        let section = Self.cases.first { $0.name == "bilstm2" }!.section
        let end = Renderer.render(Self.state(section, size: Size(width: 80, height: 24), keys: [.end]))
        #expect(end.text.contains("L1 →"))
        Snapshot.assertMatches(end, named: "vis-bilstm2-focus1-80x24")
        let down = Renderer.render(Self.state(section, size: Size(width: 80, height: 24), keys: [.end, .down]))
        #expect(down.text.contains("›L0 →"))
        Snapshot.assertMatches(down, named: "vis-bilstm2-focus0-80x24")
        let rnn2 = Renderer.render(Self.state(Self.section(.RNN, layers: 2), size: Size(width: 40, height: 12), keys: [.end, .down]))
        #expect(rnn2.text.contains("›L0 →"))
        #expect(!rnn2.text.contains("›L1") && !rnn2.text.contains(" L1 →  ┌"))
    }

    @Test func helpSaysHowManyDecimals() {
        var state = Self.state(Self.section(.RNN), size: Size(width: 100, height: 30), keys: [])
        _ = state.update(.key(.char("?")))
        #expect(Renderer.render(state).text.contains("rounded to 4 decimals"))
    }

    @Test func numbersAreTheTracesRounded() {
        let state = Self.state(Self.section(.RNN), size: Size(width: 80, height: 24), keys: [.end])
        guard case .visualize(let vis) = state.screen, let trace = vis.trace else { Issue.record("no visualizer"); return }
        let text = Renderer.render(state).text
        for t in 0..<trace.seqLen {
            for v in trace.step(layer: 0, direction: 0, t: t).h(batch: 0) {
                #expect(text.contains(String(format: "%+.4f", Double(v))))
            }
        }
        #expect(!text.contains("+0.0000 ███"))
    }

    @Test func asciiKeepsTheSignReadable() {
        var state = Self.state(Self.section(.RNN), size: Size(width: 80, height: 24), keys: [.end])
        state.settings = Settings(ascii: true)
        let text = Renderer.render(state).text
        #expect(text.allSatisfy { $0.isASCII })
        #expect(text.contains("#") || text.contains("."))
    }
}
