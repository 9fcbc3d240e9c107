import Foundation
import RNNEngine

/// `torch.float32` and friends: one object per dtype, so `x.dtype == torch.float32` and `is` hold. Dtypes MiniPy
/// has no tensors of (`torch.float64`, …) exist as names and say so when a tensor of them is asked for.
final class DTypeObject: PyObject {
    let name: String
    /// nil: a dtype MiniPy has no tensors of.
    let dtype: PyTensor.DType?
    private init(_ name: String, _ dtype: PyTensor.DType?) { self.name = name; self.dtype = dtype }
    override var typeName: String { "dtype" }
    override func repr(_ interp: Interpreter) -> String { "torch.\(name)" }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "is_floating_point": .bool(name.hasPrefix("float") || name == "bfloat16")
        case "is_signed": .bool(name != "uint8" && name != "bool")
        case "itemsize":
            .int(["float64": 8, "int64": 8, "float32": 4, "int32": 4, "float16": 2, "bfloat16": 2, "int16": 2][name] ?? 1)
        default: nil
        }
    }
    override var attributeNames: [String] { ["is_floating_point", "is_signed", "itemsize"] }

    /// Every dtype name of torch MiniPy knows, and its aliases (`torch.float` is `torch.float32`).
    nonisolated(unsafe) static let all: [String: DTypeObject] = {
        var out: [String: DTypeObject] = [:]
        for d in PyTensor.DType.allCases { out[d.rawValue] = DTypeObject(d.rawValue, d) }
        for n in ["float64", "float16", "bfloat16", "int16", "int8", "uint8", "complex64", "complex128"] { out[n] = DTypeObject(n, nil) }
        for (alias, n) in [("float", "float32"), ("double", "float64"), ("half", "float16"), ("long", "int64"), ("int", "int32"),
                           ("short", "int16"), ("cfloat", "complex64"), ("cdouble", "complex128")] { out[alias] = out[n] }
        return out
    }()

    static func of(_ d: PyTensor.DType) -> DTypeObject { all[d.rawValue]! }

    /// The dtype, or an honest error for one MiniPy has no tensors of.
    func supported() throws(PyError) -> PyTensor.DType {
        guard let dtype else { throw Self.unsupported(name) }
        return dtype
    }

    static func unsupported(_ name: String) -> PyError {
        PyError(type: "NotImplementedError", message: "MiniPy does not support torch.\(name) tensors yet (it has float32, int64, int32 and bool)")
    }
}

extension Interpreter {
    /// A `dtype=` argument: nil when left out or None.
    func dtypeArg(_ fname: String, _ v: PyValue?) throws(PyError) -> PyTensor.DType? {
        guard let v, !v.isNone else { return nil }
        guard case .object(let d as DTypeObject) = v else {
            throw .typeError("\(fname)(): argument 'dtype' must be torch.dtype, not \(v.typeName)")
        }
        return try d.supported()
    }

    /// A `device=` argument: the CPU, or torch's error for a device this machine lacks.
    func checkDevice(_ v: PyValue?) throws(PyError) {
        switch v {
        case nil, .none?: return
        case .str(let s)?: try DeviceObject.parse(s).check()
        case .object(let d as DeviceObject)?: try d.check()
        case .int(let n)?:   // an int is a CUDA device index
            if n < 0 { throw .runtime("Device index must not be negative") }
            throw DeviceObject.noCUDA
        case let other?: throw .typeError("device must be a string or torch.device, not \(other.typeName)")
        }
    }
}

enum Modules {
    static func module(_ name: String) -> PyValue? {
        switch name {
        case "torch": return .object(torch)
        case "torch.nn": return .object(nn)
        case "torch.nn.utils": return .object(nnUtils)
        case "torch.optim": return .object(optim)
        case "torch.optim.lr_scheduler": return .object(LRScheduler.namespace)
        case "torch.nn.functional": return .object(Functional.namespace)
        case "torch.nn.init": return .object(TorchInit.namespace)
        case "torch.nn.utils.rnn": return .object(Packing.namespace)
        case "torch.cuda": return torch.attributes["cuda"]
        case "math": return .object(PythonModules.math)
        default: return PythonModules.module(name)
        }
    }

