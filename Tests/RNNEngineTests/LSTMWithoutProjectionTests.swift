import Foundation
import Testing
@testable import RNNEngine

/// An LSTM without proj_size once wrote h into an empty scratch buffer: h stayed zero.
@Suite struct LSTMWithoutProjectionTests {
    @Test func hIsOTimesTanhC() throws {
        let lstm = try LSTM(inputSize: 2, hiddenSize: 3, seed: 0)
        let x = Tensor(shape: [3, 2], storage: [1, 0, 0, 1, 1, 1])
        let tr = try lstm.trace(x)
        for s in tr.steps {
            let o = s.gate("o", batch: 0)!, c = s.c(batch: 0)!, h = s.h(batch: 0)
            for j in 0..<3 { #expect(abs(h[j] - o[j] * tanh(c[j])) < 1e-6) }
            #expect(h.contains { $0 != 0 })
        }
        #expect(tr.result.output.maxAbsDifference(try lstm.forward(x).output) == 0)
    }
}
