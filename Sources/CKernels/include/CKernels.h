// CKernels: the engine's matrix products, activations and gate math in C, so they can use AVX2/AVX-512 FMA
// chosen at run time (Swift's SIMD types compile to SSE without FMA on the default target).
#ifndef CKERNELS_H
#define CKERNELS_H

// ---- Instruction set ------------------------------------------------------------------------------
/// The widest instruction set the running CPU offers to these kernels: 0 scalar, 2 AVX2+FMA, 5 AVX-512.
int ck_isa(void);

/// The instruction set the kernels below use (chosen once, at the first call): 0, 2 or 5 as ck_isa.
/// CK_ISA=0|2|5 in the environment can lower it (for testing the other paths).
int ck_active_isa(void);

/// The core's peak single-precision GFLOP/s for the active instruction set, measured with independent FMAs
/// over about `seconds` of this thread's CPU time (the bench's yardstick).
double ck_peak_gflops(double seconds);

// ---- Matrix products ------------------------------------------------------------------------------
/// Rows of W per packed panel for the active instruction set (32 for AVX-512, 16 otherwise).
long ck_panel_width(void);

/// Floats needed to pack a rows × cols matrix.
long ck_packed_size(long rows, long cols);

/// Packs W (rows × cols, row-major) into panels of ck_panel_width() rows, each stored column-major
/// (cols × width, zero padded): dst must hold ck_packed_size(rows, cols) floats.
void ck_pack(const float *w, long rows, long cols, float *dst);

/// Packs columns [c0, c1) of W (rows × cols) where W[r][c] = src[r·rs + (c − c0)·cs] into dst (a buffer of
/// ck_packed_size(rows, cols) floats laid out as ck_pack's); rs = 1 packs a transpose with contiguous copies.
/// Several calls with disjoint column ranges fill one packed matrix from several sources.
void ck_pack_strided(const float *src, long rows, long cols, long rs, long cs, long c0, long c1, float *dst);

/// c[i, j] = Σ_k a[i, k]·W[j, k] (+ bias[j]) for i < m, j < n, with W packed by ck_pack (n rows, k cols).
/// The sum runs over k in order with fused multiply-adds, then the bias is added: the same result for
/// the same inputs whatever m or the position of a row in its block (trace == forward bit for bit).
void ck_gemm(long m, long n, long k, const float *a, long lda, const float *packed, const float *bias,
             float *c, long ldc);

/// ck_gemm with a[i, k] = a[i·ars + k·acs] (acs ≠ 1 reads a transpose in place), and with accumulate ≠ 0
/// the sums start from c's values (c += a·Wᵀ + bias).
void ck_gemm_ex(long m, long n, long k, const float *a, long ars, long acs, const float *packed, const float *bias,
                float *c, long ldc, int accumulate);

// ---- The recurrences ------------------------------------------------------------------------------
/// The gate math of one time step for n rows, every gate in one pass, after gh = h·W_hhᵀ + b_hh:
/// mode 0 RNN tanh, 1 RNN relu, 2 LSTM (i|f|g|o), 3 GRU (r|z|n).
///   gi, gh: n × G·H input and hidden projections (read only).
///   pre:    n × G·H pre-activations, what each nonlinearity received (GRU's n: gi_n + r·hW_n); may be NULL.
///   gates:  n × G·H gate values (LSTM, GRU); may be NULL.
///   h:      n × H state, updated in place (RNN, GRU).   c: n × H cell, updated (LSTM).
///   out:    n × H, LSTM's o·tanh(c).                     hwn: n × H, GRU's h·W_hn + b_hn; may be NULL.
void ck_step(int mode, long n, long H, const float *gi, const float *gh, float *pre, float *gates,
             float *h, float *c, float *out, float *hwn);

/// Backward through one LSTM step's gate math (n rows): gates (i|f|g|o as the forward saved them) are replaced by
/// dL/d(pre-activations); c = c_t, cprev = c_{t−1}; dh = dL/d(o·tanh(c_t)); dc: dL/dc_t from step t+1 in (the cell
/// path only), dL/dc_{t−1} from this step out; dctotal (NULL: not kept) gets the whole dL/dc_t, both paths summed,
/// as the gate gradients use it (the backward trace records it).
void ck_lstm_backward(long n, long H, float *gates, const float *c, const float *cprev, const float *dh, float *dc,
                      float *dctotal);

/// Backward through one GRU step: gates (r|z|n) become dL/d(x·W_ihᵀ + b_ih); dgh (n × 3H) gets
/// dL/d(h·W_hhᵀ + b_hh); dhprev gets dL/dh · z (the product with W_hh adds the rest). hwn: the forward's
/// h·W_hn + b_hn; hprev rows ldh apart; dh: dL/dh_t.
void ck_gru_backward(long n, long H, float *gates, const float *hwn, const float *hprev, long ldh,
                     const float *dh, float *dgh, float *dhprev);

/// Backward through one RNN step's nonlinearity: dg = dh·(1 − h²) (tanh) or dh·[h > 0] (relu); h rows ldh apart.
void ck_rnn_backward(int relu, long n, long H, const float *h, long ldh, const float *dh, float *dg);

/// out[j] += Σ_i a[i·lda + j] for i < m, j < n (the bias gradients).
void ck_colsum(long m, long n, const float *a, long lda, float *out);

// ---- Activations ----------------------------------------------------------------------------------
/// In place over count floats, within a couple of ulp of the exact value over the whole float range
/// (subnormals, ±0, ±inf and NaN included); the same code the gate math uses.
void ck_exp(float *p, long count);
void ck_tanh(float *p, long count);
void ck_sigmoid(float *p, long count);
float ck_exp1(float x);
float ck_tanh1(float x);
float ck_sigmoid1(float x);
/// fn 0 exp, 1 tanh, 2 sigmoid through the path of instruction set `isa` (0, 2, 5; lowered to what the CPU
/// has): for tests of every path in one process.
void ck_activation_isa(int fn, int isa, float *p, long count);

// ---- Working memory -------------------------------------------------------------------------------
/// A buffer of at least count floats for `slot` (0–15), kept for this thread and reused by the next call
/// (grown when too small, contents undefined). NULL when memory is exhausted.
float *ck_scratch(int slot, long count);
/// Frees this thread's largest slots until they hold at most `keep` floats in all.
void ck_scratch_trim(long keep);
/// Floats this thread's slots hold.
long ck_scratch_held(void);
/// Offers the whole 2 MB pages inside [p, p + bytes) of not yet touched memory to transparent huge pages
/// (MADV_HUGEPAGE; nothing below 4 MB or where the system has none): a large result written once then faults in
/// one page per 2 MB instead of one per 4 KB.
void ck_prefer_huge_pages(void *p, long bytes);
#endif
