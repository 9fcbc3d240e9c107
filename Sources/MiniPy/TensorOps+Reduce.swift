import Foundation
import RNNEngine

/// A reduction over everything or over some dimensions, as (outer, n, inner) blocks of the input.
struct ReductionLayout {
    var outer: Int, n: Int, inner: Int
    /// The result's shape without and with `keepdim`.
    var shape: [Int], keptShape: [Int]
    /// The reduced dimensions (one, or a run of adjacent ones), empty for a 0-d input.
    var dims: [Int]
}

/// Reductions: sums (in torch's order), means, products, deviations, extremes, orderings and truth tests.
extension TensorOps {
    static let reduction: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        for name in ["sum", "mean", "nansum"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "keepdim", "dtype"])
                var t = c.input
                let asked = try c.interp.dtypeArg(name, b[2])
                if let d = asked { t = t.converted(to: d) }
                let isMean = name == "mean"
                // torch sums integers and bools to int64 and has no mean for them; it names whichever dtype it
                // was given, the requested one first.
                if isMean && !t.dtype.isFloatingPoint {
                    let which = asked == nil ? "Input" : "Optional"
                    throw PyError(type: "NotImplementedError", message: "mean(): could not infer output dtype. \(which) dtype must be either a floating point or complex dtype. Got: \(t.dtype.scalarName)")
                }
                let prefix = isMean ? "MeanBackward" : "SumBackward"
                let layout = try c.interp.reductionLayout(t.shape, b[0], name)
                let shape = try c.flag(b[1]) ? layout.keptShape : layout.shape
                let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
                if !t.dtype.isFloatingPoint {
                    let x = t.exactInts
                    var out = [Int](repeating: 0, count: outer * inner)
                    for o in 0..<outer { for k in 0..<n { for j in 0..<inner { out[o * inner + j] &+= x[(o * n + k) * inner + j] } } }
                    return .tensor(PyTensor(ints: out, shape: shape, dtype: .int64))
                }
                var x = t.floats
                if name == "nansum" { x = x.map { $0.isNaN ? 0 : $0 } }
                // torch's order over the tensor as torch lays it out (a transposed view sums in memory order).
                var out = Reduction.sum(x, shape: t.shape, strides: t.torchStrides, reduced: Set(layout.dims))
                if isMean { out = out.map { $0 / Float(n) } }   // 0/0 is nan, as torch's mean over an empty dim
                let source = t.shape, whole = b[0] == nil || b[0]!.isNone
                return .tensor(Autograd.record(prefix + (whole ? "0" : "1"), Tensor(shape: shape, storage: out), inputs: [t], saves: false) { g in
                    // Every element of a reduced slice gets its slice's gradient.
                    var gx = [Float](repeating: 0, count: outer * n * inner)
                    for o in 0..<outer { for k in 0..<n { for j in 0..<inner {
                        gx[(o * n + k) * inner + j] = isMean ? g.storage[o * inner + j] / Float(n) : g.storage[o * inner + j]
                    } } }
                    return [Tensor(shape: source, storage: gx)]
                })
            }
        }
        ops["prod"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "keepdim", "dtype"])
            let t = c.input
            let layout = try c.interp.reductionLayout(t.shape, b[0], "prod")
            let shape = try c.flag(b[1]) ? layout.keptShape : layout.shape
            let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
            if !t.dtype.isFloatingPoint {
                let x = t.exactInts
                var out = [Int](repeating: 1, count: outer * inner)
                for o in 0..<outer { for k in 0..<n { for j in 0..<inner { out[o * inner + j] &*= x[(o * n + k) * inner + j] } } }
                return .tensor(PyTensor(ints: out, shape: shape, dtype: .int64))
            }
            let x = t.floats
            var out = [Float](repeating: 1, count: outer * inner)
            for o in 0..<outer { for k in 0..<n { for j in 0..<inner { out[o * inner + j] *= x[(o * n + k) * inner + j] } } }
            let source = t.shape, whole = b[0] == nil || b[0]!.isNone
            let result = out
            return .tensor(Autograd.record(whole ? "ProdBackward0" : "ProdBackward1", Tensor(shape: shape, storage: out), inputs: [t]) { g in
                // d(prod)/dx_k = the product of the others.
                var gx = [Float](repeating: 0, count: x.count)
                for o in 0..<outer { for j in 0..<inner {
                    for k in 0..<n {
                        var others: Float = 1
                        for m in 0..<n where m != k { others *= x[(o * n + m) * inner + j] }
                        gx[(o * n + k) * inner + j] = g.storage[o * inner + j] * others
                    }
                } }
                _ = result
                return [Tensor(shape: source, storage: gx)]
            })
        }
        for name in ["std", "var"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "unbiased", "keepdim", "correction"])
                let t = c.input
                guard t.dtype.isFloatingPoint else { throw PyError(type: "NotImplementedError", message: "std and var only support floating point and complex dtypes") }
                var dimValue = b[0], unbiased = b[1]
                if case .bool? = dimValue { unbiased = dimValue; dimValue = nil }   // x.std(False)
                var correction = try unbiased.map { v throws(PyError) in try v.truthy() ? 1.0 : 0.0 } ?? 1
                if let cv = b[3], !cv.isNone { correction = cv.asDouble ?? 1 }
                let layout = try c.interp.reductionLayout(t.shape, dimValue, name)
                let shape = try c.flag(b[2]) ? layout.keptShape : layout.shape
                let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
                let x = t.floats
                var out = [Float](repeating: 0, count: outer * inner)
                var means = [Double](repeating: 0, count: outer * inner)
                for o in 0..<outer { for j in 0..<inner {
                    // Two passes in double, as torch's Welford accumulates in double for float32.
                    var mean = 0.0
                    for k in 0..<n { mean += Double(x[(o * n + k) * inner + j]) }
                    mean /= Double(n)
                    var m2 = 0.0
                    for k in 0..<n { let d = Double(x[(o * n + k) * inner + j]) - mean; m2 += d * d }
                    let v = m2 / max(0, Double(n) - correction)
                    means[o * inner + j] = mean
                    out[o * inner + j] = Float(name == "std" ? v.squareRoot() : v)
                } }
                let source = t.shape, result = out
                let gradName = name == "std" ? "StdBackward0" : "VarBackward0"
                return .tensor(Autograd.record(gradName, Tensor(shape: shape, storage: out), inputs: [t]) { g in
                    var gx = [Float](repeating: 0, count: x.count)
                    let denom = max(0, Double(n) - correction)
                    for o in 0..<outer { for j in 0..<inner {
                        let p = o * inner + j
                        for k in 0..<n {
                            let i = (o * n + k) * inner + j
                            var dv = 2 * (Double(x[i]) - means[p]) / denom
                            if name == "std" { dv /= 2 * Double(result[p]) }
                            gx[i] = Float(Double(g.storage[p]) * dv)
                        }
                    } }
                    return [Tensor(shape: source, storage: gx)]
                })
            }
        }
        for name in ["max", "min"] {
            ops[name] = TensorOp { c throws(PyError) in try c.interp.extremum(c.input, name, c.args, c.kwargs) }
        }
        for name in ["amax", "amin"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "keepdim"])
                guard let d = b[0] else {
                    if c.input.count == 0 {
                        throw .runtime("\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
                    }
                    return try c.interp.extremum(c.input, String(name.dropFirst()), [], [])
                }
                // torch's amax/amin name themselves and the dim as it was given (max/min name the dim wrapped).
                let shape = c.input.shape
                if let dim = d.asIndex, !shape.isEmpty, case let w = dim < 0 ? dim + shape.count : dim, w >= 0, w < shape.count, shape[w] == 0 {
                    throw .indexError("\(name)(): Expected reduction dim \(dim) to have non-zero size.")
                }
                guard case .object(let r as ReturnTypesObject) = try c.interp.extremum(c.input, String(name.dropFirst()), [d] + (b[1].map { [$0] } ?? []), []),
                      case .tensor(let v) = r.values else { return .none }
                return .tensor(renamedTensor(v, name == "amax" ? "AmaxBackward0" : "AminBackward0"))
            }
        }
        for name in ["argmax", "argmin"] {
            ops[name] = TensorOp { c throws(PyError) in try c.interp.argExtreme(c.input, name, c.args, c.kwargs) }
        }
        for name in ["all", "any"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "keepdim"], isMethod: true)
                let x = c.input.floats
                let isAll = name == "all"
                guard let dv = b[0], !dv.isNone else {
                    let v = isAll ? x.allSatisfy { $0 != 0 } : x.contains { $0 != 0 }
                    return .tensor(PyTensor(ints: [v ? 1 : 0], shape: [], dtype: .bool))
                }
                let layout = try c.interp.reductionLayout(c.input.shape, dv, name)
                let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
                var out = [Int](repeating: isAll ? 1 : 0, count: outer * inner)
                for o in 0..<outer { for k in 0..<n { for j in 0..<inner {
                    let nonzero = x[(o * n + k) * inner + j] != 0
                    if isAll && !nonzero { out[o * inner + j] = 0 }
                    if !isAll && nonzero { out[o * inner + j] = 1 }
                } } }
                return .tensor(PyTensor(ints: out, shape: try c.flag(b[1]) ? layout.keptShape : layout.shape, dtype: .bool))
            }
        }
        ops["count_nonzero"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim"])
            let x = c.input.floats
            let layout = try c.interp.reductionLayout(c.input.shape, b[0], "count_nonzero")
            let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
            var out = [Int](repeating: 0, count: outer * inner)
            for o in 0..<outer { for k in 0..<n { for j in 0..<inner where x[(o * n + k) * inner + j] != 0 { out[o * inner + j] += 1 } } }
            return .tensor(PyTensor(ints: out, shape: layout.shape, dtype: .int64))
        }
        for name in ["cumsum", "cumprod"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "dtype"])
                guard let dv = b[0] else { throw .typeError("\(name)() missing 1 required positional arguments: \"dim\"") }
                var t = c.input
                if let d = try c.interp.dtypeArg(name, b[1]) { t = t.converted(to: d) }
                let isSum = name == "cumsum"
                let layout = try c.interp.reductionLayout(t.shape, dv, name)
                let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
                if !t.dtype.isFloatingPoint {
                    let x = t.exactInts
                    var out = x
                    for o in 0..<outer { for j in 0..<inner {
                        var acc = isSum ? 0 : 1
                        for k in 0..<n { let i = (o * n + k) * inner + j; acc = isSum ? acc &+ x[i] : acc &* x[i]; out[i] = acc }
                    } }
                    return .tensor(PyTensor(ints: out, shape: t.shape, dtype: .int64))
                }
                // torch accumulates a float32 cumsum in double and rounds each output.
                let x = t.floats
                var out = x
                for o in 0..<outer { for j in 0..<inner {
                    var acc: Double = isSum ? 0 : 1
                    for k in 0..<n { let i = (o * n + k) * inner + j; acc = isSum ? acc + Double(x[i]) : acc * Double(x[i]); out[i] = Float(acc) }
                } }
                let shape = t.shape, result = out
                return .tensor(Autograd.record(isSum ? "CumsumBackward0" : "CumprodBackward0", Tensor(shape: shape, storage: out), inputs: [t]) { g in
                    var gx = [Float](repeating: 0, count: x.count)
                    for o in 0..<outer { for j in 0..<inner {
                        // cumsum: the reversed cumulative sum of g; cumprod: Σ_{m≥k} g_m · y_m / x_k (x_k ≠ 0).
                        var acc: Float = 0
                        for k in stride(from: n - 1, through: 0, by: -1) {
                            let i = (o * n + k) * inner + j
                            if isSum { acc += g.storage[i]; gx[i] = acc } else {
                                var s: Float = 0
                                for m in k..<n { let im = (o * n + m) * inner + j; s += g.storage[im] * result[im] }
                                gx[i] = x[i] == 0 ? 0 : s / x[i]
                            }
                        }
                    } }
                    return [Tensor(shape: shape, storage: gx)]
                })
            }
        }
        ops["logsumexp"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "keepdim"], required: 1)
            let t = c.input.dtype.isFloatingPoint ? c.input : c.input.converted(to: .float32)
            let layout = try c.interp.reductionLayout(t.shape, b[0], "logsumexp")
            let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
            let x = t.floats
            var maxes = [Float](repeating: -.infinity, count: outer * inner)
            for o in 0..<outer { for k in 0..<n { for j in 0..<inner { maxes[o * inner + j] = max(maxes[o * inner + j], x[(o * n + k) * inner + j]) } } }
            let shifted = x.indices.map { i -> Float in
                let m = maxes[(i / (n * inner)) * inner + i % inner]
                return Foundation.exp(x[i] - (m.isInfinite ? 0 : m))
            }
            let sums = Reduction.sum(shifted, outer: outer, n: n, inner: inner)
            let out = sums.indices.map { Foundation.log(sums[$0]) + (maxes[$0].isInfinite ? 0 : maxes[$0]) }
            let shape = try c.flag(b[1]) ? layout.keptShape : layout.shape, source = t.shape
            return .tensor(Autograd.record("LogsumexpBackward0", Tensor(shape: shape, storage: out), inputs: [t]) { g in
                var gx = [Float](repeating: 0, count: x.count)
                for i in x.indices {
                    let p = (i / (n * inner)) * inner + i % inner
                    gx[i] = g.storage[p] * Foundation.exp(x[i] - out[p])
                }
                return [Tensor(shape: source, storage: gx)]
            })
        }
        for name in ["sort", "argsort"] {
            ops[name] = TensorOp { c throws(PyError) in
                let b = try c.bind(["dim", "descending", "stable"])
                var dimValue = b[0], descending = b[1]
                if case .bool? = dimValue { descending = dimValue; dimValue = nil }
                let (values, indices) = try c.interp.sorted(c.input, dim: dimValue ?? .int(-1), descending: try c.flag(descending), k: nil, name: "sort")
                return name == "sort" ? .object(ReturnTypesObject("sort", values: .tensor(values), indices: .tensor(indices))) : .tensor(indices)
            }
        }
        ops["topk"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["k", "dim", "largest", "sorted"], required: 1)
            let k = try c.int(b[0], "k")
            let (values, indices) = try c.interp.sorted(c.input, dim: b[1] ?? .int(-1), descending: try b[2]?.truthy() ?? true, k: k, name: "topk")
            return .object(ReturnTypesObject("topk", values: .tensor(values), indices: .tensor(indices)))
        }
        ops["median"] = TensorOp { c throws(PyError) in
            let b = try c.bind(["dim", "keepdim"])
            let t = c.input
            guard let dv = b[0], !dv.isNone else {
                guard t.count > 0 else { throw .runtime("median() input tensor cannot be empty") }
                let flat = PyTensor(viewOf: t, shape: [t.count], map: nil)
                let (values, _) = try c.interp.sorted(flat, dim: .int(0), descending: false, k: nil, name: "median")
                return .tensor(PyTensor(copying: values, shape: [], map: [(t.count - 1) / 2]))
            }
            let (values, indices) = try c.interp.sorted(t, dim: dv, descending: false, k: nil, name: "median")
            let d = try c.dim(dv)
            let n = t.shape.isEmpty ? 1 : t.shape[d]
            let items = [PyValue](repeating: .object(SliceObject(.none, .none, .none)), count: t.shape.isEmpty ? 0 : d) + (t.shape.isEmpty ? [] : [.int((n - 1) / 2)])
            var v = try c.interp.tensorIndex(values, items), i = try c.interp.tensorIndex(indices, items)
            if try c.flag(b[1]), !t.shape.isEmpty {
                v = try c.interp.attribute(v, "unsqueeze").callUnary(c.interp, .int(d))
                i = try c.interp.attribute(i, "unsqueeze").callUnary(c.interp, .int(d))
            }
            return .object(ReturnTypesObject("median", values: v, indices: i))
        }
        return ops
    }()
}

