import Foundation
import RNNEngine

/// `torch.nn.init`: each function fills a tensor (a module's parameter, usually) in place, without autograd, as
/// torch's do under `no_grad`, and returns it. The random ones draw from MiniPy's own generator, so their values
/// differ from torch's (shapes, bounds and the deterministic ones match).
enum TorchInit {
    typealias Body = ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue

    nonisolated(unsafe) static let namespace: Namespace = {
        var f: [String: PyValue] = [:]
        func add(_ name: String, _ params: [String], required: Int = 1, _ body: @escaping (PyTensor, [PyValue?], Interpreter) throws(PyError) -> [Float]) {
            f[name] = Builtins.fn(name) { a, k, i throws(PyError) in
                let b = try bind(name, params, required: required, a, k)
                guard case .tensor(let t) = b[0]! else {
                    throw .attributeError("'\(b[0]!.typeName)' object has no attribute '\(name == "constant_" ? "fill_" : "dim")'")
                }
                let values = try body(t, Array(b.dropFirst()), i)
                if t.dtype.isFloatingPoint { t.write(floats: values) } else { t.write(floats: values, ints: values.map(intFromFloat)) }
                return .tensor(t)
            }
        }
        add("zeros_", ["tensor"]) { t, _, _ throws(PyError) in Array(repeating: 0, count: t.count) }
        add("ones_", ["tensor"]) { t, _, _ throws(PyError) in Array(repeating: 1, count: t.count) }
        add("constant_", ["tensor", "val"], required: 2) { t, b, _ throws(PyError) in
            guard let v = b[0]!.asDouble ?? (try? (b[0]!.asTensorValue)) else { throw .typeError("fill_() received an invalid combination of arguments - got (\(b[0]!.typeName))") }
            return Array(repeating: Float(v), count: t.count)
        }
        add("eye_", ["tensor"]) { t, _, _ throws(PyError) in
            guard t.shape.count == 2 else { throw .valueError("Only tensors with 2 dimensions are supported") }
            let (r, c) = (t.shape[0], t.shape[1])
            return (0..<(r * c)).map { $0 / c == $0 % c ? 1 : 0 }
        }
        add("uniform_", ["tensor", "a", "b", "generator"]) { t, b, i throws(PyError) in
            i.randomValues(t.count, uniform: true, b[0]?.asDouble ?? 0, b[1]?.asDouble ?? 1)
        }
        add("normal_", ["tensor", "mean", "std", "generator"]) { t, b, i throws(PyError) in
            i.randomValues(t.count, uniform: false, b[0]?.asDouble ?? 0, b[1]?.asDouble ?? 1)
        }
        for name in ["xavier_uniform_", "xavier_normal_"] {
            add(name, ["tensor", "gain", "generator"]) { t, b, i throws(PyError) in
                let (fanIn, fanOut) = try fans(t)
                let std = (b[0]?.asDouble ?? 1) * (2 / Double(fanIn + fanOut)).squareRoot()
                return name == "xavier_uniform_" ? i.randomValues(t.count, uniform: true, -3.0.squareRoot() * std, 3.0.squareRoot() * std)
                    : i.randomValues(t.count, uniform: false, 0, std)
            }
        }
        for name in ["kaiming_uniform_", "kaiming_normal_"] {
            add(name, ["tensor", "a", "mode", "nonlinearity", "generator"]) { t, b, i throws(PyError) in
                if t.shape.contains(0) { return [] }
                let (fanIn, fanOut) = try fans(t)
                let mode = try b[1].map { v throws(PyError) in try i.str(v) } ?? "fan_in"
                guard mode == "fan_in" || mode == "fan_out" else { throw .valueError("Mode \(mode) not supported, please use one of fan_in, fan_out") }
                let gain = try calculateGain(try b[2].map { v throws(PyError) in try i.str(v) } ?? "leaky_relu", b[0]?.asDouble ?? 0)
                let std = gain / Double(mode == "fan_in" ? fanIn : fanOut).squareRoot()
                return name == "kaiming_uniform_" ? i.randomValues(t.count, uniform: true, -3.0.squareRoot() * std, 3.0.squareRoot() * std)
                    : i.randomValues(t.count, uniform: false, 0, std)
            }
        }
        add("orthogonal_", ["tensor", "gain", "generator"]) { t, b, i throws(PyError) in
            guard t.shape.count >= 2 else { throw .valueError("Only tensors with 2 or more dimensions are supported") }
            if t.count == 0 { return [] }
            return orthogonal(rows: t.shape[0], cols: t.count / t.shape[0], gain: b[0]?.asDouble ?? 1, i)
        }
        f["calculate_gain"] = Builtins.fn("calculate_gain") { a, k, i throws(PyError) in
            let b = try bind("calculate_gain", ["nonlinearity", "param"], required: 1, a, k)
            return .float(try calculateGain(try i.str(b[0]!), b[1]?.asDouble))
        }
        return Namespace("torch.nn.init", f)
    }()

