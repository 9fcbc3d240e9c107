import Foundation
import RNNEngine

/// `torch.zeros`, `torch.tensor`, `torch.arange`, … : tensors made from sizes, numbers and nested lists. Every
/// size product is checked for overflow and against MiniPy's limit before anything is allocated.
extension Modules {
    nonisolated(unsafe) static let creationFunctions: [String: PyValue] = {
        var a: [String: PyValue] = [:]
        for name in ["zeros", "ones", "randn", "rand", "empty"] {
            a[name] = Builtins.fn(name) { args, kwargs, i throws(PyError) in try i.creation(name, args, kwargs) }
        }
        a["full"] = Builtins.fn("full") { args, kwargs, i throws(PyError) in
            let b = try bind("full", ["size", "fill_value", "dtype", "device", "requires_grad", "layout", "pin_memory"], required: 2, args, kwargs)
            guard i.sequenceItems(b[0]!) != nil else {
                throw .typeError("full(): argument 'size' (position 1) must be tuple of ints, not \(b[0]!.typeName)")
            }
            return try i.filled("full", try i.sizeArgs("full", [b[0]!]), b[1]!, dtype: try i.dtypeArg("full", b[2]), device: b[3], requiresGrad: b[4])
        }
        a["tensor"] = Builtins.fn("tensor") { args, kwargs, i throws(PyError) in try i.makeTensor(args, kwargs) }
        a["arange"] = Builtins.fn("arange") { args, kwargs, i throws(PyError) in try i.arange(args, kwargs) }
        a["linspace"] = Builtins.fn("linspace") { args, kwargs, i throws(PyError) in try i.linspace(args, kwargs) }
        a["eye"] = Builtins.fn("eye") { args, kwargs, i throws(PyError) in
            let b = try bind("eye", ["n", "m", "dtype", "device", "requires_grad"], required: 1, args, kwargs)
            let n = try i.intArg("eye", "n", b[0]), m = try b[1].map { v throws(PyError) in try i.intArg("eye", "m", v) } ?? n
            if n < 0 { throw .runtime("n must be greater or equal to 0, got \(n)") }
            if m < 0 { throw .runtime("m must be greater or equal to 0, got \(m)") }
            let count = try i.checkedShape("eye", [n, m])
            try i.checkDevice(b[3])
            var values = [Int](repeating: 0, count: count)
            for k in 0..<min(n, m) { values[k * m + k] = 1 }
            let dtype = try i.dtypeArg("eye", b[2]) ?? .float32
            return .tensor(try i.made(values.map { .int($0) }, shape: [n, m], dtype: dtype).requiringGrad(try b[4]?.truthy() ?? false))
        }
        for name in ["zeros_like", "ones_like", "randn_like", "rand_like", "empty_like", "full_like"] {
            a[name] = Builtins.fn(name) { args, kwargs, i throws(PyError) in
                var kw = kwargs
                var rest = args
                let input: PyValue
                if !rest.isEmpty { input = rest.removeFirst() }
                else if let k = kw.firstIndex(where: { $0.0 == "input" }) { input = kw.remove(at: k).1 }
                else { throw .typeError("\(name)() missing 1 required positional arguments: \"input\"") }
                guard case .tensor(let t) = input else {
                    throw .typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(input.typeName)")
                }
                // The input's dtype unless one is given; requires_grad and device as for zeros().
                if !kw.contains(where: { $0.0 == "dtype" }) { kw.append(("dtype", .object(DTypeObject.of(t.dtype)))) }
                if name == "full_like" {
                    let b = try bind(name, ["fill_value", "dtype", "device", "requires_grad", "layout", "memory_format"], required: 1, rest, kw)
                    return try i.filled(name, t.shape, b[0]!, dtype: try i.dtypeArg(name, b[1]), device: b[2], requiresGrad: b[3])
                }
                _ = try bind(name, [], required: 0, rest, [])
                return try i.creation(String(name.dropLast(5)), [.size(t.shape)], kw)
            }
        }
        a["randint"] = Builtins.fn("randint") { args, kwargs, i throws(PyError) in
            // randint(high, size) or randint(low, high, size): MiniPy's generator, uniform over [low, high).
            var rest = args
            var kw = kwargs
            if let k = kw.firstIndex(where: { $0.0 == "size" }) { rest.append(kw.remove(at: k).1) }
            guard let sizeValue = rest.popLast(), i.sequenceItems(sizeValue) != nil else {
                throw .typeError("randint() received an invalid combination of arguments - got (\(args.map(\.typeName).joined(separator: ", "))), but expected one of:\n * (int high, tuple of ints size, *, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n * (int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n")
            }
            let b = try bind("randint", ["low", "high", "dtype", "device", "requires_grad", "generator"], required: 1, rest, kw)
            var low = try i.intArg("randint", "low", b[0]), high = 0
            if let h = b[1] { high = try i.intArg("randint", "high", h) } else { high = low; low = 0 }
            guard high > low else { throw .runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)") }
            let dims = try i.sizeArgs("randint", [sizeValue])
            let n = try i.checkedShape("randint", dims)
            let span = UInt64(bitPattern: Int64(high &- low))
            var values = [Int](repeating: 0, count: n)
            for k in 0..<n { values[k] = low &+ Int(truncatingIfNeeded: i.rng.next() % max(span, 1)) }
            return .tensor(try i.made(values.map { .int($0) }, shape: dims, dtype: try i.dtypeArg("randint", b[2]) ?? .int64))
        }
        a["normal"] = Builtins.fn("normal") { args, kwargs, i throws(PyError) in
            // normal(mean, std, size): numbers, or tensors of means / stds (MiniPy's generator).
            let b = try bind("normal", ["mean", "std", "size", "generator", "dtype", "device", "requires_grad"], required: 1, args, kwargs)
            let mean = b[0]!, std = b[1] ?? .float(1)
            var shape: [Int] = []
            if let s = b[2] { shape = try i.sizeArgs("normal", [s]) }
            else if case .tensor(let t) = mean { shape = t.shape }
            else if case .tensor(let t) = std { shape = t.shape }
            let n = try i.checkedShape("normal", shape)
            func values(_ v: PyValue) -> [Double] {
                if case .tensor(let t) = v { return t.floats.map { Double($0) } }
                return Array(repeating: v.asDouble ?? 0, count: n)
            }
            let (m, s) = (values(mean), values(std))
            // A scalar std is printed as C++ prints a double (%g: -1, -1e-07); a tensor's is not printed.
            if let bad = s.first(where: { $0 < 0 }) {
                if case .tensor = std { throw .runtime("normal expects all elements of std >= 0.0") }
                throw .runtime("normal expects std >= 0.0, but found std \(String(format: "%g", bad))")
            }
            return .tensor(PyTensor(Tensor(shape: shape, storage: (0..<n).map { Float(m[$0] + s[$0] * Double(i.normal())) })))
        }
        a["randperm"] = Builtins.fn("randperm") { args, kwargs, i throws(PyError) in
            let b = try bind("randperm", ["n", "dtype", "device", "requires_grad", "generator"], required: 1, args, kwargs)
            let n = try i.intArg("randperm", "n", b[0])
            guard n >= 0 else { throw .runtime("n must be non-negative, got\(n)") }
            _ = try i.checkedShape("randperm", [n])
            var values = Array(0..<n)
            if n > 1 { for k in stride(from: n - 1, to: 0, by: -1) { values.swapAt(k, Int(i.rng.next() % UInt64(k + 1))) } }
            return .tensor(try i.made(values.map { .int($0) }, shape: [n], dtype: try i.dtypeArg("randperm", b[1]) ?? .int64))
        }
        return a
    }()
}

