// RNNEngine: tensors and PyTorch's recurrent modules. It knows nothing of the tutor.

/// A dense row-major tensor of `Float` (PyTorch's default dtype, float32): a shape and contiguous storage.
///
/// Only what the recurrent modules need: construction, indexing, nested lists in and out.
///
///     let x = Tensor.zeros([4, 2, 3])        // like torch.zeros(4, 2, 3)
///     x.shape                                // [4, 2, 3]
///     x.dim                                  // 3
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    public var shape: [Int]
    public var storage: [Float]

    /// A tensor over `storage` (row-major); `storage.count` must equal the product of `shape`.
    public init(shape: [Int], storage: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(storage.count == shape.reduce(1, *), "storage of \(storage.count) for shape \(shape)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of zeros, as `torch.zeros(*shape)`.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    /// A 1-D tensor holding `values`.
    public init(_ values: [Float]) { self.init(shape: [values.count], storage: values) }

    /// A 2-D tensor from rows of equal length.
    public init(rows: [[Float]]) {
        let cols = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == cols }, "ragged rows")
        self.init(shape: [rows.count, cols], storage: rows.flatMap { $0 })
    }

    /// Number of dimensions, as `tensor.dim()`.
    public var dim: Int { shape.count }
    /// Number of elements, as `tensor.numel()`.
    public var count: Int { storage.count }

    /// `tensor.size(d)`; negative `d` counts from the end.
    public func size(_ d: Int) -> Int { shape[d < 0 ? shape.count + d : d] }

    /// The element at a full index.
    public subscript(_ index: Int...) -> Float {
        get { storage[offset(index)] }
        set { storage[offset(index)] = newValue }
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var o = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "index \(index) out of range for shape \(shape)")
            o = o * n + i
        }
        return o
    }

    /// The same storage seen with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, storage: storage) }

    /// Swaps the first two dimensions of a tensor of 3 dimensions (batch-first ⇄ time-first), copying.
    public func transposed01() -> Tensor {
        precondition(dim == 3)
        let (a, b, c) = (shape[0], shape[1], shape[2])
        var out = [Float](repeating: 0, count: storage.count)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<a {
                    for j in 0..<b {
                        let s = (i * b + j) * c, d = (j * a + i) * c
                        for k in 0..<c { dst[d + k] = src[s + k] }
                    }
                }
            }
        }
        return Tensor(shape: [b, a, c], storage: out)
    }

    /// Inserts a dimension of size 1 at `d`, as `tensor.unsqueeze(d)`.
    public func unsqueezed(_ d: Int) -> Tensor {
        var s = shape; s.insert(1, at: d); return Tensor(shape: s, storage: storage)
    }

    /// Removes the dimension of size 1 at `d`, as `tensor.squeeze(d)`.
    public func squeezed(_ d: Int) -> Tensor {
        var s = shape
        if s[d] == 1 { s.remove(at: d) }
        return Tensor(shape: s, storage: storage)
    }

    /// The values as nested arrays of `Double` (`[[...]]` for a matrix; a scalar for 0-D).
    public var nestedList: Any { Tensor.nest(storage[...], shape[...]) }

    private static func nest(_ values: ArraySlice<Float>, _ shape: ArraySlice<Int>) -> Any {
        guard let n = shape.first else { return Double(values.first ?? 0) }
        let rest = shape.dropFirst()
        if rest.isEmpty { return values.map { Double($0) } }
        let step = rest.reduce(1, *)
        return (0..<n).map { i in
            nest(values[(values.startIndex + i * step)..<(values.startIndex + (i + 1) * step)], rest)
        }
    }

    /// `torch.Size([4, 2, 3])`.
    public var sizeDescription: String { "torch.Size([\(shape.map(String.init).joined(separator: ", "))])" }

    public var description: String { "tensor(shape: \(shape), \(storage.prefix(8))\(storage.count > 8 ? "…" : ""))" }
}

extension Tensor {
    /// The maximum absolute difference to another tensor of the same shape (for tests and tolerances).
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "shapes \(shape) and \(other.shape)")
        var m: Float = 0
        for (a, b) in zip(storage, other.storage) { m = max(m, abs(a - b)) }
        return m
    }
}
