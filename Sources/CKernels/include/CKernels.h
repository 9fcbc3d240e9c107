// CKernels: the engine's inner matrix product in C, so it can use AVX2/AVX-512 FMA chosen at run time.
#ifndef CKERNELS_H
#define CKERNELS_H
/// The widest instruction set the running CPU offers to these kernels: 0 scalar, 2 AVX2+FMA, 5 AVX-512.
int ck_isa(void);

/// The instruction set the kernels below use (chosen once, at the first call): 0, 2 or 5 as ck_isa.
/// CK_ISA=0|2|5 in the environment can lower it (for testing the other paths).
int ck_active_isa(void);

/// Rows of W per packed panel for the active instruction set (32 for AVX-512, 16 otherwise).
long ck_panel_width(void);

/// Floats needed to pack a rows × cols matrix.
long ck_packed_size(long rows, long cols);

/// Packs W (rows × cols, row-major) into panels of ck_panel_width() rows, each stored column-major
/// (cols × width, zero padded): dst must hold ck_packed_size(rows, cols) floats.
void ck_pack(const float *w, long rows, long cols, float *dst);

/// c[i, j] = Σ_k a[i, k]·W[j, k] (+ bias[j]) for i < m, j < n, with W packed by ck_pack (n rows, k cols).
/// The sum runs over k in order with fused multiply-adds, then the bias is added: the same result for
/// the same inputs whatever m or the position of a row in its block (trace == forward bit for bit).
void ck_gemm(long m, long n, long k, const float *a, long lda, const float *packed, const float *bias,
             float *c, long ldc);

/// The gate math of one time step, after gh = h·W_hhᵀ + b_hh (see Kernels.step): mode 0 RNN tanh, 1 RNN relu,
/// 2 LSTM, 3 GRU. gi: n × G·H input projection; h: n × H state (RNN, GRU: updated in place); c: n × H cell
/// (LSTM, updated); gh: pre-activations on exit; gates: gate values (LSTM, GRU); out: LSTM's o·tanh(c).
void ck_step(int mode, long n, long H, const float *gi, float *h, float *c, float *gh, float *gates, float *out);

/// Activations in place over count floats (exp from Cephes' expf, tanh and sigmoid from it).
void ck_sigmoid(float *p, long count);
void ck_tanh(float *p, long count);
float ck_sigmoid1(float x);
float ck_tanh1(float x);
#endif
