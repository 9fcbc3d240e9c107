/// float32 sums in the order torch's CPU kernel adds (aten/src/ATen/native/cpu/SumKernel.cpp, `cascade_sum`): chunks
/// summed in levels, four interleaved partial sums, vector lanes added last. torch registers the sum kernel without
/// its AVX-512 build ("slower with AVX512"), so even on an AVX-512 machine its vectors have 8 lanes (AVX2). A sequential sum rounds differently, so a symmetric cancellation
/// printed 5.9605e-08 where torch prints 0.
///
/// Reductions of more than 32,768 elements, which torch splits between threads, are summed as one thread would.
enum Reduction {
    typealias Lanes = SIMD8<Float>
    static let laneCount = 8

    /// torch's `CeilLog2`.
    static func ceilLog2(_ x: Int) -> Int {
        if x <= 2 { return 1 }
        return (Int.bitWidth - (x - 1).leadingZeroBitCount - 1) + 1
    }

    /// `multi_row_sum`: `rows` interleaved sums over `size` steps, added in levels of 2^levelPower steps.
    static func multiRowSum<V: Summable>(_ rows: Int, size: Int, _ load: (_ step: Int, _ row: Int) -> V) -> [V] {
        let levels = 4
        let levelPower = max(4, ceilLog2(size) / levels)
        let levelStep = 1 << levelPower
        let levelMask = levelStep - 1
        var acc = [[V]](repeating: [V](repeating: .zero, count: rows), count: levels)
        var i = 0
        while i + levelStep <= size {
            for _ in 0..<levelStep {
                for k in 0..<rows { acc[0][k] += load(i, k) }
                i += 1
            }
            for j in 1..<levels {
                for k in 0..<rows {
                    acc[j][k] += acc[j - 1][k]
                    acc[j - 1][k] = .zero
                }
                if i & (levelMask << (j * levelPower)) != 0 { break }
            }
        }
        while i < size {
            for k in 0..<rows { acc[0][k] += load(i, k) }
            i += 1
        }
        for j in 1..<levels { for k in 0..<rows { acc[0][k] += acc[j][k] } }
        return acc[0]
    }

    /// `row_sum`: `size` values as (-1, 4) interleaved partial sums, the rest added to the first, then the four.
    static func rowSum<V: Summable>(size: Int, _ load: (Int) -> V) -> V {
        let ilp = 4
        let sizeILP = size / ilp
        var partial = multiRowSum(ilp, size: sizeILP) { step, row in load(step * ilp + row) }
        for i in (sizeILP * ilp)..<max(size, sizeILP * ilp) { partial[0] += load(i) }
        for k in 1..<ilp { partial[0] += partial[k] }
        return partial[0]
    }

    /// The sum of `n` contiguous values from `base`: the vectorised inner sum (n ≥ 8) or the scalar one.
    static func innerSum(_ x: [Float], base: Int, n: Int) -> Float {
        guard n >= laneCount else { return 0 + rowSum(size: n) { x[base + $0] } }
        let vectors = n / laneCount
        let lanes: Lanes = rowSum(size: vectors) { v in
            let start = base + v * laneCount
            return Lanes(x[start..<(start + laneCount)])
        }
        var total: Float = 0
        for k in (vectors * laneCount)..<n { total += x[base + k] }
        for k in 0..<laneCount { total += lanes[k] }
        return 0 + total
    }

    /// Sums of values laid out (outer, n, inner) over n, as torch reduces a contiguous tensor along one dimension.
    static func sum(_ x: [Float], outer: Int, n: Int, inner: Int) -> [Float] {
        var out = [Float](repeating: 0, count: outer * inner)
        if inner == 1 {
            for o in 0..<outer { out[o] = innerSum(x, base: o * n, n: n) }
            return out
        }
        for o in 0..<outer {
            let base = o * n * inner
            func at(_ step: Int, _ column: Int) -> Float { x[base + step * inner + column] }
            var j = 0
            if inner >= laneCount {
                // Vectorised outer sum: blocks of 4 × 8 columns, then 8, then single columns.
                while j + 4 * laneCount <= inner {
                    let sums: [Lanes] = multiRowSum(4, size: n) { step, row in
                        let start = base + step * inner + j + row * laneCount
                        return Lanes(x[start..<(start + laneCount)])
                    }
                    for r in 0..<4 { for l in 0..<laneCount { out[o * inner + j + r * laneCount + l] = 0 + sums[r][l] } }
                    j += 4 * laneCount
                }
                while j + laneCount <= inner {
                    let column = j
                    let sums: Lanes = rowSum(size: n) { step in
                        let start = base + step * inner + column
                        return Lanes(x[start..<(start + laneCount)])
                    }
                    for l in 0..<laneCount { out[o * inner + j + l] = 0 + sums[l] }
                    j += laneCount
                }
            } else {
                // Scalar outer sum: four columns at a time.
                while j + 3 < inner {
                    let column = j
                    let sums: [Float] = multiRowSum(4, size: n) { step, row in at(step, column + row) }
                    for r in 0..<4 { out[o * inner + j + r] = 0 + sums[r] }
                    j += 4
                }
            }
            while j < inner {
                let column = j
                out[o * inner + j] = 0 + rowSum(size: n) { step in at(step, column) }
                j += 1
            }
        }
        return out
    }

