import Foundation
import RNNEngine

/// Tensor arithmetic as torch does it: operands promoted by torch's `result_type`, integers computed exactly in
/// int64 (wrapping on overflow, int32 wrapped to 32 bits), floats in float32 with their gradients; in-place forms
/// (`x += y`) write into the tensor's storage.
extension Interpreter {
    /// A Python number as the 0-d tensor torch wraps it in (int64, float32 or bool).
    func asTensor(_ v: PyValue) -> PyTensor? {
        switch v {
        case .tensor(let t): return t
        case .int(let i): return PyTensor(ints: [i], shape: [], dtype: .int64)
        case .bool(let b): return PyTensor(ints: [b ? 1 : 0], shape: [], dtype: .bool)
        case .float(let f): return PyTensor(Tensor(shape: [], storage: [Float(f)]))
        default: return nil
        }
    }

    /// torch's `result_type`: tensors with dimensions first, then 0-d tensors, then Python numbers; a later group
    /// counts only when its category (bool < integer < floating) is higher.
    static func resultType(_ operands: [(value: PyValue, tensor: PyTensor)]) -> PyTensor.DType {
        func promote(_ a: PyTensor.DType?, _ b: PyTensor.DType?) -> PyTensor.DType? {
            guard let a else { return b }
            guard let b else { return a }
            return a.rank >= b.rank ? a : b
        }
        func combine(_ higher: PyTensor.DType?, _ lower: PyTensor.DType?) -> PyTensor.DType? {
            guard let higher else { return lower }
            if higher.isFloatingPoint { return higher }
            if higher == .bool || lower?.isFloatingPoint == true { return promote(higher, lower) }
            return higher
        }
        var dim: PyTensor.DType?, zero: PyTensor.DType?, wrapped: PyTensor.DType?
        for (v, t) in operands {
            if case .tensor = v { if t.shape.isEmpty { zero = promote(zero, t.dtype) } else { dim = promote(dim, t.dtype) } }
            else { wrapped = promote(wrapped, t.dtype) }
        }
        return combine(dim, combine(zero, wrapped)) ?? .float32
    }

