import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// The gradient view (`g`): the screen as text at the loss, a few steps back and at h_0, for an RNN and an LSTM,
/// at full size and compact; the norms it prints are the engine's backward trace's, rounded as shown.
@Suite struct VisualizerGradientSnapshotTests {
    static let input: [Double] = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, -0.5, 0.25, 0.5, -1.0]

    static func section(_ module: VisualizeSection.Module, layers: Int = 1) -> VisualizeSection {
        VisualizeSection(minutes: 1, module: module, inputSize: 2, hiddenSize: 3, numLayers: layers,
                         weights: .seed(0), inputShape: [5, 2], input: input)
    }

    static func state(_ section: VisualizeSection, size: Size, keys: [Key]) -> State {
        var state = State(lessons: [], size: size)
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section), seed: 0))]
        for key in keys {
            let effects = state.update(.key(key))
            #expect(!effects.contains { if case .startTimer = $0 { true } else { false } })
        }
        return state
    }

    @Test(arguments: [("rnn", VisualizeSection.Module.RNN), ("lstm", .LSTM), ("gru", .GRU)])
    func backwardThroughTime(name: String, module: VisualizeSection.Module) {
        for (label, keys) in [("loss", [Key.char("g")]), ("back2", [.char("g"), .left, .left]), ("all", [.char("g"), .home])] {
            let buffer = Renderer.render(Self.state(Self.section(module), size: Size(width: 80, height: 24), keys: keys))
            Snapshot.assertMatches(buffer, named: "grad-\(name)-\(label)-80x24")
        }
    }

    @Test func compactAndTwoLayers() {
        let compact = Renderer.render(Self.state(Self.section(.LSTM), size: Size(width: 40, height: 12), keys: [.char("g"), .left, .left]))
        #expect(compact.text.contains("‖∂L/∂h_4‖ = ") && compact.text.contains("┌─ now"))
        Snapshot.assertMatches(compact, named: "grad-lstm-back2-40x12")
        let stacked = Renderer.render(Self.state(Self.section(.RNN, layers: 2), size: Size(width: 80, height: 24), keys: [.char("g"), .home]))
        Snapshot.assertMatches(stacked, named: "grad-rnn2-all-80x24")
    }

    /// Every norm under the columns is the trace's ‖∂L/∂h_t‖ as `%.2e`; the boxes hold its entries as `%+.1e`.
    @Test func numbersAreTheBackwardTracesRounded() throws {
        let state = Self.state(Self.section(.RNN), size: Size(width: 80, height: 24), keys: [.char("g"), .home])
        guard case .visualize(let vis) = state.screen, let g = vis.gradient, let trace = g.trace else { Issue.record("no gradient view"); return }
        let text = Renderer.render(state).text
        let normsRow = try #require(text.split(separator: "\n").first { $0.hasPrefix("‖∂L/∂h‖") })
        let shown = normsRow.split(separator: " ").dropFirst().map(String.init)
        let visible = VisualizerState.columnsThatFit(width: 80)
        let first = vis.scroll
        #expect(shown == (first..<(first + visible)).map { String(format: "%.2e", trace.step(layer: 0, direction: 0, t: $0).norm(batch: 0)) })
        for t in first..<(first + visible) {
            for v in trace.step(layer: 0, direction: 0, t: t).dh(batch: 0) { #expect(text.contains(String(format: "%+.1e", Double(v)))) }
        }
        #expect(text.contains("‖∂L/∂h_0‖ = " + String(format: "%.2e", trace.initial(layer: 0, direction: 0).norm(batch: 0))))
    }

    @Test func gGoesBackToTheForwardAndHelpSaysTheKeys() {
        var state = Self.state(Self.section(.RNN), size: Size(width: 100, height: 30), keys: [.char("g"), .left])
        #expect(Renderer.render(state).text.contains("BPTT 1/6"))
        _ = state.update(.key(.char("?")))
        let help = Renderer.render(state).text
        #expect(help.contains("Gradients through time (BPTT)") && help.contains("one more step of backpropagation through time"))
        _ = state.update(.key(.escape))
        _ = state.update(.key(.char("g")))
        let forward = Renderer.render(state).text
        #expect(forward.contains("step 0/5") && forward.contains("g gradients"))
    }

    @Test func asciiKeepsTheBarsAndSymbolsReadable() {
        var state = Self.state(Self.section(.LSTM), size: Size(width: 80, height: 24), keys: [.char("g"), .home])
        state.settings = Settings(ascii: true)
        let text = Renderer.render(state).text
        #expect(text.allSatisfy { $0.isASCII })
        #expect(text.split(separator: "\n").dropLast(2).allSatisfy { !$0.contains("?") }, "a symbol without an ASCII stand-in")
        #expect(text.contains("|dL/dh|") && text.contains("#"))
    }

    /// Screen-reader mode: sentences instead of boxes, and each step back said in the status row.
    @Test func aScreenReaderHearsEachStepBack() throws {
        var state = State(lessons: [], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: Self.section(.RNN)), seed: 0))]
        _ = state.update(.key(.char("g")))
        _ = state.update(.key(.left))
        guard case .visualize(let vis) = state.screen, let g = vis.gradient, let trace = g.trace else { Issue.record("no gradient view"); return }
        let norm = String(format: "%.2e", trace.step(layer: 0, direction: 0, t: 4).norm(batch: 0))
        let text = Renderer.render(state).text
        #expect(text.contains("Layer 0: norm of dL/dh_5 is \(norm)."))
        #expect(!text.contains("┌"))
        #expect(state.announcement == "Step 1 of 6 back: layer 0, norm of dL/dh_5 is \(norm).")
    }
}
