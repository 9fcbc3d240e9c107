import CKernels

/// A weight matrix W (rows × cols, as stored in the state_dict) packed once for `y = x·Wᵀ` by `ck_pack`:
/// panels of `ck_panel_width()` rows of W (32 with AVX-512, 16 otherwise), each laid out column-major
/// (cols × width, zero padded), so the micro-kernel streams one contiguous panel while rows of x are broadcast.
/// Owns its memory (a class, so a step reads the base address without retain or closure).
final class PackedWeight: @unchecked Sendable {
    let rows: Int
    let cols: Int
    /// ck_packed_size(rows, cols) floats, written once in init and only read after (hence Sendable).
    let base: UnsafeMutablePointer<Float>

    init(_ w: Tensor) {
        precondition(w.dim == 2)
        (rows, cols) = (w.shape[0], w.shape[1])
        let count = max(1, ck_packed_size(rows, cols))
        base = .allocate(capacity: count)
        w.storage.withUnsafeBufferPointer { src in
            if let s = src.baseAddress, rows > 0, cols > 0 { ck_pack(s, rows, cols, base) }
        }
    }

    deinit { base.deallocate() }
}

/// The packed parameters of one (layer, direction) or of one cell. Immutable, so sharing one instance
/// keeps value semantics; a class so a step reaches every weight through one reference.
final class DirectionParams: @unchecked Sendable {
    let wIH: PackedWeight
    let wHH: PackedWeight
    let wHR: PackedWeight?
    /// b_ih, b_hh (G·H each), owned; nil without bias. Never written after init.
    let bIH: UnsafeMutablePointer<Float>?
    let bHH: UnsafeMutablePointer<Float>?

    init(wIH: PackedWeight, wHH: PackedWeight, bIH: [Float]?, bHH: [Float]?, wHR: PackedWeight?) {
        self.wIH = wIH
        self.wHH = wHH
        self.wHR = wHR
        func own(_ a: [Float]?) -> UnsafeMutablePointer<Float>? {
            guard let a else { return nil }
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, a.count))
            a.withUnsafeBufferPointer { if let s = $0.baseAddress { p.update(from: s, count: a.count) } }
            return p
        }
        self.bIH = own(bIH)
        self.bHH = own(bHH)
    }

    deinit {
        bIH?.deallocate()
        bHH?.deallocate()
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
        ck_gemm(m, w.rows, w.cols, a, lda, w.base, bias, c, ldc)
    }

    /// `gi = x·W_ihᵀ + b_ih` for `m` rows of x at once (the whole sequence, or a long run of it, in the modules).
    @inline(__always)
    static func inputProjection(m: Int, x: UnsafePointer<Float>, p: DirectionParams, into gi: UnsafeMutablePointer<Float>) {
        gemm(m: m, a: x, lda: p.wIH.cols, w: p.wIH, bias: p.bIH, c: gi, ldc: p.wIH.rows)
    }

    /// The C code of each recurrence in `ck_step`.
    @inline(__always)
    static func code(_ mode: RNNMode) -> Int32 {
        switch mode {
        case .rnnTanh: 0
        case .rnnRelu: 1
        case .lstm: 2
        case .gru: 3
        }
    }

    /// One time step for a batch of `n` rows: h·W_hhᵀ + b_hh into `gh`, then the gate math in `ck_step`
    /// (Sources/CKernels/ck_vec.h, every gate of an element in one pass) — the only place the recurrences are
    /// written down — then, for LSTM with proj_size, h = hRaw·W_hrᵀ.
    ///
    /// On entry `h` (n×R) and `c` (n×H, LSTM) hold the previous state, `gi` (n×G·H) the input projection.
    /// On exit they hold the new state; `gh` holds h·W_hhᵀ + b_hh; `pre` (optional) what each nonlinearity
    /// received; `gates` (optional, LSTM/GRU) the gate values; `hRaw` (LSTM with projection) `o·tanh(c)`;
    /// `hwn` (optional, GRU) h·W_hnᵀ + b_hn.
    /// `hOut` (RNN, or LSTM without proj_size): the new h goes there instead of into `h`, which is then only read
    /// (the forward writes each step's h straight into its row of the output and reads it back from there as
    /// the next step's h_{t−1}, with no copy). GRU updates h in place and takes no `hOut`.
    @inline(__always)
    static func step(mode: RNNMode, n: Int, hidden H: Int, p: DirectionParams, gi: UnsafePointer<Float>,
                     h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>?,
                     gh: UnsafeMutablePointer<Float>, pre: UnsafeMutablePointer<Float>?,
                     gates: UnsafeMutablePointer<Float>?, hRaw: UnsafeMutablePointer<Float>?,
                     hwn: UnsafeMutablePointer<Float>? = nil, hOut: UnsafeMutablePointer<Float>? = nil) {
        precondition(hOut == nil || (mode != .gru && hRaw == nil), "hOut: RNN, or LSTM without proj_size")
        let wHH = p.wHH
        ck_gemm(n, wHH.rows, wHH.cols, h, wHH.cols, wHH.base, p.bHH, gh, wHH.rows)
        let newH = hOut ?? h
        let out = mode == .lstm ? (hRaw ?? newH) : newH
        ck_step(code(mode), n, H, gi, gh, pre, gates, newH, c, out, hwn)
        if mode == .lstm, let hRaw, let wHR = p.wHR {
            ck_gemm(n, wHR.rows, wHR.cols, hRaw, H, wHR.base, nil, h, wHR.rows)
        }
    }
}

