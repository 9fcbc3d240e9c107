import Foundation
import Testing
import RNNEngine
import TutorCore
@testable import TutorRender

/// A padded batch with `lengths:`: the steps past the shown sequence's length are marked "pad" and keep the
/// h a packed run keeps, the engine's h for that sequence run alone for its own length.
@Suite struct VisualizerLengthsSnapshotTests {
    /// Lesson 8's batch: 4 steps × 2 × 2 features; element 0 is real for 2 steps, element 1 for 4.
    static let input: [Double] = [0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0.5]
    static let section = VisualizeSection(minutes: 1, module: .RNN, inputSize: 2, hiddenSize: 3, weights: .seed(0),
                                          inputShape: [4, 2, 2], input: input, lengths: [2, 4])

    static func state(keys: [Key], size: Size = Size(width: 80, height: 24)) -> State {
        var state = State(lessons: [], size: size)
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: section), seed: 0))]
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    static func numbers(_ h: [Float]) -> [String] { h.map { String(format: "%+.4f", Double($0)) } }

    /// Element 0 on its own, 2 steps, unbatched: the visualizer's own engine run without any padding.
    static var alone: [[Float]] {
        let x = Tensor(shape: [2, 2], storage: [0, 1, 1, 1])
        let vis = VisualizerState(config: VisualizerConfig(module: .RNN, inputSize: 2, hiddenSize: 3, input: x), seed: 0)
        return (0..<2).map { vis.trace!.step(layer: 0, direction: 0, t: $0).h(batch: 0) }
    }

    @Test func aPaddedStepKeepsTheStateOfTheLastRealStep() throws {
        let state = Self.state(keys: [.right, .right, .right])
        guard case .visualize(let vis) = state.screen, let trace = vis.trace else { Issue.record("no visualizer"); return }
        let text = Renderer.render(state).text
        let kept = Self.numbers(Self.alone[1])
        let unpacked = Self.numbers(trace.step(layer: 0, direction: 0, t: 2).h(batch: 0))
        #expect(kept != unpacked)   // zeros in still move h: the point of the lesson
        #expect(text.contains("length 2"))
        #expect(text.contains("─ now pad"))
        #expect(text.contains("t=2 is padding (length 2). Packed, h stays as at t=1: \(kept.joined(separator: " "))\n"))
        #expect(text.contains("Unpacked, zeros go in and h moves to: \(unpacked.joined(separator: " "))\n"))
        // The padded box shows the kept h, and the real steps the padded run's own values.
        for v in kept { #expect(text.components(separatedBy: v).count - 1 >= 2) }
        for v in Self.numbers(trace.step(layer: 0, direction: 0, t: 0).h(batch: 0)) { #expect(text.contains(v)) }
        Snapshot.assertMatches(Renderer.render(state), named: "vis-lengths-pad-80x24")
    }

    /// Screen-reader mode says a padded step in words, with the kept h as a listener's numbers.
    @Test func aReaderHearsThatAStepIsPaddingAndTheHItKeeps() {
        var state = State(lessons: [], size: Size(width: 80, height: 24), settings: Settings(screenReader: true))
        state.route = [.visualize(VisualizerState(config: VisualizerConfig(section: Self.section), seed: 0))]
        for key in [Key.right, .right, .right] { _ = state.update(.key(key)) }
        let kept = Spoken.list(Self.alone[1])
        let buffer = Renderer.render(state)
        #expect(buffer.lines.last == Chrome.cutAtWord("Step 3 of 4, layer 0 forward, t equals 2, padding: packed, h stays at \(kept).", to: 79))
        #expect(buffer.text.contains("batch element 1 of 2, its length 2."))
        #expect(buffer.text.contains("This step is padding: the sequence is 2 steps long. Packed, h stays as at t\n equals 1: \(kept). Unpacked, zeros go in"))
        #expect(!buffer.hasLineDrawing)
        // A real step reads as before.
        _ = state.update(.key(.left))
        #expect(state.announcement?.contains("padding") == false)
    }

    @Test func theLongerSequenceHasNoPadding() {
        let text = Renderer.render(Self.state(keys: [.end, .char("b")])).text
        #expect(text.contains("batch 2/2 · length 4"))
        #expect(!text.contains("pad"))
    }

    @Test func atTheEndEveryPaddedBoxIsMarked() {
        let buffer = Renderer.render(Self.state(keys: [.end]))
        #expect(buffer.text.components(separatedBy: "─ pad ").count - 1 == 1)
        #expect(buffer.text.contains("─ now pad"))
        Snapshot.assertMatches(buffer, named: "vis-lengths-end-80x24")
        let compact = Renderer.render(Self.state(keys: [.end], size: Size(width: 40, height: 12)))
        #expect(compact.text.contains("─ now pad┐"))
    }
}
