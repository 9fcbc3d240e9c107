import RNNEngine

/// One tensor operation as torch has it, in one place: the forms it is called in (`torch.NAME(input, ...)`,
/// `input.NAME(...)`), how its arguments bind, what it computes and its gradient. `run` binds the arguments
/// (`TensorCall.bind`), computes, and records its autograd node (`Autograd.record`).
///
///     "trace": TensorOp { c throws(PyError) in try c.noArguments(); return .tensor(...) }
///
/// Every operation lives in `TensorOps.table` (assembled from the groups in the `TensorOps+*.swift` files); the
/// attribute lookup on a tensor and the `torch` namespace both read it, so a name is never defined twice.
struct TensorOp: Sendable {
    enum Forms { case function, method, both }
    let forms: Forms
    let run: @Sendable (TensorCall) throws(PyError) -> PyValue

    init(_ forms: Forms = .both, _ run: @escaping @Sendable (TensorCall) throws(PyError) -> PyValue) {
        self.forms = forms
        self.run = run
    }

    var isMethod: Bool { forms != .function }
    var isFunction: Bool { forms != .method }
}

/// One call of a tensor operation: the tensor it is called on (or the function's first argument) and the
/// rest of the arguments as given.
struct TensorCall {
    let name: String
    let input: PyTensor
    let args: [PyValue]
    let kwargs: [(String, PyValue)]
    let interp: Interpreter
    /// Called as `input.NAME(...)` rather than `torch.NAME(input, ...)`.
    let isMethod: Bool

    /// The input's values.
    var x: Tensor { input.t }

    /// The arguments after the input bound to `params` with Python's messages (`isMethod`: count `self` in them).
    func bind(_ params: [String], required: Int = 0, isMethod: Bool = false) throws(PyError) -> [PyValue?] {
        // torch's argument parser words one missing argument its own way ("arguments", double quotes).
        if args.count < required {
            let missing = params[args.count..<required].filter { p in !kwargs.contains { $0.0 == p } }
            if missing.count == 1, kwargs.allSatisfy({ params.contains($0.0) }) {
                throw .typeError("\(name)() missing 1 required positional arguments: \"\(missing[0])\"")
            }
        }
        return try bindArguments(name, params, required: required, args, kwargs, isMethod: isMethod)
    }

    /// An int argument, with torch's message for another type.
    func int(_ v: PyValue?, _ param: String) throws(PyError) -> Int { try interp.intArg(name, param, v) }

    /// A dimension argument wrapped into the input's range (torch's "Dimension out of range" otherwise).
    func dim(_ v: PyValue?, _ param: String = "dim", extra: Int = 0) throws(PyError) -> Int {
        let d = try int(v, param)
        return try tc { try x.wrapDim(d, extra: extra) }
    }

    /// torch's message for arguments given to a method that takes none.
    func noArguments() throws(PyError) {
        let n = args.count + kwargs.count
        if n > 0 && isMethod { throw .typeError("TensorBase.\(name)() takes no arguments (\(n) given)") }
    }

    /// An optional boolean argument (`keepdim`), false when left out.
    func flag(_ v: PyValue?) throws(PyError) -> Bool { try v?.truthy() ?? false }
}

/// The global `bind`, which `TensorCall.bind` shadows.
private func bindArguments(_ fname: String, _ params: [String], required: Int, _ args: [PyValue], _ kwargs: [(String, PyValue)],
                           isMethod: Bool) throws(PyError) -> [PyValue?] {
    try bind(fname, params, required: required, args, kwargs, isMethod: isMethod)
}

enum TensorOps {
    /// Every tensor operation MiniPy has, by torch's name.
    static let table: [String: TensorOp] = {
        var t: [String: TensorOp] = [:]
        for group in [shape, math, reduction, selection, conversion, autograd, inPlace, random] {
            for (name, op) in group {
                precondition(t[name] == nil, "tensor operation \(name) defined twice")
                t[name] = op
            }
        }
        return t
    }()

    /// `torch.NAME`: the operation called with the input tensor first (or as `input=`).
    static func function(_ name: String, _ op: TensorOp) -> PyValue {
        Builtins.fn(name) { args, kwargs, i throws(PyError) in
            var rest = args
            var kw = kwargs
            let input: PyValue
            if !rest.isEmpty { input = rest.removeFirst() }
            else if let k = kw.firstIndex(where: { $0.0 == "input" }) { input = kw.remove(at: k).1 }
            else { throw .typeError("\(name)() missing 1 required positional arguments: \"input\"") }
            guard case .tensor(let t) = input else {
                // torch.pow(2, x): a number base.
                if name == "pow", input.asDouble != nil, case .tensor? = rest.first { return try i.tensorBinary("**", input, rest[0]) }
                throw .typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(input.typeName)")
            }
            return try op.run(TensorCall(name: name, input: t, args: rest, kwargs: kw, interp: i, isMethod: false))
        }
    }

    /// The `torch.NAME` functions of the table.
    static var functions: [String: PyValue] {
        var out: [String: PyValue] = [:]
        for (name, op) in table where op.isFunction { out[name] = function(name, op) }
        return out
    }
}

