import Foundation
import Testing
@testable import RNNEngine

/// The trace is the forward, step by step: same numbers, and every recorded quantity is what the equations say.
@Suite struct TraceTests {
    static let configs: [(String, [(String, ArgValue)])] = [
        ("RNN", [("num_layers", .int(2)), ("bidirectional", .bool(true))]),
        ("RNN", [("nonlinearity", .string("relu")), ("batch_first", .bool(true))]),
        ("LSTM", [("num_layers", .int(3)), ("bidirectional", .bool(true)), ("proj_size", .int(2))]),
        ("LSTM", [("bias", .bool(false))]),
        // One direction, stacked: the forward writes each h_t into the layer's output and reads it back from there.
        ("LSTM", [("num_layers", .int(3))]),
        ("RNN", [("num_layers", .int(2))]),
        ("GRU", [("num_layers", .int(2)), ("bidirectional", .bool(true)), ("batch_first", .bool(true))]),
    ]

    static func input(_ shape: [Int], seed: UInt64) -> Tensor {
        var g = SplitMix64(seed: seed)
        return g.uniformTensor(shape, bound: 2)
    }

    @Test(arguments: configs.indices)
    func traceEqualsForwardStepByStep(_ i: Int) throws {
        let (module, kw) = Self.configs[i]
        let base = try RNNBase(module: module, args: [.int(3), .int(4)], kwargs: kw, seed: UInt64(i))
        let cfg = base.config
        let (L, N) = (5, 2)
        let x = Self.input(cfg.batchFirst ? [N, L, 3] : [L, N, 3], seed: 7)
        let forward = try base.forward(x)
        let tr = try base.trace(x)
        #expect(tr.result == forward)
        #expect(tr.numLayers == cfg.numLayers && tr.numDirections == cfg.numDirections)
        #expect(tr.seqLen == L && tr.batch == N)
        #expect(tr.steps.count == cfg.numLayers * cfg.numDirections * L)
        let R = cfg.outputSize, D = cfg.numDirections
        let out = cfg.batchFirst ? forward.output.transposed01() : forward.output   // (L, N, D·R)
        for d in 0..<D {
            for t in 0..<L {
                let s = tr.step(layer: cfg.numLayers - 1, direction: d, t: t)
                #expect(s.t == t && s.direction == d)
                for b in 0..<N {
                    let o = (t * N + b) * D * R + d * R
                    #expect(s.h(batch: b) == Array(out.storage[o..<(o + R)]), "h_t is output[t] (d=\(d), t=\(t))")
                }
            }
        }
        for layer in 0..<cfg.numLayers {
            for d in 0..<D {
                let order = d == 0 ? Array(0..<L) : Array((0..<L).reversed())
                for (a, b) in zip(order, order.dropFirst()) {
                    #expect(tr.step(layer: layer, direction: d, t: b).hPrev == tr.step(layer: layer, direction: d, t: a).h)
                }
                let last = tr.step(layer: layer, direction: d, t: order.last!)
                let index = layer * D + d
                #expect(Array(forward.hN.storage[(index * N * R)..<((index + 1) * N * R)]) == last.h.storage, "h_n[layer·D + d]")
                #expect(tr.step(layer: layer, direction: d, t: order[0]).hPrev == Tensor.zeros([N, R]))
                if layer > 0 {
                    // x_t of layer k is cat(forward, reverse) h_t of layer k − 1.
                    let below = (0..<D).map { tr.step(layer: layer - 1, direction: $0, t: 2) }
                    #expect(tr.step(layer: layer, direction: d, t: 2).x(batch: 1) == below.flatMap { $0.h(batch: 1) })
                }
            }
        }
    }

    @Test func lstmGatesFollowTheEquations() throws {
        let lstm = try LSTM(inputSize: 3, hiddenSize: 4, seed: 3)
        let tr = try lstm.trace(Self.input([4, 2, 3], seed: 1))
        #expect(tr.gateNames == ["i", "f", "g", "o"])
        for s in tr.steps {
            for b in 0..<2 {
                let i = s.gate("i", batch: b)!, f = s.gate("f", batch: b)!, g = s.gate("g", batch: b)!, o = s.gate("o", batch: b)!
                let c = s.c(batch: b)!, cPrev = s.cPrev(batch: b)!
                let pf = s.preActivation("f", batch: b)!
                for j in 0..<4 {
                    #expect(c[j] == f[j] * cPrev[j] + i[j] * g[j])
                    #expect(s.h(batch: b)[j] == o[j] * Kernels.tanh(c[j]))
                    #expect(f[j] == Kernels.sigmoid(pf[j]))
                }
            }
        }
        #expect(tr.steps[0].gate("r", batch: 0) == nil)
    }

    @Test func gruGatesFollowTheEquations() throws {
        let gru = try GRU(inputSize: 3, hiddenSize: 4, seed: 5)
        let tr = try gru.trace(Self.input([3, 3], seed: 2))     // unbatched: batch 1
        #expect(tr.batch == 1 && tr.gateNames == ["r", "z", "n"])
        for s in tr.steps {
            let z = s.gate("z", batch: 0)!, n = s.gate("n", batch: 0)!, h = s.hPrev(batch: 0)
            for j in 0..<4 { #expect(s.h(batch: 0)[j] == (h[j] - n[j]) * z[j] + n[j]) }
            #expect(s.c == nil && s.cPrev == nil)
        }
    }

    @Test func stepperAdvancesOneStepAtATime() throws {
        let rnn = try RNN(inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true)
        let x = Self.input([4, 1, 2], seed: 9)
        var s = try rnn.stepper(x)
        var seen: [(Int, Int, Int)] = []
        while let step = s.next() { seen.append((step.layer, step.direction, step.t)) }
        #expect(seen.count == 16)
        #expect(seen.prefix(5).map { [$0.0, $0.1, $0.2] } == [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 0, 3], [0, 1, 3]])
        #expect(s.next() == nil)
        let (output, hN) = try rnn.forward(x)
        #expect(s.result.output == output && s.result.hN == hN)
    }

    @Test func cellMatchesOneModuleStep() throws {
        // RNNCell with the weights of RNN layer 0 gives the module's first step, bit for bit.
        let rnn = try RNN(inputSize: 3, hiddenSize: 4, seed: 11)
        var cell = RNNCell(inputSize: 3, hiddenSize: 4)
        try cell.base.loadStateDict(Dictionary(uniqueKeysWithValues: rnn.base.stateDict().map {
            (String($0.name.dropLast(3)), $0.tensor)
        }))
        let x = Self.input([1, 2, 3], seed: 4)
        let h = try cell.forward(x.reshaped([2, 3]))
        #expect(h.storage == (try rnn.forward(x)).output.storage)
    }
}
