import Foundation
import RNNEngine

/// The small modules of `torch.nn`: activations, `Softmax`/`LogSoftmax`, `Identity`, `Flatten`, `Dropout` and
/// `LayerNorm`. Each forwards to the same computation as its `torch.*`/`torch.nn.functional` function.
final class LayerModule: ModuleBase {
    enum Kind {
        case activation(String)                    // relu, tanh, sigmoid, silu: the table's element-wise functions
        case leakyReLU(slope: Double)
        case elu(alpha: Double)
        case gelu(tanh: Bool)
        case softplus(beta: Double, threshold: Double)
        case softmax(dim: Int?, log: Bool)
        case identity
        case flatten(start: Int, end: Int)
        case dropout(p: Double)
        case layerNorm(shape: [Int], eps: Double, affine: Bool, bias: Bool)
    }
    let kind: Kind
    let inplace: Bool

    init(_ kind: Kind, name: String, inplace: Bool = false) {
        self.kind = kind
        self.inplace = inplace
        let file: String
        switch kind {
        case .activation, .leakyReLU, .elu, .gelu, .softplus, .softmax: file = "activation"
        case .identity: file = "linear"
        case .flatten: file = "flatten"
        case .dropout: file = "dropout"
        case .layerNorm: file = "normalization"
        }
        super.init(moduleName: name, qualifiedName: "torch.nn.modules.\(file).\(name)")
    }

    override var isCallable: Bool { true }
    override var attributeNames: [String] { moduleAttributeNames + ["forward", "inplace", "p", "dim", "normalized_shape", "eps"] }