extension Interpreter {
    /// `tensor.NAME`: a property, or a method of the table bound to the tensor; nil when MiniPy has neither.
    func tensorAttribute(_ t: PyTensor, _ name: String) throws(PyError) -> PyValue? {
        if let p = try tensorProperty(t, name) { return p }
        guard let op = TensorOps.table[name], op.isMethod else { return nil }
        return method(name) { args, kwargs, i throws(PyError) in
            try op.run(TensorCall(name: name, input: t, args: args, kwargs: kwargs, interp: i, isMethod: true))
        }
    }

    /// The attributes of a tensor that are values rather than methods.
    func tensorProperty(_ t: PyTensor, _ name: String) throws(PyError) -> PyValue? {
        switch name {
        case "shape": return .size(t.shape)
        case "ndim": return .int(t.shape.count)
        case "dtype": return .object(DTypeObject.of(t.dtype))
        case "device": return .object(DeviceObject.cpu)
        case "is_cuda": return .bool(false)
        case "itemsize": return .int(t.dtype == .int64 ? 8 : t.dtype == .bool ? 1 : 4)
        case "T":
            let ts = t.torchStrides
            let perm = Array(t.shape.indices.reversed())
            return TensorOps.permutedView(t, perm, "PermuteBackward0", strides: perm.map { ts[$0] })
        case "mT":
            // The last two dimensions swapped (a 0-d tensor is returned as it is, with a deprecation warning).
            if t.shape.count == 1 { throw .runtime("tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.") }
            var perm = Array(t.shape.indices)
            if perm.count >= 2 { perm.swapAt(perm.count - 2, perm.count - 1) }
            let ts = t.torchStrides
            return TensorOps.permutedView(t, perm, "TransposeBackward0", strides: perm.map { ts[$0] })
        case "data":
            var d = t.detached
            d.version = VersionCounter()   // `.data` has a counter of its own: changes through it go unchecked
            return .tensor(d)
        case "requires_grad": return .bool(t.requiresGrad)
        case "is_leaf": return .bool(t.isLeaf)
        case "grad":
            // A non-leaf's .grad is None in torch too (with a warning on stderr), unless it retains its gradient.
            if case .leaf(let l)? = t.origin, let g = l.gradTensor { return .tensor(g) }
            if case .node(let n, let k)? = t.origin, let g = n.retainedGrads[k] { return .tensor(PyTensor(g)) }
            return PyValue.none
        case "retains_grad":
            if case .node(let n, let k)? = t.origin { return .bool(n.retainsGrad.contains(k)) }
            return .bool(false)
        case "grad_fn":
            if case .node(let n, let i)? = t.origin { return .object(GradFnObject.of(n, i)) }
            return PyValue.none
        default: return nil
        }
    }

    /// Dimensions given as `*dims` or one sequence (`view(2, 3)`, `view((2, 3))`).
    func dims(_ fname: String, _ args: [PyValue]) throws(PyError) -> [Int] {
        let items = args.count == 1 ? sequenceItems(args[0]) ?? args : args
        var out: [Int] = []
        // The argument's name in torch's signature, which its parser puts in the message.
        let argument = ["reshape": "shape", "repeat": "repeats", "permute": "dims", "flip": "dims"][fname] ?? "size"
        for (k, x) in items.enumerated() {
            guard let n = x.asIndex else {
                // torch's parser tells a bad first element from a bad later one in different words.
                if k > 0 { throw .typeError("\(fname)(): argument '\(argument)' failed to unpack the object at pos \(k + 1) with error \"type must be tuple of ints,but got \(x.typeName)\"") }
                throw .typeError("\(fname)(): argument '\(argument)' (position 1) must be tuple of ints, but found element of type \(x.typeName) at pos 0")
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

    /// The shape `view`/`reshape` give a tensor of `count` elements: at most one -1, inferred; torch's messages, and
    /// no overflow for any sizes given.
    func viewShape(_ newShape: [Int], count: Int) throws(PyError) -> [Int] {
        let shapeText = pyShape(newShape)
        var s = newShape
        let inferred = s.indices.filter { s[$0] == -1 }
        // ATen's infer_size: one pass over the sizes, so whichever problem comes first is the one reported.
        for (k, d) in s.enumerated() where d < 0 {
            if d == -1 { if k != inferred[0] { throw .runtime("only one dimension can be inferred") } }
            else { throw .runtime("invalid shape dimension \(d) at index \(k) of shape \(shapeText)") }
        }
        var known = 1, overflow = false
        for d in s where d != -1 {
            let r = known.multipliedReportingOverflow(by: d)
            overflow = overflow || r.overflow
            known = r.partialValue
        }
        if let i = inferred.first {
            if !overflow, known == 0, count == 0 {
                throw .runtime("cannot reshape tensor of 0 elements into shape \(shapeText) because the unspecified dimension size -1 can be any value and is ambiguous")
            }
            guard !overflow, known != 0, count % known == 0 else { throw .runtime("shape '\(shapeText)' is invalid for input of size \(count)") }
            s[i] = count / known
        } else if overflow || known != count {
            throw .runtime("shape '\(shapeText)' is invalid for input of size \(count)")
        }
        try checkEmptySpan(s)
        return s
    }
}
