/// float32 sums in the order torch's CPU kernel adds (aten/src/ATen/native/cpu/SumKernel.cpp, `cascade_sum`, on a
/// CPU with 16-lane AVX-512 vectors as the machine the fixtures were recorded on): chunks summed in levels, four
/// interleaved partial sums, lanes of 16 added last. A sequential sum rounds differently, so a symmetric cancellation
/// printed 5.9605e-08 where torch prints 0.
///
/// Reductions of more than 32,768 elements, which torch splits between threads, are summed as one thread would.
enum Reduction {
    typealias Lanes = SIMD16<Float>
    static let laneCount = 16

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

    /// The sum of `n` contiguous values from `base`: the vectorised inner sum (n ≥ 16) or the scalar one.
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
                // Vectorised outer sum: blocks of 4 × 16 columns, then 16, then single columns.
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

    /// The sum of all the values, as torch's `x.sum()` of a contiguous tensor.
    static func total(_ x: [Float]) -> Float { innerSum(x, base: 0, n: x.count) }
}

/// What torch's sum kernel adds: one float, or one vector of 16 lanes (added lane by lane).
protocol Summable {
    static var zero: Self { get }
    static func += (a: inout Self, b: Self)
}

extension Float: Summable {}

extension SIMD16: Summable where Scalar == Float {
    static var zero: SIMD16<Float> { SIMD16<Float>(repeating: 0) }
}