    /// Sums over the dimensions `reduced` of a tensor of `shape` whose values (row-major) torch would hold with
    /// `strides`: TensorIterator's order (reduced dimensions innermost, then by stride; adjacent ones coalesced),
    /// then cascade_sum's choice of inner or outer kernel. The result is row-major over the kept dimensions.
    static func sum(_ x: [Float], shape: [Int], strides: [Int], reduced: Set<Int>) -> [Float] {
        // One iteration dimension: its size and the (logical stride, size) of the tensor dimensions it covers, inner first.
        struct Dim { var size: Int; var stride: Int; var isReduced: Bool; var parts: [(logical: Int, size: Int)] }
        let logical = Layout.strides(shape)
        let keptShape = shape.indices.filter { !reduced.contains($0) }
        let outLogical: [Int: Int] = {
            var m: [Int: Int] = [:], acc = 1
            for d in keptShape.reversed() { m[d] = acc; acc *= shape[d] }
            return m
        }()
        let outCount = keptShape.reduce(1) { $0 * shape[$1] }
        var out = [Float](repeating: 0, count: outCount)
        guard !x.isEmpty else { return out }
        var dims = shape.indices.filter { shape[$0] != 1 }.map { d in
            Dim(size: shape[d], stride: strides[d], isReduced: reduced.contains(d), parts: [(d, shape[d])])
        }
        // TensorIterator starts innermost first and sorts: reduced before kept, then smaller stride, then smaller size.
        dims.reverse()
        dims = dims.enumerated().sorted { a, b in
            if a.element.isReduced != b.element.isReduced { return a.element.isReduced }
            if a.element.stride != b.element.stride { return a.element.stride < b.element.stride }
            if a.element.size != b.element.size { return a.element.size < b.element.size }
            return a.offset < b.offset
        }.map(\.element)
        var merged: [Dim] = []
        for d in dims {
            if var last = merged.last, last.isReduced == d.isReduced, d.stride == last.stride * last.size {
                last.parts += d.parts
                last.size *= d.size
                merged[merged.count - 1] = last
            } else {
                merged.append(d)
            }
        }
        // The logical offset (input) and output offset of index i along an iteration dimension.
        func offsets(_ d: Dim, _ i: Int) -> (Int, Int) {
            var rest = i, input = 0, output = 0
            for p in d.parts {
                let k = rest % p.size
                rest /= p.size
                input += k * logical[p.logical]
                output += k * (outLogical[p.logical] ?? 0)
            }
            return (input, output)
        }
        guard let d0 = merged.first, d0.isReduced else {
            // Nothing to reduce (every reduced dimension has size 1): each value is its own sum.
            for i in x.indices {
                var rest = i, o = 0
                for d in stride(from: shape.count - 1, through: 0, by: -1) {
                    let k = rest % shape[d]
                    rest /= shape[d]
                    o += k * (outLogical[d] ?? 0)
                }
                out[o] += x[i]
            }
            return out
        }
        let d1 = merged.count > 1 ? merged[1] : Dim(size: 1, stride: 0, isReduced: true, parts: [])
        let outerDims = Array(merged.dropFirst(2))
        let outerCount = outerDims.reduce(1) { $0 * $1.size }
        let rows0 = (0..<d0.size).map { offsets(d0, $0) }, rows1 = (0..<d1.size).map { offsets(d1, $0) }
        for o in 0..<outerCount {
            var rest = o, baseIn = 0, baseOut = 0
            for d in outerDims {
                let (a, b) = offsets(d, rest % d.size)
                rest /= d.size
                baseIn += a; baseOut += b
            }
            func at(_ i: Int, _ j: Int) -> Float { x[baseIn + rows0[i].0 + rows1[j].0] }
            func store(_ j: Int, _ v: Float) { out[baseOut + rows1[j].1] += v }
            let (size0, size1) = (d0.size, d1.size)
            if d0.stride == 1 && size0 >= laneCount {
                for j in 0..<size1 {
                    let row = (0..<size0).map { at($0, j) }
                    store(j, innerSum(row, base: 0, n: size0) - 0)
                }
            } else if d1.stride == 1 && !d1.isReduced && size1 >= laneCount {
                var j = 0
                while j + 4 * laneCount <= size1 {
                    let column = j
                    let sums: [Lanes] = multiRowSum(4, size: size0) { i, r in Lanes((0..<laneCount).map { at(i, column + r * laneCount + $0) }) }
                    for r in 0..<4 { for l in 0..<laneCount { store(j + r * laneCount + l, sums[r][l]) } }
                    j += 4 * laneCount
                }
                while j + laneCount <= size1 {
                    let column = j
                    let sums: Lanes = rowSum(size: size0) { i in Lanes((0..<laneCount).map { at(i, column + $0) }) }
                    for l in 0..<laneCount { store(j + l, sums[l]) }
                    j += laneCount
                }
                while j < size1 {
                    let column = j
                    store(j, rowSum(size: size0) { i in at(i, column) })
                    j += 1
                }
            } else if d0.stride < d1.stride {
                for j in 0..<size1 { let column = j; store(j, rowSum(size: size0) { i in at(i, column) }) }
            } else {
                var j = 0
                while j + 3 < size1 {
                    let column = j
                    let sums: [Float] = multiRowSum(4, size: size0) { i, r in at(i, column + r) }
                    for r in 0..<4 { store(j + r, sums[r]) }
                    j += 4
                }
                while j < size1 { let column = j; store(j, rowSum(size: size0) { i in at(i, column) }); j += 1 }
            }
        }
        return out
    }

    /// The sum of all the values, as torch's `x.sum()` of a contiguous tensor.
    static func total(_ x: [Float]) -> Float { innerSum(x, base: 0, n: x.count) }
}

/// What torch's sum kernel adds: one float, or one vector of 8 lanes (added lane by lane).
protocol Summable {
    static var zero: Self { get }
    static func += (a: inout Self, b: Self)
}

extension Float: Summable {}

extension SIMD8: Summable where Scalar == Float {
    static var zero: SIMD8<Float> { SIMD8<Float>(repeating: 0) }
}
