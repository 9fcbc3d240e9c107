import Foundation
import RNNEngine

/// `torch.float32` and friends.
final class DTypeObject: PyObject {
    let dtype: PyTensor.DType
    init(_ d: PyTensor.DType) { dtype = d }
    override var typeName: String { "dtype" }
    override func repr(_ interp: Interpreter) -> String { "torch.\(dtype.rawValue)" }
}

enum Modules {
    static func module(_ name: String) -> PyValue? {
        switch name {
        case "torch": return .object(torch)
        case "torch.nn": return .object(nn)
        case "torch.nn.utils": return .object(nnUtils)
        case "torch.optim": return .object(optim)
        case "math": return .object(math)
        default: return nil
        }
    }

    nonisolated(unsafe) static let nn = Namespace("torch.nn", [
        "RNN": rnnClass("RNN"), "LSTM": rnnClass("LSTM"), "GRU": rnnClass("GRU"),
        "RNNCell": cellClass(.rnnTanh), "LSTMCell": cellClass(.lstm), "GRUCell": cellClass(.gru),
        "Linear": .object(PyClass("Linear", qualified: "torch.nn.modules.linear.Linear") { a, k, i throws(PyError) in try TorchModule.linear(a, k, i) }),
        "Embedding": .object(PyClass("Embedding", qualified: "torch.nn.modules.sparse.Embedding") { a, k, i throws(PyError) in try TorchModule.embedding(a, k, i) }),
        "CrossEntropyLoss": .object(PyClass("CrossEntropyLoss", qualified: "torch.nn.modules.loss.CrossEntropyLoss") { a, k, i throws(PyError) in
            try LossModule.make(.crossEntropy, a, k, i)
        }),
        "MSELoss": .object(PyClass("MSELoss", qualified: "torch.nn.modules.loss.MSELoss") { a, k, i throws(PyError) in
            try LossModule.make(.mse, a, k, i)
        }),
        "utils": .object(nnUtils),
    ])

    nonisolated(unsafe) static let nnUtils = Namespace("torch.nn.utils", [
        "clip_grad_norm_": Builtins.fn("clip_grad_norm_") { a, k, i throws(PyError) in try GradClipping.clipGradNorm(a, k, i) },
        "clip_grad_value_": Builtins.fn("clip_grad_value_") { a, k, i throws(PyError) in try GradClipping.clipGradValue(a, k, i) },
    ])

    nonisolated(unsafe) static let optim = Namespace("torch.optim", [
        "SGD": .object(PyClass("SGD", qualified: "torch.optim.sgd.SGD") { a, k, i throws(PyError) in try Optimizer.make(.sgd, a, k, i) }),
        "Adam": .object(PyClass("Adam", qualified: "torch.optim.adam.Adam") { a, k, i throws(PyError) in try Optimizer.make(.adam, a, k, i) }),
    ])

    static func rnnClass(_ name: String) -> PyValue {
        .object(PyClass(name, qualified: "torch.nn.modules.rnn.\(name)") { args, kwargs, i throws(PyError) in
            try TorchModule.rnn(name, args, kwargs, i)
        })
    }

    static func cellClass(_ mode: RNNMode) -> PyValue {
        let name = mode == .lstm ? "LSTMCell" : mode == .gru ? "GRUCell" : "RNNCell"
        return .object(PyClass(name, qualified: "torch.nn.modules.rnn.\(name)") { args, kwargs, i throws(PyError) in
            try TorchModule.cell(mode, name, args, kwargs, i)
        })
    }

    nonisolated(unsafe) static let math = Namespace("math", [
        "sqrt": Builtins.fn("sqrt") { a, _, _ throws(PyError) in
            guard let d = a.first?.asDouble else { throw .typeError("must be real number, not \(a.first?.typeName ?? "nothing")") }
            guard d >= 0 else { throw .valueError("math domain error") }
            return .float(d.squareRoot())
        },
        "pi": .float(Double.pi),
        "tanh": Builtins.fn("tanh") { a, _, _ throws(PyError) in .float(Foundation.tanh(a.first?.asDouble ?? 0)) },
        "exp": Builtins.fn("exp") { a, _, _ throws(PyError) in .float(Foundation.exp(a.first?.asDouble ?? 0)) },
    ])

