/// The strides torch's tensor would have. MiniPy stores every tensor densely, so strides are only what torch
/// decides with them: whether `view()` can reshape without copying (the classic `out.transpose(0, 1).view(…)`
/// error, and `view` on a batch_first RNN's output), what `reshape()` records, and `is_contiguous()`.
/// Views (transpose, permute, indexing, unsqueeze, squeeze, view) carry them; every other result is contiguous.
enum Strides {
    /// a·b, or Int.max when it overflows: a tensor with a zero-sized dimension may have others so large that
    /// their product passes 64 bits (a fuzzed program trapped here); its strides are never used to index.
    static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : p
    }

    static func contiguous(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { s[d] = acc; acc = saturatingProduct(acc, max(shape[d], 1)) }
        return s
    }

    /// torch's `is_contiguous()`: size-1 dimensions may have any stride.
    static func isContiguous(_ shape: [Int], _ strides: [Int]) -> Bool {
        if shape.contains(0) { return true }
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected = saturatingProduct(expected, shape[d])
        }
        return true
    }

    /// nil for the contiguous strides (the default), else the strides (size-1 dimensions keep what torch gave them).
    static func normalized(_ shape: [Int], _ strides: [Int]) -> [Int]? {
        strides == contiguous(shape) ? nil : strides
    }

    /// An element-wise result's strides: torch lays it out in the order of the first input of the result's shape
    /// (a transposed input gives a transposed result), densely.
    static func elementwise(_ shape: [Int], _ inputs: [PyTensor]) -> [Int] {
        guard let first = inputs.first(where: { $0.t.shape == shape && $0.strides != nil }),
              inputs.allSatisfy({ $0.t.shape != shape || $0.strides == nil || $0.torchStrides == first.torchStrides }) else {
            return contiguous(shape)
        }
        let st = first.torchStrides
        let order = (0..<shape.count).sorted { st[$0] != st[$1] ? st[$0] > st[$1] : $0 < $1 }
        var out = [Int](repeating: 0, count: shape.count)
        var acc = 1
        for d in order.reversed() { out[d] = acc; acc = saturatingProduct(acc, max(shape[d], 1)) }
        return out
    }

    /// ATen's `computeStride`: the strides of `newShape` viewing memory laid out as (`shape`, `strides`), or nil
    /// when the view would need a copy.
    static func view(_ shape: [Int], _ strides: [Int], as newShape: [Int]) -> [Int]? {
        if shape.isEmpty { return Array(repeating: 1, count: newShape.count) }
        let numel = shape.reduce(1, *)
        if numel == 0 { return shape == newShape ? strides : contiguous(newShape) }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        var viewD = newShape.count - 1
        var chunkBase = strides[strides.count - 1]
        var tensorNumel = 1, viewNumel = 1
        for tensorD in stride(from: shape.count - 1, through: 0, by: -1) {
            tensorNumel = saturatingProduct(tensorNumel, shape[tensorD])
            if tensorD == 0 || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBase) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBase
                    viewNumel = saturatingProduct(viewNumel, newShape[viewD])
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBase = strides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
        }
        return viewD == -1 ? newStrides : nil
    }

    /// The strides of a copy in torch's `preserve_format`: the same strides when the tensor is dense (its
    /// elements fill a block of memory in some order of the dimensions), else contiguous ones.
    static func preserved(_ shape: [Int], _ strides: [Int]) -> [Int] {
        let order = (0..<shape.count).filter { shape[$0] != 1 }.sorted { strides[$0] > strides[$1] }
        var expected = 1
        for d in order.reversed() {
            if strides[d] != expected { return contiguous(shape) }
            expected = saturatingProduct(expected, shape[d])
        }
        return strides
    }

    static let viewError = "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
}

extension PyTensor {
    /// The strides torch would give this tensor.
    var torchStrides: [Int] { strides ?? Strides.contiguous(t.shape) }

    var isContiguous: Bool { strides == nil || Strides.isContiguous(t.shape, strides!) }

    /// This result of a view op with the strides torch gives it.
    func withStrides(_ s: [Int]) -> PyTensor {
        var o = self
        o.strides = Strides.normalized(t.shape, s)
        return o
    }
}
