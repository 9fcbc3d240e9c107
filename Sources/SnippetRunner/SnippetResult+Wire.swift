import Foundation
import MiniPy
import RNNEngine

/// The worker's answer on the wire: one JSON object per line (`wireJSON`, `fromWire`). Tensors travel as
/// their float32 bytes (base64, little-endian), so the visualizer unrolls exactly the weights and input the
/// snippet used.
enum WireResult {
    struct WireConfig {
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

    struct WireTensor {
        var shape: [Int]
        var data: String
    }
}

extension SnippetResult {
    /// One line of JSON (no newline inside; the caller adds the terminating one), keys sorted.
    public func wireJSON() -> Data {
        var fields: [(String, JSONValue)] = []
        if let e = error {
            var err: [(String, JSONValue)] = []
            if let column = e.column { err.append(("column", .int(column))) }
            err.append(("line", .int(e.line)))
            err.append(("message", .string(e.message)))
            if let text = e.text { err.append(("text", .string(text))) }
            err.append(("traceback", .string(e.traceback)))
            err.append(("type", .string(e.type)))
            fields.append(("error", .object(err)))
        }
        fields.append(("errorInPrelude", .bool(errorInPrelude)))
        fields.append(("recurrentCalls", .array(recurrentCalls.map { call in
            let c = call.config
            let config: JSONValue = .object([
                ("batchFirst", .bool(c.batchFirst)), ("bias", .bool(c.bias)), ("bidirectional", .bool(c.bidirectional)),
                ("dropout", .float(c.dropout)), ("hiddenSize", .int(c.hiddenSize)), ("inputSize", .int(c.inputSize)),
                ("mode", .string(c.mode.rawValue)), ("numLayers", .int(c.numLayers)), ("projSize", .int(c.projSize)),
            ])
            let stateDict = call.stateDict.sorted { $0.key < $1.key }.map { ($0.key, Self.wireValue($0.value)) }
            return .object([("config", config), ("input", Self.wireValue(call.input)), ("line", .int(call.line)),
                             ("stateDict", .object(stateDict))])
        })))
        if let runtime { fields.append(("runtime", .string(runtime))) }
        fields.append(("stdout", .string(stdout)))
        // Only when set: a Python worker never sends it, and older answers read the same.
        if unsteady { fields.append(("unsteady", .bool(true))) }
        fields.append(("warnings", .string(warnings)))
        return Data(JSONValue.object(fields).serialized.utf8)
    }

    /// Decodes a worker's answer; nil when it is not one (public for the fuzz target that feeds it garbage).
    public static func fromWire(_ data: Data) -> SnippetResult? {
        guard let json = try? JSONValue.parse(data), JSONValue.object(json) != nil,
              let stdout = json.required("stdout", JSONValue.string),
              let warnings = json.required("warnings", JSONValue.string),
              let errorInPrelude = json.required("errorInPrelude", JSONValue.bool),
              let callValues = json.required("recurrentCalls", JSONValue.array) else { return nil }
        let runtime = json.optional("runtime", JSONValue.string)
        if case .some(nil) = runtime { return nil }
        let unsteady = json.optional("unsteady", JSONValue.bool)
        if case .some(nil) = unsteady { return nil }
        var error: ErrorInfo?
        switch json.optional("error", { $0 }) {
        case .none: error = nil
        case .some(let e?):
            guard JSONValue.object(e) != nil,
                  let type = e.required("type", JSONValue.string), let message = e.required("message", JSONValue.string),
                  let line = e.required("line", JSONValue.int), let traceback = e.required("traceback", JSONValue.string) else { return nil }
            let column = e.optional("column", JSONValue.int), text = e.optional("text", JSONValue.string)
            if case .some(nil) = column { return nil }
            if case .some(nil) = text { return nil }
            error = ErrorInfo(type: type, message: message, line: line, column: column ?? nil, text: text ?? nil, traceback: traceback)
        case .some(nil): return nil
        }
        var calls: [MiniPy.RecurrentCall] = []
        for call in callValues {
            guard let line = call.required("line", JSONValue.int), let configValue = call["config"],
                  let config = config(configValue), let inputValue = call["input"], let input = tensor(inputValue),
                  let stateDictValues = call.required("stateDict", JSONValue.object) else { return nil }
            var stateDict: [String: Tensor] = [:]
            for (name, t) in stateDictValues {
                guard let tensor = tensor(t) else { return nil }
                stateDict[name] = tensor
            }
            calls.append(MiniPy.RecurrentCall(line: line, config: config, stateDict: stateDict, input: input))
        }
        var result = SnippetResult(stdout: stdout, warnings: warnings, error: error, errorInPrelude: errorInPrelude,
                                   recurrentCalls: calls, runtime: runtime ?? nil)
        result.unsteady = (unsteady ?? nil) ?? false
        return result
    }

    static func wireValue(_ t: Tensor) -> JSONValue {
        let w = wire(t)
        return .object([("data", .string(w.data)), ("shape", .array(w.shape.map { .int($0) }))])
    }

    static func tensor(_ v: JSONValue) -> Tensor? {
        guard let data = v.required("data", JSONValue.string), let shapeValues = v.required("shape", JSONValue.array) else { return nil }
        var shape: [Int] = []
        for d in shapeValues {
            guard let n = JSONValue.int(d) else { return nil }
            shape.append(n)
        }
        return tensor(WireResult.WireTensor(shape: shape, data: data))
    }

    static func config(_ v: JSONValue) -> RNNConfig? {
        guard let mode = v.required("mode", JSONValue.string), let inputSize = v.required("inputSize", JSONValue.int),
              let hiddenSize = v.required("hiddenSize", JSONValue.int), let numLayers = v.required("numLayers", JSONValue.int),
              let bias = v.required("bias", JSONValue.bool), let batchFirst = v.required("batchFirst", JSONValue.bool),
              let dropout = v.required("dropout", JSONValue.double), let bidirectional = v.required("bidirectional", JSONValue.bool),
              let projSize = v.required("projSize", JSONValue.int) else { return nil }
        return config(WireResult.WireConfig(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                                            batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize))
    }

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
