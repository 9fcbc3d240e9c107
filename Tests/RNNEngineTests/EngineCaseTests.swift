import Foundation
import Testing
@testable import RNNEngine

@Suite struct EngineCaseTests {
    static let rnn = #"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3}, "input": [[[0.5, -1.0]], [[1, 2]]]"#

    @Test func resultHasPyTorchShapes() throws {
        let out = EngineCase.run(Data((Self.rnn + "}").utf8))
        #expect(out.exitCode == 0)
        let json = try JSONValue.parse(Data(try #require(out.stdout).utf8))
        #expect(Fixtures.tensor(json["output"]).shape == [2, 1, 3])
        #expect(Fixtures.tensor(json["h_n"]).shape == [1, 1, 3])
        #expect(json["c_n"] == nil && json["trace"] == nil)
    }

    @Test func lstmResultHasCN() throws {
        let c = #"{"module": "LSTM", "config": {"input_size": 2, "hidden_size": 3, "proj_size": 1}, "input": [[0.5, -1.0]], "hx": [[[0.1]], [[0.1, 0.2, 0.3]]]}"#
        let out = EngineCase.run(Data(c.utf8), trace: true)
        let json = try JSONValue.parse(Data(try #require(out.stdout).utf8))
        #expect(Fixtures.tensor(json["h_n"]).shape == [1, 1])
        #expect(Fixtures.tensor(json["c_n"]).shape == [1, 3])
        guard case .array(let steps)? = json["trace"]?["steps"] else { Issue.record("no trace"); return }
        #expect(steps.count == 1)
        #expect(steps[0]["gates"]?["f"] != nil && steps[0]["c"] != nil && steps[0]["h_unprojected"] != nil)
    }

    @Test(arguments: [
        ("{", "invalid JSON"),
        (#"{"module": "RNN", "input": [[1.0]]"# + ", \"x\": 1}", "unknown key 'x'"),
        (#"{"module": "Transformer", "input": [1]}"#, "module"),
        (#"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3}}"#, "input: missing"),
        (#"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, 2], [3]]}"#, "input: expected sequence of length 2 at dim 1 (got 1) (at input[1])"),
        (#"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3}, "input": [[1, "a"]]}"#, "input: new(): invalid data type 'str' (at input[0][1])"),
        (#"{"module": "RNN", "config": {"input_size": [2]}, "input": [[1]]}"#, "config.input_size"),
        (#"{"module": "RNN", "config": {"input_size": 1, "hidden_size": 1}, "input": [[1]], "state_dict": {"weight_ih_l0": [[1]], "weight_hh_l0": [[1]], "bias_ih_l0": [1]}}"#,
         "missing key(s) in state_dict: \"bias_hh_l0\""),
        (#"{"module": "RNN", "config": {"input_size": 1, "hidden_size": 1, "bias": false}, "input": [[1]], "state_dict": {"weight_ih_l0": [[1]], "weight_hh_l0": [[1]], "bias_ih_l0": [1]}}"#,
         "unexpected key(s) in state_dict: \"bias_ih_l0\""),
        (#"{"module": "RNN", "config": {"input_size": 1, "hidden_size": 1, "bias": false}, "input": [[1]], "state_dict": {"weight_ih_l0": [[1, 2]], "weight_hh_l0": [[1]]}}"#,
         "size mismatch for weight_ih_l0: got shape torch.Size([1, 2]), the shape in the model is torch.Size([1, 1])"),
    ])
    func invalidCasesExit2(_ text: String, _ expected: String) {
        let out = EngineCase.run(Data(text.utf8))
        #expect(out.exitCode == 2)
        #expect(out.stdout == nil)
        #expect(out.stderr.count == 1)
        #expect(out.stderr.last?.contains(expected) == true, "\(out.stderr)")
    }

    @Test func torchErrorExit1WithJSON() {
        let c = #"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3, "num_layers": 1.5}, "input": [[1, 2]]}"#
        let out = EngineCase.run(Data(c.utf8))
        #expect(out.exitCode == 1)
        #expect(out.stdout == #"{"error": {"type": "TypeError", "message": "'float' object cannot be interpreted as an integer"}}"#)
    }

    @Test func warningGoesToStderrNotAnError() {
        let c = #"{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3, "dropout": 0.5}, "input": [[1, 2]]}"#
        let out = EngineCase.run(Data(c.utf8))
        #expect(out.exitCode == 0)
        #expect(out.stderr == ["UserWarning: dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=0.5 and num_layers=1"])
    }

    @Test func seedGivesTheSameWeightsEveryRunAndDifferentSeedsDiffer() throws {
        let a = try RNNBase(module: "LSTM", args: [.int(3), .int(4)], kwargs: [], seed: 0)
        let b = try RNNBase(module: "LSTM", args: [.int(3), .int(4)], kwargs: [], seed: 0)
        let c = try RNNBase(module: "LSTM", args: [.int(3), .int(4)], kwargs: [], seed: 1)
        #expect(a.parameters == b.parameters)
        #expect(a.parameters != c.parameters)
        #expect(a.parameters.allSatisfy { $0.storage.allSatisfy { abs($0) < 0.5 } })   // 1/√4
        // Pinned: SplitMix64(0) is the same on every machine.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == UInt64(0xE220_A839_7B1D_CDAF))
        #expect(a.parameters[0].storage[0] == Float(-0.5 + (Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) * 0x1p-53)))
    }

    @Test func emptyBatchGivesEmptyOutputs() throws {
        let rnn = try RNN(inputSize: 5, hiddenSize: 3)
        let (output, hN) = try rnn.forward(Tensor.zeros([4, 0, 5]))
        #expect(output.shape == [4, 0, 3] && hN.shape == [1, 0, 3])   // as torch
    }

    @Test func typedInitializersCheckLikeTorch() {
        #expect(throws: TorchError(type: "ValueError", message: "proj_size has to be smaller than hidden_size")) {
            try LSTM(inputSize: 2, hiddenSize: 3, projSize: 3)
        }
        #expect(throws: TorchError(type: "ValueError", message: "Unknown nonlinearity 'sigmoid'. Select from 'tanh' or 'relu'.")) {
            try RNN(inputSize: 2, hiddenSize: 3, nonlinearity: "sigmoid")
        }
    }

    @Test func parsesPythonJSONNumbers() throws {
        let v = try JSONValue.parse(Data(#"[1, 1.0, -2e-3, NaN, true, null, "a\"b"]"#.utf8))
        guard case .array(let a) = v else { return }
        #expect(a[0] == .int(1) && a[1] == .float(1.0) && a[2] == .float(-0.002))
        #expect(a[6] == .string("a\"b"))
    }
}
