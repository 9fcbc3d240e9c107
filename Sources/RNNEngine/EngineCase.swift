import Foundation

/// Input that is not a valid engine case (bad JSON, ragged lists, a state_dict that does not fit):
/// one line naming the key and the shapes. `unroll engine` prints it on stderr and exits 2.
public struct CaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One `unroll engine` case: a module, its constructor keywords, optional weights, an input and optional hx.
///
///     let c = try EngineCase.decode(Data(#"{"module": "GRU", "config": {"input_size": 2, "hidden_size": 3},"#
///                                        + #" "input": [[0.5, -1.0]]}"#.utf8))
///     let outcome = c.run(trace: false)     // .result(json) / .torchError(e) / .invalid(message)
public struct EngineCase: Sendable {
    public var module: String
    /// `config` as Python keywords, in the JSON's key order.
    public var kwargs: [(String, ArgValue)]
    public var stateDict: [String: Tensor]?
    public var seed: UInt64
    public var input: Tensor
    /// nil: zeros. RNN/GRU: `[h_0]`. LSTM: the list as given (`[h_0, c_0]`).
    public var hx: [Tensor]?

    static let keys: Set<String> = ["module", "config", "state_dict", "seed", "input", "hx"]

    public static func decode(_ data: Data) throws(CaseError) -> EngineCase {
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw CaseError("\(error)") }
        guard case .object(let top) = json else { throw CaseError("the case must be a JSON object") }
        if let k = top.first(where: { !keys.contains($0.0) }) { throw CaseError("unknown key '\(k.0)' in the case") }
        guard case .string(let module)? = json["module"], ["RNN", "LSTM", "GRU"].contains(module) else {
            throw CaseError("module: expected \"RNN\", \"LSTM\" or \"GRU\"")
        }
        var kwargs: [(String, ArgValue)] = []
        switch json["config"] {
        case nil: break
        case .object(let kv)?:
            for (k, v) in kv { kwargs.append((k, try argValue(v, key: "config.\(k)"))) }
        default: throw CaseError("config: expected an object of constructor keywords")
        }
        var stateDict: [String: Tensor]?
        if let sd = json["state_dict"], sd != .null { stateDict = try EngineCase.stateDict(from: sd) }
        var seed: UInt64 = 0
        switch json["seed"] {
        case nil, .null?: break
        case .int(let s)? where s >= 0: seed = UInt64(s)
        default: throw CaseError("seed: expected a non-negative integer")
        }
        guard let inputJSON = json["input"] else { throw CaseError("input: missing") }
        let input = try tensor(from: inputJSON, key: "input")
        var hx: [Tensor]?
        if let h = json["hx"], h != .null {
            if module == "LSTM" {
                guard case .array(let items) = h else { throw CaseError("hx: expected a list [h_0, c_0] for LSTM") }
                hx = try items.enumerated().map { (i, v) throws(CaseError) in try tensor(from: v, key: "hx[\(i)]") }
            } else {
                hx = [try tensor(from: h, key: "hx")]
            }
        }
        return EngineCase(module: module, kwargs: kwargs, stateDict: stateDict, seed: seed, input: input, hx: hx)
    }

    static func argValue(_ v: JSONValue, key: String) throws(CaseError) -> ArgValue {
        switch v {
        case .null: .none
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .float(let f): .float(f)
        case .float32(let f): .float(Double(f))
        case .string(let s): .string(s)
        case .array, .object: throw CaseError("\(key): expected a number, a bool, a string or null")
        }
    }

    /// A state_dict JSON object (name → nested list of numbers) as tensors.
    public static func stateDict(from json: JSONValue) throws(CaseError) -> [String: Tensor] {
        guard case .object(let kv) = json else { throw CaseError("state_dict: expected an object of name → nested list") }
        var out: [String: Tensor] = [:]
        for (k, v) in kv { out[k] = try tensor(from: v, key: "state_dict.\(k)") }
        return out
    }

    /// A nested list of numbers (any depth; a bare number is 0-D) as a tensor, as `torch.tensor(list)`.
    /// Ragged lists and non-numbers throw, naming `key`, the position and the lengths.
    public static func tensor(from json: JSONValue, key: String) throws(CaseError) -> Tensor {
        var shape: [Int] = []
        var probe = json
        while case .array(let a) = probe {
            shape.append(a.count)
            guard let first = a.first else { break }
            probe = first
        }
        var values: [Float] = []
        values.reserveCapacity(shape.reduce(1, *))
        if let problem = flatten(json, shape: shape, depth: 0, path: "", into: &values) {
            throw CaseError("\(key)\(problem)")
        }
        return Tensor(shape: shape, storage: values)
    }

    /// Appends the numbers of `v` in row-major order; returns the problem (path and what was wrong) if ragged.
    private static func flatten(_ v: JSONValue, shape: [Int], depth: Int, path: String, into values: inout [Float]) -> String? {
        if depth == shape.count {
            guard let n = v.number else { return "\(path): expected a number, got \(v.serialized.prefix(40))" }
            values.append(Float(n))
            return nil
        }
        guard case .array(let a) = v else {
            return "\(path): ragged nested list: expected a list of length \(shape[depth]), got \(v.serialized.prefix(40))"
        }
        guard a.count == shape[depth] else {
            return "\(path): ragged nested list: expected length \(shape[depth]) at depth \(depth), got \(a.count) (shape \(shape))"
        }
        for (i, x) in a.enumerated() {
            if let p = flatten(x, shape: shape, depth: depth + 1, path: path + "[\(i)]", into: &values) { return p }
        }
        return nil
    }

    /// Builds the module, loads the weights, runs the forward (and the trace when asked).
    public func run(trace: Bool = false) -> EngineOutcome {
        var base: RNNBase
        do { base = try RNNBase(module: module, args: [], kwargs: kwargs, seed: seed) } catch {
            return EngineOutcome(kind: .torchError(error), warnings: [])
        }
        if let stateDict {
            do { try base.loadStateDict(stateDict) } catch { return EngineOutcome(kind: .invalid("state_dict: \(error)"), warnings: base.warnings) }
        }
        do {
            var fields: [(String, JSONValue)]
            let r: RNNOutput
            var traceJSON: JSONValue?
            if trace {
                let tr = try base.trace(input, hx: hx)
                r = tr.result
                traceJSON = EngineCase.json(tr)
            } else {
                r = try base.forward(input, hx: hx)
            }
            fields = [("output", r.output.json), ("h_n", r.hN.json)]
            if let c = r.cN { fields.append(("c_n", c.json)) }
            if let traceJSON { fields.append(("trace", traceJSON)) }
            return EngineOutcome(kind: .result(JSONValue.object(fields).serialized), warnings: base.warnings)
        } catch {
            return EngineOutcome(kind: .torchError(error), warnings: base.warnings)
        }
    }

    /// Decode and run: what `unroll engine` does.
    public static func run(_ data: Data, trace: Bool = false) -> EngineOutcome {
        do { return try decode(data).run(trace: trace) } catch { return EngineOutcome(kind: .invalid(error.message), warnings: []) }
    }

    static func json(_ tr: RNNTrace) -> JSONValue {
        func rows(_ t: Tensor?) -> JSONValue { t.map(\.json) ?? .null }
        let steps: [JSONValue] = tr.steps.map { s in
            var f: [(String, JSONValue)] = [
                ("layer", .int(s.layer)), ("direction", .int(s.direction)), ("t", .int(s.t)),
                ("x", rows(s.x)), ("h_prev", rows(s.hPrev)), ("pre_activation", rows(s.preActivation)),
            ]
            if !s.gateNames.isEmpty {
                f.append(("gates", .object(s.gateNames.map { g in
                    (g, .array((0..<tr.batch).map { b in .array(s.gate(g, batch: b)!.map { .float32($0) }) }))
                })))
            }
            if s.cPrev != nil { f.append(("c_prev", rows(s.cPrev))); f.append(("c", rows(s.c))) }
            if s.hUnprojected != nil { f.append(("h_unprojected", rows(s.hUnprojected))) }
            f.append(("h", rows(s.h)))
            return .object(f)
        }
        return .object([
            ("num_layers", .int(tr.numLayers)), ("num_directions", .int(tr.numDirections)),
            ("seq_len", .int(tr.seqLen)), ("batch", .int(tr.batch)),
            ("gate_names", .array(tr.gateNames.map { .string($0) })), ("steps", .array(steps)),
        ])
    }
}

