import Foundation
import Testing
@testable import RNNEngine

/// The gradient fixtures (Scripts/grad_fixtures.py): torch 2.15's float64 autograd on tiny modules and cells.
enum GradientFixtures {
    static let file = FixtureFile("torch_gradients.json")
    static var root: JSONValue { file.root }
    static func list(_ key: String) -> [JSONValue] { file.list(key) }

    static let modules = list("modules")
    static let cells = list("cells")

    /// Within 1e-4 absolute plus 1e-4 relative of the float64 reference.
    static func error(_ a: Tensor, _ b: Tensor) -> Float {
        precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape)")
        var worst: Float = 0
        for (x, y) in zip(a.storage, b.storage) { worst = max(worst, abs(x - y) / (1 + abs(y))) }
        return worst
    }
    static let tolerance: Float = 1e-4

    /// The module case as `EngineCase` reads it (gradients and expectations left out).
    static func engineCase(_ c: JSONValue) throws -> EngineCase {
        guard case .object(let kv) = c else { fatalError() }
        let kept = kv.filter { ["module", "config", "state_dict", "input", "hx"].contains($0.0) }
        return try EngineCase.decode(Data(JSONValue.object(kept).serialized.utf8))
    }

    static func optionalTensor(_ v: JSONValue?) -> Tensor? {
        guard let v, v != .null else { return nil }
        return Fixtures.tensor(v)
    }

    /// (name, engine, torch) for every gradient a case expects: input, hx[i], each parameter by name.
    static func pairs(_ g: RNNGradients, expect e: JSONValue, names: [String]) -> [(String, Tensor, Tensor)] {
        var out = [("input", g.input, Fixtures.tensor(e["input"]))]
        guard case .array(let hx)? = e["hx"] else { fatalError() }
        #expect(g.hx.count == hx.count)
        for (i, (mine, theirs)) in zip(g.hx, hx).enumerated() { out.append(("hx[\(i)]", mine, Fixtures.tensor(theirs))) }
        #expect(g.parameters.count == names.count)
        for (name, mine) in zip(names, g.parameters) { out.append((name, mine, Fixtures.tensor(e["parameters"]?[name]))) }
        return out
    }

    static func moduleGradients(_ c: JSONValue) throws -> (RNNGradients, [String]) {
        let ec = try engineCase(c)
        var base = try RNNBase(module: ec.module, args: [], kwargs: ec.kwargs)
        try base.loadStateDict(ec.stateDict!)
        let g = try base.backward(ec.input, hx: ec.hx, gradOutput: optionalTensor(c["grad_output"]),
                                  gradHN: optionalTensor(c["grad_h_n"]), gradCN: optionalTensor(c["grad_c_n"]))
        return (g, base.stateDict().map(\.name))
    }

    static func cellGradients(_ c: JSONValue) throws -> (RNNGradients, [String]) {
        let (cell, hx, input) = makeCell(c)
        guard case .array(let gs)? = c["grads"] else { fatalError() }
        let g = try cell.backward(input, hx: hx, grads: gs.map(optionalTensor))
        return (g, cell.stateDict().map(\.name))
    }
}

