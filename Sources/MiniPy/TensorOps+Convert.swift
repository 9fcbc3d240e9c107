import RNNEngine

/// Dtype conversions, devices, and the way out to Python values.
extension TensorOps {
    static let conversion: [String: TensorOp] = {
        var ops: [String: TensorOp] = [:]
        // The same tensor when nothing changes, as torch returns self.
        ops["cpu"] = TensorOp(.method) { c throws(PyError) in .tensor(c.input) }
        for (name, dtype) in [("float", PyTensor.DType.float32), ("long", .int64), ("int", .int32), ("bool", .bool)] {
            ops[name] = TensorOp(.method) { c throws(PyError) in
                try c.noArguments()
                return .tensor(c.input.converted(to: dtype))
            }
        }
        for (name, dtype) in [("double", "float64"), ("half", "float16"), ("bfloat16", "bfloat16"), ("short", "int16"),
                              ("char", "int8"), ("byte", "uint8")] {
            ops[name] = TensorOp(.method) { _ throws(PyError) in throw DTypeObject.unsupported(dtype) }
        }
        ops["to"] = TensorOp(.method) { c throws(PyError) in
            // to(dtype), to(device), to(device, dtype), to(other), with dtype= and device= keywords.
            var target: PyTensor.DType?
            for v in c.args + c.kwargs.filter({ ["dtype", "device", "non_blocking", "copy"].contains($0.0) }).map(\.1) {
                switch v {
                case .object(let d as DTypeObject): target = try d.supported()
                case .object(let d as DeviceObject): try d.check()
                case .str(let s): try DeviceObject.parse(s).check()
                case .tensor(let other): target = other.dtype
                case .bool, .none: break
                default: throw .typeError("to() received an invalid combination of arguments - got (\(v.typeName))")
                }
            }
            for (k, _) in c.kwargs where !["dtype", "device", "non_blocking", "copy", "memory_format"].contains(k) {
                throw .typeError("to() got an unexpected keyword argument '\(k)'")
            }
            return .tensor(target.map { c.input.converted(to: $0) } ?? c.input)
        }
        ops["cuda"] = TensorOp(.method) { _ throws(PyError) in throw DeviceObject.noCUDA }
        ops["type"] = TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["dtype", "non_blocking"])
            guard let d = b[0], !d.isNone else { return .str(c.input.dtype.legacyTypeName) }
            switch d {
            case .object(let o as DTypeObject): return .tensor(c.input.converted(to: try o.supported()))
            case .object(let cls as PyClass) where Interpreter.legacyTensorTypes.contains { "torch.\($0.name)" == cls.qualified }:
                return .tensor(c.input.converted(to: Interpreter.legacyTensorTypes.first { "torch.\($0.name)" == cls.qualified }!.dtype))   // x.type(torch.LongTensor)
            case .str(let s):
                guard let dtype = PyTensor.DType.allCases.first(where: { $0.legacyTypeName == s }) else {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support the tensor type \(s) yet")
                }
                return .tensor(c.input.converted(to: dtype))
            default: throw .typeError("type() received an invalid combination of arguments - got (\(d.typeName))")
            }
        }
        // x.new_zeros(size), new_ones, new_empty, new_full(size, value), new_tensor(data): x's dtype unless given.
        for name in ["new_zeros", "new_ones", "new_empty", "new_full", "new_tensor"] {
            ops[name] = TensorOp(.method) { c throws(PyError) in
                var args = c.args, kw = c.kwargs
                if !kw.contains(where: { $0.0 == "dtype" }) { kw.append(("dtype", .object(DTypeObject.of(c.input.dtype)))) }
                switch name {
                case "new_tensor": return try c.interp.makeTensor(args, kw)
                case "new_full":
                    let b = try bind("new_full", ["size", "fill_value", "dtype", "device", "requires_grad"], required: 2, args, kw)
                    return try c.interp.filled("new_full", try c.interp.sizeArgs("new_full", [b[0]!]), b[1]!, dtype: try c.interp.dtypeArg("new_full", b[2]),
                                               device: b[3], requiresGrad: b[4])
                default:
                    if args.isEmpty, let k = kw.firstIndex(where: { $0.0 == "size" }) { args = [kw.remove(at: k).1] }
                    return try c.interp.creation(String(name.dropFirst(4)), args, kw)
                }
            }
        }
        ops["is_floating_point"] = TensorOp { c throws(PyError) in .bool(c.input.dtype.isFloatingPoint) }
        ops["element_size"] = TensorOp(.method) { c throws(PyError) in
            switch c.input.dtype { case .float32, .int32: .int(4); case .int64: .int(8); case .bool: .int(1) }
        }
        ops["item"] = TensorOp(.method) { c throws(PyError) in
            try c.noArguments()
            return try c.input.item()
        }
        ops["tolist"] = TensorOp(.method) { c throws(PyError) in
            let t = c.input
            let values = t.pythonValues()
            func nest(_ base: Int, _ shape: ArraySlice<Int>) -> PyValue {
                guard let n = shape.first else { return values[base] }
                return .list(PyList((0..<n).map { nest(TensorFormat.sub(base, shape, $0), shape.dropFirst()) }))
            }
            return nest(0, t.shape[...])
        }
        return ops
    }()
}

