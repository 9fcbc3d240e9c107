import Foundation
import Testing
@testable import RNNEngine

/// `unroll engine` backward cases against torch 2.15's float64 autograd (Scripts/grad_fixtures.py, "engine_cases"
/// and "engine_errors"), through `EngineCase.run`, what the command runs.
@Suite struct EngineBackwardTests {
    static let cases = GradientFixtures.list("engine_cases")
    static let errors = GradientFixtures.list("engine_errors")

    static func result(_ c: JSONValue) throws -> (EngineOutcome, JSONValue?) {
        let outcome = EngineCase.run(Fixtures.caseData(c))
        guard let text = outcome.stdout else { return (outcome, nil) }
        return (outcome, try JSONValue.parse(Data(text.utf8)))
    }

    @Test func fixturesCoverEveryOption() {
        #expect(Self.cases.count >= 50)
        let configs = Self.cases.compactMap { $0["config"]?.serialized.replacingOccurrences(of: " ", with: "") }
        for option in ["\"num_layers\":2", "\"num_layers\":3", "\"bidirectional\":true", "\"batch_first\":true",
                       "\"relu\"", "\"bias\":false", "\"proj_size\""] {
            #expect(configs.contains { $0.contains(option) }, "no engine case with \(option)")
        }
        let unbatched = Self.cases.filter { Fixtures.tensor($0["input"]).dim == 2 }
        #expect(!unbatched.isEmpty && Self.cases.contains { $0["hx"] != nil } && Self.cases.contains { $0["hx"] == nil })
        let given = Self.cases.map { c in ["grad_output", "grad_h_n", "grad_c_n"].map { c[$0] != nil } }
        #expect(given.contains { $0[1] } && given.contains { !$0[1] })
        #expect(given.contains { $0[2] } && given.contains { !$0[0] })
        #expect(Set(Self.errors.compactMap { Fixtures.error($0)?.message.prefix(20) }).count >= 3)
    }

    @Test("backward case matches torch", arguments: cases.indices)
    func backwardCase(_ i: Int) throws {
        let c = Self.cases[i]
        let (outcome, json) = try Self.result(c)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let got = try #require(json), e = try #require(c["expect"])
        var pairs: [(String, JSONValue?, JSONValue?)] = [("output", got["output"], e["output"]), ("h_n", got["h_n"], e["h_n"]),
                                                         ("c_n", got["c_n"], e["c_n"]), ("grad_input", got["grad_input"], e["grad_input"])]
        guard case .array(let hx)? = got["grad_hx"], case .array(let hxExpected)? = e["grad_hx"],
              case .object(let sd)? = got["grad_state_dict"], case .object(let sdExpected)? = e["grad_state_dict"] else {
            Issue.record("grad_hx / grad_state_dict missing or not a list / object: \(got.serialized.prefix(200))"); return
        }
        #expect(hx.count == hxExpected.count)
        pairs += zip(hx, hxExpected).map { ("grad_hx", $0, $1) }
        #expect(sd.map(\.0) == sdExpected.map(\.0), "grad_state_dict keys in state_dict order")
        pairs += zip(sd, sdExpected).map { ("grad_state_dict.\($0.0)", $0.1, $1.1) }
        for (name, mine, theirs) in pairs {
            guard let theirs else { #expect(mine == nil, "\(name) not expected"); continue }
            let a = Fixtures.tensor(mine), b = Fixtures.tensor(theirs)
            #expect(a.shape == b.shape, "\(name) shape \(a.shape) vs \(b.shape), \(Fixtures.label(c))")
            if a.shape == b.shape {
                let err = GradientFixtures.error(a, b)
                #expect(err <= GradientFixtures.tolerance, "\(name): \(err), \(Fixtures.label(c))")
            }
        }
    }

    @Test("gradients torch refuses: its exception", arguments: errors.indices)
    func refused(_ i: Int) throws {
        let c = Self.errors[i]
        let (outcome, _) = try Self.result(c)
        let expected = try #require(Fixtures.error(c))
        guard case .torchError(let e) = outcome.kind else { Issue.record("no error: \(outcome.kind)"); return }
        #expect(e == expected)
        #expect(outcome.exitCode == 1)
    }

    @Test func gradCNForAModuleWithoutCNIsInvalid() {
        let c = #"{"module": "GRU", "config": {"input_size": 1, "hidden_size": 2}, "input": [[1]], "grad_c_n": [[1, 2]]}"#
        let out = EngineCase.run(Data(c.utf8))
        #expect(out.exitCode == 2 && out.stderr == ["unroll engine: invalid case: grad_c_n: only LSTM returns c_n"])
    }

    /// `--repeat`: the same computation again, one time per run.
    @Test func timingsRunTheCase() throws {
        let c = try EngineCase.decode(Data(#"{"module": "LSTM", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2]], "grad_h_n": [[1, 1, 1]]}"#.utf8))
        let t = try #require(c.timings(count: 3))
        #expect(t.count == 3 && t.allSatisfy { $0 > 0 })
        let bad = try EngineCase.decode(Data(#"{"module": "LSTM", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2, 3]]}"#.utf8))
        #expect(bad.timings(count: 3) == nil)
    }
}
