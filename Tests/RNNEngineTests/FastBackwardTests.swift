import Foundation
import Testing
@testable import RNNEngine

/// The float32 batched backward against the reference backward (row by row in Double) on random modules with
/// every option, at sizes where the products run through the blocked kernels (more rows than one block).
@Suite struct FastBackwardTests {
    struct Case: Sendable, CustomStringConvertible {
        var module: String
        var kwargs: [(String, ArgValue)]
        var L: Int, N: Int, input: Int, hidden: Int
        var unbatched = false, hx = false
        var grads: [Bool] = [true, true, true]
        var description: String { "\(module) \(kwargs) L=\(L) N=\(N) \(input)->\(hidden) unbatched=\(unbatched) hx=\(hx) grads=\(grads)" }
    }

    static let cases: [Case] = {
        var rng = SplitMix64(seed: 42)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var out: [Case] = []
        for i in 0..<18 {
            let module = ["RNN", "LSTM", "GRU"][i % 3]
            var kw: [(String, ArgValue)] = [("num_layers", .int(1 + pick(3)))]
            if pick(2) == 0 { kw.append(("bidirectional", .bool(true))) }
            if pick(3) == 0 { kw.append(("batch_first", .bool(true))) }
            if pick(4) == 0 { kw.append(("bias", .bool(false))) }
            if module == "RNN" && pick(2) == 0 { kw.append(("nonlinearity", .string("relu"))) }
            let hidden = 3 + pick(40)
            if module == "LSTM" && pick(2) == 0 { kw.append(("proj_size", .int(1 + pick(hidden - 1)))) }
            var c = Case(module: module, kwargs: kw, L: 1 + pick(9), N: 1 + pick(30), input: 1 + pick(40), hidden: hidden)
            c.unbatched = pick(4) == 0
            c.hx = pick(2) == 0
            c.grads = [pick(4) != 0, pick(2) == 0, pick(2) == 0]
            out.append(c)
        }
        return out
    }()

    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var g = SplitMix64(seed: seed)
        return g.uniformTensor(shape, bound: 1)
    }

    @Test(arguments: cases.indices)
    func matchesTheReference(_ i: Int) throws {
        let c = Self.cases[i]
        let base = try RNNBase(module: c.module, args: [.int(c.input), .int(c.hidden)], kwargs: c.kwargs, seed: UInt64(i))
        let cfg = base.config
        let shape = c.unbatched ? [c.L, c.input] : cfg.batchFirst ? [c.N, c.L, c.input] : [c.L, c.N, c.input]
        let x = Self.random(shape, seed: 100 + UInt64(i))
        let ld = cfg.numLayers * cfg.numDirections
        var hx: [Tensor]?
        if c.hx {
            let n = c.unbatched ? [] : [c.N]
            hx = [Self.random([ld] + n + [cfg.outputSize], seed: 200 + UInt64(i))]
            if cfg.mode == .lstm { hx!.append(Self.random([ld] + n + [cfg.hiddenSize], seed: 300 + UInt64(i))) }
        }
        let r = try base.forward(x, hx: hx)
        let gOut = c.grads[0] ? Self.random(r.output.shape, seed: 400 + UInt64(i)) : nil
        let gHN = c.grads[1] ? Self.random(r.hN.shape, seed: 500 + UInt64(i)) : nil
        let gCN = c.grads[2] ? r.cN.map { Self.random($0.shape, seed: 600 + UInt64(i)) } : nil
        let fast = try base.backward(x, hx: hx, gradOutput: gOut, gradHN: gHN, gradCN: gCN)
        let reference = try base.referenceBackward(x, hx: hx, gradOutput: gOut, gradHN: gHN, gradCN: gCN)
        let pairs = [("input", fast.input, reference.input)] + zip(fast.hx, reference.hx).map { ("hx", $0, $1) }
            + zip(base.stateDict().map(\.name), zip(fast.parameters, reference.parameters)).map { ($0, $1.0, $1.1) }
        #expect(fast.hx.count == reference.hx.count && fast.parameters.count == reference.parameters.count)
        for (name, mine, theirs) in pairs {
            #expect(mine.shape == theirs.shape, "\(name): \(c)")
            guard mine.shape == theirs.shape else { continue }
            let worst = zip(mine.storage, theirs.storage).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst <= 1e-5, "\(name): \(worst), \(c)")
        }
    }

    /// Forward, trace and the forward the backward saves are one computation: the same bits.
    @Test func savingForwardIsTheForward() throws {
        for module in ["RNN", "LSTM", "GRU"] {
            let kw: [(String, ArgValue)] = [("num_layers", .int(2)), ("bidirectional", .bool(true))]
                + (module == "LSTM" ? [("proj_size", .int(3))] : [])
            let base = try RNNBase(module: module, args: [.int(5), .int(7)], kwargs: kw, seed: 9)
            let x = Self.random([6, 4, 5], seed: 1)
            let prep = try base.prepare(x, hx: nil)
            let (saved, _) = base.run(prep, save: true)
            #expect(saved == (try base.forward(x)))
            #expect(saved == (try base.trace(x)).result)
        }
    }
}
