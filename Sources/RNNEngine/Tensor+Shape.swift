// Shape operations and elementwise arithmetic for snippets (MiniPy): PyTorch's semantics and messages.

extension Tensor {
    /// A dimension index made non-negative, or PyTorch's IndexError. `extra` is 1 for unsqueeze (one past the end).
    public func wrapDim(_ d: Int, extra: Int = 0) throws(TorchError) -> Int {
        let n = Swift.max(dim + extra, 1)
        guard d >= -n, d < n else {
            throw TorchError(type: "IndexError",
                             message: "Dimension out of range (expected to be in range of [\(-n), \(n - 1)], but got \(d))")
        }
        return d < 0 ? d + n : d
    }

    /// `tensor.view(*shape)` / `reshape`: at most one -1, inferred.
    public func viewed(_ newShape: [Int]) throws(TorchError) -> Tensor {
        let shapeText = "[" + newShape.map(String.init).joined(separator: ", ") + "]"
        var s = newShape
        let inferred = s.indices.filter { s[$0] == -1 }
        if inferred.count > 1 { throw TorchError(type: "RuntimeError", message: "only one dimension can be inferred") }
        if let bad = s.first(where: { $0 < -1 }) {
            throw TorchError(type: "RuntimeError", message: "invalid shape dimension \(bad)")
        }
        let known = s.filter { $0 != -1 }.reduce(1, *)
        if let i = inferred.first {
            guard known != 0, count % known == 0 else {
                throw TorchError(type: "RuntimeError", message: "shape '\(shapeText)' is invalid for input of size \(count)")
            }
            s[i] = count / known
        } else if known != count {
            throw TorchError(type: "RuntimeError", message: "shape '\(shapeText)' is invalid for input of size \(count)")
        }
        return Tensor(shape: s, storage: storage)
    }

