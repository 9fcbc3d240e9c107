import Foundation
import CKernels

/// A weight matrix W (rows × cols, as stored in the state_dict) packed once for `y = x·Wᵀ` by `ck_pack`:
/// panels of `ck_panel_width()` rows of W (32 with AVX-512, 16 otherwise), each laid out column-major
/// (cols × width, zero padded), so the micro-kernel streams one contiguous panel while rows of x are broadcast.
struct PackedWeight: Sendable {
    let rows: Int
    let cols: Int
    let panels: [Float]

    init(_ w: Tensor) {
        precondition(w.dim == 2)
        let (rows, cols) = (w.shape[0], w.shape[1])
        self.rows = rows
        self.cols = cols
        panels = w.storage.withUnsafeBufferPointer { src in
            [Float](unsafeUninitializedCapacity: ck_packed_size(rows, cols)) { dst, count in
                count = dst.count
                if count > 0 { ck_pack(src.baseAddress!, rows, cols, dst.baseAddress!) }
            }
        }
    }
}

enum Kernels {
    /// `c[i, j] = Σ_k a[i, k]·W[j, k] (+ bias[j])` for i < m, j < w.rows; rows of a and c are `lda`/`ldc` apart.
    /// `ck_gemm` (C, AVX-512 / AVX2+FMA / scalar picked once per process): the sum runs over k in order with
    /// fused multiply-adds, then the bias is added, the same sequence for every element whatever m, so the
    /// batched forward, the trace and the cells agree bit for bit.
    /// - Complexity: O(m · w.rows · w.cols).
    @inline(__always)
    static func gemm(m: Int, a: UnsafePointer<Float>, lda: Int, w: PackedWeight, bias: UnsafePointer<Float>?,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        w.panels.withUnsafeBufferPointer { pb in
            guard let base = pb.baseAddress else { return }
            ck_gemm(m, w.rows, w.cols, a, lda, base, bias, c, ldc)
        }
    }
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

    /// One time step for a batch of `n` rows: h·W_hhᵀ + b_hh here, then the gate math in `ck_step`
    /// (CKernels.c) — the only place the recurrences are written down.
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
        let code: Int32 = switch mode {
        case .rnnTanh: 0
        case .rnnRelu: 1
        case .lstm: 2
        case .gru: 3
        }
        // The gate math in C (ck_step): gh += gi, the nonlinearities, c and h.
        ck_step(code, n, H, gi, h, c, gh, gates, mode == .lstm ? (hRaw ?? h) : h)
        if mode == .lstm, let hRaw, let wHR = p.wHR {
            gemm(m: n, a: hRaw, lda: H, w: wHR, bias: nil, c: h, ldc: R)
        }
    }
}

/// Activations: `ck_sigmoid` / `ck_tanh` in C (Cephes expf, ~1 ulp; AVX-512 / AVX2 / scalar as the gemm).
/// Every caller (modules, trace, cells) uses them, so results agree bit for bit everywhere; against torch's
/// own vectorized activations they differ by a few ulp.
extension Kernels {
    static func tanh(_ x: Float) -> Float { ck_tanh1(x) }
    static func sigmoid(_ x: Float) -> Float { ck_sigmoid1(x) }
}