extension PyValue {
    /// Calls a method with one argument.
    func callUnary(_ interp: Interpreter, _ arg: PyValue) throws(PyError) -> PyValue { try interp.call(self, [arg], []) }
}

extension Interpreter {
    /// The layout of a reduction over `dim` (an int, a tuple or list of adjacent dims, or None for everything).
    func reductionLayout(_ shape: [Int], _ dimValue: PyValue?, _ fname: String) throws(PyError) -> ReductionLayout {
        let rank = shape.count
        var dims: [Int] = []
        switch dimValue {
        case nil, .none?:
            return ReductionLayout(outer: 1, n: shape.reduce(1, *), inner: 1, shape: [], keptShape: Array(repeating: 1, count: rank), dims: Array(0..<rank))
        case .list?, .tuple?:
            for v in try iterate(dimValue!) {
                guard let d = v.asIndex else { throw .typeError("\(fname)(): argument 'dim' must be tuple of ints, but found element of type \(v.typeName) at pos 0") }
                dims.append(d)
            }
            if dims.isEmpty {
                return ReductionLayout(outer: 1, n: shape.reduce(1, *), inner: 1, shape: [], keptShape: Array(repeating: 1, count: rank), dims: Array(0..<rank))
            }
        case let v?:
            guard let d = v.asIndex else {
                throw .typeError("\(fname)() received an invalid combination of arguments - got (\(v.typeName))")
            }
            dims = [d]
        }
        let r = max(rank, 1)
        var wrapped: [Int] = []
        for d in dims {
            guard d >= -r && d < r else {
                throw .indexError("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(d))")
            }
            let w = d < 0 ? d + r : d
            if wrapped.contains(w) { throw .runtime("dim \(w) appears multiple times in the list of dims") }
            wrapped.append(w)
        }
        guard rank > 0 else { return ReductionLayout(outer: 1, n: 1, inner: 1, shape: [], keptShape: [], dims: []) }
        wrapped.sort()
        guard zip(wrapped, wrapped.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support \(fname) over dimensions that are not adjacent yet")
        }
        let first = wrapped.first!, last = wrapped.last!
        var kept = shape
        for d in wrapped { kept[d] = 1 }
        let reduced = shape.indices.filter { !wrapped.contains($0) }.map { shape[$0] }
        return ReductionLayout(outer: shape[..<first].reduce(1, *), n: shape[first...last].reduce(1, *), inner: shape[(last + 1)...].reduce(1, *),
                               shape: reduced, keptShape: kept, dims: wrapped)
    }

