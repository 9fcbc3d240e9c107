import Foundation
import Testing
@testable import RNNEngine

/// The backward trace (dL/dh_t and dL/dc_t at every step) against torch 2.15's float64 autograd, run one step at a
/// time with retain_grad() (Scripts/grad_trace_fixtures.py), through `unroll engine --trace`'s code; and against the
/// engine's own backward, bit for bit.
@Suite struct GradientTraceTests {
    static let file = FixtureFile("torch_step_gradients.json")
    static let cases = file.list("cases")

    @Test func fixturesCoverEveryModuleAndOption() {
        let configs = Self.cases.map { ($0["module"]?.serialized ?? "") + ($0["config"]?.serialized ?? "") }
        for needle in ["\"RNN\"", "\"LSTM\"", "\"GRU\"", "relu", "bidirectional", "proj_size", "batch_first", "\"bias\":false"] {
            #expect(configs.contains { $0.replacingOccurrences(of: " ", with: "").contains(needle) }, "no case with \(needle)")
        }
        #expect(Self.cases.contains { $0["hx"] != nil } && Self.cases.contains { $0["grad_c_n"] != nil })
        #expect(Self.cases.contains { Fixtures.tensor($0["input"]).dim == 2 })
    }

    @Test("every step's dL/dh_t and dL/dc_t match torch", arguments: cases.indices)
    func stepsMatchTorch(_ i: Int) throws {
        let c = Self.cases[i]
        let outcome = EngineCase.run(Fixtures.caseData(c), trace: true)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let got = try JSONValue.parse(Data(try #require(outcome.stdout).utf8))
        guard case .array(let steps)? = got["trace"]?["steps"], case .array(let expected)? = c["expect"]?["steps"] else {
            Issue.record("no trace steps"); return
        }
        #expect(steps.count == expected.count)
        func key(_ s: JSONValue) -> String { ["layer", "direction", "t"].map { s[$0]?.serialized ?? "?" }.joined(separator: ",") }
        let byKey = Dictionary(uniqueKeysWithValues: steps.map { (key($0), $0) })
        for e in expected {
            let s = try #require(byKey[key(e)], "no step \(key(e))")
            for name in ["grad_h", "grad_c"] {
                guard let want = e[name] else { #expect(s[name] == nil, "\(name) not expected at \(key(e))"); continue }
                let a = Fixtures.tensor(s[name]), b = Fixtures.tensor(want)
                #expect(Fixtures.close(a, b, tol: 1e-5), "\(Fixtures.label(c)) step \(key(e)) \(name): \(a.storage) vs \(b.storage)")
            }
        }
        guard case .array(let hx)? = got["grad_hx"], case .array(let hxWant)? = c["expect"]?["grad_hx"] else { Issue.record("grad_hx"); return }
        for (a, b) in zip(hx, hxWant) { #expect(Fixtures.close(Fixtures.tensor(a), Fixtures.tensor(b))) }
    }

    /// A module and case from a fixture, as the engine builds them.
    static func module(_ c: JSONValue) throws -> (RNNBase, EngineCase) {
        let ec = try EngineCase.decode(Fixtures.caseData(c))
        guard case .success(let base) = ec.makeModule(trace: true) else { throw CaseError("module") }
        return (base, ec)
    }

    @Test("the trace is the backward's own numbers", arguments: cases.indices)
    func sameAsTheBackward(_ i: Int) throws {
        let (base, ec) = try Self.module(Self.cases[i])
        let g = try base.gradientTrace(ec.input, hx: ec.hx, gradOutput: ec.gradOutput, gradHN: ec.gradHN, gradCN: ec.gradCN)
        let (out, grads) = try base.forwardBackward(ec.input, hx: ec.hx, gradOutput: ec.gradOutput, gradHN: ec.gradHN, gradCN: ec.gradCN)
        #expect(g.gradients.input == grads.input && g.gradients.hx == grads.hx && g.gradients.parameters == grads.parameters)
        #expect(g.forward.result == out, "the forward trace is the forward the backward ran on")
        let cfg = base.config, ld = cfg.numLayers * cfg.numDirections
        #expect(g.steps.count == ld * (g.seqLen + 1))
        // dL/dh_0 where each direction's backward ends is grad_hx, bit for bit.
        for layer in 0..<cfg.numLayers {
            for d in 0..<cfg.numDirections {
                let index = layer * cfg.numDirections + d
                let first = g.initial(layer: layer, direction: d)
                #expect(first.isInitial && first.t == (d == 0 ? -1 : g.seqLen))
                let size = cfg.outputSize * g.batch
                #expect(first.dh.storage == Array(grads.hx[0].storage[(index * size)..<((index + 1) * size)]))
                if cfg.mode == .lstm {
                    let cs = cfg.hiddenSize * g.batch
                    #expect(first.dc?.storage == Array(grads.hx[1].storage[(index * cs)..<((index + 1) * cs)]))
                }
            }
        }
    }

    /// dL/dh_t is what the loss sends to output[t] plus what the rest of the sequence sends back to h_t: the
    /// engine's own backward of the suffix x[t+1:], started from h_t, gives the second part as its grad_hx. Both
    /// run the same kernels on the same values, so the sum is the recorded value bit for bit.
    @Test(arguments: ["RNN", "GRU", "LSTM"])
    func stepGradientIsTheSuffixsGradHx(_ module: String) throws {
        let config = try RNNConfig.parse(module: module, args: [], kwargs: [("input_size", .int(2)), ("hidden_size", .int(3))]).0
        let base = RNNBase(config: config, seed: 11)
        var rng = SplitMix64(seed: 5)
        let L = 7
        let x = rng.uniformTensor([L, 1, 2], bound: 1), dOut = rng.uniformTensor([L, 1, 3], bound: 1)
        let g = try base.gradientTrace(x, gradOutput: dOut)
        for t in 0..<(L - 1) {
            let s = g.forward.step(layer: 0, direction: 0, t: t)
            let rest = L - 1 - t
            let suffix = Tensor(shape: [rest, 1, 2], storage: Array(x.storage[((t + 1) * 2)...]))
            let dSuffix = Tensor(shape: [rest, 1, 3], storage: Array(dOut.storage[((t + 1) * 3)...]))
            var hx = [Tensor(shape: [1, 1, 3], storage: s.h.storage)]
            if let c = s.c { hx.append(Tensor(shape: [1, 1, 3], storage: c.storage)) }
            let grads = try base.backward(suffix, hx: hx, gradOutput: dSuffix, gradHN: nil, gradCN: nil)
            let expected = zip(grads.hx[0].storage, dOut.storage[(t * 3)..<((t + 1) * 3)]).map { $0 + $1 }
            #expect(g.step(layer: 0, direction: 0, t: t).dh.storage == expected, "\(module) t=\(t)")
        }
        // The last step gets only what the loss sends it.
        #expect(g.step(layer: 0, direction: 0, t: L - 1).dh.storage == Array(dOut.storage[((L - 1) * 3)...]))
    }

    @Test func normsAreEuclideanInDouble() throws {
        let step = GradientStep(layer: 0, direction: 0, t: 0, dh: Tensor(shape: [2, 2], storage: [3, 4, 0, -1e-20]), dc: nil,
                                seqLenBound: 1)
        #expect(step.norm(batch: 0) == 5)
        #expect(step.norm(batch: 1) == Double(Float(1e-20)).magnitude)
        #expect(step.cellNorm(batch: 0) == nil)
    }

    @Test func largestSingularValue() {
        let cases: [([[Double]], Double)] = [
            ([[1, 2], [3, 4]], 5.464985704219043),
            ([[0.5, 0], [0, -2]], 2),
            ([[0, 0], [0, 0]], 0),
            ([[0.6, -0.8], [0.8, 0.6]], 1),
            ([[1, 1, 1]], 3.0.squareRoot()),
            ([[2, 0, 0], [0, 3, 0], [0, 0, 1], [0, 0, 0]], 3),
        ]
        for (m, want) in cases {
            let got = RNNGradientTrace.largestSingularValue(rows: m.count, cols: m[0].count) { m[$0][$1] }
            #expect(abs(got - want) <= 1e-12 * max(1, want), "\(m): \(got)")
        }
    }

    @Test func factorsAreTheSlopesAndTheForgetGate() throws {
        var rng = SplitMix64(seed: 9)
        let x = rng.uniformTensor([4, 2], bound: 1)
        let rnn = RNNBase(config: try RNNConfig.parse(module: "RNN", args: [], kwargs: [("input_size", .int(2)), ("hidden_size", .int(3))]).0, seed: 2)
        let g = try rnn.gradientTrace(x, gradOutput: Tensor(shape: [4, 3], storage: [Float](repeating: 1, count: 12)))
        let f = g.factor(layer: 0, direction: 0, t: 2, batch: 0)
        let h = g.forward.step(layer: 0, direction: 0, t: 2).h(batch: 0)
        #expect(f.path == .recurrent && f.diagonal == h.map { 1 - $0 * $0 })
        // σ_max(diag(s)·W) ≤ max(s)·σ_max(W), and the slopes of a small h are near 1.
        #expect(f.norm <= Double(f.diagonal.max()!) * g.recurrentNorm(layer: 0, direction: 0) + 1e-12)
        #expect(f.norm > 0)
        let lstm = RNNBase(config: try RNNConfig.parse(module: "LSTM", args: [], kwargs: [("input_size", .int(2)), ("hidden_size", .int(3))]).0, seed: 2)
        let gl = try lstm.gradientTrace(x, gradOutput: Tensor(shape: [4, 3], storage: [Float](repeating: 1, count: 12)))
        let fl = gl.factor(layer: 0, direction: 0, t: 1, batch: 0)
        #expect(fl.path == .cell && fl.diagonal == gl.forward.step(layer: 0, direction: 0, t: 1).gate("f", batch: 0))
        #expect(fl.norm == Double(fl.diagonal.max()!))
    }

    @Test func engineTraceWithoutGradientsHasNoGradientFields() throws {
        let data = Data(#"{"module": "RNN", "config": {"input_size": 1, "hidden_size": 2}, "input": [[1.0], [0.5]]}"#.utf8)
        let text = try #require(EngineCase.run(data, trace: true).stdout)
        #expect(!text.contains("grad_h"))
        let back = Data(#"{"module": "RNN", "config": {"input_size": 1, "hidden_size": 2}, "input": [[1.0], [0.5]], "grad_output": [[0, 0], [1, 1]]}"#.utf8)
        let json = try JSONValue.parse(Data(try #require(EngineCase.run(back, trace: true).stdout).utf8))
        guard case .array(let steps)? = json["trace"]?["steps"] else { Issue.record("no steps"); return }
        #expect(steps.count == 2 && steps.allSatisfy { $0["grad_h"] != nil })
        #expect(steps.last?["grad_h"].map(Fixtures.tensor)?.storage == [1, 1])
        #expect(steps.allSatisfy { $0["grad_c"] == nil })
    }
}
