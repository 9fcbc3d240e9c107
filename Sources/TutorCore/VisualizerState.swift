import Foundation
import RNNEngine

/// What the visualizer runs: a module's shape, where its weights come from, and the input.
/// Built from a lesson's `visualize` section or from `unroll visualize`'s flags (files already read).
public struct VisualizerConfig: Sendable, Equatable {
    public var module: VisualizeSection.Module
    public var inputSize: Int
    public var hiddenSize: Int
    public var numLayers: Int
    public var bidirectional: Bool
    public var nonlinearity: VisualizeSection.Nonlinearity
    /// Weights loaded from a state_dict; nil: weights drawn from the seed.
    public var stateDict: [String: Tensor]?
    /// Each batch element's real length (a lesson's `lengths:`); nil: no padding. See VisualizerConfig+Lengths.
    public var lengths: [Int]?
    /// [seq_len, input_size] (unbatched) or [seq_len, batch, input_size].
    public var input: Tensor
    /// A caption per time step (may be fewer).
    public var captions: [String]
    /// What the gradient view differentiates.
    public var loss: VisualizeLoss

    public init(module: VisualizeSection.Module, inputSize: Int, hiddenSize: Int, numLayers: Int = 1,
                bidirectional: Bool = false, nonlinearity: VisualizeSection.Nonlinearity = .tanh,
                stateDict: [String: Tensor]? = nil, input: Tensor, captions: [String] = [], loss: VisualizeLoss = .lastSum) {
        self.module = module; self.inputSize = inputSize; self.hiddenSize = hiddenSize; self.numLayers = numLayers
        self.bidirectional = bidirectional; self.nonlinearity = nonlinearity; self.stateDict = stateDict
        self.input = input; self.captions = captions; self.loss = loss
    }

    /// A lesson's section. `stateDict` is the section's weights file, read at the edge (nil for `.seed`).
    public init(section: VisualizeSection, stateDict: [String: Tensor]? = nil) {
        self.init(module: section.module, inputSize: section.inputSize, hiddenSize: section.hiddenSize,
                  numLayers: section.numLayers, bidirectional: section.bidirectional,
                  nonlinearity: section.nonlinearity, stateDict: stateDict,
                  input: Tensor(shape: section.inputShape, storage: section.input.map { Float($0) }),
                  captions: section.captions, loss: section.loss)
        lengths = section.lengths
    }

    /// A deterministic input uniform in (−1, 1) of shape [seqLen, inputSize], for `unroll visualize`
    /// without `--input`.
    public static func randomInput(seqLen: Int, inputSize: Int, seed: UInt64) -> Tensor {
        var rng = SplitMix64(seed: seed ^ 0x5EED_1A90)
        return rng.uniformTensor([seqLen, inputSize], bound: 1)
    }

    /// The module's constructor keywords, as `unroll engine` takes them.
    var kwargs: [(String, ArgValue)] {
        var kw: [(String, ArgValue)] = [
            ("input_size", .int(inputSize)), ("hidden_size", .int(hiddenSize)),
            ("num_layers", .int(numLayers)), ("bidirectional", .bool(bidirectional)),
        ]
        if module == .RNN { kw.append(("nonlinearity", .string(nonlinearity.rawValue))) }
        return kw
    }

    /// Runs the engine: every step recorded. Pure and deterministic.
    public func trace(seed: UInt64) -> Result<RNNTrace, VisualizerError> {
        module(seed: seed).flatMap { base in
            do throws(TorchError) { return .success(try base.trace(input)) } catch {
                return .failure(VisualizerError(message: "\(error.type): \(error.message)"))
            }
        }
    }