extension Interpreter {
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

    /// The number of elements of `dims`: torch's messages for a negative size or a product that overflows, and
    /// MiniPy's limit, before anything is allocated.
    func checkedShape(_ fname: String, _ dims: [Int]) throws(PyError) -> Int {
        if dims.contains(where: { $0 < 0 }) { throw .runtime("\(fname): Dimension size must be non-negative.") }
        var n = 1
        var bytes = 4
        for d in dims {
            let r = n.multipliedReportingOverflow(by: d)
            let rb = bytes.multipliedReportingOverflow(by: d)
            if r.overflow || rb.overflow {
                throw .runtime("Storage size calculation overflowed with sizes=\(pyShape(dims))")
            }
            n = r.partialValue
            bytes = rb.partialValue
        }
        try checkElements(n, size: 4)
        try checkEmptySpan(dims)
        return n
    }

    /// A tensor with a zero dimension holds nothing, but operations on it still walk its other dimensions (a
    /// reduction over the empty one makes them its result, a transpose or a pad indexes them): their product is held
    /// to MiniPy's element limit too, so `torch.ones(2**31, 0).sum(1)` is a MemoryError at once, not minutes of work
    /// or an allocation that kills the worker.
    func checkEmptySpan(_ dims: [Int]) throws(PyError) {
        guard dims.contains(0) else { return }
        var span = 1
        for d in dims where d > 0 {
            let r = span.multipliedReportingOverflow(by: d)
            if r.overflow || r.partialValue > limits.maxElements {
                throw .limit("MemoryError", "a tensor of size \(pyShape(dims)) is empty, but its other dimensions span more than MiniPy's limit of \(limits.maxElements) elements")
            }
            span = r.partialValue
        }
    }

