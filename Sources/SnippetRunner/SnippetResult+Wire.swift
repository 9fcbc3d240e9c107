import Foundation
import MiniPy
import RNNEngine

/// The worker's answer on the wire: one JSON object per line. Tensors travel as their float32 bytes
/// (base64, little-endian), so the visualizer unrolls exactly the weights and input the snippet used.
struct WireResult: Codable {
    var stdout: String
    var warnings: String
    var error: WireError?
    var errorInPrelude: Bool
    var recurrentCalls: [WireCall]
    /// Which interpreter ran it ("python3.11 + torch 2.15.0"); absent from MiniPy's worker.
    var runtime: String?

    struct WireError: Codable {
        var type: String
        var message: String
        var line: Int
        var column: Int?
        var text: String?
        var traceback: String
    }

    struct WireCall: Codable {
        var line: Int
        var config: WireConfig
        var stateDict: [String: WireTensor]
        var input: WireTensor
    }

    struct WireConfig: Codable {
        var mode: String
        var inputSize: Int
        var hiddenSize: Int
        var numLayers: Int
        var bias: Bool
        var batchFirst: Bool
        var dropout: Double
        var bidirectional: Bool
        var projSize: Int
    }

    struct WireTensor: Codable {
        var shape: [Int]
        var data: String
    }
}

extension SnippetResult {
    /// One line of JSON (no newline inside; the caller adds the terminating one).
    func wireJSON() -> Data {
        let wire = WireResult(
            stdout: stdout, warnings: warnings,
            error: error.map { .init(type: $0.type, message: $0.message, line: $0.line, column: $0.column, text: $0.text, traceback: $0.traceback) },
            errorInPrelude: errorInPrelude,
            recurrentCalls: recurrentCalls.map { call in
                let c = call.config
                return .init(line: call.line,
                             config: .init(mode: c.mode.rawValue, inputSize: c.inputSize, hiddenSize: c.hiddenSize, numLayers: c.numLayers,
                                           bias: c.bias, batchFirst: c.batchFirst, dropout: c.dropout, bidirectional: c.bidirectional,
                                           projSize: c.projSize),
                             stateDict: call.stateDict.mapValues(Self.wire), input: Self.wire(call.input))
            },
            runtime: runtime)
        // Encoding plain strings, numbers and arrays cannot fail.
        return (try? Self.encoder.encode(wire)) ?? Data("{}".utf8)
    }

    /// Decodes a worker's answer; nil when it is not one (public for the fuzz target that feeds it garbage).
    public static func fromWire(_ data: Data) -> SnippetResult? {
        guard let wire = try? JSONDecoder().decode(WireResult.self, from: data) else { return nil }
        var calls: [MiniPy.RecurrentCall] = []
        for call in wire.recurrentCalls {
            guard let config = config(call.config), let input = tensor(call.input) else { return nil }
            var stateDict: [String: Tensor] = [:]
            for (name, t) in call.stateDict {
                guard let tensor = tensor(t) else { return nil }
                stateDict[name] = tensor
            }
            calls.append(MiniPy.RecurrentCall(line: call.line, config: config, stateDict: stateDict, input: input))
        }
        return SnippetResult(
            stdout: wire.stdout, warnings: wire.warnings,
            error: wire.error.map { ErrorInfo(type: $0.type, message: $0.message, line: $0.line, column: $0.column, text: $0.text, traceback: $0.traceback) },
            errorInPrelude: wire.errorInPrelude, recurrentCalls: calls, runtime: wire.runtime)
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func wire(_ t: Tensor) -> WireResult.WireTensor {
        let bytes = t.storage.withUnsafeBufferPointer { buffer in
            Data(buffer.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        }
        return .init(shape: t.shape, data: bytes.base64EncodedString())
    }

    static func tensor(_ w: WireResult.WireTensor) -> Tensor? {
        guard let bytes = Data(base64Encoded: w.data), bytes.count % 4 == 0,
              w.shape.allSatisfy({ $0 >= 0 }) else { return nil }
        var count = 1
        for d in w.shape {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { return nil }
            count = p
        }
        guard count == bytes.count / 4 else { return nil }
        var storage = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0 ..< count {
                storage[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
        }
        return Tensor(shape: w.shape, storage: storage)
    }

    /// The configuration as the worker built it (already validated there), field by field.
    static func config(_ w: WireResult.WireConfig) -> RNNConfig? {
        guard let mode = RNNMode(rawValue: w.mode),
              var c = try? RNNConfig(mode: mode, inputSize: 1, hiddenSize: 1) else { return nil }
        c.inputSize = w.inputSize
        c.hiddenSize = w.hiddenSize
        c.numLayers = w.numLayers
        c.bias = w.bias
        c.batchFirst = w.batchFirst
        c.dropout = w.dropout
        c.bidirectional = w.bidirectional
        c.projSize = w.projSize
        return c
    }
}