    nonisolated(unsafe) static let torch: Namespace = {
        var a = TensorOps.functions
        a["nn"] = .object(nn)
        a["optim"] = .object(optim)
        a["float32"] = .object(DTypeObject(.float32)); a["float"] = a["float32"]
        a["int64"] = .object(DTypeObject(.int64)); a["long"] = a["int64"]
        a["bool"] = .object(DTypeObject(.bool))
        a["__version__"] = .str("2.15.0 (MiniPy)")
        for name in ["zeros", "ones", "randn", "rand", "empty"] {
            a[name] = Builtins.fn(name) { args, kwargs, i throws(PyError) in try i.creation(name, args, kwargs) }
        }
        a["tensor"] = Builtins.fn("tensor") { args, kwargs, i throws(PyError) in try i.makeTensor(args, kwargs) }
        a["manual_seed"] = Builtins.fn("manual_seed") { args, _, i throws(PyError) in
            guard let v = args.first else { throw .typeError("manual_seed() missing 1 required positional argument: 'seed'") }
            let seed: Int
            switch v {
            case .int, .bool: seed = v.asIndex!
            case .float(let f): seed = Int(f)
            case .str(let s):
                guard let n = Int(s) else { throw .valueError("invalid literal for int() with base 10: \(pyStrRepr(s))") }
                seed = n
            default: throw .typeError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
            }
            i.rng = SplitMix64(seed: UInt64(bitPattern: Int64(seed)))
            return .object(GeneratorObject())
        }
        a["Size"] = .object(PyClass("Size", qualified: "torch.Size") { args, _, i throws(PyError) in
            guard let v = args.first else { return .size([]) }
            var dims: [Int] = []
            for x in try i.iterate(v) {
                guard let n = x.asIndex else { throw .typeError("torch.Size() takes an iterable of 'int' (item 0 is '\(x.typeName)')") }
                dims.append(n)
            }
            return .size(dims)
        })
        a["Tensor"] = .object(PyClass("Tensor", qualified: "torch.Tensor") { _, _, _ throws(PyError) in
            throw .typeError("MiniPy cannot construct torch.Tensor directly; use torch.tensor")
        })
        a["no_grad"] = .object(PyClass("no_grad", qualified: "torch.autograd.grad_mode.no_grad") { _, _, _ throws(PyError) in .object(NoGradObject()) })
        a["is_grad_enabled"] = Builtins.fn("is_grad_enabled") { _, _, _ throws(PyError) in .bool(GradMode.isEnabled) }
        a["eye"] = Builtins.fn("eye") { args, kwargs, i throws(PyError) in
            let b = try bind("eye", ["n", "m", "dtype", "requires_grad"], required: 1, args, kwargs)
            let n = try i.intArg("eye", "n", b[0]), m = try b[1].map { v throws(PyError) in try i.intArg("eye", "m", v) } ?? n
            if n < 0 { throw .runtime("n must be greater or equal to 0, got \(n)") }
            if m < 0 { throw .runtime("m must be greater or equal to 0, got \(m)") }
            _ = try i.checkedShape("eye", [n, m])
            var values = [Float](repeating: 0, count: n * m)
            for k in 0..<min(n, m) { values[k * m + k] = 1 }
            var dtype = PyTensor.DType.float32
            if case .object(let d as DTypeObject)? = b[2] { dtype = d.dtype }
            return .tensor(try PyTensor(Tensor(shape: [n, m], storage: values), dtype: dtype).requiringGrad(try b[3]?.truthy() ?? false))
        }
        a["cat"] = Builtins.fn("cat") { args, kwargs, i throws(PyError) in try i.concatenate(args, kwargs, stack: false) }
        a["stack"] = Builtins.fn("stack") { args, kwargs, i throws(PyError) in try i.concatenate(args, kwargs, stack: true) }
        a["arange"] = Builtins.fn("arange") { args, _, i throws(PyError) in
            let nums = args.compactMap(\.asDouble)
            guard nums.count == args.count, !nums.isEmpty else { throw .typeError("arange() received an invalid combination of arguments") }
            let (start, end, step) = nums.count == 1 ? (0, nums[0], 1.0) : (nums[0], nums[1], nums.count > 2 ? nums[2] : 1)
            guard step != 0 else { throw .runtime("step must be nonzero") }
            let n = max(0, Int(((end - start) / step).rounded(.up)))
            try i.checkElements(n)
            let isInt = args.allSatisfy { if case .float = $0 { return false }; return true }
            return .tensor(PyTensor(Tensor((0..<n).map { Float(start + Double($0) * step) }), dtype: isInt ? .int64 : .float32))
        }
        for name in ["zeros_like", "ones_like", "randn_like"] {
            a[name] = Builtins.fn(name) { args, kwargs, i throws(PyError) in
                guard case .tensor(let t)? = args.first else { throw .typeError("\(name)(): argument 'input' (position 1) must be Tensor") }
                // The input's dtype unless one is given; requires_grad and device as for zeros().
                var kw = kwargs
                if !kw.contains(where: { $0.0 == "dtype" }) { kw.append(("dtype", .object(DTypeObject(t.dtype)))) }
                return try i.creation(String(name.dropLast(5)), [.size(t.t.shape)], kw)
            }
        }
        return Namespace("torch", a)
    }()
}