    /// torch's `_calculate_fan_in_and_fan_out`.
    static func fans(_ t: PyTensor) throws(PyError) -> (Int, Int) {
        guard t.shape.count >= 2 else { throw .valueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions") }
        let receptive = t.shape.dropFirst(2).reduce(1, *)
        return (t.shape[1] * receptive, t.shape[0] * receptive)
    }

    /// torch's `calculate_gain`.
    static func calculateGain(_ name: String, _ param: Double?) throws(PyError) -> Double {
        switch name {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw .valueError("Unsupported nonlinearity \(name)")
        }
    }

    /// A (rows × cols) matrix with orthonormal rows or columns: the Q of the QR factorisation of a standard normal
    /// matrix (MiniPy's generator), its signs fixed by R's diagonal as torch does, times `gain`.
    static func orthogonal(rows: Int, cols: Int, gain: Double, _ interp: Interpreter) -> [Float] {
        let flat = (0..<(rows * cols)).map { _ in Double(interp.normal()) }
        let transpose = rows < cols
        let (m, n) = transpose ? (cols, rows) : (rows, cols)
        // a: m × n, column-major columns; Gram–Schmidt (twice, for orthogonality) gives Q (m × n) and R's diagonal.
        var columns = (0..<n).map { j in (0..<m).map { r in transpose ? flat[j * cols + r] : flat[r * cols + j] } }
        var diagonal = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var v = columns[j]
            var rjj = 0.0
            for _ in 0..<2 {
                for k in 0..<j {
                    var dot = 0.0
                    for r in 0..<m { dot += columns[k][r] * v[r] }
                    for r in 0..<m { v[r] -= dot * columns[k][r] }
                }
            }
            for r in 0..<m { rjj += v[r] * v[r] }
            rjj = rjj.squareRoot()
            var dot = 0.0
            for r in 0..<m { dot += v[r] * columns[j][r] }
            diagonal[j] = dot >= 0 ? rjj : -rjj
            columns[j] = v.map { rjj == 0 ? 0 : $0 / rjj }
        }
        // Q's columns times sign(R's diagonal): with Gram–Schmidt that diagonal is already positive.
        var out = [Float](repeating: 0, count: rows * cols)
        for j in 0..<n {
            let sign: Double = diagonal[j] < 0 ? -1 : 1
            for r in 0..<m {
                let value = Float(columns[j][r] * sign * gain)
                if transpose { out[j * cols + r] = value } else { out[r * cols + j] = value }
            }
        }
        return out
    }
}

extension PyValue {
    /// The value of a one-element tensor (a number given as a tensor).
    var asTensorValue: Double {
        get throws(PyError) {
            guard case .tensor(let t) = self, t.count == 1 else { throw .typeError("a number is required") }
            return try t.item().asDouble ?? 0
        }
    }
}
