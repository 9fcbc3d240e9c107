import Foundation

/// A weight matrix W (rows × cols, as stored in the state_dict) packed once for `y = x·Wᵀ`:
/// panels of `PackedWeight.width` rows of W, each laid out column-major (cols × width, zero padded),
/// so the inner loop streams one contiguous panel while a few rows of x stay in registers.
struct PackedWeight: Sendable {
    static let width = 8
    let rows: Int
    let cols: Int
    let panels: [Float]

    init(_ w: Tensor) {
        precondition(w.dim == 2)
        rows = w.shape[0]
        cols = w.shape[1]
        let W = PackedWeight.width
        let panelCount = (rows + W - 1) / W
        var p = [Float](repeating: 0, count: panelCount * cols * W)
        let (rows, cols) = (rows, cols)
        w.storage.withUnsafeBufferPointer { src in
            p.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    let panel = r / W, lane = r % W
                    for c in 0..<cols { dst[(panel * cols + c) * W + lane] = src[r * cols + c] }
                }
            }
        }
        panels = p
    }
}

enum Kernels {
    typealias V = SIMD8<Float>

    /// `c[i, j] = Σ_k a[i, k]·W[j, k] (+ bias[j])` for i < m, j < w.rows; rows of a and c are `lda`/`ldc` apart.
    /// The sum runs over k in order (separate multiply and add, no fused multiply-add), then the bias is
    /// added: the same order in every caller and every build, so the batched forward, the trace and the
    /// cells agree bit for bit. Register blocks of 6 rows × 8 columns fit the 16 SSE registers and
    /// keep AVX2's two vector ports busy.
    /// - Complexity: O(m · w.rows · w.cols).
    static func gemm(m: Int, a: UnsafePointer<Float>, lda: Int, w: PackedWeight, bias: UnsafePointer<Float>?,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        let k = w.cols, W = PackedWeight.width
        w.panels.withUnsafeBufferPointer { pb in
            guard let base = pb.baseAddress else { return }
            // Rows in blocks that stay in cache while every panel of W streams past them.
            var r0 = 0
            while r0 < m {
            let rEnd = min(m, r0 + 48)
            var panel = 0
            while panel * W < w.rows {
                let bp = UnsafeRawPointer(base + panel * k * W)
                let n0 = panel * W, nn = min(W, w.rows - n0)
                var bv = V()
                if let bias { for j in 0..<nn { bv[j] = bias[n0 + j] } }
                var i = r0
                while i + 6 <= rEnd {
                    let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda
                    var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                    for kk in 0..<k {
                        let b = bp.loadUnaligned(fromByteOffset: kk &* 32, as: V.self)
                        c0 = c0 + b * a0[kk]
                        c1 = c1 + b * a1[kk]
                        c2 = c2 + b * a2[kk]
                        c3 = c3 + b * a3[kk]
                        c4 = c4 + b * a4[kk]
                        c5 = c5 + b * a5[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    store(c1 + bv, c + (i + 1) * ldc + n0, nn)
                    store(c2 + bv, c + (i + 2) * ldc + n0, nn)
                    store(c3 + bv, c + (i + 3) * ldc + n0, nn)
                    store(c4 + bv, c + (i + 4) * ldc + n0, nn)
                    store(c5 + bv, c + (i + 5) * ldc + n0, nn)
                    i += 6
                }
                while i + 4 <= rEnd {
                    let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                    var c0 = V(), c1 = V(), c2 = V(), c3 = V()
                    for kk in 0..<k {
                        let b = bp.loadUnaligned(fromByteOffset: kk &* 32, as: V.self)
                        c0 = c0 + b * a0[kk]
                        c1 = c1 + b * a1[kk]
                        c2 = c2 + b * a2[kk]
                        c3 = c3 + b * a3[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    store(c1 + bv, c + (i + 1) * ldc + n0, nn)
                    store(c2 + bv, c + (i + 2) * ldc + n0, nn)
                    store(c3 + bv, c + (i + 3) * ldc + n0, nn)
                    i += 4
                }
                while i + 2 <= rEnd {
                    let a0 = a + i * lda, a1 = a0 + lda
                    var c0 = V(), c1 = V()
                    for kk in 0..<k {
                        let b = bp.loadUnaligned(fromByteOffset: kk &* 32, as: V.self)
                        c0 = c0 + b * a0[kk]
                        c1 = c1 + b * a1[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    store(c1 + bv, c + (i + 1) * ldc + n0, nn)
                    i += 2
                }
                while i < rEnd {
                    let a0 = a + i * lda
                    var c0 = V()
                    for kk in 0..<k {
                        c0 = c0 + bp.loadUnaligned(fromByteOffset: kk &* 32, as: V.self) * a0[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    i += 1
                }
                panel += 1
            }
            r0 = rEnd
            }
        }
    }

    @inline(__always)
    private static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ n: Int) {
        if n == V.scalarCount {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
        } else {
            for j in 0..<n { p[j] = v[j] }
        }
    }

    /// relu that keeps NaN (as torch.relu).
    @inline(__always) static func relu8(_ x: V) -> V { x.replacing(with: 0, where: x .< 0) }
}

/// The packed parameters of one (layer, direction) or of one cell. Immutable, so sharing one instance
/// keeps value semantics; a class so a step hands it on with one retain instead of five.
final class DirectionParams: Sendable {
    let wIH: PackedWeight
    let wHH: PackedWeight
    let bIH: [Float]?
    let bHH: [Float]?
    let wHR: PackedWeight?

    init(wIH: PackedWeight, wHH: PackedWeight, bIH: [Float]?, bHH: [Float]?, wHR: PackedWeight?) {
        self.wIH = wIH
        self.wHH = wHH
        self.bIH = bIH
        self.bHH = bHH
        self.wHR = wHR
    }
}

extension Kernels {
    /// `gi = x·W_ihᵀ + b_ih` for `m` rows of x at once (the whole sequence in the modules).
    static func inputProjection(m: Int, x: UnsafePointer<Float>, p: DirectionParams, into gi: UnsafeMutablePointer<Float>) {
        withOptional(p.bIH) { b in gemm(m: m, a: x, lda: p.wIH.cols, w: p.wIH, bias: b, c: gi, ldc: p.wIH.rows) }
    }

    static func withOptional<R>(_ a: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
        guard let a else { return body(nil) }
        return a.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// One time step for a batch of `n` rows — the only place the recurrences are written down.
    ///
    /// On entry `h` (n×R) and `c` (n×H, LSTM) hold the previous state, `gi` (n×G·H) the input projection.
    /// On exit they hold the new state, `gh` holds the pre-activation of every gate (what its nonlinearity
    /// received), `gates` (n×G·H, LSTM/GRU) the gate values, `hRaw` (LSTM with projection) `o*tanh(c)`.
    static func step(mode: RNNMode, n: Int, hidden H: Int, p: DirectionParams, gi: UnsafePointer<Float>,
                     h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>?,
                     gh: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>?,
                     hRaw: UnsafeMutablePointer<Float>?) {
        let GH = p.wHH.rows, R = p.wHH.cols
        // hW = h·W_hhᵀ + b_hh
        withOptional(p.bHH) { b in gemm(m: n, a: h, lda: R, w: p.wHH, bias: b, c: gh, ldc: GH) }
        switch mode {
        case .rnnTanh, .rnnRelu:
            for e in 0..<(n * H) {
                gh[e] = gh[e] + gi[e]
                h[e] = gh[e]
            }
            if mode == .rnnTanh { apply(h, n * H, tanh8) } else { apply(h, n * H, relu8) }
        case .lstm:
            let g = gates!, c = c!
            let out = hRaw ?? h
            for b in 0..<n {
                let row = b * GH
                for e in row..<(row + GH) {
                    gh[e] = gh[e] + gi[e]
                    g[e] = gh[e]
                }
                apply(g + row, 2 * H, sigmoid8)             // i, f
                apply(g + row + 2 * H, H, tanh8)            // g
                apply(g + row + 3 * H, H, sigmoid8)         // o
                for j in 0..<H {
                    let cNew = g[row + H + j] * c[b * H + j] + g[row + j] * g[row + 2 * H + j]
                    c[b * H + j] = cNew
                    out[b * H + j] = cNew
                }
                apply(out + b * H, H, tanh8)
                for j in 0..<H { out[b * H + j] = g[row + 3 * H + j] * out[b * H + j] }
            }
            if let hRaw, let wHR = p.wHR {
                gemm(m: n, a: hRaw, lda: H, w: wHR, bias: nil, c: h, ldc: R)
            }
        case .gru:
            let g = gates!
            for b in 0..<n {
                let row = b * GH
                for e in row..<(row + 2 * H) {
                    gh[e] = gh[e] + gi[e]
                    g[e] = gh[e]
                }
                apply(g + row, 2 * H, sigmoid8)             // r, z
                for j in (row + 2 * H)..<(row + 3 * H) {
                    gh[j] = gi[j] + g[j - 2 * H] * gh[j]    // n's pre-activation: gi_n + r*hW_n
                    g[j] = gh[j]
                }
                apply(g + row + 2 * H, H, tanh8)            // n
                for j in 0..<H {
                    let z = g[row + H + j], nn = g[row + 2 * H + j]
                    h[b * H + j] = (h[b * H + j] - nn) * z + nn
                }
            }
        }
    }
}

/// Activations on 8 floats at a time: exp from Cephes' expf (range reduction by ln 2, degree-6 polynomial,
/// ~1 ulp), then tanh and sigmoid from it. Every caller (modules, trace, cells) uses these, so results agree
/// bit for bit everywhere; against torch's own vectorized activations they differ by a few ulp.
extension Kernels {
    @inline(__always)
    static func exp8(_ x0: V) -> V {
        let x1 = x0.replacing(with: 88.3762626647949, where: x0 .> 88.3762626647949)
        let x = x1.replacing(with: -87.3365447504019, where: x1 .< -87.3365447504019)
        // n = round(x / ln 2) by the 1.5·2²³ trick: the integer lands in the low mantissa bits (no conversions).
        let t = x * 1.44269504088896341 + 12582912
        let fx = t - 12582912
        var r = x - fx * 0.693359375
        r = r + fx * 2.12194440e-4
        let r2 = r * r
        var y: V = V(repeating: 1.9875691500e-4)
        y = y * r + 1.3981999507e-3
        y = y * r + 8.3334519073e-3
        y = y * r + 4.1665795894e-2
        y = y * r + 1.6666665459e-1
        y = y * r + 5.0000001201e-1
        y = y * r2 + r + 1
        let n = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127
        let scale = unsafeBitCast(n &<< 23, to: V.self)
        return y * scale
    }

    /// σ(x) = 1 / (1 + e^(−x)).
    @inline(__always)
    static func sigmoid8(_ x: V) -> V { 1 / (1 + exp8(-x)) }

    /// tanh(x) = sign(x)·(1 − 2 / (e^(2|x|) + 1)); the odd form keeps tanh(−x) = −tanh(x) and saturates cleanly.
    @inline(__always)
    static func tanh8(_ x: V) -> V {
        let ax = x.replacing(with: -x, where: x .< 0)
        let t = 1 - 2 / (exp8(2 * ax) + 1)
        return t.replacing(with: -t, where: x .< 0)
            .replacing(with: x, where: ax .< 0.0004)   // tanh(x) = x − x³/3: exact enough below 4e-4
            .replacing(with: x, where: x .!= x)         // NaN stays NaN
    }

    /// Applies `f` to `count` floats in place, 8 at a time (the tail padded with zeros).
    @inline(__always)
    static func apply(_ p: UnsafeMutablePointer<Float>, _ count: Int, _ f: (V) -> V) {
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(p + i)
            raw.storeBytes(of: f(raw.loadUnaligned(as: V.self)), as: V.self)
            i += 8
        }
        if i < count {
            var v = V()
            for j in 0..<(count - i) { v[j] = p[i + j] }
            let r = f(v)
            for j in 0..<(count - i) { p[i + j] = r[j] }
        }
    }

    static func tanh(_ x: Float) -> Float { tanh8(V(repeating: x))[0] }
    static func sigmoid(_ x: Float) -> Float { sigmoid8(V(repeating: x))[0] }
}