/// The engine's backward against torch's autograd, and against its own forward by finite differences.
@Suite struct GradientTests {
    @Test func fixturesCoverEveryOption() {
        #expect(GradientFixtures.modules.count >= 30)
        #expect(GradientFixtures.cells.count >= 6)
        let configs = GradientFixtures.modules.compactMap { $0["config"]?.serialized }
        for option in ["\"num_layers\":2", "\"num_layers\":3", "\"bidirectional\":true", "\"batch_first\":true",
                       "\"relu\"", "\"bias\":false", "\"proj_size\"", "\"dropout\""] {
            #expect(configs.contains { $0.replacingOccurrences(of: " ", with: "").contains(option) }, "no fixture with \(option)")
        }
        func kind(_ c: JSONValue, _ key: String) -> String? { if case .string(let s)? = c[key] { s } else { nil } }
        #expect(Set(GradientFixtures.modules.compactMap { kind($0, "module") }) == ["RNN", "LSTM", "GRU"])
        #expect(Set(GradientFixtures.cells.compactMap { kind($0, "cell") }) == ["RNNCell", "LSTMCell", "GRUCell"])
        // Unbatched input, with and without hx, and proj_size both unbatched and with several layers.
        let unbatched = GradientFixtures.modules.filter { Fixtures.tensor($0["input"]).dim == 2 }
        #expect(unbatched.contains { $0["hx"] != nil } && unbatched.contains { $0["hx"] == nil })
        #expect(unbatched.contains { $0["config"]?["proj_size"] != nil })
        #expect(GradientFixtures.modules.contains { $0["hx"] != nil } && GradientFixtures.modules.contains { $0["hx"] == nil })
        // Upstream gradients: all of them, only output, only h_n, only c_n.
        let given = GradientFixtures.modules.map { c in ["grad_output", "grad_h_n", "grad_c_n"].map { c[$0] != nil } }
        #expect(given.contains([true, false, false]))
        #expect(given.contains([false, true, false]))
        #expect(given.contains([false, false, true]))
        #expect(given.contains([true, true, true]))
        // Cells: batched and unbatched (1-D), relu, bias=False, hx given and not, only h' or only c'.
        let cells = GradientFixtures.cells
        #expect(cells.contains { Fixtures.tensor($0["input"]).dim == 1 } && cells.contains { Fixtures.tensor($0["input"]).dim == 2 })
        #expect(cells.contains { $0["hx"] != nil } && cells.contains { $0["hx"] == nil })
        #expect(cells.contains { $0["config"]!.serialized.contains("relu") })
        #expect(cells.contains { $0["config"]?["bias"] == .bool(false) })
        let lstmGiven = cells.filter { kind($0, "cell") == "LSTMCell" }.map { c -> [Bool] in
            guard case .array(let g)? = c["grads"] else { return [] }
            return g.map { $0 != .null }
        }
        #expect(lstmGiven.contains([true, false]) && lstmGiven.contains([false, true]))
    }

    /// Every gradient of the case has torch's shape and is within the tolerance.
    func expectClose(_ g: RNNGradients, _ c: JSONValue, _ names: [String]) {
        for (name, mine, theirs) in GradientFixtures.pairs(g, expect: c["expect"]!, names: names) {
            #expect(mine.shape == theirs.shape, "\(name) shape, \(Fixtures.label(c))")
            if mine.shape == theirs.shape {
                let e = GradientFixtures.error(mine, theirs)
                #expect(e <= GradientFixtures.tolerance, "\(name): error \(e), \(Fixtures.label(c))")
            }
        }
    }

    @Test("module gradients match torch", arguments: GradientFixtures.modules.indices)
    func module(_ i: Int) throws {
        let c = GradientFixtures.modules[i]
        let (g, names) = try GradientFixtures.moduleGradients(c)
        expectClose(g, c, names)
    }

    @Test("cell gradients match torch", arguments: GradientFixtures.cells.indices)
    func cell(_ i: Int) throws {
        let c = GradientFixtures.cells[i]
        let (g, names) = try GradientFixtures.cellGradients(c)
        expectClose(g, c, names)
    }

    /// The worst error over every fixture, printed so a change in accuracy shows in the log.
    @Test func worstErrorOverAllFixtures() throws {
        var worst: Float = 0, compared = 0, nonzero = 0
        func add(_ pairs: [(String, Tensor, Tensor)]) {
            for (_, mine, theirs) in pairs {
                worst = max(worst, GradientFixtures.error(mine, theirs))
                compared += theirs.count
                nonzero += theirs.storage.filter { abs($0) > 1e-3 }.count
            }
        }
        for c in GradientFixtures.modules {
            let (g, names) = try GradientFixtures.moduleGradients(c)
            add(GradientFixtures.pairs(g, expect: c["expect"]!, names: names))
        }
        for c in GradientFixtures.cells {
            let (g, names) = try GradientFixtures.cellGradients(c)
            add(GradientFixtures.pairs(g, expect: c["expect"]!, names: names))
        }
        print("GradientTests: \(compared) gradient values compared; worst |engine − torch| / (1 + |torch|): \(worst)")
        #expect(worst <= GradientFixtures.tolerance)
        // The fixtures must exercise the math: most expected gradients are far from zero.
        #expect(nonzero * 10 > compared * 8)
    }
}

