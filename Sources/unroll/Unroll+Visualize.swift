import ArgumentParser
import Foundation
import RNNEngine
import Terminal
import TutorCore
import TutorRuntime

extension Unroll {
    /// `unroll visualize`: the unrolled RNN on its own, from flags, a state_dict file and an input file.
    struct Visualize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "visualize",
            abstract: "Watch an RNN, LSTM or GRU unroll over time, step by step, from the engine's values.",
            discussion: """
                --weights takes a state_dict as JSON (name → nested list), or a whole `unroll engine` case \
                (its "state_dict", and its "module"/"config" when the flags do not say). --input takes a nested \
                list of shape [seq_len, input_size] or [seq_len, batch, input_size], or an engine case (its "input"). \
                Without --input the input is drawn from the seed.
                """
        )

        @OptionGroup var common: CommonOptions

        @ArgumentParser.Option(help: "RNN, LSTM or GRU (default RNN, or the weights file's module).")
        var module: String?
        @ArgumentParser.Option(help: "Features per time step (default 2, or from the weights).")
        var inputSize: Int?
        @ArgumentParser.Option(help: "Hidden units (default 3, or from the weights).")
        var hiddenSize: Int?
        @ArgumentParser.Option(help: "Stacked layers (default 1, or from the weights).")
        var numLayers: Int?
        @Flag(help: "Run the sequence both ways.")
        var bidirectional = false
        @ArgumentParser.Option(help: "tanh or relu (RNN only).")
        var nonlinearity: String = "tanh"
        @ArgumentParser.Option(help: "Time steps of the drawn input (default 5; ignored with --input).")
        var seqLen: Int = 5
        @ArgumentParser.Option(help: "Seed of the weights (and of the input without --input).")
        var seed: Int = 0
        @ArgumentParser.Option(help: "A state_dict JSON file (as `unroll engine` reads), e.g. exported from PyTorch.")
        var weights: String?
        @ArgumentParser.Option(help: "An input JSON file: a nested list, or an engine case with \"input\".")
        var input: String?
        @Flag(help: "Open the gradient view (g): dL/dh_t at every step, backward through time.")
        var grad = false
        @ArgumentParser.Option(help: "The gradient view's loss: last_sum (default), last_unit:N or all_sum.")
        var loss: String = "last_sum"

        func run() throws {
            let made = Result { () throws(CaseError) -> VisualizerConfig in try makeConfig() }
            guard case .success(let config) = made else {
                if case .failure(let e) = made { FileHandle.standardError.write(Data("unroll visualize: \(e.message)\n".utf8)) }
                throw ExitCode(2)
            }
            var state0 = VisualizerState(config: config, seed: UInt64(seed))
            if let error = state0.error {
                FileHandle.standardError.write(Data("unroll visualize: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if grad {
                // No timer runs yet, so opening the view starts nothing to stop.
                let stopped = state0.showGradient(width: 80)
                precondition(stopped.isEmpty, "a fresh visualizer does not play")
                if let error = state0.gradient?.error {
                    FileHandle.standardError.write(Data("unroll visualize: \(error)\n".utf8))
                    throw ExitCode(2)
                }
            }
            let (terminal, settings) = try common.startTerminal()
            var state = State(lessons: [], size: terminal.size, settings: settings)
            state.route = [.visualize(state0)]
            var runtime = Runtime(state: state, terminal: terminal, store: nil)
            let status = runtime.run()
            terminal.stop()
            if status != 0 { throw ExitCode(status) }
        }

        static func readJSON(_ path: String, flag: String) throws(CaseError) -> JSONValue {
            guard let data = FileManager.default.contents(atPath: path) else { throw CaseError("\(flag): cannot read \(path)") }
            do { return try JSONValue.parse(data) } catch { throw CaseError("\(flag) \(path): \(error)") }
        }

        func makeConfig() throws(CaseError) -> VisualizerConfig {
            guard seed >= 0 else { throw CaseError("--seed must be 0 or more") }
            var fileModule: String?
            var stateDict: [String: Tensor]?
            if let weights {
                let json = try Self.readJSON(weights, flag: "--weights")
                if let sd = json["state_dict"] {
                    stateDict = try EngineCase.stateDict(from: sd)
                    if case .string(let m)? = json["module"] { fileModule = m }
                } else {
                    stateDict = try EngineCase.stateDict(from: json)
                }
            }
            let moduleName = module ?? fileModule ?? "RNN"
            guard let mod = VisualizeSection.Module(rawValue: moduleName.uppercased() == "LSTM" ? "LSTM" : moduleName.uppercased() == "GRU" ? "GRU" : moduleName.uppercased() == "RNN" ? "RNN" : moduleName) else {
                throw CaseError("--module: expected RNN, LSTM or GRU, got '\(moduleName)'")
            }
            guard let nl = VisualizeSection.Nonlinearity(rawValue: nonlinearity) else {
                throw CaseError("--nonlinearity: expected tanh or relu, got '\(nonlinearity)'")
            }
            // Shapes from the weights when the flags leave them out.
            let gates = mod == .LSTM ? 4 : mod == .GRU ? 3 : 1
            var inferredInput: Int?, inferredHidden: Int?, inferredLayers: Int?, inferredBidirectional = false
            if let sd = stateDict {
                if let w = sd["weight_ih_l0"], w.shape.count == 2 { inferredInput = w.shape[1]; inferredHidden = w.shape[0] / gates }
                inferredLayers = (0..<100).prefix { sd["weight_ih_l\($0)"] != nil }.count
                inferredBidirectional = sd["weight_ih_l0_reverse"] != nil
            }
            var inputTensor: Tensor?
            if let input {
                let json = try Self.readJSON(input, flag: "--input")
                inputTensor = try EngineCase.tensor(from: json["input"] ?? json, key: "input")
            }
            let I = inputSize ?? inferredInput ?? inputTensor?.shape.last ?? 2
            let H = hiddenSize ?? inferredHidden ?? 3
            let layers = numLayers ?? inferredLayers ?? 1
            guard I > 0, H > 0, layers > 0 else { throw CaseError("--input-size, --hidden-size and --num-layers must be 1 or more") }
            guard seqLen > 0 else { throw CaseError("--seq-len must be 1 or more") }
            guard let lossKind = VisualizeLoss(loss) else {
                throw CaseError("--loss: expected \(VisualizeLoss.spellings), got '\(loss)'")
            }
            if let n = lossKind.unitOutOfRange(features: H * (bidirectional || inferredBidirectional ? 2 : 1)) {
                throw CaseError("--loss last_unit:\(n): the output has \(H * (bidirectional || inferredBidirectional ? 2 : 1)) features (0 to \(H * (bidirectional || inferredBidirectional ? 2 : 1) - 1))")
            }
            let x = inputTensor ?? VisualizerConfig.randomInput(seqLen: seqLen, inputSize: I, seed: UInt64(seed))
            guard x.shape.count == 2 || x.shape.count == 3, x.shape.last == I, x.shape[0] > 0 else {
                throw CaseError("--input: expected shape [seq_len, \(I)] or [seq_len, batch, \(I)], got \(x.shape)")
            }
            return VisualizerConfig(module: mod, inputSize: I, hiddenSize: H, numLayers: layers,
                                    bidirectional: bidirectional || inferredBidirectional, nonlinearity: nl,
                                    stateDict: stateDict, input: x, loss: lossKind)
        }

        /// The state_dicts of the lessons' `visualize` sections that name one (path relative to the
        /// lesson file), read here at the edge so `update` never touches a file. Unreadable ones are
        /// left out; the visualizer then says so and falls back to seeded weights.
        static func lessonWeights(_ lessons: [Lesson], files: [String: String]) -> [String: [String: Tensor]] {
            var out: [String: [String: Tensor]] = [:]
            for lesson in lessons {
                for section in lesson.visualizations {
                    guard case .stateDict(let path) = section.weights, let key = section.weightsKey(lessonID: lesson.id),
                          let file = files[lesson.id] else { continue }
                    let url = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path)
                    guard let data = FileManager.default.contents(atPath: url.path),
                          let json = try? JSONValue.parse(data),
                          let sd = try? EngineCase.stateDict(from: json["state_dict"] ?? json) else { continue }
                    out[key] = sd
                }
            }
            return out
        }
    }
}