    /// Submodules torch has and MiniPy lacks: importing one says so, rather than that torch has no such module.
    static let missingSubmodules: Set<String> = [
        "torch.utils", "torch.utils.data", "torch.autograd", "torch.linalg", "torch.fft", "torch.distributions", "torch.jit",
        "torch.onnx", "torch.backends", "torch.special", "torch.sparse", "torch.testing", "torch.multiprocessing",
        "torch.nn.parallel", "torch.nn.modules", "torch.nn.parameter", "torch.nn.utils.parametrize",
        "torch.nn.utils.prune", "torch.profiler", "torch.amp", "torch.hub", "torch.random", "torch.overrides", "torch.func",
    ]

    /// The error for `import NAME` when MiniPy has no such module: honest about a torch submodule it lacks.
    static func missingModuleError(_ name: String) -> PyError? {
        guard missingSubmodules.contains(name) else { return nil }
        return PyError(type: "NotImplementedError", message: "MiniPy does not support \(name) yet")
    }

    nonisolated(unsafe) static let nn: Namespace = {
        let ns = Namespace("torch.nn", nnAttributes)
        for (name, cls) in LayerModule.classes().merging(ContainerModule.classes(), uniquingKeysWith: { a, _ in a }) { ns.attributes[name] = cls }
        if case .object(let embedding as PyClass)? = ns.attributes["Embedding"] {
            embedding.classAttributes["from_pretrained"] = Builtins.fn("from_pretrained") { a, k, i throws(PyError) in try TorchModule.fromPretrained(a, k, i) }
        }
        return ns
    }()

    nonisolated(unsafe) static let nnAttributes: [String: PyValue] = [
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
        "NLLLoss": .object(PyClass("NLLLoss", qualified: "torch.nn.modules.loss.NLLLoss") { a, k, i throws(PyError) in try LossModule.make(.nll, a, k, i) }),
        "L1Loss": .object(PyClass("L1Loss", qualified: "torch.nn.modules.loss.L1Loss") { a, k, i throws(PyError) in try LossModule.make(.l1, a, k, i) }),
        "BCELoss": .object(PyClass("BCELoss", qualified: "torch.nn.modules.loss.BCELoss") { a, k, i throws(PyError) in try LossModule.make(.bce, a, k, i) }),
        "BCEWithLogitsLoss": .object(PyClass("BCEWithLogitsLoss", qualified: "torch.nn.modules.loss.BCEWithLogitsLoss") { a, k, i throws(PyError) in
            try LossModule.make(.bceWithLogits, a, k, i)
        }),
        "utils": .object(nnUtils),
        "functional": .object(Functional.namespace),
        "init": .object(TorchInit.namespace),
        // A learner's own modules (UserModule.swift): the base class and the Parameter a module registers.
        "Module": .object(ModuleBaseClass.shared),
        "Parameter": Builtins.type("Parameter") { a, k, i throws(PyError) in try i.makeParameter(a, k) },
    ]

    nonisolated(unsafe) static let nnUtils = Namespace("torch.nn.utils", [
        "rnn": .object(Packing.namespace),
        "clip_grad_norm_": Builtins.fn("clip_grad_norm_") { a, k, i throws(PyError) in try GradClipping.clipGradNorm(a, k, i) },
        "clip_grad_value_": Builtins.fn("clip_grad_value_") { a, k, i throws(PyError) in try GradClipping.clipGradValue(a, k, i) },
    ])

