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
    /// The backward contract: dL/d(output), dL/d(h_n), dL/d(c_n) (LSTM). Any given makes the case a backward.
    public var gradOutput: Tensor?
    public var gradHN: Tensor?
    public var gradCN: Tensor?

    /// Whether the case asks for gradients.
    public var isBackward: Bool { gradOutput != nil || gradHN != nil || gradCN != nil }

    static let keys: Set<String> = ["module", "config", "state_dict", "seed", "input", "hx", "grad_output", "grad_h_n", "grad_c_n"]

    /// The case's JSON text as a case, or one line saying what is wrong and where. A pure function of the bytes
    /// (the entry point the fuzz tests drive): bounded in memory and depth (`JSONValue.maxBytes`, `maxDepth`),
    /// never traps on any input.
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
        func optional(_ key: String) throws(CaseError) -> Tensor? {
            guard let v = json[key], v != .null else { return nil }
            return try tensor(from: v, key: key)
        }
        let gradOutput = try optional("grad_output"), gradHN = try optional("grad_h_n"), gradCN = try optional("grad_c_n")
        if gradCN != nil && module != "LSTM" { throw CaseError("grad_c_n: only LSTM returns c_n") }
        return EngineCase(module: module, kwargs: kwargs, stateDict: stateDict, seed: seed, input: input, hx: hx,
                          gradOutput: gradOutput, gradHN: gradHN, gradCN: gradCN)
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

    /// A nested list of numbers (any depth; a bare number is 0-D) as a tensor, as `torch.tensor(list)`, with
    /// torch's message for what it refuses (ragged lists, strings, nulls), the key and the position added:
    /// `input: expected sequence of length 2 at dim 1 (got 1) (at input[1])`.
    public static func tensor(from json: JSONValue, key: String) throws(CaseError) -> Tensor {
        // torch infers the dtype over every element before it looks at the shape.
        if let (problem, path) = dtypeProblem(json, path: key) { throw CaseError("\(key): \(problem) (at \(path))") }
        var shape: [Int] = []
        var probe = json
        while case .array(let a) = probe {
            shape.append(a.count)
            guard let first = a.first else { break }
            probe = first
        }
        var count = 1, overflow = false
        for d in shape {
            let (c, o) = count.multipliedReportingOverflow(by: d)
            count = c
            overflow = overflow || o
        }
        // An empty tensor is taken as its first elements say, as torch does ([[], [1]] is 2 × 0).
        if count == 0 && !overflow { return Tensor(shape: shape, storage: []) }
        var values: [Float] = []
        values.reserveCapacity(overflow ? 0 : min(count, 1 << 20))   // never more than the text could hold
        if let (problem, path) = flatten(json, shape: shape, depth: 0, path: key, into: &values) {
            throw CaseError("\(key): \(problem) (at \(path))")
        }
        return Tensor(shape: shape, storage: values)
    }

    /// torch's dtype inference: the first element it cannot make a number of, in order.
    private static func dtypeProblem(_ v: JSONValue, path: String) -> (String, String)? {
        switch v {
        case .int, .float, .float32, .bool: return nil
        case .null: return ("Could not infer dtype of NoneType", path)
        case .object: return ("Could not infer dtype of dict", path)
        case .string: return ("new(): invalid data type 'str'", path)
        case .array(let a):
            for (i, x) in a.enumerated() {
                if let p = dtypeProblem(x, path: path + "[\(i)]") { return p }
            }
            return nil
        }
    }

    /// Appends the numbers of `v` in row-major order; returns torch's complaint and where, if ragged.
    private static func flatten(_ v: JSONValue, shape: [Int], depth: Int, path: String, into values: inout [Float]) -> (String, String)? {
        if depth == shape.count {
            if case .array = v { return ("'list' object cannot be interpreted as an integer", path) }
            guard let n = v.number ?? v.boolNumber else { return ("expected a number, got \(v.serialized.prefix(40))", path) }
            values.append(Float(n))
            return nil
        }
        guard case .array(let a) = v else { return ("not a sequence", path) }
        guard a.count == shape[depth] else {
            return ("expected sequence of length \(shape[depth]) at dim \(depth) (got \(a.count))", path)
        }
        for (i, x) in a.enumerated() {
            if let p = flatten(x, shape: shape, depth: depth + 1, path: path + "[\(i)]", into: &values) { return p }
        }
        return nil
    }

    /// Builds the module, loads the weights, runs the forward (and the backward when the case gives
    /// gradients, and the trace when asked). Sizes past the engine's budget are refused before anything is
    /// allocated (`.invalid`, exit 2).
    public func run(trace: Bool = false) -> EngineOutcome {
        let base: RNNBase
        switch makeModule(trace: trace) {
        case .failure(let outcome): return outcome
        case .success(let b): base = b
        }
        do {
            var fields: [(String, JSONValue)]
            let r: RNNOutput
            var grads: RNNGradients?
            if isBackward {
                (r, grads) = try base.forwardBackward(input, hx: hx, gradOutput: gradOutput, gradHN: gradHN, gradCN: gradCN)
            } else {
                r = try base.forward(input, hx: hx)
            }
            fields = [("output", r.output.json), ("h_n", r.hN.json)]
            if let c = r.cN { fields.append(("c_n", c.json)) }
            if let grads {
                fields.append(("grad_input", grads.input.json))
                fields.append(("grad_hx", .array(grads.hx.map(\.json))))
                fields.append(("grad_state_dict", .object(zip(base.stateDict(), grads.parameters).map { ($0.name, $1.json) })))
            }
            if trace { fields.append(("trace", EngineCase.json(try base.trace(input, hx: hx)))) }
            return EngineOutcome(kind: .result(JSONValue.object(fields).serialized), warnings: base.warnings)
        } catch {
            return EngineOutcome(kind: .torchError(error), warnings: base.warnings)
        }
    }

    /// The module with its weights, or the outcome that stops the case: torch's constructor error (exit 1),
    /// the budget or a state_dict that does not fit (exit 2).
    func makeModule(trace: Bool) -> Result<RNNBase, EngineOutcome> {
        let config: RNNConfig, warnings: [TorchWarning]
        do { (config, warnings) = try RNNConfig.parse(module: module, args: [], kwargs: kwargs) } catch {
            return .failure(EngineOutcome(kind: .torchError(error), warnings: []))
        }
        do { try checkBudget(config, trace: trace) } catch {
            return .failure(EngineOutcome(kind: .invalid(error.description), warnings: warnings))
        }
        var base = RNNBase(config: config, warnings: warnings, seed: seed)
        if let stateDict {
            do { try base.loadStateDict(stateDict) } catch {
                return .failure(EngineOutcome(kind: .invalid("state_dict: \(error)"), warnings: base.warnings))
            }
        }
        return .success(base)
    }

    /// The budget for this case's sizes: the input's rows (L·N), the backward when asked, and every number
    /// the result will print (output, states, gradients, the trace's records).
    func checkBudget(_ c: RNNConfig, trace: Bool) throws(BudgetError) {
        let rows = input.dim >= 2 ? input.shape.dropLast().reduce(1, *) : 1   // the JSON held them, so no overflow
        let batch = input.dim == 3 ? input.shape[c.batchFirst ? 0 : 1] : 1
        let seqLen = max(1, rows / max(1, batch))
        let ld = Checked(c.numLayers) * c.numDirections
        let LN = Checked(rows)
        let R = Checked(c.outputSize), H = Checked(c.hiddenSize), DR = R * c.numDirections
        let states: Checked = ld * batch * (R + H)
        var printed: Checked = LN * DR + states
        if isBackward { printed = printed + Checked(c.parameterCount) + input.count + states }
        if trace {
            // Per step and row: x, h_prev, pre-activations, gates, c_prev, c, h_unprojected, h.
            let widest: Checked = DR.value.map { Checked(max(c.inputSize, $0)) } ?? Checked(nil)
            let perRow: Checked = H * c.mode.gateCount * 2 + H * 3 + R * 2 + widest
            printed = printed + ld * LN * perRow
        }
        try c.checkBudget(seqLen: seqLen, batch: batch, backward: isBackward, printed: printed.value ?? Int.max)
    }

    /// Decode and run: what `unroll engine` does.
    public static func run(_ data: Data, trace: Bool = false) -> EngineOutcome {
        do { return try decode(data).run(trace: trace) } catch { return EngineOutcome(kind: .invalid(error.message), warnings: []) }
    }

    /// Runs the case's computation `count` times more on the module it builds (the forward; forward and
    /// backward for a backward case) and returns each run's wall time in seconds, or nil when the case does
    /// not run (an error `run` reports). For `unroll engine --repeat N`.
    public func timings(count: Int) -> [Double]? {
        guard case .success(let base) = makeModule(trace: false) else { return nil }
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                if isBackward {
                    _ = try base.forwardBackward(input, hx: hx, gradOutput: gradOutput, gradHN: gradHN, gradCN: gradCN)
                } else {
                    _ = try base.forward(input, hx: hx)
                }
            } catch { return nil }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times
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
public struct EngineOutcome: Sendable, Error {
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