    func tensorBinary(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue {
        guard let a = asTensor(l), let b = asTensor(r) else {
            let shown = op == "**" ? "** or pow()" : op
            throw .typeError("unsupported operand type(s) for \(shown): '\(l.typeName)' and '\(r.typeName)'")
        }
        if op == "@" { return try matmul(l, r, a, b) }
        let shape = try tc { try Tensor.broadcastShape(a.shape, b.shape) }
        _ = try checkedShape("broadcast", shape)
        let common = Self.resultType([(l, a), (r, b)])
        // Bool tensors: + and * are or and and; - is refused, with torch's advice.
        if a.dtype == .bool && b.dtype == .bool && (op == "+" || op == "*") {
            return .tensor(try intBinary(op == "+" ? "|" : "&", a, b, shape, .bool))
        }
        if op == "-" && (a.dtype == .bool || b.dtype == .bool) {
            if a.dtype == .bool && b.dtype == .bool {
                throw PyError(type: "NotImplementedError", message: "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
            }
            throw PyError(type: "NotImplementedError", message: "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        if ["&", "|", "^", "<<", ">>"].contains(op) {
            guard !common.isFloatingPoint else {
                let kernel = ["&": "bitwise_and_cpu", "|": "bitwise_or_cpu", "^": "bitwise_xor_cpu", "<<": "lshift_cpu", ">>": "rshift_cpu"][op]!
                throw PyError(type: "NotImplementedError", message: "\"\(kernel)\" not implemented for '\(common.scalarName)'")
            }
            return .tensor(try intBinary(op, a, b, shape, common))
        }
        if op == "**", common.isInteger, case .int(let e) = r, e < 0 {
            throw .runtime("Integers to negative integer powers are not allowed.")
        }
        if ["==", "!=", "<", "<=", ">", ">="].contains(op) {
            if !common.isFloatingPoint { return .tensor(try intBinary(op, a, b, shape, .bool)) }
            return .tensor(try floatCompare(op, a, b))
        }
        if common.isInteger && ["+", "-", "*", "//", "%", "**", "max", "min"].contains(op) {
            return .tensor(try intBinary(op, a, b, shape, common))
        }
        if common == .bool && ["max", "min"].contains(op) { return .tensor(try intBinary(op, a, b, shape, .bool)) }
        if common == .bool && ["//", "%", "**"].contains(op) { return .tensor(try intBinary(op, a, b, shape, .int64)) }
        return .tensor(try floatBinary(op, l, r, a, b))
    }

    private func floatCompare(_ op: String, _ a: PyTensor, _ b: PyTensor) throws(PyError) -> PyTensor {
        let f: (Float, Float) -> Bool
        switch op {
        case "==": f = (==)
        case "!=": f = (!=)
        case "<": f = (<)
        case "<=": f = (<=)
        case ">": f = (>)
        default: f = (>=)
        }
        return PyTensor(try tc { try Tensor.broadcasting(a.t, b.t) { f($0, $1) ? 1 : 0 } }, dtype: .bool)
    }

    /// An operation on integers (or bools) computed exactly: int64 wraps on overflow as torch's kernels do.
    private func intBinary(_ op: String, _ a: PyTensor, _ b: PyTensor, _ shape: [Int], _ dtype: PyTensor.DType) throws(PyError) -> PyTensor {
        let ma = Layout.broadcast(a.shape, to: shape), mb = Layout.broadcast(b.shape, to: shape)
        let x = a.exactInts, y = b.exactInts
        var out = [Int](repeating: 0, count: ma.count)
        func each(_ f: (Int, Int) throws(PyError) -> Int) throws(PyError) {
            for k in out.indices { out[k] = try f(x[ma[k]], y[mb[k]]) }
        }
        switch op {
        case "+": try each { $0 &+ $1 }
        case "-": try each { $0 &- $1 }
        case "*": try each { $0 &* $1 }
        case "//":
            try each { p, q throws(PyError) in
                guard q != 0 else { throw .runtime("ZeroDivisionError") }
                if p == Int.min && q == -1 { return Int.min }
                var d = p / q
                if p % q != 0 && ((p < 0) != (q < 0)) { d -= 1 }
                return d
            }
        case "%":
            try each { p, q throws(PyError) in
                guard q != 0 else { throw .runtime("ZeroDivisionError") }
                if q == -1 { return 0 }
                var m = p % q
                if m != 0 && ((m < 0) != (q < 0)) { m += q }
                return m
            }
        case "**":
            try each { p, q in
                if q < 0 { return p == 1 ? 1 : p == -1 ? (q % 2 == 0 ? 1 : -1) : 0 }
                var result = 1, base = p, e = q
                while e > 0 {
                    if e & 1 == 1 { result = result &* base }
                    e >>= 1
                    if e > 0 { base = base &* base }
                }
                return result
            }
        case "max": try each { Swift.max($0, $1) }
        case "min": try each { Swift.min($0, $1) }
        case "&": try each { $0 & $1 }
        case "|": try each { $0 | $1 }
        case "^": try each { $0 ^ $1 }
        case "<<": try each { p, q in q < 0 || q >= 64 ? 0 : p << q }
        case ">>": try each { p, q in q < 0 || q >= 64 ? (p < 0 ? -1 : 0) : p >> q }
        case "==": try each { $0 == $1 ? 1 : 0 }
        case "!=": try each { $0 != $1 ? 1 : 0 }
        case "<": try each { $0 < $1 ? 1 : 0 }
        case "<=": try each { $0 <= $1 ? 1 : 0 }
        case ">": try each { $0 > $1 ? 1 : 0 }
        case ">=": try each { $0 >= $1 ? 1 : 0 }
        default: throw .typeError("unsupported operand type(s) for \(op): 'Tensor' and 'Tensor'")
        }
        return PyTensor(ints: out, shape: shape, dtype: dtype)
    }

    /// Floating-point arithmetic in float32, recorded with each operand's gradient.
    private func floatBinary(_ op: String, _ l: PyValue, _ r: PyValue, _ a: PyTensor, _ b: PyTensor) throws(PyError) -> PyTensor {
        let x = a.t, y = b.t
        let f: (Float, Float) -> Float
        let name: String
        // The gradient of each operand, from the output's gradient g (the operands are captured).
        let grads: (Tensor) -> (Tensor, Tensor)
        func each(_ g: Tensor, _ da: (Float, Float) -> Float, _ db: (Float, Float) -> Float) -> (Tensor, Tensor) {
            let xa = try! Tensor.broadcasting(x, g) { p, _ in p }, yb = try! Tensor.broadcasting(y, g) { p, _ in p }
            var ga = g.storage, gb = g.storage
            for k in 0..<g.count {
                // A zero factor masks (0, not -0 for a negative gradient), as torch's kernels do.
                let fa = da(xa.storage[k], yb.storage[k]), fb = db(xa.storage[k], yb.storage[k])
                ga[k] = fa == 0 ? 0 : ga[k] * fa
                gb[k] = fb == 0 ? 0 : gb[k] * fb
            }
            return (Tensor(shape: g.shape, storage: ga), Tensor(shape: g.shape, storage: gb))
        }
        let scalarLeft: Bool = { if case .tensor = l { return false }; return true }()
        switch op {
        case "+": f = (+); name = "AddBackward0"; grads = { g in (g, g) }
        case "-":
            f = (-); name = scalarLeft ? "RsubBackward1" : "SubBackward0"
            grads = { g in (g, Autograd.mapped(g) { -$0 }) }
        case "*": f = (*); name = "MulBackward0"; grads = { g in each(g, { _, q in q }, { p, _ in p }) }
        case "/":
            f = (/); name = scalarLeft ? "MulBackward0" : "DivBackward0"
            grads = { g in each(g, { _, q in 1 / q }, { p, q in -p / (q * q) }) }
        case "//":
            f = Self.floorDivide; name = "FloorDivideBackward0"
            grads = { g in (Autograd.mapped(g) { _ in 0 }, Autograd.mapped(g) { _ in 0 }) }
        case "%":
            f = { p, q in
                let m = fmodf(p, q)
                return m != 0 && ((q < 0) != (m < 0)) ? m + q : m
            }
            name = "RemainderBackward0"
            grads = { g in (g, Autograd.zipped(Tensor.zeros(g.shape), g) { _, _ in 0 }) }
        case "**":
            f = { Foundation.pow($0, $1) }
            name = scalarLeft ? "PowBackward2" : { if case .tensor = r { return "PowBackward1" }; return "PowBackward0" }()
            grads = { g in
                each(g, { p, q in q == 0 ? 0 : q * Foundation.pow(p, q - 1) }, { p, q in p == 0 && q >= 0 ? 0 : Foundation.pow(p, q) * Foundation.log(p) })
            }
        case "max", "min":
            // torch.maximum / torch.minimum (x.max(other)): the gradient goes to the larger (smaller) one, halved on ties.
            let isMax = op == "max"
            f = isMax ? { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) } : { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
            name = isMax ? "MaximumBackward0" : "MinimumBackward0"
            grads = { g in
                each(g, { p, q in p == q ? 0.5 : (isMax ? p > q : p < q) ? 1 : 0 }, { p, q in p == q ? 0.5 : (isMax ? q > p : q < p) ? 1 : 0 })
            }
        default: throw .typeError("unsupported operand type(s) for \(op): '\(l.typeName)' and '\(r.typeName)'")
        }
        let out = try tc { try Tensor.broadcasting(x, y, f) }
        let xShape = x.shape, yShape = y.shape
        // Sums and differences save no tensors: torch lets a second backward through them run.
        let saves = op != "+" && op != "-"
        return Autograd.record(name, out, inputs: [a, b], saves: saves) { g in
            let (ga, gb) = grads(g)
            return [Autograd.sum(ga, toShape: xShape), Autograd.sum(gb, toShape: yShape)]
        }.withStrides(Strides.elementwise(out.shape, [a, b]))
    }

    /// torch's `div_floor_floating`: the quotient rounded down, exact where `floor(a / b)` would round wrongly.
    static func floorDivide(_ a: Float, _ b: Float) -> Float {
        if b == 0 { return a / b }
        let mod = fmodf(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div == 0 { return Float(signOf: a / b, magnitudeOf: 0) }
        var floordiv = div.rounded(.down)
        if div - floordiv > 0.5 { floordiv += 1 }
        return floordiv
    }

    private func matmul(_ l: PyValue, _ r: PyValue, _ a: PyTensor, _ b: PyTensor) throws(PyError) -> PyValue {
        guard case .tensor = l, case .tensor = r else {
            throw .typeError("unsupported operand type(s) for @: '\(l.typeName)' and '\(r.typeName)'")
        }
        try checkOperations(Double(a.count) * Double(b.shape.count == 2 ? b.shape[1] : 1))
        if a.shape.count >= 2, b.shape.count == 2, a.shape.last == b.shape[0] {
            // With an inner size of 0 there is no work, but the result (all zeros) can still be huge.
            _ = try checkedShape("matmul", a.shape.dropLast() + [b.shape[1]])
        }
        let x = a.t, y = b.t
        if b.shape.count > 2 && a.shape.count >= 1 {
            guard a.dtype.isFloatingPoint && b.dtype.isFloatingPoint else {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support batched matrix products of integers yet")
            }
            return .tensor(try batchedMatmul(a, b))
        }
        if a.dtype != b.dtype {
            func c(_ d: PyTensor.DType) -> String {
                switch d { case .float32: "float"; case .int64: "long int"; case .int32: "int"; case .bool: "bool" }
            }
            if x.dim == 2 && y.dim == 2 { throw .runtime("expected m1 and m2 to have the same dtype, but got: \(c(a.dtype)) != \(c(b.dtype))") }
            if x.dim == 1 && y.dim == 1 {
                throw .runtime("dot : expected both vectors to have same dtype, but found \(a.dtype.scalarName) and \(b.dtype.scalarName)")
            }
        }
        if a.dtype.isInteger || a.dtype == .bool {
            // Exact through float32 while every partial sum stays below 2**24; beyond, MiniPy says it lacks it.
            let k = Double(x.dim == 0 ? 1 : x.shape[x.dim - 1])
            let bound = Double(a.exactInts.map { $0.magnitude }.max() ?? 0) * Double(b.exactInts.map { $0.magnitude }.max() ?? 0) * k
            guard bound < 16_777_216 else {
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support matrix products of integers this large yet")
            }
        }
        let out = try tc { try Tensor.matmul(x, y) }
        let name = x.dim == 1 ? (y.dim == 1 ? "DotBackward0" : "SqueezeBackward4")
                 : x.dim == 2 ? (y.dim == 1 ? "MvBackward0" : "MmBackward0") : "UnsafeViewBackward0"
        return .tensor(Autograd.record(name, out, dtype: a.dtype, inputs: [a, b]) { g in
            let (ga, gb) = Autograd.matmulGrads(x, y, g)
            return [ga, gb]
        })
    }

    /// `-t` and `~t`.
    func tensorUnary(_ op: String, _ t: PyTensor) throws(PyError) -> PyValue {
        switch op {
        case "-":
            if t.dtype == .bool {
                throw PyError(type: "NotImplementedError", message: "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
            }
            if t.dtype.isInteger { return .tensor(PyTensor(ints: t.exactInts.map { 0 &- $0 }, shape: t.shape, dtype: t.dtype)) }
            return .tensor(Autograd.record("NegBackward0", Autograd.mapped(t.t) { -$0 }, inputs: [t], saves: false) { g in
                [Autograd.mapped(g) { -$0 }]
            })
        case "~":
            switch t.dtype {
            case .bool: return .tensor(PyTensor(ints: t.exactInts.map { $0 == 0 ? 1 : 0 }, shape: t.shape, dtype: .bool))
            case .int64, .int32: return .tensor(PyTensor(ints: t.exactInts.map { ~$0 }, shape: t.shape, dtype: t.dtype))
            case .float32: throw .typeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            }
        case "+":
            return .tensor(t)
        default:
            throw .typeError("bad operand type for unary \(op): 'Tensor'")
        }
    }

    /// `x op= y` on a tensor: torch's in-place operation. The result is cast back to x's dtype (torch refuses a
    /// cast to a lower category) and written into x's storage; x keeps its shape (the operand must broadcast to it).
    /// Returns x with the operation's autograd record when it made one.
    func tensorInPlace(_ op: String, _ t: PyTensor, _ operand: PyValue) throws(PyError) -> PyTensor {
        try t.checkInPlace()
        guard let o = asTensor(operand) else {
            let shown = op == "**" ? "** or pow()" : op
            throw .typeError("unsupported operand type(s) for \(shown)=: 'Tensor' and '\(operand.typeName)'")
        }
        let common = op == "/" ? .float32 : Self.resultType([(.tensor(t), t), (operand, o)])
        // torch's can_cast: never from floating to integral or bool, nor from integral to bool.
        if (common.isFloatingPoint && !t.dtype.isFloatingPoint) || (common.isInteger && t.dtype == .bool) {
            throw .runtime("result type \(common.scalarName) can't be cast to the desired output type \(t.dtype.scalarName)")
        }
        guard case .tensor(let r) = try tensorBinary(op, .tensor(t), operand) else { return t }
        guard r.shape == t.shape else {
            throw .runtime("output with shape \(pyShape(t.shape)) doesn't match the broadcast shape \(pyShape(r.shape))")
        }
        return try assignInPlace(t, r)
    }

    /// Writes `r`'s values (cast to t's dtype) into t's storage; t takes r's autograd record when grad mode made one
    /// (inside `torch.no_grad()` t keeps its own, as torch keeps grad_fn).
    func assignInPlace(_ t: PyTensor, _ r: PyTensor) throws(PyError) -> PyTensor {
        if t.dtype.isInteger || t.dtype == .bool {
            let ints = r.converted(to: t.dtype).exactInts
            t.write(floats: ints.map { Float($0) }, ints: ints)
        } else {
            t.write(floats: r.floats)
        }
        guard GradMode.isEnabled, r.requiresGrad, case .node? = r.origin else { return t }
        var changed = t
        changed.origin = r.origin
        return changed
    }
}
