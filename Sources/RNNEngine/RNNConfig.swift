import Foundation

/// Which recurrence a module runs (PyTorch's `mode` string).
public enum RNNMode: String, Sendable, Equatable, CaseIterable {
    case rnnTanh = "RNN_TANH", rnnRelu = "RNN_RELU", lstm = "LSTM", gru = "GRU"

    /// Gate row blocks per hidden unit: 1 (RNN), 4 (LSTM i|f|g|o), 3 (GRU r|z|n).
    public var gateCount: Int {
        switch self { case .rnnTanh, .rnnRelu: 1; case .lstm: 4; case .gru: 3 }
    }

    /// Gate names in row-block order; empty for a plain RNN.
    public var gateNames: [String] {
        switch self { case .rnnTanh, .rnnRelu: []; case .lstm: ["i", "f", "g", "o"]; case .gru: ["r", "z", "n"] }
    }

    /// The Python class name: "RNN", "LSTM", "GRU".
    public var className: String {
        switch self { case .rnnTanh, .rnnRelu: "RNN"; case .lstm: "LSTM"; case .gru: "GRU" }
    }
}

/// The validated constructor arguments of `RNN`/`LSTM`/`GRU`, with PyTorch's names and defaults.
public struct RNNConfig: Sendable, Equatable {
    public var mode: RNNMode
    public var inputSize: Int
    public var hiddenSize: Int
    public var numLayers: Int = 1
    public var bias: Bool = true
    public var batchFirst: Bool = false
    public var dropout: Double = 0
    public var bidirectional: Bool = false
    public var projSize: Int = 0

    /// D: 2 when bidirectional, else 1.
    public var numDirections: Int { bidirectional ? 2 : 1 }
    /// H_out: `proj_size` when > 0, else `hidden_size`.
    public var outputSize: Int { projSize > 0 ? projSize : hiddenSize }

    /// Typed construction with PyTorch's checks (the first failing one throws).
    public init(mode: RNNMode, inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                projSize: Int = 0) throws(TorchError) {
        var kw: [(String, ArgValue)] = [
            ("num_layers", .int(numLayers)), ("bias", .bool(bias)), ("batch_first", .bool(batchFirst)),
            ("dropout", .float(dropout)), ("bidirectional", .bool(bidirectional)),
        ]
        if mode == .rnnRelu { kw.append(("nonlinearity", .string("relu"))) }
        if projSize != 0 || mode == .lstm { kw.append(("proj_size", .int(projSize))) }
        let parsed = try RNNConfig.parse(module: mode.className, args: [.int(inputSize), .int(hiddenSize)], kwargs: kw)
        self = parsed.config
    }

    private init(mode: RNNMode) {
        self.mode = mode
        inputSize = 0
        hiddenSize = 0
    }

    /// One layer, one direction, as a cell runs it (sizes may be 0, as cells allow; no checks).
    static func cell(mode: RNNMode, inputSize: Int, hiddenSize: Int, bias: Bool) -> RNNConfig {
        var c = RNNConfig(mode: mode)
        c.inputSize = inputSize
        c.hiddenSize = hiddenSize
        c.bias = bias
        return c
    }

    /// PyTorch's `repr`: `RNN(2, 3, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True)`.
    public var repr: String {
        var s = "\(mode.className)(\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !bias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(pythonFloat(dropout))" }
        if bidirectional { s += ", bidirectional=True" }
        return s + ")"
    }

    /// Parameter names and shapes in state_dict order.
    public var parameterShapes: [(name: String, shape: [Int])] {
        let g = mode.gateCount * hiddenSize, r = outputSize
        var out: [(String, [Int])] = []
        for k in 0..<numLayers {
            for d in 0..<numDirections {
                let sfx = d == 1 ? "_reverse" : ""
                out.append(("weight_ih_l\(k)\(sfx)", [g, k == 0 ? inputSize : r * numDirections]))
                out.append(("weight_hh_l\(k)\(sfx)", [g, r]))
                if bias {
                    out.append(("bias_ih_l\(k)\(sfx)", [g]))
                    out.append(("bias_hh_l\(k)\(sfx)", [g]))
                }
                if projSize > 0 { out.append(("weight_hr_l\(k)\(sfx)", [r, hiddenSize])) }
            }
        }
        return out
    }
}

