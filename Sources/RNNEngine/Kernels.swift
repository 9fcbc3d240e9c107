import Foundation

/// A weight matrix W (rows × cols, as stored in the state_dict) packed once for `y = x·Wᵀ`:
/// panels of `PackedWeight.width` rows of W, each laid out column-major (cols × width, zero padded),
/// so the inner loop streams one contiguous panel while a few rows of x stay in registers.
struct PackedWeight: Sendable {
    static let width = 16
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
    typealias V = SIMD16<Float>

    /// `c[i, j] = Σ_k a[i, k]·W[j, k] (+ bias[j])` for i < m, j < w.rows; rows of a and c are `lda`/`ldc` apart.
    /// The sum runs over k in order, then the bias is added: the same order in every caller, so the
    /// batched forward, the trace and the cells agree bit for bit.
    /// - Complexity: O(m · w.rows · w.cols).
    static func gemm(m: Int, a: UnsafePointer<Float>, lda: Int, w: PackedWeight, bias: UnsafePointer<Float>?,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        let k = w.cols, W = PackedWeight.width
        w.panels.withUnsafeBufferPointer { pb in
            guard let base = pb.baseAddress else { return }
            var panel = 0
            while panel * W < w.rows {
                let bp = UnsafeRawPointer(base + panel * k * W)
                let n0 = panel * W, nn = min(W, w.rows - n0)
                var bv = V()
                if let bias { for j in 0..<nn { bv[j] = bias[n0 + j] } }
                var i = 0
                while i + 4 <= m {
                    let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
                    var c0 = V(), c1 = V(), c2 = V(), c3 = V()
                    for kk in 0..<k {
                        let b = bp.loadUnaligned(fromByteOffset: kk * W * 4, as: V.self)
                        c0 += b * a0[kk]
                        c1 += b * a1[kk]
                        c2 += b * a2[kk]
                        c3 += b * a3[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    store(c1 + bv, c + (i + 1) * ldc + n0, nn)
                    store(c2 + bv, c + (i + 2) * ldc + n0, nn)
                    store(c3 + bv, c + (i + 3) * ldc + n0, nn)
                    i += 4
                }
                while i < m {
                    let a0 = a + i * lda
                    var c0 = V()
                    for kk in 0..<k {
                        c0 += bp.loadUnaligned(fromByteOffset: kk * W * 4, as: V.self) * a0[kk]
                    }
                    store(c0 + bv, c + i * ldc + n0, nn)
                    i += 1
                }
                panel += 1
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

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
    @inline(__always) static func relu(_ x: Float) -> Float { x > 0 || x.isNaN ? x : 0 }
}

/// The packed parameters of one (layer, direction) or of one cell.
struct DirectionParams: Sendable {
    var wIH: PackedWeight
    var wHH: PackedWeight
    var bIH: [Float]?
    var bHH: [Float]?
    var wHR: PackedWeight?
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
    /// received), `gates` (when given) the gate values, `hRaw` (LSTM with projection) `o*tanh(c)`.
    static func step(mode: RNNMode, n: Int, hidden H: Int, p: DirectionParams, gi: UnsafePointer<Float>,
                     h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>?,
                     gh: UnsafeMutablePointer<Float>, gates: UnsafeMutablePointer<Float>?,
                     hRaw: UnsafeMutablePointer<Float>?) {
        let GH = p.wHH.rows, R = p.wHH.cols
        // hW = h·W_hhᵀ + b_hh
        withOptional(p.bHH) { b in gemm(m: n, a: h, lda: R, w: p.wHH, bias: b, c: gh, ldc: GH) }
        switch mode {
        case .rnnTanh, .rnnRelu:
            let isRelu = mode == .rnnRelu
            for e in 0..<(n * H) {
                let pre = gh[e] + gi[e]
                gh[e] = pre
                h[e] = isRelu ? relu(pre) : tanh(pre)
            }
        case .lstm:
            let out = hRaw ?? h
            for b in 0..<n {
                let row = b * GH
                for j in 0..<H {
                    let pi = gh[row + j] + gi[row + j]
                    let pf = gh[row + H + j] + gi[row + H + j]
                    let pg = gh[row + 2 * H + j] + gi[row + 2 * H + j]
                    let po = gh[row + 3 * H + j] + gi[row + 3 * H + j]
                    gh[row + j] = pi; gh[row + H + j] = pf; gh[row + 2 * H + j] = pg; gh[row + 3 * H + j] = po
                    let ig = sigmoid(pi), fg = sigmoid(pf), gg = tanh(pg), og = sigmoid(po)
                    if let gates {
                        gates[row + j] = ig; gates[row + H + j] = fg; gates[row + 2 * H + j] = gg; gates[row + 3 * H + j] = og
                    }
                    let cNew = fg * c![b * H + j] + ig * gg
                    c![b * H + j] = cNew
                    out[b * H + j] = og * tanh(cNew)
                }
            }
            if let hRaw, let wHR = p.wHR {
                gemm(m: n, a: hRaw, lda: H, w: wHR, bias: nil, c: h, ldc: R)
            }
        case .gru:
            for b in 0..<n {
                let row = b * GH
                for j in 0..<H {
                    let pr = gh[row + j] + gi[row + j]
                    let pz = gh[row + H + j] + gi[row + H + j]
                    let r = sigmoid(pr), z = sigmoid(pz)
                    let pn = gi[row + 2 * H + j] + r * gh[row + 2 * H + j]
                    let nn = tanh(pn)
                    gh[row + j] = pr; gh[row + H + j] = pz; gh[row + 2 * H + j] = pn
                    if let gates { gates[row + j] = r; gates[row + H + j] = z; gates[row + 2 * H + j] = nn }
                    let hp = h[b * H + j]
                    h[b * H + j] = (hp - nn) * z + nn
                }
            }
        }
    }
}