    /// The module with its weights (the state_dict, else drawn from `seed`).
    func module(seed: UInt64) -> Result<RNNBase, VisualizerError> {
        var base: RNNBase
        do { base = try RNNBase(module: module.rawValue, args: [], kwargs: kwargs, seed: seed) } catch {
            return .failure(VisualizerError(message: "\(error.type): \(error.message)"))
        }
        if let stateDict {
            do { try base.loadStateDict(stateDict) } catch { return .failure(VisualizerError(message: "state_dict: \(error)")) }
        }
        // The run over this input, with what the gradient view saves, within the engine's budget:
        // `unroll visualize --seq-len 100000 --num-layers 8 --hidden-size 256` computed for minutes and
        // gigabytes before its first frame (Ctrl-C not yet the tutor's), where MiniPy and
        // `unroll engine` refuse such a run at once.
        let seqLen = input.shape.first ?? 0
        let batch = input.shape.count == 3 ? input.shape[1] : 1
        do { try base.config.checkBudget(seqLen: seqLen, batch: batch, backward: true) } catch {
            return .failure(VisualizerError(message: "RuntimeError: \(error.description) (run over \(seqLen) steps, batch \(batch))"))
        }
        return .success(base)
    }
}

public struct VisualizerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The unrolled RNN on screen: the engine's trace and how much of it the learner has revealed.
///
/// Steps are revealed in the engine's computation order (layer, then direction, then time), the
/// order PyTorch computes them; `revealed` counts them (0: only h_0 is known).
public struct VisualizerState: Sendable, Equatable {
    /// The engine's types, named here so the views need not import the engine.
    public typealias Trace = RNNTrace
    public typealias Step = TraceStep

    public var config: VisualizerConfig
    /// The seed of the weights when they are not from a state_dict (`r` adds one).
    public var seed: UInt64
    /// The engine's trace, or why it could not run.
    public private(set) var trace: RNNTrace?
    public private(set) var error: String?
    /// How many steps of `trace.steps` are shown.
    public var revealed = 0
    /// The layer in focus (↑ ↓); follows the step being revealed.
    public var focusLayer = 0
    /// The batch element shown (`b`).
    public var batchElement = 0
    /// Space: revealing a step per tick.
    public var playing = false
    /// The first time step drawn (long sequences scroll sideways).
    public var scroll = 0
    /// The lesson this came from, if any.
    public var lessonIndex: Int?
    /// A sentence about where the weights came from when it is not what was asked for.
    public var notice: String?
    /// The gradient view (`g`), nil while the forward is shown.
    public var gradient: VisualizerGradient?
    /// Which of the lesson's visualize items this is (from 0) and how many it has (`n`, `p`).
    public var item = 0
    public var itemCount = 1

    public init(config: VisualizerConfig, seed: UInt64 = 0, lessonIndex: Int? = nil) {
        self.config = config
        self.seed = seed
        self.lessonIndex = lessonIndex
        recompute()
    }

    /// Runs the engine again (after a new seed).
    mutating func recompute() {
        switch config.trace(seed: seed) {
        case .success(let t):
            trace = t
            error = nil
        case .failure(let e):
            trace = nil
            error = e.message
        }
        revealed = min(revealed, stepCount)
        batchElement = min(batchElement, max(0, batchCount - 1))
        if let g = gradient {
            var fresh = VisualizerGradient(config: config, seed: seed)
            fresh.revealed = min(g.revealed, fresh.stepCount)
            gradient = fresh
        }
    }

    public var stepCount: Int { trace?.steps.count ?? 0 }
    public var seqLen: Int { trace?.seqLen ?? 0 }
    public var batchCount: Int { trace?.batch ?? 1 }
    public var isAtEnd: Bool { revealed >= stepCount }

    /// The step revealed last: the one the equation panel explains.
    public var current: TraceStep? {
        guard let trace, revealed > 0 else { return nil }
        return trace.steps[revealed - 1]
    }

    /// Whether the step of (layer, direction, t) has been revealed.
    public func isRevealed(layer: Int, direction: Int, t: Int) -> Bool {
        guard let trace else { return false }
        let k = direction == 0 ? t : trace.seqLen - 1 - t
        return (layer * trace.numDirections + direction) * trace.seqLen + k < revealed
    }

    /// The step of (layer, direction, t) if revealed.
    public func step(layer: Int, direction: Int, t: Int) -> TraceStep? {
        guard let trace, isRevealed(layer: layer, direction: direction, t: t) else { return nil }
        return trace.step(layer: layer, direction: direction, t: t)
    }