    /// `argmax`/`argmin(dim=None, keepdim=False)`: the index of the first largest (smallest) value, a NaN winning.
    func argExtreme(_ t: PyTensor, _ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind(name, ["dim", "keepdim"], required: 0, args, kwargs)
        let isMax = name == "argmax"
        if t.dtype == .bool { throw PyError(type: "NotImplementedError", message: "\(name)(): does not support bool input") }
        let exact = !t.dtype.isFloatingPoint
        let ints = exact ? t.exactInts : [], floats = exact ? [] : t.floats
        func better(_ a: Int, _ b: Int) -> Bool {
            if exact { return isMax ? ints[a] > ints[b] : ints[a] < ints[b] }
            let (p, q) = (floats[a], floats[b])
            return p.isNaN ? !q.isNaN : (isMax ? p > q : p < q)
        }
        guard let dv = b[0], !dv.isNone else {
            guard t.count > 0 else { throw .indexError("\(name)(): Expected reduction dim to be specified for input.numel() == 0.") }
            var k = 0
            for j in 0..<t.count where better(j, k) { k = j }
            return .tensor(PyTensor(ints: [k], shape: try b[1]?.truthy() ?? false ? Array(repeating: 1, count: t.shape.count) : [], dtype: .int64))
        }
        let layout = try reductionLayout(t.shape, .int(try intArg(name, "dim", dv)), name)
        let (outer, n, inner) = (layout.outer, layout.n, layout.inner)
        if n == 0 { throw .indexError("\(name)(): Expected reduction dim \(layout.dims.first ?? 0) to have non-zero size.") }
        var out = [Int](repeating: 0, count: outer * inner)
        for o in 0..<outer { for j in 0..<inner {
            var k = 0
            for m in 1..<max(n, 1) where better((o * n + m) * inner + j, (o * n + k) * inner + j) { k = m }
            out[o * inner + j] = k
        } }
        return .tensor(PyTensor(ints: out, shape: try b[1]?.truthy() ?? false ? layout.keptShape : layout.shape, dtype: .int64))
    }

