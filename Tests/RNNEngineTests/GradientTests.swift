import Foundation
import Testing
@testable import RNNEngine

/// The gradient fixtures (Scripts/grad_fixtures.py): torch 2.15's float64 autograd on tiny modules and cells.
enum GradientFixtures {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch_gradients.json")

    static let root: JSONValue = {
        let data = try! Data(contentsOf: url)
        return try! JSONValue.parse(data)
    }()

    static func list(_ key: String) -> [JSONValue] {
        guard case .array(let a)? = root[key] else { fatalError("fixture key \(key) missing") }
        return a
    }

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

    @Test("module gradients match torch", arguments: GradientFixtures.modules.indices)
    func module(_ i: Int) throws {
        let c = GradientFixtures.modules[i]
        let (g, names) = try GradientFixtures.moduleGradients(c)
        for (name, mine, theirs) in GradientFixtures.pairs(g, expect: c["expect"]!, names: names) {
            #expect(mine.shape == theirs.shape, "\(name) shape, \(Fixtures.label(c))")
            if mine.shape == theirs.shape {
                let e = GradientFixtures.error(mine, theirs)
                #expect(e <= GradientFixtures.tolerance, "\(name): error \(e), \(Fixtures.label(c))")
            }
        }
    }

    @Test("cell gradients match torch", arguments: GradientFixtures.cells.indices)
    func cell(_ i: Int) throws {
        let c = GradientFixtures.cells[i]
        let (g, names) = try GradientFixtures.cellGradients(c)
        for (name, mine, theirs) in GradientFixtures.pairs(g, expect: c["expect"]!, names: names) {
            #expect(mine.shape == theirs.shape, "\(name) shape, \(Fixtures.label(c))")
            if mine.shape == theirs.shape {
                let e = GradientFixtures.error(mine, theirs)
                #expect(e <= GradientFixtures.tolerance, "\(name): error \(e), \(Fixtures.label(c))")
            }
        }
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
