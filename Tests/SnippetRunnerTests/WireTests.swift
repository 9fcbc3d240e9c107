import Foundation
import MiniPy
import RNNEngine
import Testing
@testable import SnippetRunner

/// The worker protocol read and written with our own JSON reader: what goes out comes back unchanged,
/// and the rules of the Codable types it replaced still hold (required fields, optional ones absent or
/// null, Ints without a fraction).
@Suite struct WireTests {
    @Test func aResultWithAnErrorAndRecurrentCallsComesBackUnchanged() throws {
        var config = try RNNConfig(mode: .lstm, inputSize: 2, hiddenSize: 3)
        config.numLayers = 2; config.bidirectional = true; config.dropout = 0.25; config.batchFirst = true
        let call = MiniPy.RecurrentCall(line: 4, config: config,
                                        stateDict: ["weight_ih_l0": Tensor(shape: [2, 2], storage: [1, -2.5, .infinity, 0x1p-149]),
                                                    "bias_hh_l0": Tensor(shape: [3], storage: [0, -0, 3])],
                                        input: Tensor(shape: [1, 2], storage: [0.1, 0.2]))
        let result = SnippetResult(stdout: "tensor([1.])\n\"quoted\" \\ \u{1}\t€", warnings: "UserWarning: x\n",
                                   error: .init(type: "RuntimeError", message: "bad\nnews", line: 3, column: 7, text: "x = 1",
                                                traceback: "Traceback (most recent call last):\nRuntimeError: bad\n"),
                                   errorInPrelude: true, recurrentCalls: [call], runtime: "python3.11 + torch 2.15.0")
        let line = result.wireJSON()
        #expect(!line.contains(UInt8(ascii: "\n")))
        let back = try #require(SnippetResult.fromWire(line))
        #expect(back == result)
        #expect(back.recurrentCalls.first?.stateDict["weight_ih_l0"]?.storage.map(\.bitPattern) == call.stateDict["weight_ih_l0"]?.storage.map(\.bitPattern))
        let plain = SnippetResult(stdout: "1\n")
        #expect(SnippetResult.fromWire(plain.wireJSON()) == plain)
    }

    @Test func answersThatAreNotResultsAreRefused() {
        let good = #"{"stdout":"1\n","warnings":"","errorInPrelude":false,"recurrentCalls":[]}"#
        #expect(SnippetResult.fromWire(Data(good.utf8))?.stdout == "1\n")
        #expect(SnippetResult.fromWire(Data(#"{"stdout":"1\n","warnings":"","errorInPrelude":false,"recurrentCalls":[],"runtime":null,"error":null}"#.utf8)) != nil)
        for bad in [#"{"warnings":"","errorInPrelude":false,"recurrentCalls":[]}"#,
                    #"{"stdout":1,"warnings":"","errorInPrelude":false,"recurrentCalls":[]}"#,
                    #"{"stdout":"","warnings":"","errorInPrelude":0,"recurrentCalls":[]}"#,
                    #"{"stdout":"","warnings":"","errorInPrelude":false,"recurrentCalls":[],"runtime":3}"#,
                    #"{"stdout":"","warnings":"","errorInPrelude":false,"recurrentCalls":[],"error":{"type":"E","message":"m","line":1.5,"traceback":""}}"#,
                    #"{"stdout":"","warnings":"","errorInPrelude":false,"recurrentCalls":[],"error":{"type":"E","message":"m","line":1,"traceback":"","column":"x"}}"#,
                    #"{"stdout":"","warnings":"","errorInPrelude":false,"recurrentCalls":[{"line":1}]}"#,
                    "[]", "", "not json", #"{"stdout":"""#] {
            #expect(SnippetResult.fromWire(Data(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func requestsComeBackUnchangedAndOnlySourceIsRequired() throws {
        let full = SnippetRequest(source: "print(1)\n", prelude: "import torch", then: "print(2)", file: "lesson.py",
                                  wallTime: 60, recurrentCalls: false)
        #expect(SnippetRequest.fromWire(full.wireJSON()) == full)
        #expect(SnippetRequest.fromWire(SnippetRequest(source: "x").wireJSON()) == SnippetRequest(source: "x"))
        #expect(SnippetRequest.fromWire(Data(#"{"source":"a","prelude":null,"wallTime":2}"#.utf8)) == SnippetRequest(source: "a", wallTime: 2))
        for bad in [#"{"prelude":"a"}"#, #"{"source":1}"#, #"{"source":"a","recurrentCalls":"no"}"#, #"{"source":"a","wallTime":"5"}"#, "{}"] {
            #expect(SnippetRequest.fromWire(Data(bad.utf8)) == nil, "\(bad)")
        }
    }
}