    /// A tensor of `dtype` from Python numbers (row-major), cast as torch casts them.
    func made(_ values: [PyValue], shape: [Int], dtype: PyTensor.DType) throws(PyError) -> PyTensor {
        switch dtype {
        case .float32:
            return PyTensor(Tensor(shape: shape, storage: values.map { Float($0.asDouble ?? 0) }))
        case .int64, .int32, .bool:
            return PyTensor(ints: values.map { v in
                switch v {
                case .float(let f): dtype == .bool ? (f != 0 ? 1 : 0) : intFromDouble(f)
                default: v.asIndex ?? 0
                }
            }, shape: shape, dtype: dtype)
        }
    }

    func creation(_ name: String, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        var dtype: PyTensor.DType = .float32
        var requiresGrad = false
        for (k, v) in kwargs {
            switch k {
            case "dtype": dtype = try dtypeArg(name, v) ?? .float32
            case "requires_grad": requiresGrad = try v.truthy()
            case "device": try checkDevice(v)
            case "layout", "pin_memory", "memory_format", "generator": break
            case "size": return try creation(name, [v], kwargs.filter { $0.0 != "size" })
            default: throw .typeError("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        let dims = try sizeArgs(name, args)
        let n = try checkedShape(name, dims)
        if (name == "randn" || name == "rand") && dtype != .float32 {
            throw .runtime("\"\(name == "randn" ? "normal_kernel_cpu" : "check_uniform_bounds")\" not implemented for '\(dtype.scalarName)'")
        }
        var values = [Float](repeating: name == "ones" ? 1 : 0, count: n)
        if name == "randn" {
            for k in 0..<n { values[k] = normal(); if k & 0xFFFF == 0xFFFF { try checkTime() } }
        } else if name == "rand" {
            for k in 0..<n { values[k] = rng.uniform(0, 1) }
        }
        return .tensor(try PyTensor(Tensor(shape: dims, storage: values), dtype: dtype).requiringGrad(requiresGrad))
    }

    /// `torch.full(size, value)`: the value's own dtype (bool, int64 or float32) unless one is given.
    func filled(_ fname: String, _ dims: [Int], _ value: PyValue, dtype: PyTensor.DType?, device: PyValue?, requiresGrad: PyValue?) throws(PyError) -> PyValue {
        let n = try checkedShape(fname, dims)
        try checkDevice(device)
        let inferred: PyTensor.DType
        switch value {
        case .bool: inferred = .bool
        case .int: inferred = .int64
        case .float: inferred = .float32
        case .tensor(let t) where t.count == 1: return try filled(fname, dims, try t.item(), dtype: dtype ?? t.dtype, device: nil, requiresGrad: requiresGrad)
        default:
            throw .typeError("\(fname)(): argument 'fill_value' (position 2) must be Number, not \(value.typeName)")
        }
        return .tensor(try made(Array(repeating: value, count: n), shape: dims, dtype: dtype ?? inferred).requiringGrad(try requiresGrad?.truthy() ?? false))
    }

    /// A standard normal draw (Box–Muller on SplitMix64): MiniPy's own generator, not torch's.
    func normal() -> Float {
        var u1 = Double(rng.next() >> 11) * 0x1p-53
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = Double(rng.next() >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// `torch.arange(end)`, `arange(start, end[, step])`: int64 when every bound is an int, else float32; each value
    /// `start + step * i` computed in double, as torch's CPU kernel does.
    func arange(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        var positional = args
        var kw = kwargs
        // arange(end=4) and arange(start=1, end=4) name the bounds.
        if positional.isEmpty, let k = kw.firstIndex(where: { $0.0 == "end" }) {
            let end = kw.remove(at: k).1
            if let s = kw.firstIndex(where: { $0.0 == "start" }) { positional = [kw.remove(at: s).1, end] } else { positional = [end] }
            if let s = kw.firstIndex(where: { $0.0 == "step" }) { positional.append(kw.remove(at: s).1) }
        }
        let b = try bind("arange", ["start", "end", "step", "dtype", "device", "requires_grad", "layout", "pin_memory"], required: 1, positional, kw)
        let bounds = positional.count == 1 ? [b[0]!] : b[0..<3].compactMap { $0 }
        let names = positional.count == 1 ? ["end"] : ["start", "end", "step"]
        var nums: [Double] = []
        for (k, v) in bounds.enumerated() {
            guard let d = v.asDouble ?? (try? scalarOf(v)) else {
                throw .typeError("arange(): argument '\(names[k])' (position \(k + 1)) must be Number, not \(v.typeName)")
            }
            nums.append(d)
        }
        let (start, end, step) = nums.count == 1 ? (0, nums[0], 1.0) : (nums[0], nums[1], nums.count > 2 ? nums[2] : 1)
        let isInt = bounds.allSatisfy { if case .float = $0 { return false }; if case .tensor(let t) = $0 { return !t.dtype.isFloatingPoint }; return true }
        let dtype = try dtypeArg("arange", b[3]) ?? (isInt ? .int64 : .float32)
        try checkDevice(b[4])
        func show(_ d: Double) -> String {
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            return d == d.rounded() && abs(d) < 1e16 ? String(Int(d)) : String(format: "%g", d)
        }
        guard start.isFinite && end.isFinite else { throw .runtime("unsupported range: \(show(start)) -> \(show(end))") }
        guard step != 0 else { throw .runtime("step must be nonzero") }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw .runtime("upper bound and lower bound inconsistent with step sign")
        }
        let size = ((end - start) / step).rounded(.up)
        guard size.isFinite, size < 9.2e18 else { throw .runtime("invalid size, possible overflow?") }
        let n = try checkedShape("arange", [Int(size)])
        if dtype.isInteger || dtype == .bool {
            let (s, st) = (intFromDouble(start), intFromDouble(step))
            let exactInts = bounds.allSatisfy { $0.asIndex != nil }
            let values = (0..<n).map { k in exactInts ? s &+ st &* k : intFromDouble(start + step * Double(k)) }
            return .tensor(try PyTensor(ints: values, shape: [n], dtype: dtype).requiringGrad(try b[5]?.truthy() ?? false))
        }
        let values = (0..<n).map { Float(start + step * Double($0)) }
        return .tensor(try PyTensor(Tensor(values), dtype: dtype).requiringGrad(try b[5]?.truthy() ?? false))
    }

    /// `torch.linspace(start, end, steps)`: torch's kernel, the first half counted up from `start`, the second down
    /// from `end` (each with a fused multiply-add, as the compiled kernel does).
    func linspace(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("linspace", ["start", "end", "steps", "dtype", "device", "requires_grad", "layout", "pin_memory"], required: 0, args, kwargs)
        guard let s0 = b[0], let e0 = b[1], let n0 = b[2] else {
            throw .typeError("linspace() received an invalid combination of arguments - got (\(args.map(\.typeName).joined(separator: ", "))), but expected one of:\n * (Tensor start, Tensor end, int steps, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n * (Number start, Tensor end, int steps, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n * (Tensor start, Number end, int steps, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n * (Number start, Number end, int steps, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n")
        }
        guard let start = s0.asDouble ?? (try? scalarOf(s0)) else { throw .typeError("linspace(): argument 'start' (position 1) must be Number, not \(s0.typeName)") }
        guard let end = e0.asDouble ?? (try? scalarOf(e0)) else { throw .typeError("linspace(): argument 'end' (position 2) must be Number, not \(e0.typeName)") }
        let steps = try intArg("linspace", "steps", n0)
        guard steps >= 0 else { throw .runtime("number of steps must be non-negative") }
        let n = try checkedShape("linspace", [steps])
        let dtype = try dtypeArg("linspace", b[3]) ?? .float32
        try checkDevice(b[4])
        let halfway = n / 2
        if n == 1 { return .tensor(try made([.float(start)], shape: [1], dtype: dtype).requiringGrad(try b[5]?.truthy() ?? false)) }   // torch fills one step with start
        if dtype.isInteger || dtype == .bool {
            let step = n > 1 ? (end - start) / Double(n - 1) : 0
            let values = (0..<n).map { k in k < halfway ? start + step * Double(k) : end - step * Double(n - k - 1) }
            return .tensor(try made(values.map { .int(intFromDouble($0)) }, shape: [n], dtype: dtype).requiringGrad(try b[5]?.truthy() ?? false))
        }
        let (s, e) = (Float(start), Float(end))
        let step = n > 1 ? (e - s) / Float(n - 1) : 0
        var values = [Float](repeating: s, count: n)
        for k in 0..<n {
            values[k] = k < halfway ? s.addingProduct(step, Float(k)) : e.addingProduct(-step, Float(n - k - 1))
        }
        return .tensor(try PyTensor(Tensor(values)).requiringGrad(try b[5]?.truthy() ?? false))
    }

    /// `torch.tensor(data)`: nested lists (or tuples) of numbers; bool < int64 < float32 decides the dtype.
    func makeTensor(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        let b = try bind("tensor", ["data", "dtype", "device", "requires_grad", "pin_memory"], required: 1, args, kwargs)
        var values: [PyValue] = []
        var kind = 0 // 0 bool, 1 int, 2 float
        func walk(_ v: PyValue, _ depth: Int) throws(PyError) -> [Int] {
            switch v {
            case .bool: values.append(v); return []
            case .int: kind = max(kind, 1); values.append(v); return []
            case .float: kind = 2; values.append(v); return []
            case .tensor(let t) where depth == 0:
                values += t.pythonValues()
                kind = max(kind, t.dtype.isFloatingPoint ? 2 : t.dtype == .bool ? 0 : 1)
                return t.shape
            case .tensor(let t):
                guard t.count == 1 else { throw .valueError("only one element tensors can be converted to Python scalars") }
                values.append(try t.item())
                kind = max(kind, t.dtype.isFloatingPoint ? 2 : t.dtype == .bool ? 0 : 1)
                return []
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
                // Only a str is an invalid data type to torch; anything else has no dtype it can infer.
                if case .str = v { throw .typeError("new(): invalid data type 'str'") }
                throw .runtime("Could not infer dtype of \(v.typeName)")
            }
        }
        let shape = try walk(b[0]!, 0)
        try checkElements(values.count)
        try checkDevice(b[2])
        let dtype = try dtypeArg("tensor", b[1]) ?? (kind == 2 ? .float32 : kind == 1 ? .int64 : .bool)
        return .tensor(try made(values, shape: shape, dtype: dtype).requiringGrad(try b[3]?.truthy() ?? false))
    }
}