    /// `argmax` of a float tensor's values (for callers outside the table).
    func argmax(_ x: Tensor, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        try argExtreme(PyTensor(x), "argmax", args, kwargs)
    }

    /// Values and indices along `dim` ordered (descending, or ascending), the first k of them for topk; ties keep
    /// their order (a stable sort), NaN counting as the largest value.
    func sorted(_ t: PyTensor, dim dv: PyValue, descending: Bool, k: Int?, name: String) throws(PyError) -> (PyTensor, PyTensor) {
        let d = try intArg(name, "dim", dv)
        let rank = max(t.shape.count, 1)
        guard d >= -rank && d < rank else {
            throw .indexError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(d))")
        }
        let dim = d < 0 ? d + rank : d
        let shape = t.shape.isEmpty ? [1] : t.shape
        let n = shape[dim], inner = shape[(dim + 1)...].reduce(1, *), outer = shape[..<dim].reduce(1, *)
        let take = k ?? n
        if let k, k < 0 || k > n { throw .runtime("selected index k out of range") }
        let exact = !t.dtype.isFloatingPoint
        let ints = exact ? t.exactInts : [], floats = exact ? [] : t.floats
        func before(_ a: Int, _ b: Int) -> Bool {
            if exact { return descending ? ints[a] > ints[b] : ints[a] < ints[b] }
            let (p, q) = (floats[a], floats[b])
            if p.isNaN || q.isNaN { return descending ? (p.isNaN && !q.isNaN) : (!p.isNaN && q.isNaN) }
            return descending ? p > q : p < q
        }
        var map: [Int] = [], idx: [Int] = []
        var outShape = shape
        outShape[dim] = take
        map.reserveCapacity(outer * take * inner)
        var rows = [[Int]](repeating: [], count: outer * inner)
        for o in 0..<outer { for j in 0..<inner {
            var order = Array(0..<n)
            let base = o * n * inner + j
            // Insertion into a stable order: Swift's sort is not stable, so ties compare by position.
            order.sort { a, b in
                let (ia, ib) = (base + a * inner, base + b * inner)
                if before(ia, ib) { return true }
                if before(ib, ia) { return false }
                return a < b
            }
            rows[o * inner + j] = Array(order.prefix(take))
        } }
        for o in 0..<outer { for m in 0..<take { for j in 0..<inner {
            let r = rows[o * inner + j][m]
            map.append(o * n * inner + r * inner + j)
            idx.append(r)
        } } }
        if t.shape.isEmpty { outShape = [] }
        let source = t.shape, count = t.count, m = map
        let values = Autograd.record(name == "topk" ? "TopkBackward0" : "SortBackward0", PyTensor(copying: t, shape: outShape, map: map), inputs: [t]) { g in
            [Tensor(shape: source, storage: Layout.scatterAdd(g.storage, m, count: count))]
        }
        return (values, PyTensor(ints: idx, shape: outShape, dtype: .int64))
    }
}
