import RNNEngine

/// Dtype conversions and the way out to Python values.
extension TensorOps {
    static let conversion: [String: TensorOp] = [
        // The same tensor when nothing changes, as torch returns self.
        "cpu": TensorOp(.method) { c throws(PyError) in .tensor(c.input) },
        "float": TensorOp(.method) { c throws(PyError) in
            c.input.dtype != .float32 ? .tensor(PyTensor(c.x)) : .tensor(c.input)
        },
        "long": TensorOp(.method) { c throws(PyError) in
            .tensor(PyTensor(Autograd.mapped(c.x) { $0.rounded(.towardZero) }, dtype: .int64))
        },
        "int": TensorOp(.method) { c throws(PyError) in
            .tensor(PyTensor(Autograd.mapped(c.x) { $0.rounded(.towardZero) }, dtype: .int64))
        },
        "item": TensorOp(.method) { c throws(PyError) in
            let x = c.x
            guard x.count == 1 else { throw .runtime("a Tensor with \(x.count) elements cannot be converted to Scalar") }
            switch c.input.dtype {
            case .float32: return .float(Double(x.storage[0]))
            case .int64: return .int(Int(x.storage[0]))
            case .bool: return .bool(x.storage[0] != 0)
            }
        },
        "tolist": TensorOp(.method) { c throws(PyError) in
            let x = c.x, dtype = c.input.dtype
            func conv(_ v: Float) -> PyValue {
                switch dtype { case .float32: .float(Double(v)); case .int64: .int(Int(v)); case .bool: .bool(v != 0) }
            }
            func nest(_ vals: ArraySlice<Float>, _ shape: ArraySlice<Int>) -> PyValue {
                guard let n = shape.first else { return conv(vals.first ?? 0) }
                return .list(PyList((0..<n).map { nest(TensorFormat.sub(vals, shape, $0), shape.dropFirst()) }))
            }
            return nest(x.storage[...], x.shape[...])
        },
    ]
}