extension PyTensor {
    /// This tensor in `dtype`: itself when it already is (as torch returns self), else a copy cast as torch casts
    /// (floats to integers truncate; NaN and values out of range give the smallest integer).
    func converted(to dtype: DType) -> PyTensor {
        if dtype == self.dtype { return self }
        switch dtype {
        case .float32:
            return PyTensor(Tensor(shape: shape, storage: floats))
        case .int64, .int32:
            let values: [Int]
            if storage.ints != nil { values = exactInts }
            else if dtype == .int32 { values = floats.map { f in f.isFinite && f >= -2147483648 && f < 2147483648 ? Int(f) : Int(Int32.min) } }
            else { values = floats.map(intFromFloat) }
            return PyTensor(ints: values, shape: shape, dtype: dtype)
        case .bool:
            return PyTensor(ints: floats.map { $0 != 0 ? 1 : 0 }, shape: shape, dtype: .bool)
        }
    }

    /// Each element as the Python value `item()` gives (row-major).
    func pythonValues() -> [PyValue] {
        switch dtype {
        case .float32: floats.map { .float(Double($0)) }
        case .int64, .int32: exactInts.map { .int($0) }
        case .bool: floats.map { .bool($0 != 0) }
        }
    }

    /// The one element for Python's `int()`, `float()` and `math`: torch's `__int__`/`__float__` say it in other
    /// words than `item()`.
    func scalar() throws(PyError) -> PyValue {
        guard count == 1 else { throw .valueError("only one element tensors can be converted to Python scalars") }
        return pythonValues()[0]
    }

    /// `item()`: the one element as a Python number.
    func item() throws(PyError) -> PyValue {
        guard count == 1 else { throw .runtime("a Tensor with \(count) elements cannot be converted to Scalar") }
        return pythonValues()[0]
    }

    /// `int(t)`: Python's int of the one element (a float's NaN or infinity is Python's error).
    func pythonInt() throws(PyError) -> PyValue {
        let v = try scalar()
        guard case .float(let f) = v else { return .int(v.asIndex!) }
        guard f.isFinite else {
            throw PyError(type: f.isNaN ? "ValueError" : "OverflowError", message: f.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
        }
        guard abs(f) < 9.2e18 else { throw PyError(type: "OverflowError", message: "integer too large for MiniPy (it has 64-bit ints)") }
        return .int(Int(f))
    }

    /// `float(t)`: Python's float of the one element.
    func pythonFloat() throws(PyError) -> PyValue {
        let v = try scalar()
        return .float(v.asDouble ?? 0)
    }
}

/// `torch.device('cpu')`: MiniPy runs on the CPU only.
final class DeviceObject: PyObject {
    let kind: String
    let index: Int?
    init(_ kind: String, _ index: Int? = nil) { self.kind = kind; self.index = index }
    override var typeName: String { "device" }
    override func repr(_ interp: Interpreter) -> String { "device(type='\(kind)'\(index.map { ", index=\($0)" } ?? ""))" }
    override func str(_ interp: Interpreter) -> String { kind + (index.map { ":\($0)" } ?? "") }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "type": .str(kind)
        case "index": index.map { .int($0) } ?? PyValue.none
        default: nil
        }
    }
    override var attributeNames: [String] { ["type", "index"] }

    nonisolated(unsafe) static let cpu = DeviceObject("cpu")
    /// What torch 2.15 (built with CUDA) says on a machine without a GPU.
    static let noCUDA = PyError(type: "RuntimeError", message: "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")

    static func parse(_ s: String) throws(PyError) -> DeviceObject {
        let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first ?? ""
        guard ["cpu", "cuda", "mps", "meta"].contains(kind) else {
            throw .runtime("Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: \(s)")
        }
        return DeviceObject(kind, parts.count > 1 ? Int(parts[1]) : nil)
    }

    /// Tensors may go to the CPU; anywhere else is torch's error on a machine without that device.
    func check() throws(PyError) {
        switch kind {
        case "cpu": return
        case "cuda": throw Self.noCUDA
        default: throw PyError(type: "NotImplementedError", message: "MiniPy does not support the \(kind) device")
        }
    }
}
