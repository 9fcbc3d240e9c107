import RNNEngine

/// `torch.Tensor(...)`, `torch.FloatTensor(...)`, `torch.LongTensor(...)`, …: the legacy constructors older
/// tutorials still use. Data (a list or tuple) is taken as `torch.tensor(data, dtype=…)` takes it; sizes make a
/// tensor whose values torch leaves uninitialised, which MiniPy fills with zeros.
extension Interpreter {
    static let legacyTensorTypes: [(name: String, dtype: PyTensor.DType)] =
        [("FloatTensor", .float32), ("LongTensor", .int64), ("IntTensor", .int32), ("BoolTensor", .bool)]

    func legacyTensor(_ dtype: PyTensor.DType, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        if !kwargs.isEmpty {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support keyword arguments to \(dtype.legacyTypeName) yet")
        }
        if args.count == 1 {
            switch args[0] {
            case .list, .tuple: return try makeTensor([args[0]], [("dtype", .object(DTypeObject.of(dtype)))])
            case .tensor(let t):
                guard t.dtype == dtype else { throw .typeError("expected \(Self.tensorOptions(dtype)) (got \(Self.tensorOptions(t.dtype)))") }
                return args[0]
            case .str: throw .typeError("new(): invalid data type 'str'")
            case .int, .bool: break
            default: throw .typeError("new(): data must be a sequence (got \(args[0].typeName))")
            }
        }
        var shape: [Int] = []
        for a in args {
            guard let n = a.asIndex else { throw .typeError("new(): data must be a sequence (got \(a.typeName))") }
            shape.append(n)
        }
        if let neg = shape.first(where: { $0 < 0 }) { throw .runtime("Trying to create tensor with negative dimension \(neg): \(pyShape(shape))") }
        if args.isEmpty { shape = [0] }
        _ = try checkedShape(dtype.legacyTypeName, shape)
        return .tensor(PyTensor(Tensor.zeros(shape), dtype: dtype))
    }

    /// How torch's C++ prints the options of a tensor of this dtype in the legacy constructor's TypeError.
    private static func tensorOptions(_ d: PyTensor.DType) -> String {
        let cName: String
        switch d { case .float32: cName = "float"; case .int64: cName = "long int"; case .int32: cName = "int"; case .bool: cName = "bool" }
        return "TensorOptions(dtype=\(cName), device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))"
    }
}