extension RNNConfig {
    /// Constructs from loosely typed arguments exactly as `torch.nn.RNN(*args, **kwargs)` (or `LSTM`, `GRU`) would:
    /// argument binding, then every check in PyTorch's order; the first failing check throws its `TorchError`.
    ///
    ///     let (cfg, warnings) = try RNNConfig.parse(module: "RNN", args: [.int(5), .int(3)],
    ///                                               kwargs: [("dropout", .float(0.5))])
    ///     // warnings[0].message: "dropout option adds dropout after all but last recurrent layer, …"
    ///
    /// `device` and `dtype` are accepted and ignored (CPU, float32).
    public static func parse(module: String, args: [ArgValue], kwargs: [(String, ArgValue)]) throws(TorchError)
        -> (config: RNNConfig, warnings: [TorchWarning])
    {
        var args = args, kwargs = kwargs
        let mode: RNNMode
        switch module {
        case "RNN", "GRU":
            if kwargs.contains(where: { $0.0 == "proj_size" }) {
                throw TorchError.value("proj_size argument is only supported for LSTM, not RNN or GRU")
            }
            if module == "GRU" { mode = .gru; break }
            let nonlinearity: ArgValue
            if args.count > 3 {
                nonlinearity = args.remove(at: 3)
            } else if let i = kwargs.firstIndex(where: { $0.0 == "nonlinearity" }) {
                nonlinearity = kwargs.remove(at: i).1
            } else {
                nonlinearity = .string("tanh")
            }
            switch nonlinearity {
            case .string("tanh"): mode = .rnnTanh
            case .string("relu"): mode = .rnnRelu
            default:
                throw TorchError.value("Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
            }
        case "LSTM": mode = .lstm
        default: throw TorchError.value("Unrecognized RNN mode: " + module)
        }

        // Python's binding of RNNBase.__init__(self, mode, input_size, hidden_size, num_layers=1, bias=True,
        // batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None).
        let names = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout",
                     "bidirectional", "proj_size", "device", "dtype"]
        var bound: [String: ArgValue] = [:]
        for (name, value) in zip(names, args) { bound[name] = value }
        for (name, value) in kwargs {
            guard let i = names.firstIndex(of: name) else {
                throw TorchError.typeError("RNNBase.__init__() got an unexpected keyword argument '\(name)'")
            }
            if i < args.count || bound[name] != nil {
                throw TorchError.typeError("RNNBase.__init__() got multiple values for argument '\(name)'")
            }
            bound[name] = value
        }
        if args.count > names.count {
            throw TorchError.typeError(
                "RNNBase.__init__() takes from 4 to 12 positional arguments but \(args.count + 2) were given")
        }
        let missing = ["input_size", "hidden_size"].filter { bound[$0] == nil }
        if missing.count == 2 {
            throw TorchError.typeError(
                "RNNBase.__init__() missing 2 required positional arguments: 'input_size' and 'hidden_size'")
        } else if let m = missing.first {
            throw TorchError.typeError("RNNBase.__init__() missing 1 required positional argument: '\(m)'")
        }
        let inputSize = bound["input_size"]!, hiddenSize = bound["hidden_size"]!
        let numLayers = bound["num_layers"] ?? .int(1), bias = bound["bias"] ?? .bool(true)
        let batchFirst = bound["batch_first"] ?? .bool(false), dropout = bound["dropout"] ?? .float(0)
        let bidirectional = bound["bidirectional"] ?? .bool(false), projSize = bound["proj_size"] ?? .int(0)

        // self.dropout = float(dropout) runs before any check.
        let dropoutValue: Double
        switch dropout {
        case .int, .bool, .float: dropoutValue = dropout.number!
        case .string(let s):
            guard let f = pythonFloatParse(s) else {
                throw TorchError.value("could not convert string to float: \(pythonRepr(s))")
            }
            dropoutValue = f
        case .none:
            throw TorchError.typeError("float() argument must be a string or a real number, not 'NoneType'")
        }
        if case .bool = dropout {
            throw TorchError.value(dropoutMessage)
        }
        guard let d = dropout.number, d >= 0, d <= 1 else { throw TorchError.value(dropoutMessage) }
        var warnings: [TorchWarning] = []
        if d > 0, numLayers.number == 1 {
            warnings.append(TorchWarning(category: "UserWarning", message:
                "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                + "num_layers greater than 1, but got dropout=\(dropout) and num_layers=\(numLayers)"))
        }
        guard case .bool(let biasValue) = bias else {
            throw TorchError.typeError("bias should be of type bool, got: \(bias.typeName)")
        }
        guard case .bool(let batchFirstValue) = batchFirst else {
            throw TorchError.typeError("batch_first should be of type bool, got: \(batchFirst.typeName)")
        }
        guard inputSize.isInt else {
            throw TorchError.typeError("input_size should be of type int, got: \(inputSize.typeName)")
        }
        guard inputSize.number! > 0 else { throw TorchError.value("input_size must be greater than zero") }
        guard hiddenSize.isInt else {
            throw TorchError.typeError("hidden_size should be of type int, got: \(hiddenSize.typeName)")
        }
        guard hiddenSize.number! > 0 else { throw TorchError.value("hidden_size must be greater than zero") }
        guard let layers = numLayers.number else {
            throw TorchError.typeError("'<=' not supported between instances of '\(numLayers.typeName)' and 'int'")
        }
        guard layers > 0 else { throw TorchError.value("num_layers must be greater than zero") }
        guard let proj = projSize.number else {
            throw TorchError.typeError("'<' not supported between instances of '\(projSize.typeName)' and 'int'")
        }
        guard proj >= 0 else {
            throw TorchError.value("proj_size should be a positive integer or zero to disable projections")
        }
        let projSmaller = if let p = projSize.intValue, let h = hiddenSize.intValue { p < h } else { proj < hiddenSize.number! }
        guard projSmaller else { throw TorchError.value("proj_size has to be smaller than hidden_size") }
        // `for layer in range(num_layers)`, then torch.empty((gate_size, real_hidden_size)).
        guard numLayers.isInt else { throw TorchError.typeError("'float' object cannot be interpreted as an integer") }
        if !projSize.isInt && proj > 0 {
            throw TorchError.typeError(
                "empty(): argument 'size' failed to unpack the object at pos 2 with error \"type must be tuple of ints,but got float\"")
        }

        var c = RNNConfig(mode: mode)
        // Exact ints (through Double, 2**63 − 1 would round up and trap).
        c.inputSize = inputSize.intValue!
        c.hiddenSize = hiddenSize.intValue!
        c.numLayers = numLayers.intValue!
        c.bias = biasValue
        c.batchFirst = batchFirstValue
        c.dropout = dropoutValue
        c.bidirectional = bidirectional.isTruthy
        c.projSize = projSize.intValue ?? 0   // a float proj_size got here only as 0.0
        return (c, warnings)
    }

    static let dropoutMessage =
        "dropout should be a number in range [0, 1] representing the probability of an element being zeroed"
}

extension ArgValue {
    /// Python truthiness (`2 if bidirectional else 1`).
    var isTruthy: Bool {
        switch self {
        case .int(let i): i != 0
        case .float(let f): f != 0
        case .bool(let b): b
        case .string(let s): !s.isEmpty
        case .none: false
        }
    }
}

/// Python's `float(str)` for the forms a config might hold; nil where Python raises.
func pythonFloatParse(_ s: String) -> Double? {
    let t = s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "")
    switch t {
    case "nan", "+nan", "-nan": return .nan
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default:
        guard !t.isEmpty, t.allSatisfy({ "0123456789.eE+-".contains($0) }) else { return nil }
        return Double(t)
    }
}

/// Python's `repr(str)` for plain strings: single quotes unless the string holds one.
func pythonRepr(_ s: String) -> String {
    if s.contains("'") && !s.contains("\"") { return "\"\(s)\"" }
    return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
}