/// What a case produced, and how `unroll engine` reports it.
public struct EngineOutcome: Sendable {
    public enum Kind: Sendable {
        /// The result JSON (`{"output": …, "h_n": …}`), exit 0.
        case result(String)
        /// A PyTorch exception, exit 1.
        case torchError(TorchError)
        /// Not a valid case, exit 2.
        case invalid(String)
    }
    public var kind: Kind
    /// Python warnings raised on the way (printed on stderr as Python would).
    public var warnings: [TorchWarning]

    /// The line for stdout, if any.
    public var stdout: String? {
        switch kind {
        case .result(let s): s
        case .torchError(let e):
            JSONValue.object([("error", .object([("type", .string(e.type)), ("message", .string(e.message))]))]).serialized
        case .invalid: nil
        }
    }

    /// Lines for stderr.
    public var stderr: [String] {
        var lines = warnings.map(\.description)
        if case .invalid(let m) = kind { lines.append("unroll engine: invalid case: \(m)") }
        return lines
    }

    public var exitCode: Int32 {
        switch kind { case .result: 0; case .torchError: 1; case .invalid: 2 }
    }
}

extension Tensor {
    /// The tensor as nested JSON lists of float32 numbers.
    public var json: JSONValue {
        func nest(_ offset: Int, _ d: Int) -> JSONValue {
            if d == shape.count { return .float32(storage[offset]) }
            let step = shape[(d + 1)...].reduce(1, *)
            return .array((0..<shape[d]).map { nest(offset + $0 * step, d + 1) })
        }
        return nest(0, 0)
    }
}