/// Checks that need no torch: finite differences of the engine's own forward, and degenerate shapes.
@Suite struct GradientSanityTests {
    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var g = SplitMix64(seed: seed)
        return g.uniformTensor(shape, bound: 1)
    }

    /// L = Σ a⊙output + Σ b⊙h_n + Σ c⊙c_n, so dL/d(output, h_n, c_n) = (a, b, c); summed in Double.
    static func loss(_ r: RNNOutput, _ a: Tensor, _ b: Tensor, _ c: Tensor) -> Double {
        func dot(_ x: Tensor, _ y: Tensor) -> Double { zip(x.storage, y.storage).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
        return dot(r.output, a) + dot(r.hN, b) + dot(r.cN!, c)
    }

    /// Central differences of the float32 forward (step 1e-2) against the backward, for every input, hx and
    /// parameter element of a small LSTM with every option that changes the graph (2 layers, bidirectional,
    /// proj_size, batch_first, hx given).
    @Test func lstmBackwardMatchesFiniteDifferences() throws {
        var lstm = try LSTM(inputSize: 2, hiddenSize: 3, numLayers: 2, batchFirst: true, bidirectional: true,
                            projSize: 2, seed: 3).base
        let (N, L) = (2, 3)
        let x = Self.random([N, L, 2], seed: 10)
        let hx = [Self.random([4, N, 2], seed: 11), Self.random([4, N, 3], seed: 12)]
        let r0 = try lstm.forward(x, hx: hx)
        let a = Self.random(r0.output.shape, seed: 13), b = Self.random(r0.hN.shape, seed: 14)
        let c = Self.random(r0.cN!.shape, seed: 15)
        let g = try lstm.backward(x, hx: hx, gradOutput: a, gradHN: b, gradCN: c)
        let eps: Float = 1e-2
        var worst: Double = 0, checked = 0

        func compare(_ analytic: Float, _ plus: Double, _ minus: Double, _ what: String) {
            let numeric = (plus - minus) / Double(2 * eps)
            let err = abs(numeric - Double(analytic)) / (1 + abs(numeric))
            worst = max(worst, err)
            checked += 1
            #expect(err < 2e-3, "\(what): backward \(analytic), finite difference \(numeric)")
        }
        for i in x.storage.indices {
            var xp = x, xm = x
            xp.storage[i] += eps; xm.storage[i] -= eps
            compare(g.input.storage[i], Self.loss(try lstm.forward(xp, hx: hx), a, b, c),
                    Self.loss(try lstm.forward(xm, hx: hx), a, b, c), "input[\(i)]")
        }
        for s in 0..<2 {
            for i in hx[s].storage.indices {
                var hp = hx, hm = hx
                hp[s].storage[i] += eps; hm[s].storage[i] -= eps
                compare(g.hx[s].storage[i], Self.loss(try lstm.forward(x, hx: hp), a, b, c),
                        Self.loss(try lstm.forward(x, hx: hm), a, b, c), "hx[\(s)][\(i)]")
            }
        }
        let original = lstm.stateDict()
        for (p, (name, tensor)) in original.enumerated() {
            for i in tensor.storage.indices {
                var values: [Double] = []
                for delta in [eps, -eps] {
                    var dict = Dictionary(uniqueKeysWithValues: original.map { ($0.name, $0.tensor) })
                    dict[name]!.storage[i] += delta
                    try lstm.loadStateDict(dict)
                    values.append(Self.loss(try lstm.forward(x, hx: hx), a, b, c))
                }
                compare(g.parameters[p].storage[i], values[0], values[1], "\(name)[\(i)]")
            }
        }
        print("GradientSanityTests: \(checked) finite differences, worst relative error \(worst)")
        #expect(checked == x.count + hx[0].count + hx[1].count + original.reduce(0) { $0 + $1.tensor.count })
    }

    /// An empty batch runs (torch allows it): zero gradients of the right shapes, for modules and cells.
    @Test(arguments: ["RNN", "LSTM", "GRU"])
    func emptyBatch(_ module: String) throws {
        let kw: [(String, ArgValue)] = [("num_layers", .int(2)), ("bidirectional", .bool(true))]
            + (module == "LSTM" ? [("proj_size", .int(2))] : [])
        let base = try RNNBase(module: module, args: [.int(2), .int(3)], kwargs: kw)
        let x = Tensor.zeros([4, 0, 2])
        let r = try base.forward(x)
        let g = try base.backward(x, hx: nil, gradOutput: r.output, gradHN: r.hN, gradCN: r.cN)
        #expect(g.input.shape == [4, 0, 2])
        #expect(g.hx.map(\.shape) == [r.hN.shape] + (r.cN.map { [$0.shape] } ?? []))
        #expect(g.parameters.map(\.shape) == base.parameters.map(\.shape))
        #expect(g.parameters.allSatisfy { $0.storage.allSatisfy { $0 == 0 } })

        let mode = RNNMode(rawValue: module == "RNN" ? "RNN_TANH" : module)!
        let cell = CellBase.make(mode: mode, inputSize: 2, hiddenSize: 3, bias: true, nonlinearity: "tanh", seed: 0)
        let cg = try cell.backward(Tensor.zeros([0, 2]), hx: nil, grads: [])
        #expect(cg.input.shape == [0, 2])
        #expect(cg.hx.allSatisfy { $0.shape == [0, 3] })
        #expect(cg.parameters.allSatisfy { $0.storage.allSatisfy { $0 == 0 } })
        // Zero-width cells (CellBase allows sizes of 0): nothing to differentiate, nothing to crash on.
        for (inSize, hidden) in [(0, 3), (2, 0), (0, 0)] {
            let c = CellBase.make(mode: mode, inputSize: inSize, hiddenSize: hidden, bias: true, nonlinearity: "relu", seed: 0)
            let g = try c.backward(Tensor.zeros([2, inSize]), hx: nil, grads: [Tensor.zeros([2, hidden])])
            #expect(g.input.shape == [2, inSize] && g.hx.allSatisfy { $0.shape == [2, hidden] })
        }
    }

    /// No upstream gradient at all: every gradient is zero, in forward's shapes (unbatched: 2-D hx).
    @Test func noUpstreamGradientGivesZeros() throws {
        let base = try LSTM(inputSize: 2, hiddenSize: 3, bidirectional: true).base
        let g = try base.backward(Self.random([4, 2], seed: 1), hx: nil, gradOutput: nil, gradHN: nil, gradCN: nil)
        #expect(g.input.shape == [4, 2])
        #expect(g.hx.map(\.shape) == [[2, 3], [2, 3]])
        #expect(([g.input] + g.hx + g.parameters).allSatisfy { $0.storage.allSatisfy { $0 == 0 } })
        let cell = GRUCell(inputSize: 2, hiddenSize: 3).base
        let cg = try cell.backward(Self.random([2], seed: 2), hx: nil, grads: [nil])
        #expect(cg.input.shape == [2] && cg.hx.map(\.shape) == [[3]])
    }

    /// Bad input throws what forward throws; a gradient of the wrong shape throws torch's autograd message.
    @Test func errors() throws {
        let gru = try GRU(inputSize: 2, hiddenSize: 3).base
        let bad = Tensor.zeros([3, 2, 5])
        #expect(throws: TorchError(type: "RuntimeError", message: "input.size(-1) must be equal to input_size. Expected 2, got 5")) {
            try gru.forward(bad)
        }
        #expect(throws: TorchError(type: "RuntimeError", message: "input.size(-1) must be equal to input_size. Expected 2, got 5")) {
            try gru.backward(bad, hx: nil, gradOutput: nil, gradHN: nil, gradCN: nil)
        }
        // As torch.autograd.backward([h_n], [grad]): positions count the outputs given a gradient.
        #expect(throws: TorchError(type: "RuntimeError", message:
            "Mismatch in shape: grad_output[0] has a shape of torch.Size([1, 3]) and output[0] has a shape of torch.Size([1, 2, 3]).")) {
            try gru.backward(Tensor.zeros([3, 2, 2]), hx: nil, gradOutput: nil, gradHN: Tensor.zeros([1, 3]), gradCN: nil)
        }
        // Behind a correct grad_output, torch's message comes from list.index comparing tensors (torch 2.15).
        #expect(throws: TorchError(type: "RuntimeError", message: "Boolean value of Tensor with more than one value is ambiguous")) {
            try gru.backward(Tensor.zeros([3, 2, 2]), hx: nil, gradOutput: Tensor.zeros([3, 2, 3]), gradHN: Tensor.zeros([1, 3]), gradCN: nil)
        }
        #expect(throws: TorchError.self) {
            try gru.backward(Tensor.zeros([3, 2, 2]), hx: nil, gradOutput: nil, gradHN: nil, gradCN: Tensor.zeros([1, 2, 3]))
        }
        let cell = RNNCell(inputSize: 2, hiddenSize: 3, nonlinearity: "sigmoid").base
        #expect(throws: TorchError(type: "RuntimeError", message: "Unknown nonlinearity: sigmoid")) {
            try cell.backward(Tensor.zeros([2]), hx: nil, grads: [nil])
        }
        let lstmCell = LSTMCell(inputSize: 2, hiddenSize: 3).base
        #expect(throws: TorchError(type: "RuntimeError", message:
            "Mismatch in shape: grad_output[0] has a shape of torch.Size([2, 3]) and output[0] has a shape of torch.Size([3]).")) {
            try lstmCell.backward(Tensor.zeros([2]), hx: nil, grads: [nil, Tensor.zeros([2, 3])])
        }
    }
}