    override func extraRepr(_ interp: Interpreter) -> String {
        switch kind {
        case .activation(let f): return (f == "relu" || f == "silu") && inplace ? "inplace=True" : ""
        case .leakyReLU(let s): return "negative_slope=\(pyFloatRepr(s))" + (inplace ? ", inplace=True" : "")
        case .elu(let a): return "alpha=\(pyFloatRepr(a))" + (inplace ? ", inplace=True" : "")
        case .gelu(let t): return "approximate='\(t ? "tanh" : "none")'"
        case .softplus(let b, let t): return "beta=\(pyFloatRepr(b)), threshold=\(pyFloatRepr(t))"
        case .softmax(let d, _): return "dim=\(d.map(String.init) ?? "None")"
        case .identity: return ""
        case .flatten(let s, let e): return "start_dim=\(s), end_dim=\(e)"
        case .dropout(let p): return "p=\(pyFloatRepr(p)), inplace=\(inplace ? "True" : "False")"
        case .layerNorm(let shape, let eps, let affine, let bias):
            let s = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
            return "\(s), eps=\(pyFloatRepr(eps)), elementwise_affine=\(affine ? "True" : "False"), bias=\(bias ? "True" : "False")"
        }
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let v = registeredAttribute(n) ?? moduleMethod(n) { return v }
        switch (n, kind) {
        case ("forward", _): return .object(Builtin(n, method: true) { a, k, i throws(PyError) in try self.call(a, k, i) })
        case ("inplace", _): return .bool(inplace)
        case ("p", .dropout(let p)): return .float(p)
        case ("dim", .softmax(let d, _)): return d.map { .int($0) } ?? PyValue.none
        case ("negative_slope", .leakyReLU(let s)): return .float(s)
        case ("start_dim", .flatten(let s, _)): return .int(s)
        case ("end_dim", .flatten(_, let e)): return .int(e)
        case ("normalized_shape", .layerNorm(let s, _, _, _)): return .tuple(s.map { .int($0) })
        case ("eps", .layerNorm(_, let e, _, _)): return .float(e)
        case ("elementwise_affine", .layerNorm(_, _, let a, _)): return .bool(a)
        default: return nil
        }
    }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        if case .identity = kind {
            let b = try bind("Identity.forward", ["input"], required: 1, args, kwargs, isMethod: true)
            return b[0]!
        }
        let b = try bind("\(moduleName).forward", ["input"], required: 1, args, kwargs, isMethod: true)
        let input = b[0]!
        switch kind {
        case .activation(let f):
            // nn.Tanh and nn.Sigmoid call torch.tanh / torch.sigmoid (F.tanh would ask the input for .tanh()).
            if f == "tanh" || f == "sigmoid", !interp.isTensor(input) {
                throw .typeError("\(f)(): argument 'input' (position 1) must be Tensor, not \(input.typeName)")
            }
            return try Functional.call(f, [input], [], interp)
        case .leakyReLU(let s): return try Functional.call("leaky_relu", [input, .float(s)], [], interp)
        case .elu(let a): return try Functional.call("elu", [input, .float(a)], [], interp)
        case .gelu(let t): return try Functional.call("gelu", [input], [("approximate", .str(t ? "tanh" : "none"))], interp)
        case .softplus(let beta, let threshold): return try Functional.call("softplus", [input, .float(beta), .float(threshold)], [], interp)
        case .softmax(let d, let log): return try Functional.call(log ? "log_softmax" : "softmax", [input, d.map { .int($0) } ?? .none], [], interp)
        case .identity: return input
        case .flatten(let s, let e):
            guard case .tensor(let t) = input else { throw .attributeError("'\(input.typeName)' object has no attribute 'flatten'") }
            return try interp.call(try interp.attribute(.tensor(t), "flatten"), [.int(s), .int(e)], [])
        case .dropout(let p): return try Functional.call("dropout", [input, .float(p), .bool(training)], [], interp)
        case .layerNorm(let shape, let eps, _, _):
            guard case .tensor(let t) = input else { throw .typeError("layer_norm(): argument 'input' (position 1) must be Tensor, not \(input.typeName)") }
            let w = parameterSlots.first { $0.name == "weight" }?.leaf, bias = parameterSlots.first { $0.name == "bias" }?.leaf
            return .tensor(try Functional.layerNorm(t, shape, weight: w.map { PyTensor(leaf: $0) }, bias: bias.map { PyTensor(leaf: $0) }, eps: eps))
        }
    }

    // MARK: Construction

    static func classes() -> [String: PyValue] {
        var out: [String: PyValue] = [:]
        func add(_ name: String, _ file: String, _ make: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) {
            out[name] = .object(PyClass(name, qualified: "torch.nn.modules.\(file).\(name)", make))
        }
        for (name, f) in [("ReLU", "relu"), ("Tanh", "tanh"), ("Sigmoid", "sigmoid"), ("SiLU", "silu")] {
            add(name, "activation") { a, k, _ throws(PyError) in
                let params = name == "ReLU" || name == "SiLU" ? ["inplace"] : []
                let b = try bind(name + ".__init__", params, required: 0, a, k, isMethod: true)
                return .object(LayerModule(.activation(f), name: name, inplace: try b.first??.truthy() ?? false))
            }
        }
        add("LeakyReLU", "activation") { a, k, _ throws(PyError) in
            let b = try bind("LeakyReLU.__init__", ["negative_slope", "inplace"], required: 0, a, k, isMethod: true)
            return .object(LayerModule(.leakyReLU(slope: b[0]?.asDouble ?? 0.01), name: "LeakyReLU", inplace: try b[1]?.truthy() ?? false))
        }
        add("ELU", "activation") { a, k, _ throws(PyError) in
            let b = try bind("ELU.__init__", ["alpha", "inplace"], required: 0, a, k, isMethod: true)
            return .object(LayerModule(.elu(alpha: b[0]?.asDouble ?? 1), name: "ELU", inplace: try b[1]?.truthy() ?? false))
        }
        add("GELU", "activation") { a, k, i throws(PyError) in
            let b = try bind("GELU.__init__", ["approximate"], required: 0, a, k, isMethod: true)
            let approx = try b[0].map { v throws(PyError) in try i.str(v) } ?? "none"
            return .object(LayerModule(.gelu(tanh: approx == "tanh"), name: "GELU"))
        }
        add("Softplus", "activation") { a, k, _ throws(PyError) in
            let b = try bind("Softplus.__init__", ["beta", "threshold"], required: 0, a, k, isMethod: true)
            return .object(LayerModule(.softplus(beta: b[0]?.asDouble ?? 1, threshold: b[1]?.asDouble ?? 20), name: "Softplus"))
        }
        for (name, log) in [("Softmax", false), ("LogSoftmax", true)] {
            add(name, "activation") { a, k, i throws(PyError) in
                let b = try bind(name + ".__init__", ["dim"], required: 0, a, k, isMethod: true)
                let d = try b[0].flatMap { v throws(PyError) in v.isNone ? nil : try i.intArg(name, "dim", v) }
                return .object(LayerModule(.softmax(dim: d, log: log), name: name))
            }
        }
        add("Identity", "linear") { _, _, _ throws(PyError) in .object(LayerModule(.identity, name: "Identity")) }
        add("Flatten", "flatten") { a, k, i throws(PyError) in
            let b = try bind("Flatten.__init__", ["start_dim", "end_dim"], required: 0, a, k, isMethod: true)
            return .object(LayerModule(.flatten(start: try b[0].map { v throws(PyError) in try i.intArg("Flatten", "start_dim", v) } ?? 1,
                                                end: try b[1].map { v throws(PyError) in try i.intArg("Flatten", "end_dim", v) } ?? -1), name: "Flatten"))
        }
        add("Dropout", "dropout") { a, k, i throws(PyError) in
            let b = try bind("Dropout.__init__", ["p", "inplace"], required: 0, a, k, isMethod: true)
            // `if p < 0 or p > 1`: Python's comparison (a str is its TypeError) and p printed as given.
            let given = b[0] ?? .float(0.5)
            let below = try i.compare("<", given, .int(0)).truthy()
            let above = try below ? false : i.compare(">", given, .int(1)).truthy()
            if below || above {
                throw .valueError("dropout probability has to be between 0 and 1, but got \(try i.str(given))")
            }
            let p = given.asDouble ?? 0.5
            return .object(LayerModule(.dropout(p: p), name: "Dropout", inplace: try b[1]?.truthy() ?? false))
        }
        add("LayerNorm", "normalization") { a, k, i throws(PyError) in
            let b = try bind("LayerNorm.__init__", ["normalized_shape", "eps", "elementwise_affine", "bias", "device", "dtype"], required: 1, a, k, isMethod: true)
            var shape: [Int] = []
            if let n = b[0]!.asIndex { shape = [n] } else { for v in try i.iterate(b[0]!) { shape.append(try i.intArg("LayerNorm", "normalized_shape", v)) } }
            if try b[2]?.truthy() ?? true { try i.checkDevice(b[4]) }   // no affine parameters: nothing made on it
            let affine = try b[2]?.truthy() ?? true
            let biasFlag = try b[3]?.truthy() ?? true
            let hasBias = affine && biasFlag
            let n = try i.checkedShape("empty", shape)
            let m = LayerModule(.layerNorm(shape: shape, eps: b[1]?.asDouble ?? 1e-5, affine: affine, bias: hasBias), name: "LayerNorm")
            if affine {
                m.registerParameter("weight", GradLeaf(Tensor(shape: shape, storage: Array(repeating: 1, count: n))))
                m.registerParameter("bias", hasBias ? GradLeaf(Tensor(shape: shape, storage: Array(repeating: 0, count: n))) : nil)
            } else {
                m.registerParameter("weight", nil)
                m.registerParameter("bias", nil)
            }
            return .object(m)
        }
        return out
    }
}
