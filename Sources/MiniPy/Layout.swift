/// Where each element of a rearranged tensor comes from: maps from an output element (row-major) to the flat
/// index of the input element it copies or views. Moving values through a map keeps them exact whatever their
/// dtype (int64 beyond float32's range included), and lets a view share its base's storage.
enum Layout {
    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { s[d] = acc; acc = Strides.saturatingProduct(acc, shape[d]) }
        return s
    }

    /// The cartesian product of one list of indices per dimension of `shape` (each output dimension has its list's
    /// length).
    static func gather(_ shape: [Int], _ indices: [[Int]]) -> [Int] {
        let st = strides(shape)
        var out = [0]
        for (d, list) in indices.enumerated() {
            var next: [Int] = []
            next.reserveCapacity(out.count * list.count)
            for base in out { for i in list { next.append(base + i * st[d]) } }
            out = next
        }
        return out
    }

    /// `permute(perm)`: output dimension k is input dimension perm[k].
    static func permute(_ shape: [Int], _ perm: [Int]) -> [Int] {
        let st = strides(shape)
        return gatherStrided(perm.map { shape[$0] }, perm.map { st[$0] })
    }

    /// Row-major positions of a tensor of `shape` laid over memory with `strides`, from `offset`.
    static func gatherStrided(_ shape: [Int], _ strides: [Int], offset: Int = 0) -> [Int] {
        var out = [offset]
        for (n, s) in zip(shape, strides) {
            var next: [Int] = []
            next.reserveCapacity(out.count * n)
            for base in out { for i in 0..<n { next.append(base + i * s) } }
            out = next
        }
        return out
    }

    /// Broadcasting `shape` to `out` (right-aligned; a size-1 or missing dimension repeats).
    static func broadcast(_ shape: [Int], to out: [Int]) -> [Int] {
        let st = strides(shape)
        let lead = out.count - shape.count
        let outStrides = out.indices.map { k -> Int in
            let d = k - lead
            return d < 0 || shape[d] == 1 ? 0 : st[d]
        }
        return gatherStrided(out, outStrides)
    }

    /// The gradient of a gather: each output's gradient added to the input element it came from.
    static func scatterAdd(_ g: [Float], _ map: [Int], count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        for (k, p) in map.enumerated() { out[p] += g[k] }
        return out
    }
}