/// Activations: `ck_exp` / `ck_tanh` / `ck_sigmoid` in C, within a couple of ulp over the whole float range
/// (the sweep in ActivationAccuracyTests measures it). Every caller (modules, trace, cells) uses the same
/// code, so results agree bit for bit everywhere.
extension Kernels {
    static func tanh(_ x: Float) -> Float { ck_tanh1(x) }
    static func sigmoid(_ x: Float) -> Float { ck_sigmoid1(x) }
    static func exp(_ x: Float) -> Float { ck_exp1(x) }
}

/// The engine's per-thread working memory (`ck_scratch`): buffers kept between calls, so a forward does not
/// fault in fresh pages every time. Each slot has one user at a time; the pointers stay valid until that
/// slot is asked for more.
enum Workspace {
    enum Slot: Int32 {
        /// x·W_ihᵀ + b_ih for a run of time steps.
        case projection = 1
        /// One step's state and products: gh | h | c | hRaw.
        case step
        /// The outputs of the layers below the last (forward without saving).
        case layers
        /// Saved for the backward: every layer's output, gate values, cells, and hRaw (LSTM proj) or hW_n (GRU).
        case savedOutputs, savedGates, savedCells, savedExtra
        /// Backward: dL/d(layer output) and dL/d(layer input).
        case gradLayers
        /// Backward: per-step gradients (dh, dc, dhRaw, dh_prev) and GRU's dL/d(hW) for every step.
        case gradStep, gradHidden
        /// Backward: W_hhᵀ and W_hrᵀ packed for the recurrence; the packed operand of the weight products.
        case packedRecurrent, packedProduct
        /// Backward: dL/dh for every step (LSTM with proj_size, for dW_hr).
        case gradProjected
    }

    /// Floats kept after a call (512 MB, the engine's budget): anything the budget admits keeps its buffers,
    /// so repeated calls reuse them instead of faulting in fresh zeroed pages (17 % of a large LSTM forward +
    /// backward when only 64 MB were kept). The tutor's own modules need a few MB.
    static let keep = 128 << 20

    static func buffer(_ slot: Slot, _ count: Int) -> UnsafeMutablePointer<Float> {
        guard let p = ck_scratch(slot.rawValue, max(1, count)) else {
            fatalError("unroll: cannot allocate \(count) floats of engine working memory")
        }
        return p
    }

    /// Frees the largest slots until at most `keep` floats are held (called at the end of each engine call).
    static func trim() { ck_scratch_trim(keep) }
}