    /// `tensor.permute(*dims)`.
    public func permuted(_ dims: [Int]) throws(TorchError) -> Tensor {
        guard dims.count == dim else {
            throw TorchError(type: "RuntimeError", message: "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(dims.count)")
        }
        var wrapped: [Int] = []
        for d in dims { wrapped.append(try wrapDim(d)) }
        guard Set(wrapped).count == wrapped.count else {
            throw TorchError(type: "RuntimeError", message: "permute(): duplicate dims are not allowed.")
        }
        let newShape = wrapped.map { shape[$0] }
        var strides = [Int](repeating: 1, count: dim)
        if dim > 1 { for k in stride(from: dim - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] } }
        let newStrides = wrapped.map { strides[$0] }
        var out = [Float](repeating: 0, count: count)
        var idx = [Int](repeating: 0, count: dim)
        for o in 0..<count {
            var src = 0
            for k in 0..<dim { src += idx[k] * newStrides[k] }
            out[o] = storage[src]
            var k = dim - 1
            while k >= 0 { idx[k] += 1; if idx[k] < newShape[k] { break }; idx[k] = 0; k -= 1 }
        }
        return Tensor(shape: newShape, storage: out)
    }

    /// `tensor.transpose(a, b)`.
    public func transposed(_ a: Int, _ b: Int) throws(TorchError) -> Tensor {
        if dim == 0 { _ = try wrapDim(a); _ = try wrapDim(b); return self }
        let x = try wrapDim(a), y = try wrapDim(b)
        var p = Array(0..<dim)
        p.swapAt(x, y)
        return try permuted(p)
    }

    /// `tensor.squeeze()` (every size-1 dimension) or `squeeze(d)`.
    public func squeezing(_ d: Int?) throws(TorchError) -> Tensor {
        guard let d else { return Tensor(shape: shape.filter { $0 != 1 }, storage: storage) }
        if dim == 0 { _ = try wrapDim(d); return self }
        return squeezed(try wrapDim(d))
    }

    /// `tensor.unsqueeze(d)`, d in [-dim-1, dim].
    public func unsqueezing(_ d: Int) throws(TorchError) -> Tensor { unsqueezed(try wrapDim(d, extra: 1)) }

    /// Selects, per dimension, a list of indices; dimensions whose `keep` is false are dropped (an integer index).
    public func gathered(_ indices: [[Int]], keep: [Bool]) -> Tensor {
        precondition(indices.count == dim && keep.count == dim)
        var strides = [Int](repeating: 1, count: dim)
        if dim > 1 { for k in stride(from: dim - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * shape[k + 1] } }
        let outCount = indices.reduce(1) { $0 * $1.count }
        var out = [Float](repeating: 0, count: outCount)
        var pos = [Int](repeating: 0, count: dim)
        if outCount > 0 {
            for o in 0..<outCount {
                var src = 0
                for k in 0..<dim { src += indices[k][pos[k]] * strides[k] }
                out[o] = storage[src]
                var k = dim - 1
                while k >= 0 { pos[k] += 1; if pos[k] < indices[k].count { break }; pos[k] = 0; k -= 1 }
            }
        }
        let newShape = zip(indices, keep).compactMap { $1 ? $0.count : nil }
        return Tensor(shape: newShape, storage: out)
    }

    /// The broadcast shape of two shapes, or PyTorch's RuntimeError.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws(TorchError) -> [Int] {
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let x = k - (n - a.count) >= 0 ? a[k - (n - a.count)] : 1
            let y = k - (n - b.count) >= 0 ? b[k - (n - b.count)] : 1
            if x != y && x != 1 && y != 1 {
                throw TorchError(type: "RuntimeError", message:
                    "The size of tensor a (\(x)) must match the size of tensor b (\(y)) at non-singleton dimension \(k)")
            }
            out[k] = x == 1 ? y : x
        }
        return out
    }

    /// Elementwise `f(a, b)` with broadcasting.
    public static func broadcasting(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) throws(TorchError) -> Tensor {
        let shape = try broadcastShape(a.shape, b.shape)
        if a.shape == b.shape {
            return Tensor(shape: shape, storage: zip(a.storage, b.storage).map { f($0, $1) })
        }
        let n = shape.count
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: n)
            var acc = 1
            for k in stride(from: s.count - 1, through: 0, by: -1) {
                st[k + n - s.count] = s[k] == 1 ? 0 : acc
                acc *= s[k]
            }
            return st
        }
        let sa = strides(a.shape), sb = strides(b.shape)
        let total = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: total)
        var idx = [Int](repeating: 0, count: n)
        for o in 0..<total {
            var ia = 0, ib = 0
            for k in 0..<n { ia += idx[k] * sa[k]; ib += idx[k] * sb[k] }
            out[o] = f(a.storage[ia], b.storage[ib])
            var k = n - 1
            while k >= 0 { idx[k] += 1; if idx[k] < shape[k] { break }; idx[k] = 0; k -= 1 }
        }
        return Tensor(shape: shape, storage: out)
    }

    /// `a @ b` for 1-D and 2-D operands, and a batch (…, n, k) @ (k, m).
    public static func matmul(_ a: Tensor, _ b: Tensor) throws(TorchError) -> Tensor {
        if a.dim == 0 || b.dim == 0 {
            throw TorchError(type: "RuntimeError", message: "both arguments to matmul need to be at least 1D, but they are \(a.dim)D and \(b.dim)D")
        }
        if a.dim == 1 && b.dim == 1 {
            guard a.count == b.count else {
                throw TorchError(type: "RuntimeError", message: "inconsistent tensor size, expected tensor [\(a.count)] and src [\(b.count)] to have the same number of elements, but got \(a.count) and \(b.count) elements respectively")
            }
            var s: Float = 0
            for i in 0..<a.count { s += a.storage[i] * b.storage[i] }
            return Tensor(shape: [], storage: [s])
        }
        guard b.dim <= 2 else {
            throw TorchError(type: "RuntimeError", message: "MiniPy's matmul takes a right operand of 1 or 2 dimensions")
        }
        let A = a.dim == 1 ? a.unsqueezed(0) : a
        let B = b.dim == 1 ? b.unsqueezed(1) : b
        let k = A.shape[A.dim - 1], n = A.count / Swift.max(k, 1), m = B.shape[1]
        let rows = A.dim == 2 ? A.shape[0] : A.shape.dropLast().reduce(1, *)
        guard k == B.shape[0] else {
            if b.dim == 1 {
                throw TorchError(type: "RuntimeError", message: "size mismatch, got input (\(rows)), mat (\(rows)x\(k)), vec (\(b.count))")
            }
            throw TorchError(type: "RuntimeError", message: "mm: mat1 and mat2 shapes cannot be multiplied (\(rows)x\(k) and \(B.shape[0])x\(m))")
        }
        _ = n
        var out = [Float](repeating: 0, count: rows * m)
        for r in 0..<rows {
            for j in 0..<m {
                var s: Float = 0
                for t in 0..<k { s += A.storage[r * k + t] * B.storage[t * m + j] }
                out[r * m + j] = s
            }
        }
        var shape = Array(A.shape.dropLast()) + [m]
        if a.dim == 1 { shape.removeFirst() }
        if b.dim == 1 { shape.removeLast() }
        return Tensor(shape: shape, storage: out)
    }
}