    nonisolated(unsafe) static let optim = Namespace("torch.optim", [
        "SGD": .object(PyClass("SGD", qualified: "torch.optim.sgd.SGD") { a, k, i throws(PyError) in try Optimizer.make(.sgd, a, k, i) }),
        "Adam": .object(PyClass("Adam", qualified: "torch.optim.adam.Adam") { a, k, i throws(PyError) in try Optimizer.make(.adam, a, k, i) }),
        "AdamW": .object(PyClass("AdamW", qualified: "torch.optim.adamw.AdamW") { a, k, i throws(PyError) in try Optimizer.make(.adamw, a, k, i) }),
        "lr_scheduler": .object(LRScheduler.namespace),
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

    nonisolated(unsafe) static let torch: Namespace = {
        var a = TensorOps.functions.merging(creationFunctions) { op, _ in op }
        a["nn"] = .object(nn)
        a["optim"] = .object(optim)
        for (name, d) in DTypeObject.all { a[name] = .object(d) }
        a["__version__"] = .str("2.15.0 (MiniPy)")
        a["cat"] = Builtins.fn("cat") { args, kwargs, i throws(PyError) in try i.concatenate(args, kwargs, stack: false) }
        a["stack"] = Builtins.fn("stack") { args, kwargs, i throws(PyError) in try i.concatenate(args, kwargs, stack: true) }
        for alias in ["concat", "concatenate"] {
            a[alias] = Builtins.fn(alias) { args, kwargs, i throws(PyError) in try i.concatenate(args, kwargs, stack: false) }
        }
        a["hstack"] = Builtins.fn("hstack") { args, kwargs, i throws(PyError) in try i.stackAlong(args, kwargs, vertical: false) }
        a["vstack"] = Builtins.fn("vstack") { args, kwargs, i throws(PyError) in try i.stackAlong(args, kwargs, vertical: true) }
        a["set_printoptions"] = Builtins.fn("set_printoptions") { args, kwargs, i throws(PyError) in
            try i.setPrintOptions(args, kwargs)
            return .none
        }
        a["manual_seed"] = Builtins.fn("manual_seed") { args, kwargs, i throws(PyError) in
            let b = try bind("manual_seed", ["seed"], required: 1, args, kwargs)
            let v = b[0]!
            let seed: Int
            switch v {
            case .int, .bool: seed = v.asIndex!
            case .float(let f):
                guard f.isFinite else { throw PyError(type: f.isNaN ? "ValueError" : "OverflowError", message: f.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer") }
                seed = intFromDouble(f)
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
        a["Tensor"] = .object(PyClass("Tensor", qualified: "torch.Tensor") { args, kwargs, i throws(PyError) in
            try i.legacyTensor(.float32, args, kwargs)
        })
        for (name, dtype) in Interpreter.legacyTensorTypes {
            a[name] = .object(PyClass(name, qualified: "torch.\(name)") { args, kwargs, i throws(PyError) in
                try i.legacyTensor(dtype, args, kwargs)
            })
        }
        a["no_grad"] = .object(PyClass("no_grad", qualified: "torch.autograd.grad_mode.no_grad") { _, _, _ throws(PyError) in .object(NoGradObject()) })
        a["enable_grad"] = .object(PyClass("enable_grad", qualified: "torch.autograd.grad_mode.enable_grad") { _, _, _ throws(PyError) in
            .object(NoGradObject(enables: true))
        })
        a["is_grad_enabled"] = Builtins.fn("is_grad_enabled") { _, _, _ throws(PyError) in .bool(GradMode.isEnabled) }
        a["is_tensor"] = Builtins.fn("is_tensor") { args, kwargs, _ throws(PyError) in
            let b = try bind("is_tensor", ["obj"], required: 1, args, kwargs)
            if case .tensor = b[0]! { return .bool(true) }
            return .bool(false)
        }
        a["get_default_dtype"] = Builtins.fn("get_default_dtype") { _, _, _ throws(PyError) in .object(DTypeObject.of(.float32)) }
        a["device"] = .object(PyClass("device", qualified: "torch.device") { args, kwargs, _ throws(PyError) in
            let b = try bind("device", ["type", "index"], required: 1, args, kwargs)
            guard case .str(let s) = b[0]! else {
                if case .object(let d as DeviceObject) = b[0]! { return .object(d) }
                throw .typeError("device() received an invalid combination of arguments - got (\(b[0]!.typeName))")
            }
            let d = try DeviceObject.parse(s)
            if let k = b[1]?.asIndex { return .object(DeviceObject(d.kind, k)) }
            return .object(d)
        })
        a["cuda"] = .object(Namespace("torch.cuda", [
            "is_available": Builtins.fn("is_available") { _, _, _ throws(PyError) in .bool(false) },
            "device_count": Builtins.fn("device_count") { _, _, _ throws(PyError) in .int(0) },
            "manual_seed": Builtins.fn("manual_seed") { _, _, _ throws(PyError) in .none },
            "manual_seed_all": Builtins.fn("manual_seed_all") { _, _, _ throws(PyError) in .none },
        ]))
        return Namespace("torch", a)
    }()
}

/// What `torch.manual_seed` returns.
final class GeneratorObject: PyObject {
    override var typeName: String { "Generator" }
    override func repr(_ interp: Interpreter) -> String { "<torch._C.Generator object>" }
}

func pyShape(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

/// Runs engine code that throws `TorchError` (or MiniPy code throwing `PyError`) as a `PyError`.
func tc<T>(_ body: () throws -> T) throws(PyError) -> T {
    do { return try body() } catch let e as TorchError { throw e.py } catch let e as PyError { throw e } catch {
        throw PyError(type: "RuntimeError", message: "\(error)")
    }
}