    /// The caption of the current step's time index, if the lesson has one. Captions belong to time steps
    /// (the format's "a caption per time step"), so the column's caption shows at that t in every layer and
    /// direction, not only while layer 0 runs forward (where a caption about layer 1 or the reverse
    /// direction described cells not yet on screen).
    public var caption: String? {
        guard let s = current, config.captions.indices.contains(s.t) else { return nil }
        return config.captions[s.t]
    }

    public static func == (a: VisualizerState, b: VisualizerState) -> Bool {
        a.config == b.config && a.seed == b.seed && a.error == b.error && a.revealed == b.revealed
            && a.focusLayer == b.focusLayer && a.batchElement == b.batchElement && a.playing == b.playing
            && a.scroll == b.scroll && a.lessonIndex == b.lessonIndex && a.notice == b.notice
            && a.trace?.steps == b.trace?.steps && a.trace?.result == b.trace?.result
            && a.gradient == b.gradient && a.item == b.item && a.itemCount == b.itemCount
    }
}

extension VisualizerState: ScreenModel {
    public var screen: Screen { .visualize(self) }
    public var position: ScreenPosition? { lessonIndex.map { ScreenPosition(.visualize, $0, item) } }
    public var helpTitle: String { gradient == nil ? "The RNN unrolled over time" : "Gradients through time (BPTT)" }
    public var help: [HelpEntry] { gradient == nil ? Screen.visualizeHelp : Screen.gradientHelp }
    /// `g` is the gradient view here, also in preview (whose `g` jumps to a task elsewhere).
    public var takesG: Bool { true }

    public mutating func update(_ msg: ScreenMsg, _ context: ScreenContext) -> [Command] {
        let width = context.size.width
        if gradient != nil, let commands = updateGradient(msg, context) { return commands }
        switch msg {
        case .key(let key):
            return update(key: key, context)
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelDown:
                reveal(revealed + 1, width: width)
                return stopIfPlaying()
            case .wheelUp:
                reveal(revealed - 1, width: width)
                return stopIfPlaying()
            case .press, .release, .move:
                return []
            }
        case .tick:
            // A clock tick while playing: the next step; at the end the clock stops.
            guard playing else { return [.stopTimer] }
            reveal(revealed + 1, width: width)
            if isAtEnd {
                playing = false
                return [.stopTimer]
            }
            return []
        case .resize:
            // The columns depend on the width: keep the current step in view.
            keepInView(width: width)
            return []
        case .snippetRan:
            return []
        }
    }

    private mutating func update(key: Key, _ context: ScreenContext) -> [Command] {
        let width = context.size.width
        switch key {
        case .right, .char("l"):
            reveal(revealed + 1, width: width)
            return stopIfPlaying()
        case .left, .char("h"):
            reveal(revealed - 1, width: width)
            return stopIfPlaying()
        case .home:
            reveal(0, width: width)
            return stopIfPlaying()
        case .end:
            reveal(stepCount, width: width)
            return stopIfPlaying()
        case .char(" "):
            if playing {
                playing = false
                return [.stopTimer]
            }
            guard stepCount > 0 else { return [] }
            if isAtEnd { reveal(0, width: width) }
            playing = true
            return [.startTimer(interval: VisualizerState.playInterval)]
        case .up, .char("k"):
            focusLayer = min((trace?.numLayers ?? 1) - 1, focusLayer + 1)
        case .down, .char("j"):
            focusLayer = max(0, focusLayer - 1)
        case .char("b"):
            // With one element there is nothing to switch to: said, not silently ignored.
            guard batchCount > 1 else { return [.note("This input has one batch element; b switches between several.")] }
            batchElement = (batchElement + 1) % batchCount
        case .char("r"):
            seed &+= 1
            config.stateDict = nil
            recompute()
            keepInView(width: width)
        case .char("g"):
            return showGradient(width: width)
        case .char("n"):
            return openItem(item + 1, context)
        case .char("p"):
            return openItem(item - 1, context)
        case .char("q"), .escape:
            return stopIfPlaying() + [.pop]
        case .char, .ctrl, .pageUp, .pageDown, .enter, .tab, .backTab, .backspace, .delete:
            break
        }
        return []
    }

    mutating func stopIfPlaying() -> [Command] {
        guard playing else { return [] }
        playing = false
        return [.stopTimer]
    }
}
