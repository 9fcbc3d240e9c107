import Foundation
@testable import RNNEngine

/// A JSON file in Fixtures/ beside these tests (made by a script in Scripts/ from real torch), read through #filePath.
struct FixtureFile: Sendable {
    let root: JSONValue

    init(_ name: String) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        root = try! JSONValue.parse(try! Data(contentsOf: url))
    }

    func list(_ key: String) -> [JSONValue] {
        guard case .array(let a)? = root[key] else { fatalError("fixture key \(key) missing") }
        return a
    }
}

/// The torch reference fixtures (Scripts/engine_fixtures.py).
enum Fixtures {
    static let file = FixtureFile("torch_reference.json")
    static var root: JSONValue { file.root }
    static func list(_ key: String) -> [JSONValue] { file.list(key) }

    static let modules = list("modules")
    static let cells = list("cells")
    static let constructor = list("constructor")
    static let forwardErrors = list("forward_errors")
    static let cellErrors = list("cell_errors")

    /// The case without its "expect" key, as `unroll engine` would receive it.
    static func caseData(_ c: JSONValue) -> Data {
        guard case .object(let kv) = c else { fatalError() }
        return Data(JSONValue.object(kv.filter { !["expect", "input_shape", "hx_shapes"].contains($0.0) }).serialized.utf8)
    }

    static func tensor(_ v: JSONValue?) -> Tensor { try! EngineCase.tensor(from: v!, key: "fixture") }

    static func error(_ c: JSONValue) -> TorchError? {
        guard let e = c["expect"]?["error"], case .string(let t)? = e["type"], case .string(let m)? = e["message"] else { return nil }
        return TorchError(type: t, message: m)
    }

    /// Within 1e-5 of the float64 reference (relative for values above 1).
    static func close(_ a: Tensor, _ b: Tensor, tol: Float = 1e-5) -> Bool {
        a.shape == b.shape && zip(a.storage, b.storage).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    static func label(_ c: JSONValue) -> String { c["config"].map(\.serialized) ?? "" }
}

/// A cell built from a fixture case (config + optional state_dict).
func makeCell(_ c: JSONValue) -> (CellBase, [Tensor]?, Tensor) {
    guard case .string(let kind)? = c["cell"], let cfg = c["config"] else { fatalError() }
    let inSize = Int(cfg["input_size"]!.number!), hidden = Int(cfg["hidden_size"]!.number!)
    let bias: Bool = { if case .bool(let b)? = cfg["bias"] { return b }; return true }()
    var base: CellBase
    switch kind {
    case "RNNCell":
        let nl: String = { if case .string(let s)? = cfg["nonlinearity"] { return s }; return "tanh" }()
        base = RNNCell(inputSize: inSize, hiddenSize: hidden, bias: bias, nonlinearity: nl).base
    case "LSTMCell": base = LSTMCell(inputSize: inSize, hiddenSize: hidden, bias: bias).base
    default: base = GRUCell(inputSize: inSize, hiddenSize: hidden, bias: bias).base
    }
    if let sd = c["state_dict"] { try! base.loadStateDict(try! EngineCase.stateDict(from: sd)) }
    var hx: [Tensor]?
    if let h = c["hx"] {
        if kind == "LSTMCell", case .array(let items) = h { hx = items.map { Fixtures.tensor($0) } } else { hx = [Fixtures.tensor(h)] }
    }
    return (base, hx, Fixtures.tensor(c["input"]))
}