/// What `torch.manual_seed` returns.
final class GeneratorObject: PyObject {
    override var typeName: String { "Generator" }
    override func repr(_ interp: Interpreter) -> String { "<torch._C.Generator object>" }
}

extension Interpreter {
    // MARK: Creation

    /// The items of one list, tuple or Size given where torch accepts `*size` or a sequence.
    func sequenceItems(_ v: PyValue) -> [PyValue]? {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .size(let s): return s.map { .int($0) }
        default: return Optional<[PyValue]>.none
        }
    }

    /// The size arguments of `zeros(*size)`: ints, or one list/tuple/Size.
    func sizeArgs(_ fname: String, _ args: [PyValue]) throws(PyError) -> [Int] {
        if args.count == 1, sequenceItems(args[0]) == nil {
            switch args[0] {
            case .int, .bool: break
            default: throw .typeError("\(fname)(): argument 'size' (position 1) must be tuple of ints, not \(args[0].typeName)")
            }
        }
        let items = args.count == 1 ? sequenceItems(args[0]) ?? args : args
        var dims: [Int] = []
        for (k, x) in items.enumerated() {
            guard let n = x.asIndex else {
                if args.count == 1, items.count == 1, case .list = args[0] {} else if args.count == 1, case .tuple = args[0] {} else if args.count == 1 {
                    throw .typeError("\(fname)(): argument 'size' (position 1) must be tuple of ints, not \(x.typeName)")
                }
                throw .typeError("\(fname)(): argument 'size' failed to unpack the object at pos \(k + 1) with error \"type must be tuple of ints,but got \(x.typeName)\"")
            }
            dims.append(n)
        }
        return dims
    }

    func checkedShape(_ fname: String, _ dims: [Int]) throws(PyError) -> Int {
        if dims.contains(where: { $0 < 0 }) { throw .runtime("\(fname): Dimension size must be non-negative.") }
        var n = 1
        for d in dims {
            let r = n.multipliedReportingOverflow(by: d)
            if r.overflow { try checkElements(Int.max) }
            n = r.partialValue
        }
        try checkElements(n)
        return n
    }

    func creation(_ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        var dtype: PyTensor.DType = .float32
        var requiresGrad = false
        for (k, v) in kwargs {
            switch k {
            case "dtype": if case .object(let d as DTypeObject) = v { dtype = d.dtype }
            case "requires_grad": requiresGrad = try v.truthy()
            case "device": break
            case "size": return try creation(name, [v], kwargs.filter { $0.0 != "size" })
            default: throw .typeError("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        let dims = try sizeArgs(name, args)
        let n = try checkedShape(name, dims)
        var values = [Float](repeating: name == "ones" ? 1 : 0, count: n)
        if name == "randn" {
            for k in 0..<n { values[k] = normal(); if k & 0xFFFF == 0xFFFF { try checkTime() } }
        } else if name == "rand" {
            for k in 0..<n { values[k] = rng.uniform(0, 1) }
        }
        return .tensor(try PyTensor(Tensor(shape: dims, storage: values), dtype: dtype).requiringGrad(requiresGrad))
    }

    /// A standard normal draw (Box–Muller on SplitMix64): MiniPy's own generator, not torch's.
    func normal() -> Float {
        var u1 = Double(rng.next() >> 11) * 0x1p-53
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = Double(rng.next() >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    func makeTensor(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("tensor", ["data", "dtype", "device", "requires_grad"], required: 1, args, kwargs)
        var values: [Float] = []
        var kind = 0 // 0 bool, 1 int, 2 float
        func walk(_ v: PyValue, _ depth: Int) throws(PyError) -> [Int] {
            switch v {
            case .bool(let x): values.append(x ? 1 : 0); return []
            case .int(let x): kind = max(kind, 1); values.append(Float(x)); return []
            case .float(let x): kind = 2; values.append(Float(x)); return []
            case .tensor(let t):
                values += t.t.storage; kind = max(kind, t.dtype == .float32 ? 2 : t.dtype == .int64 ? 1 : 0)
                return t.t.shape
            case .list, .tuple, .size:
                let items = try iterate(v)
                var shape: [Int]?
                for (k, x) in items.enumerated() {
                    let s = try walk(x, depth + 1)
                    if let shape, shape != s {
                        if s.isEmpty != shape.isEmpty || s.count != shape.count {
                            throw .valueError("expected sequence of length \(shape.first ?? 0) at dim \(depth + 1) (got \(s.first ?? 0))")
                        }
                        throw .valueError("expected sequence of length \(shape[0]) at dim \(depth + 1) (got \(s[0]))")
                    }
                    shape = s
                    if k & 1023 == 0 { try checkElements(values.count) }
                }
                if items.isEmpty { kind = max(kind, 2) }
                return [items.count] + (shape ?? [])
            default:
                throw .typeError("new(): invalid data type '\(v.typeName)'")
            }
        }
        let shape = try walk(b[0]!, 0)
        try checkElements(values.count)
        var dtype: PyTensor.DType = kind == 2 ? .float32 : kind == 1 ? .int64 : .bool
        if case .object(let d as DTypeObject)? = b[1] { dtype = d.dtype }
        return .tensor(try PyTensor(Tensor(shape: shape, storage: values), dtype: dtype).requiringGrad(try b[3]?.truthy() ?? false))
    }

    func concatenate(_ args: [PyValue], _ kwargs: [(String, PyValue)], stack: Bool) throws(PyError) -> PyValue {
        let fname = stack ? "stack" : "cat"
        let b = try bind(fname, ["tensors", "dim"], required: 1, args, kwargs)
        var ts: [PyTensor] = []
        for x in try iterate(b[0]!) {
            guard case .tensor(let t) = x else { throw .typeError("expected Tensor as element 0 in argument 0, but got \(x.typeName)") }
            ts.append(t)
        }
        guard let first = ts.first else { throw .runtime("\(fname)(): expected a non-empty list of Tensors") }
        var parts = ts.map(\.t)
        let rawDim = b[1]?.asIndex ?? 0
        if stack {
            for t in ts where t.t.shape != first.t.shape {
                throw .runtime("stack expects each tensor to be equal size, but got \(pyShape(first.t.shape)) at entry 0 and \(pyShape(t.t.shape)) at entry \(ts.firstIndex { $0.t.shape == t.t.shape }!)")
            }
            let d = try tc { try first.t.wrapDim(rawDim, extra: 1) }
            parts = parts.map { $0.unsqueezed(d) }
        }
        if !stack {
            if let k = ts.firstIndex(where: { $0.t.dim == 0 }) {
                throw .runtime("zero-dimensional tensor (at position \(k)) cannot be concatenated")
            }
            // torch still skips legacy empty tensors (shape [0]) in cat.
            let kept = parts.filter { $0.shape != [0] }
            if !kept.isEmpty && kept.count < parts.count { parts = kept; ts = ts.filter { $0.t.shape != [0] } }
            if let other = parts.first(where: { $0.dim != parts[0].dim }) {
                throw .runtime("Tensors must have same number of dimensions: got \(parts[0].dim) and \(other.dim)")
            }
        }
        let d = try tc { try parts[0].wrapDim(rawDim) }
        for (k, p) in parts.enumerated() where p.dim != parts[0].dim || (0..<p.dim).contains(where: { $0 != d && p.shape[$0] != parts[0].shape[$0] }) {
            let bad = (0..<p.dim).first { $0 != d && p.shape[$0] != parts[0].shape[$0] } ?? 0
            throw .runtime("Sizes of tensors must match except in dimension \(d). Expected size \(parts[0].shape[bad]) but got size \(p.shape[bad]) for tensor number \(k) in the list.")
        }
        var shape = parts[0].shape
        shape[d] = parts.reduce(0) { $0 + $1.shape[d] }
        try checkElements(shape.reduce(1, *))
        let outer = shape[..<d].reduce(1, *)
        var out: [Float] = []
        out.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for p in parts {
                let chunk = p.shape[d...].reduce(1, *)
                out += p.storage[(o * chunk)..<((o + 1) * chunk)]
            }
        }
        let sizes = parts.map { $0.shape[d] }, partShapes = ts.map(\.t.shape)
        // The result has the widest dtype of the parts (bool < int64 < float32), as torch promotes.
        let dtype: PyTensor.DType = ts.contains { $0.dtype == .float32 } ? .float32 : ts.contains { $0.dtype == .int64 } ? .int64 : .bool
        return .tensor(Autograd.record(stack ? "StackBackward0" : "CatBackward0", Tensor(shape: shape, storage: out),
                                       dtype: dtype, inputs: ts, saves: false) { g in
            // Each part's gradient is its block of g along d.
            let inner = shape[(d + 1)...].reduce(1, *)
            var grads: [[Float]] = sizes.map { _ in [] }
            for o in 0..<outer {
                var start = o * shape[d] * inner
                for (k, n) in sizes.enumerated() {
                    grads[k] += g.storage[start..<(start + n * inner)]
                    start += n * inner
                }
            }
            return zip(grads, partShapes).map { Tensor(shape: $1, storage: $0) }
        })
    }

    // MARK: Tensor attributes and methods

    func dims(_ fname: String, _ args: [PyValue]) throws(PyError) -> [Int] {
        let items = args.count == 1 ? sequenceItems(args[0]) ?? args : args
        var out: [Int] = []
        for (k, x) in items.enumerated() {
            guard let n = x.asIndex else {
                throw .typeError("\(fname)(): argument 'size' (position \(k + 1)) must be tuple of ints, but found element of type \(x.typeName) at pos \(k)")
            }
            out.append(n)
        }
        return out
    }

    func intArg(_ fname: String, _ name: String, _ v: PyValue?) throws(PyError) -> Int {
        guard let v else { throw .typeError("\(fname)() missing required argument '\(name)'") }
        guard let n = v.asIndex else { throw .typeError("\(fname)(): argument '\(name)' (position 1) must be int, not \(v.typeName)") }
        return n
    }

    // MARK: Tensor indexing

    func tensorIndex(_ t: PyTensor, _ items: [PyValue]) throws(PyError) -> PyValue {
        // A Python bool indexes as a mask over a new dimension, not as 0 or 1: True adds a dimension of 1.
        if items.contains(where: { if case .bool = $0 { return true }; return false }) {
            var mapped: [PyValue] = []
            for item in items {
                guard case .bool(let b) = item else { mapped.append(item); continue }
                guard b else { throw PyError(type: "NotImplementedError", message: "MiniPy does not index with False") }
                mapped.append(.none)
            }
            return try tensorIndex(t, mapped)
        }
        var x = t.t
        var indices: [[Int]] = []
        var keep: [Bool] = []
        var inserts: [Int] = []
        var dim = 0
        let real = items.filter { if case .none = $0 { return false }; return true }.count
        if x.dim == 0, real > 0 {
            if items.contains(where: { if case .object(_ as SliceObject) = $0 { return true }; return false }) {
                throw .indexError("slice() cannot be applied to a 0-dim tensor.")
            }
            throw .indexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        }
        if real > x.dim { throw .indexError("too many indices for tensor of dimension \(x.dim)") }
        var outDim = 0
        for item in items {
            switch item {
            case .none:
                inserts.append(outDim); outDim += 1
            case .object(let s as SliceObject):
                let n = x.shape[dim]
                let (a, b, step) = try s.indices(n)
                if step < 0 { throw .valueError("step must be greater than zero") }
                var r: [Int] = []
                var k = a
                while k < b { r.append(k); k += step }
                indices.append(r); keep.append(true); dim += 1; outDim += 1
            default:
                guard let i = item.asIndex else {
                    if case .tensor = item { throw PyError(type: "NotImplementedError", message: "MiniPy does not index tensors with tensors") }
                    if case .list = item { throw PyError(type: "NotImplementedError", message: "MiniPy does not index tensors with lists") }
                    throw .indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(item.typeName))")
                }
                let n = x.shape[dim]
                guard i >= -n, i < n else { throw .indexError("index \(i) is out of bounds for dimension \(dim) with size \(n)") }
                indices.append([i < 0 ? i + n : i]); keep.append(false); dim += 1
            }
        }
        while dim < x.dim { indices.append(Array(0..<x.shape[dim])); keep.append(true); dim += 1 }
        let source = x
        x = x.gathered(indices, keep: keep)
        for p in inserts { x = x.unsqueezed(p) }
        // Basic indexing is a view: each index item's effect on torch's strides, in order.
        let sourceStrides = t.torchStrides
        var viewStrides: [Int] = []
        var sd = 0
        for item in items {
            switch item {
            case .none: viewStrides.append(sd < source.dim ? sourceStrides[sd] * source.shape[sd] : 1)
            case .object(let s as SliceObject): viewStrides.append(sourceStrides[sd] * ((try? s.indices(source.shape[sd]))?.2 ?? 1)); sd += 1
            default: sd += 1
            }
        }
        if sd < source.dim { viewStrides += sourceStrides[sd...] }
        return .tensor(Autograd.record(Self.indexGradName(items, source.shape), x, dtype: t.dtype, inputs: [t], saves: false) { g in
            // Each selected element's gradient goes back to where it was read from (basic indexing never repeats one).
            var gx = [Float](repeating: 0, count: source.count)
            var strides = [Int](repeating: 1, count: source.dim)
            if source.dim > 1 { for k in stride(from: source.dim - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * source.shape[k + 1] } }
            var pos = [Int](repeating: 0, count: source.dim)
            for o in 0..<g.count {
                var dst = 0
                for k in 0..<source.dim { dst += indices[k][pos[k]] * strides[k] }
                gx[dst] += g.storage[o]
                var k = source.dim - 1
                while k >= 0 { pos[k] += 1; if pos[k] < indices[k].count { break }; pos[k] = 0; k -= 1 }
            }
            return [Tensor(shape: source.shape, storage: gx)]
        }.withStrides(viewStrides))
    }

    /// The `grad_fn` torch names for `x[items]`: that of the last index it applies (a full `:` is skipped,
    /// unless it is the only index).
    static func indexGradName(_ items: [PyValue], _ shape: [Int]) -> String {
        if items.count == 1, case .object(let s as SliceObject) = items[0], (try? s.indices(shape.first ?? 0)) != nil { return "SliceBackward0" }
        var dim = 0
        var name = "AliasBackward0"
        for item in items {
            switch item {
            case .none: name = "UnsqueezeBackward0"
            case .object(let s as SliceObject):
                let n = dim < shape.count ? shape[dim] : 0
                if let (a, b, step) = try? s.indices(n), !(a == 0 && b == n && step == 1) { name = "SliceBackward0" }
                dim += 1
            default: name = "SelectBackward0"; dim += 1
            }
        }
        return name
    }

    // MARK: Tensor arithmetic

    func asTensor(_ v: PyValue) -> PyTensor? {
        switch v {
        case .tensor(let t): return t
        case .int(let i): return PyTensor(Tensor(shape: [], storage: [Float(i)]), dtype: .int64)
        case .bool(let b): return PyTensor(Tensor(shape: [], storage: [b ? 1 : 0]), dtype: .bool)
        case .float(let f): return PyTensor(Tensor(shape: [], storage: [Float(f)]))
        default: return nil
        }
    }

    func tensorBinary(_ op: String, _ l: PyValue, _ r: PyValue) throws(PyError) -> PyValue {
        guard let a = asTensor(l), let b = asTensor(r) else {
            let shown = op == "**" ? "** or pow()" : op
            throw .typeError("unsupported operand type(s) for \(shown): '\(l.typeName)' and '\(r.typeName)'")
        }
        if op == "@" {
            guard case .tensor = l, case .tensor = r else {
                throw .typeError("unsupported operand type(s) for @: '\(l.typeName)' and '\(r.typeName)'")
            }
            try checkOperations(Double(a.t.count) * Double(b.t.dim == 2 ? b.t.shape[1] : 1))
            let x = a.t, y = b.t
            if (a.dtype == .float32) != (b.dtype == .float32) {
                func c(_ d: PyTensor.DType) -> String { d == .float32 ? "float" : d == .int64 ? "long int" : "bool" }
                if x.dim == 2 && y.dim == 2 { throw .runtime("expected m1 and m2 to have the same dtype, but got: \(c(a.dtype)) != \(c(b.dtype))") }
                if x.dim == 1 && y.dim == 1 {
                    throw .runtime("dot : expected both vectors to have same dtype, but found \(a.dtype.scalarName) and \(b.dtype.scalarName)")
                }
            }
            let out = try tc { try Tensor.matmul(x, y) }
            let dtype: PyTensor.DType = a.dtype == .int64 && b.dtype == .int64 ? .int64 : .float32
            let name = x.dim == 1 ? (y.dim == 1 ? "DotBackward0" : "SqueezeBackward4")
                     : x.dim == 2 ? (y.dim == 1 ? "MvBackward0" : "MmBackward0") : "UnsafeViewBackward0"
            return .tensor(Autograd.record(name, out, dtype: dtype, inputs: [a, b]) { g in
                let (ga, gb) = Autograd.matmulGrads(x, y, g)
                return [ga, gb]
            })
        }
        let shape = try tc { try Tensor.broadcastShape(a.t.shape, b.t.shape) }
        try checkElements(shape.reduce(1, *))
        var dtype: PyTensor.DType = a.dtype == .float32 || b.dtype == .float32 ? .float32 : .int64
        if case .float = l { dtype = .float32 }
        if case .float = r { dtype = .float32 }
        let x = a.t, y = b.t
        func compare(_ f: @escaping (Float, Float) -> Bool) throws(PyError) -> PyValue {
            .tensor(PyTensor(try tc { try Tensor.broadcasting(x, y) { f($0, $1) ? 1 : 0 } }, dtype: .bool))
        }
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
        // Bool tensors: + and * are or and and; - is refused, with torch's advice.
        if a.dtype == .bool && b.dtype == .bool && (op == "+" || op == "*") {
            return .tensor(PyTensor(try tc { try Tensor.broadcasting(x, y) { op == "+" ? ($0 != 0 || $1 != 0 ? 1 : 0) : ($0 != 0 && $1 != 0 ? 1 : 0) } }, dtype: .bool))
        }
        if op == "-" && (a.dtype == .bool || b.dtype == .bool) && (isTensor(l) && a.dtype == .bool || isTensor(r) && b.dtype == .bool) {
            if a.dtype == .bool && b.dtype == .bool && isTensor(l) && isTensor(r) {
                throw PyError(type: "NotImplementedError", message: "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
            }
            throw PyError(type: "NotImplementedError", message: "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        if op == "**", a.dtype == .int64, case .int(let e) = r, e < 0 {
            throw .runtime("Integers to negative integer powers are not allowed.")
        }
        switch op {
        case "+": f = (+); name = "AddBackward0"; grads = { g in (g, g) }
        case "-":
            f = (-); name = scalarLeft ? "RsubBackward1" : "SubBackward0"
            grads = { g in (g, Autograd.mapped(g) { -$0 }) }
        case "*": f = (*); name = "MulBackward0"; grads = { g in each(g, { _, q in q }, { p, _ in p }) }
        case "/":
            f = (/); dtype = .float32; name = scalarLeft ? "MulBackward0" : "DivBackward0"
            grads = { g in each(g, { _, q in 1 / q }, { p, q in -p / (q * q) }) }
        case "**":
            f = { Foundation.pow($0, $1) }
            name = scalarLeft ? "PowBackward2" : { if case .tensor = r { return "PowBackward1" }; return "PowBackward0" }()
            grads = { g in
                each(g, { p, q in q == 0 ? 0 : q * Foundation.pow(p, q - 1) }, { p, q in p == 0 && q >= 0 ? 0 : Foundation.pow(p, q) * Foundation.log(p) })
            }
        case "==": return try compare(==)
        case "!=": return try compare(!=)
        case "<": return try compare(<)
        case "<=": return try compare(<=)
        case ">": return try compare(>)
        case ">=": return try compare(>=)
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
        return .tensor(Autograd.record(name, out, dtype: dtype, inputs: [a, b], saves: saves) { g in
            let (ga, gb) = grads(g)
            return [Autograd.sum(ga, toShape: xShape), Autograd.sum(gb, toShape: yShape)]
        }.withStrides(Strides.elementwise(out.shape, [a, b])))
    }
}

func pyShape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

/// Runs engine code that throws `TorchError` (or MiniPy code throwing `PyError`) as a `PyError`.
func tc<T>(_ body: () throws -> T) throws(PyError) -> T {
    do { return try body() } catch let e as TorchError { throw e.py } catch let e as PyError { throw e } catch {
        throw PyError(type: "RuntimeError", message: "\(error)")
    }
}

extension Modules {
    /// Softmax (or log-softmax) of values laid out (outer, n, inner), along n; each slice is shifted by its max.
    static func softmax(_ x: [Float], outer: Int, n: Int, inner: Int, logarithm: Bool) -> [Float] {
        var out = x
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                var m = -Float.infinity
                for k in 0..<n { m = max(m, x[base + k * inner]) }
                var sum: Float = 0
                for k in 0..<n {
                    let e = Foundation.exp(x[base + k * inner] - m)
                    if !logarithm { out[base + k * inner] = e }
                    sum += e
                }
                let lse = logarithm ? Foundation.log(sum) : 0
                for k in 0..<n {
                    let j = base + k * inner
                    out[j] = logarithm ? x[j] - m - lse : out[j] / sum
                }
            }
        }
        return out
    }

    /// `torch.softmax(input, dim)`: exp(x - max) / sum along `dim`. Lessons use it as the wrong
    /// activation a learner might reach for; torch's own message when `dim` is left out.
    static func softmax(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        var input = args.first
        var dimValue = args.count > 1 ? args[1] : nil
        for (k, v) in kwargs {
            if k == "input" { input = v } else if k == "dim" { dimValue = v }
            else { throw .typeError("softmax() got an unexpected keyword argument '\(k)'") }
        }
        guard case .tensor(let pt)? = input else {
            throw .typeError("softmax(): argument 'input' (position 1) must be Tensor, not \(input?.typeName ?? "NoneType")")
        }
        guard let dimValue, let rawDim = dimValue.asIndex else {
            throw .typeError("softmax() missing 1 required positional arguments: \"dim\"")
        }
        let t = pt.t
        let rank = max(1, t.shape.count)
        if pt.dtype != .float32 {
            let last = rawDim == -1 || rawDim == t.shape.count - 1
            throw PyError(type: "NotImplementedError", message: "\"\(last ? "softmax_lastdim_kernel_impl" : "softmax_kernel_impl")\" not implemented for '\(pt.dtype.scalarName)'")
        }
        guard rawDim >= -rank && rawDim < rank else {
            throw .indexError("Dimension out of range (expected to be in range of [\(-rank), \(rank - 1)], but got \(rawDim))")
        }
        let dim = rawDim < 0 ? rawDim + rank : rawDim
        guard !t.shape.isEmpty else {
            // The softmax of one value is 1, whatever it is: its gradient is 0.
            return .tensor(Autograd.record("SoftmaxBackward0", Tensor(shape: [], storage: [1]), inputs: [pt]) { _ in [Tensor.zeros([])] })
        }
        let n = t.shape[dim]
        let inner = t.shape[(dim + 1)...].reduce(1, *)
        let outer = t.shape[..<dim].reduce(1, *)
        let out = softmax(t.storage, outer: outer, n: n, inner: inner, logarithm: false)
        let y = Tensor(shape: t.shape, storage: out)
        return .tensor(Autograd.record("SoftmaxBackward0", y, inputs: [pt]) { g in
            // dx = y * (g - sum(g * y)) along dim.
            var gx = g.storage
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * n * inner + i
                    var dot: Float = 0
                    for k in 0..<n { dot += g.storage[base + k * inner] * out[base + k * inner] }
                    for k in 0..<n { gx[base + k * inner] = out[base + k * inner] * (g.storage[base + k * inner] - dot) }
                }
            }
            return [Tensor(shape: y.shape, storage: gx)]
        })
    }
}
