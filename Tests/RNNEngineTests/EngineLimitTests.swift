import Foundation
import Testing
@testable import RNNEngine

/// Sizes and inputs the engine refuses with one line, before allocating (issue 14's hostile campaign).
@Suite struct EngineLimitTests {
    static func run(_ json: String) -> EngineOutcome { EngineCase.run(Data(json.utf8)) }

    @Test(arguments: [
        (#"{"module": "LSTM", "config": {"input_size": 2, "hidden_size": 100000}, "input": [[1, 2]]}"#,
         "LSTM(2, 100000) would need 298.1 GB; the engine's limit is 512 MB for parameters and activations"),
        (#"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 9223372036854775807}, "input": [[1, 2]]}"#,
         "RNN(2, 9223372036854775807) has sizes whose product overflows 64 bits; the engine's limit is 512 MB for parameters and activations"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3, "num_layers": 1000000000}, "input": [[1, 2]]}"#,
         "GRU(2, 3, num_layers=1000000000) would need 849.4 GB"),
        (#"{"module": "LSTM", "config": {"input_size": 9223372036854775807, "hidden_size": 3}, "input": [[1, 2]]}"#,
         "overflows 64 bits"),
        (#"{"module": "LSTM", "config": {"input_size": 2, "hidden_size": 4611686018427387904, "proj_size": 4611686018427387903, "bidirectional": true}, "input": [[1, 2]]}"#,
         "overflows 64 bits"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 300000000000000000000}, "input": [[1, 2]]}"#,
         "integer 300000000000000000000 is out of range"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2], [3]]}"#,
         "input: expected sequence of length 2 at dim 1 (got 1) (at input[1])"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2], 3]}"#, "input: not a sequence (at input[1])"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": [1, [2, 3]]}"#,
         "input: 'list' object cannot be interpreted as an integer (at input[1])"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2], [3, null]]}"#,
         "input: Could not infer dtype of NoneType (at input[1][1])"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, "a"]]}"#, "input: new(): invalid data type 'str' (at input[0][1])"),
        (#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3}, "input": "#  + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "}",
         "nested more than 100 deep"),
    ])
    func refusedWithOneLine(_ json: String, _ message: String) {
        let out = Self.run(json)
        #expect(out.exitCode == 2 && out.stdout == nil)
        #expect(out.stderr.count == 1 && out.stderr[0].hasPrefix("unroll engine: invalid case: "), "\(out.stderr)")
        #expect(out.stderr.first?.contains(message) == true, "\(out.stderr)")
    }

    /// Long sequences pass the budget through the activations, not the parameters.
    @Test func activationsCountToo() throws {
        let small = try RNNConfig(mode: .lstm, inputSize: 64, hiddenSize: 512)
        #expect(throws: Never.self) { try small.checkBudget(seqLen: 256, batch: 64) }
        #expect(throws: BudgetError.self) { try small.checkBudget(seqLen: 100_000, batch: 64) }
        // The backward keeps every gate: the same sizes can fit forward and not backward.
        #expect(throws: Never.self) { try small.checkBudget(seqLen: 500, batch: 64) }
        #expect(throws: BudgetError.self) { try small.checkBudget(seqLen: 500, batch: 64, backward: true) }
        #expect(small.parameterCount == 4 * 512 * (64 + 512) + 2 * 4 * 512)
    }

    /// MiniPy's path: parse (torch's checks), then the budget, then the module (nothing allocated for 2**62).
    @Test func parameterBudgetBeforeConstruction() throws {
        let (cfg, _) = try RNNConfig.parse(module: "RNN", args: [.int(2), .int(1 << 62)], kwargs: [])
        #expect(cfg.parameterCount == nil)
        #expect(throws: BudgetError(what: "RNN(2, 4611686018427387904)", bytes: nil)) { try cfg.checkBudget() }
        #expect(throws: TorchError.self) { try RNNBase(module: "LSTM", args: [.int(2), .int(100_000)], kwargs: []) }
    }

    @Test func oversizedTextIsRefusedUnread() {
        let big = Data(count: JSONValue.maxBytes + 1)
        let out = EngineCase.run(big)
        #expect(out.exitCode == 2 && out.stderr.first?.contains("the limit is 16777216 (16 MB)") == true)
    }

    /// torch takes an empty list whatever its later elements hold ([[], [1]] is 2 × 0), and so does the engine.
    @Test func emptyListsAsTorch() throws {
        #expect(try EngineCase.tensor(from: JSONValue.parse(Data("[[], [1]]".utf8)), key: "input").shape == [2, 0])
    }
}
