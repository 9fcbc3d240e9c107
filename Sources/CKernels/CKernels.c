// The engine's matrix product and activations, with AVX-512 / AVX2+FMA variants chosen once at run time
// and a portable scalar fallback. Every output element is computed by one fixed sequence of operations
// (acc = 0; for k in order: acc = fma(a, b, acc); then + bias), whatever the shape, the block it falls in
// or the number of rows: a one-row call (the trace, a cell) gives bit for bit what a batched call gives.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>
#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

int ck_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("fma")) return 5;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
#endif
    return 0;
}

static int active_isa = -1;

static int choose_isa(void) {
    int isa = ck_isa();
    const char *env = getenv("CK_ISA");
    if (env && *env) {
        int want = atoi(env);
        if (want < isa) isa = want >= 5 ? 5 : want >= 2 ? 2 : 0;
    }
    return isa;
}

int ck_active_isa(void) {
    if (__builtin_expect(active_isa < 0, 0)) active_isa = choose_isa();
    return active_isa;
}

long ck_panel_width(void) { return ck_active_isa() == 5 ? 32 : 16; }

long ck_packed_size(long rows, long cols) {
    long w = ck_panel_width();
    return (rows + w - 1) / w * w * cols;
}

void ck_pack(const float *src, long rows, long cols, float *dst) {
    long W = ck_panel_width();
    memset(dst, 0, sizeof(float) * (size_t)ck_packed_size(rows, cols));
    for (long r = 0; r < rows; r++) {
        long panel = r / W, lane = r % W;
        for (long c = 0; c < cols; c++) dst[(panel * cols + c) * W + lane] = src[r * cols + c];
    }
}

/// Rows of a kept in L2 while every panel of W streams past them (about 192 KB of a).
static inline long row_block(long k, long mr) {
    long mc = (49152 / (k > 0 ? k : 1)) / mr * mr;
    return mc < mr ? mr : mc;
}

/// Tiny products (a few hundred multiply-adds, the tutor's own examples) skip the blocking and the packing
/// of a, whose set-up would cost more than the arithmetic: one row at a time through the one-row kernel
/// (a row of a is already its packed form), so bit for bit what the blocked path computes.
#define SMALL_LIMIT 4096

// ---------------------------------------------------------------------------------------------------
// Scalar fallback: panels of 16, separate multiply and add.
static void gemm_scalar(long m, long n, long k, const float *a, long lda, const float *bp, const float *bias,
                        float *c, long ldc) {
    const long W = 16;
    for (long p = 0; p * W < n; p++) {
        const float *b = bp + p * k * W;
        long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
        for (long i = 0; i < m; i++) {
            float acc[16] = {0};
            const float *ai = a + i * lda;
            for (long kk = 0; kk < k; kk++) {
                float av = ai[kk];
                for (long j = 0; j < W; j++) acc[j] = acc[j] + av * b[kk * W + j];
            }
            for (long j = 0; j < nn; j++) c[i * ldc + n0 + j] = bias ? acc[j] + bias[n0 + j] : acc[j];
        }
    }
}

#if defined(__x86_64__)
// ---------------------------------------------------------------------------------------------------
// AVX2 + FMA: panels of 16 columns (2 ymm), micro-kernel of up to 6 rows × 16 (12 accumulators).
#define T2 __attribute__((target("avx2,fma")))

static inline __attribute__((always_inline)) T2 void
kern2(const int MR, long k, const float *a, long lda, const float *b, __m256 bias0, __m256 bias1,
      float *c, long ldc, long nn) {
    __m256 c0[6], c1[6];
    for (int r = 0; r < MR; r++) { c0[r] = _mm256_setzero_ps(); c1[r] = _mm256_setzero_ps(); }
    for (long kk = 0; kk < k; kk++) {
        __m256 b0 = _mm256_loadu_ps(b + kk * 16), b1 = _mm256_loadu_ps(b + kk * 16 + 8);
        for (int r = 0; r < MR; r++) {
            __m256 av = _mm256_broadcast_ss(a + r * lda + kk);
            c0[r] = _mm256_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm256_fmadd_ps(av, b1, c1[r]);
        }
    }
    for (int r = 0; r < MR; r++) {
        __m256 v0 = _mm256_add_ps(c0[r], bias0), v1 = _mm256_add_ps(c1[r], bias1);
        float *cr = c + r * ldc;
        if (nn == 16) {
            _mm256_storeu_ps(cr, v0);
            _mm256_storeu_ps(cr + 8, v1);
        } else {
            float tmp[16];
            _mm256_storeu_ps(tmp, v0);
            _mm256_storeu_ps(tmp + 8, v1);
            for (long j = 0; j < nn; j++) cr[j] = tmp[j];
        }
    }
}

static T2 void gemm_avx2(long m, long n, long k, const float *a, long lda, const float *bp, const float *bias,
                         float *c, long ldc) {
    const long W = 16, mc = row_block(k, 6);
    for (long r0 = 0; r0 < m; r0 += mc) {
        long rEnd = r0 + mc < m ? r0 + mc : m;
        for (long p = 0; p * W < n; p++) {
            const float *b = bp + p * k * W;
            long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
            // Without a bias, + 0 leaves every sum unchanged (x + 0 == x, and -0 + 0 is not reachable
            // from an accumulator started at +0 ... except a sum that is exactly -0; keep it exact anyway
            // by adding -0, which leaves every value, including -0, unchanged).
            float bt[16];
            for (long j = 0; j < 16; j++) bt[j] = bias && j < nn ? bias[n0 + j] : -0.0f;
            __m256 bias0 = _mm256_loadu_ps(bt), bias1 = _mm256_loadu_ps(bt + 8);
            long i = r0;
            for (; i + 6 <= rEnd; i += 6) kern2(6, k, a + i * lda, lda, b, bias0, bias1, c + i * ldc + n0, ldc, nn);
            const float *ai = a + i * lda;
            float *ci = c + i * ldc + n0;
            switch (rEnd - i) {
            case 5: kern2(5, k, ai, lda, b, bias0, bias1, ci, ldc, nn); break;
            case 4: kern2(4, k, ai, lda, b, bias0, bias1, ci, ldc, nn); break;
            case 3: kern2(3, k, ai, lda, b, bias0, bias1, ci, ldc, nn); break;
            case 2: kern2(2, k, ai, lda, b, bias0, bias1, ci, ldc, nn); break;
            case 1: kern2(1, k, ai, lda, b, bias0, bias1, ci, ldc, nn); break;
            default: break;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// AVX-512: panels of 32 columns (2 zmm), micro-kernel of up to 12 rows × 32 (24 accumulators).
#define T5 __attribute__((target("avx512f,avx512vl,fma")))

/// MR rows × 32 columns over kb values of k; a is packed (kb × MR, row r of step kk at kk·MR + r).
/// first: the sums start at 0, else at the partial sums in c (stored float32, exactly what the registers
/// held: splitting k changes no bit). last: + bias at the end.
static inline __attribute__((always_inline)) T5 void
kern5(const int MR, long kb, const float *a, const float *b, __m512 bias0, __m512 bias1,
      float *c, long ldc, __mmask16 m0, __mmask16 m1, int first, int last) {
    __m512 c0[12], c1[12];
    // The output lines are fetched while the sums run: their misses would stall the stores at the end.
    for (int r = 0; r < MR; r++) {
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + r * ldc + 16), _MM_HINT_T0);
    }
    if (first) {
        for (int r = 0; r < MR; r++) { c0[r] = _mm512_setzero_ps(); c1[r] = _mm512_setzero_ps(); }
    } else {
        for (int r = 0; r < MR; r++) {
            c0[r] = _mm512_maskz_loadu_ps(m0, c + r * ldc);
            c1[r] = _mm512_maskz_loadu_ps(m1, c + r * ldc + 16);
        }
    }
    for (long kk = 0; kk < kb; kk++) {
        __m512 b0 = _mm512_loadu_ps(b + kk * 32), b1 = _mm512_loadu_ps(b + kk * 32 + 16);
        for (int r = 0; r < MR; r++) {
            __m512 av = _mm512_set1_ps(a[kk * MR + r]);
            c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
        }
    }
    for (int r = 0; r < MR; r++) {
        float *cr = c + r * ldc;
        if (last) {
            c0[r] = _mm512_add_ps(c0[r], bias0);
            c1[r] = _mm512_add_ps(c1[r], bias1);
        }
        _mm512_mask_storeu_ps(cr, m0, c0[r]);
        _mm512_mask_storeu_ps(cr + 16, m1, c1[r]);
    }
}

/// Rows of the next micro-block: 12 when the row block is large, else 8 (the recurrent product's 16 = 8 + 8),
/// then what is left.
static inline long next_mr(long left, long total) {
    if (total >= 24 && left >= 12) return 12;
    return left >= 8 ? 8 : left;
}

/// A buffer for the packed rows of a, grown as needed and kept (one per thread): no allocation per call.
static _Thread_local float *apack;
static _Thread_local long apack_cap;

static float *apack_get(long count) {
    if (count > apack_cap) {
        free(apack);
        apack = (float *)aligned_alloc(64, (size_t)((count + 15) / 16 * 16) * sizeof(float));
        apack_cap = apack ? count : 0;
    }
    return apack;
}

/// Blocking: k in slices of ≤ 192 so one panel's slice (32 × kb floats, ≤ 24 KB) stays in L1 while every
/// row block passes it; rows in blocks of ≈ 128 KB of a, packed (L2); the panels stream from L2 / L3.
/// (Tuned on the bench shapes with a C harness: a larger row block, k slices of 256 or 512, or no
/// prefetch of c measured the same or slower.)
/// A tiny product on the 32-wide panels with 256-bit registers (AVX-512VL masks): the same operations per
/// element as kern5, so the same bits, without 512-bit instructions, whose lower clock would slow the
/// rest of a short call (the tutor's examples are mostly bookkeeping).
static T5 void gemm_small5(long m, long n, long k, const float *a, long lda, const float *bp, const float *bias,
                           float *c, long ldc) {
    const long W = 32;
    for (long p = 0; p * W < n; p++) {
        const long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
        const float *b = bp + p * k * W;
        __mmask8 mk[4];
        __m256 bv[4];
        for (int q = 0; q < 4; q++) {
            long left = nn - 8 * q;
            mk[q] = (__mmask8)(left >= 8 ? 0xFF : left <= 0 ? 0 : (1u << left) - 1);
            bv[q] = bias ? _mm256_mask_loadu_ps(_mm256_set1_ps(-0.0f), mk[q], bias + n0 + 8 * q) : _mm256_set1_ps(-0.0f);
        }
        const int quarters = (int)((nn + 7) / 8);
        for (long i = 0; i < m; i++) {
            const float *ai = a + i * lda;
            __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
            for (long kk = 0; kk < k; kk++) {
                __m256 av = _mm256_set1_ps(ai[kk]);
                for (int q = 0; q < quarters; q++) acc[q] = _mm256_fmadd_ps(av, _mm256_loadu_ps(b + kk * W + 8 * q), acc[q]);
            }
            for (int q = 0; q < quarters; q++)
                _mm256_mask_storeu_ps(c + i * ldc + n0 + 8 * q, mk[q], _mm256_add_ps(acc[q], bv[q]));
        }
    }
}

#ifndef CK_KC_MAX
#define CK_KC_MAX 192
#endif
#ifndef CK_KC
#define CK_KC 128
#endif
#ifndef CK_MC_FLOATS
#define CK_MC_FLOATS 32768
#endif
static T5 void gemm_avx512(long m, long n, long k, const float *a, long lda, const float *bp, const float *bias,
                           float *c, long ldc) {
    const long W = 32;
    if (m * n * k <= SMALL_LIMIT) { gemm_small5(m, n, k, a, lda, bp, bias, c, ldc); return; }
    const long kc = k <= CK_KC_MAX ? (k > 0 ? k : 1) : CK_KC;
    __m512 negz = _mm512_set1_ps(-0.0f);   // adding -0 leaves every value unchanged
    long mc0 = (CK_MC_FLOATS / kc) / 12 * 12;
    if (mc0 < 24) mc0 = 24;
    float *ap = apack_get((m < mc0 ? m : mc0) * kc);
    if (!ap) return;
    for (long k0 = 0; k0 < k || k0 == 0; k0 += kc) {
        long kb = k - k0 < kc ? k - k0 : kc;
        int first = k0 == 0, last = k0 + kb >= k;
        for (long r0 = 0; r0 < m; r0 += mc0) {
            long rEnd = r0 + mc0 < m ? r0 + mc0 : m, total = rEnd - r0;
            // Pack rows r0..<rEnd, columns k0..<k0+kb of a: micro-block at row i holds kb × MR from ap + i·kb.
            for (long i = 0; i < total;) {
                long mr = next_mr(total - i, total);
                float *dst = ap + i * kb;
                const float *src = a + (r0 + i) * lda + k0;
                for (long r = 0; r < mr; r++)
                    for (long kk = 0; kk < kb; kk++) dst[kk * mr + r] = src[r * lda + kk];
                i += mr;
            }
            for (long p = 0; p * W < n; p++) {
                const float *b = bp + p * k * W + k0 * W;
                long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
                __mmask16 m0 = (__mmask16)(nn >= 16 ? 0xFFFF : (1u << nn) - 1);
                __mmask16 m1 = (__mmask16)(nn >= 32 ? 0xFFFF : nn <= 16 ? 0 : (1u << (nn - 16)) - 1);
                __m512 bias0 = bias ? _mm512_mask_loadu_ps(negz, m0, bias + n0) : negz;
                __m512 bias1 = bias ? _mm512_mask_loadu_ps(negz, m1, bias + n0 + 16) : negz;
                for (long i = 0; i < total;) {
                    long mr = next_mr(total - i, total);
                    const float *ai = ap + i * kb;
                    float *ci = c + (r0 + i) * ldc + n0;
#define KERN5(MR) kern5(MR, kb, ai, b, bias0, bias1, ci, ldc, m0, m1, first, last)
                    switch (mr) {
                    case 12: KERN5(12); break;
                    case 8: KERN5(8); break;
                    case 7: KERN5(7); break;
                    case 6: KERN5(6); break;
                    case 5: KERN5(5); break;
                    case 4: KERN5(4); break;
                    case 3: KERN5(3); break;
                    case 2: KERN5(2); break;
                    default: KERN5(1); break;
                    }
#undef KERN5
                    i += mr;
                }
            }
        }
        if (k == 0) break;
    }
}
#endif

void ck_gemm(long m, long n, long k, const float *a, long lda, const float *packed, const float *bias,
             float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: gemm_avx512(m, n, k, a, lda, packed, bias, c, ldc); return;
    case 2: gemm_avx2(m, n, k, a, lda, packed, bias, c, ldc); return;
#endif
    default: gemm_scalar(m, n, k, a, lda, packed, bias, c, ldc); return;
    }
}

// ---------------------------------------------------------------------------------------------------
// Activations: exp from Cephes' expf (range reduction by ln 2, degree-6 polynomial, ~1 ulp), then
// sigmoid(x) = 1 / (1 + e^(−x)) and tanh(x) = sign(x)·(1 − 2 / (e^(2|x|) + 1)) (x itself below 4e-4,
// NaN kept). The vector paths handle a tail with masks / a padded copy, so an element's result does
// not depend on where it sits.
#define EXP_HI 88.3762626647949f
#define EXP_LO (-87.3365447504019f)

static float exp_scalar(float x) {
    if (x > EXP_HI) x = EXP_HI;
    if (x < EXP_LO) x = EXP_LO;
    float t = x * 1.44269504088896341f + 12582912.0f;
    float fx = t - 12582912.0f;
    float r = x - fx * 0.693359375f;
    r = r + fx * 2.12194440e-4f;
    float r2 = r * r;
    float y = 1.9875691500e-4f;
    y = y * r + 1.3981999507e-3f;
    y = y * r + 8.3334519073e-3f;
    y = y * r + 4.1665795894e-2f;
    y = y * r + 1.6666665459e-1f;
    y = y * r + 5.0000001201e-1f;
    y = y * r2 + r + 1.0f;
    int ti;
    memcpy(&ti, &t, 4);
    int n = (ti - 0x4B400000 + 127) << 23;
    float scale;
    memcpy(&scale, &n, 4);
    return y * scale;
}
static float sigmoid_scalar(float x) { return 1.0f / (1.0f + exp_scalar(-x)); }
static float tanh_scalar(float x) {
    if (x != x) return x;
    float ax = x < 0 ? -x : x;
    if (ax < 0.0004f) return x;
    float t = 1.0f - 2.0f / (exp_scalar(2.0f * ax) + 1.0f);
    return x < 0 ? -t : t;
}

static void tanh_scalar_n(float *p, long count);
static void sigmoid_scalar_n(float *p, long count);

#if defined(__x86_64__)
// The activations and the step's gate math run in 256-bit registers on AVX-512 machines too: this Xeon
// does as many 256-bit FMAs a cycle (two ports) as 512-bit ones (one), without the 512-bit clock penalty.
static inline __attribute__((always_inline)) T2 __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_set1_ps(EXP_HI), x);
    x = _mm256_max_ps(_mm256_set1_ps(EXP_LO), x);
    __m256 t = _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(12582912.0f));
    __m256 fx = _mm256_sub_ps(t, _mm256_set1_ps(12582912.0f));
    __m256 r = _mm256_fnmadd_ps(fx, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fmadd_ps(fx, _mm256_set1_ps(2.12194440e-4f), r);
    __m256 r2 = _mm256_mul_ps(r, r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(y, r2), r), _mm256_set1_ps(1.0f));
    __m256i n = _mm256_add_epi32(_mm256_sub_epi32(_mm256_castps_si256(t), _mm256_set1_epi32(0x4B400000)),
                                 _mm256_set1_epi32(127));
    return _mm256_mul_ps(y, _mm256_castsi256_ps(_mm256_slli_epi32(n, 23)));
}
static inline __attribute__((always_inline)) T2 __m256 sigmoid8(__m256 x) {
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 nx = _mm256_xor_ps(x, _mm256_set1_ps(-0.0f));
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(nx)));
}
static inline __attribute__((always_inline)) T2 __m256 tanh8(__m256 x) {
    __m256 sign = _mm256_and_ps(x, _mm256_set1_ps(-0.0f));
    __m256 ax = _mm256_xor_ps(x, sign);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 e = exp8(_mm256_add_ps(ax, ax));
    __m256 t = _mm256_sub_ps(one, _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(e, one)));
    t = _mm256_xor_ps(t, sign);
    __m256 keep = _mm256_or_ps(_mm256_cmp_ps(ax, _mm256_set1_ps(0.0004f), _CMP_LT_OQ),
                               _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
    return _mm256_blendv_ps(t, x, keep);
}
static T2 void sigmoid_avx2(float *p, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(p + i, sigmoid8(_mm256_loadu_ps(p + i)));
    if (i < count) {
        float tmp[8] = {0};
        memcpy(tmp, p + i, sizeof(float) * (size_t)(count - i));
        _mm256_storeu_ps(tmp, sigmoid8(_mm256_loadu_ps(tmp)));
        memcpy(p + i, tmp, sizeof(float) * (size_t)(count - i));
    }
}
static T2 void tanh_avx2(float *p, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(p + i, tanh8(_mm256_loadu_ps(p + i)));
    if (i < count) {
        float tmp[8] = {0};
        memcpy(tmp, p + i, sizeof(float) * (size_t)(count - i));
        _mm256_storeu_ps(tmp, tanh8(_mm256_loadu_ps(tmp)));
        memcpy(p + i, tmp, sizeof(float) * (size_t)(count - i));
    }
}
#endif

void ck_sigmoid(float *p, long count) {
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: case 2: sigmoid_avx2(p, count); return;
#endif
    default: sigmoid_scalar_n(p, count); return;
    }
}

void ck_tanh(float *p, long count) {
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: case 2: tanh_avx2(p, count); return;
#endif
    default: tanh_scalar_n(p, count); return;
    }
}

// ---------------------------------------------------------------------------------------------------
// The gate math of one time step (after gh = h·W_hhᵀ + b_hh), written once and compiled per ISA.
typedef void (*act_fn)(float *, long);

static inline __attribute__((always_inline)) void
step_body(int mode, long n, long H, const float *gi, float *h, float *c, float *gh, float *g, float *out,
          act_fn sig, act_fn tnh) {
    // Separate multiplies and adds here (no contraction to FMA): the gate equations hold exactly as written,
    // c = f·c' + i·g and h = (h' − n)·z + n, which the trace tests check in Swift.
#pragma clang fp contract(off)
    if (mode == 0 || mode == 1) {
        for (long e = 0; e < n * H; e++) {
            float v = gh[e] + gi[e];
            gh[e] = v;
            h[e] = v;
        }
        if (mode == 0) tnh(h, n * H);
        else for (long e = 0; e < n * H; e++) h[e] = h[e] < 0 ? 0.0f : h[e];   // NaN and -0 kept, as torch.relu
    } else if (mode == 2) {
        const long GH = 4 * H;
        for (long b = 0; b < n; b++) {
            const long row = b * GH;
            for (long e = row; e < row + GH; e++) {
                float v = gh[e] + gi[e];
                gh[e] = v;
                g[e] = v;
            }
            sig(g + row, 2 * H);          // i, f
            tnh(g + row + 2 * H, H);      // g
            sig(g + row + 3 * H, H);      // o
            const float *gI = g + row, *gF = gI + H, *gG = gF + H, *gO = gG + H;
            float *cb = c + b * H, *ob = out + b * H;
            for (long j = 0; j < H; j++) {
                float cNew = gF[j] * cb[j] + gI[j] * gG[j];
                cb[j] = cNew;
                ob[j] = cNew;
            }
            tnh(ob, H);
            for (long j = 0; j < H; j++) ob[j] = gO[j] * ob[j];
        }
    } else {
        const long GH = 3 * H;
        for (long b = 0; b < n; b++) {
            const long row = b * GH;
            for (long e = row; e < row + 2 * H; e++) {
                float v = gh[e] + gi[e];
                gh[e] = v;
                g[e] = v;
            }
            sig(g + row, 2 * H);          // r, z
            for (long j = row + 2 * H; j < row + 3 * H; j++) {
                float v = gi[j] + g[j - 2 * H] * gh[j];   // n's pre-activation: gi_n + r*hW_n
                gh[j] = v;
                g[j] = v;
            }
            tnh(g + row + 2 * H, H);      // n
            const float *gZ = g + row + H, *gN = g + row + 2 * H;
            float *hb = h + b * H;
            for (long j = 0; j < H; j++) hb[j] = (hb[j] - gN[j]) * gZ[j] + gN[j];
        }
    }
}

static void tanh_scalar_n(float *p, long count) { for (long i = 0; i < count; i++) p[i] = tanh_scalar(p[i]); }
static void sigmoid_scalar_n(float *p, long count) { for (long i = 0; i < count; i++) p[i] = sigmoid_scalar(p[i]); }
static void step_scalar(int mode, long n, long H, const float *gi, float *h, float *c, float *gh, float *g, float *out) {
    step_body(mode, n, H, gi, h, c, gh, g, out, sigmoid_scalar_n, tanh_scalar_n);
}
#if defined(__x86_64__)
static T2 void step_avx2(int mode, long n, long H, const float *gi, float *h, float *c, float *gh, float *g, float *out) {
    step_body(mode, n, H, gi, h, c, gh, g, out, sigmoid_avx2, tanh_avx2);
}
#endif

void ck_step(int mode, long n, long H, const float *gi, float *h, float *c, float *gh, float *gates, float *out) {
    if (n <= 0 || H <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: case 2: step_avx2(mode, n, H, gi, h, c, gh, gates, out); return;
#endif
    default: step_scalar(mode, n, H, gi, h, c, gh, gates, out); return;
    }
}

float ck_sigmoid1(float x) { ck_sigmoid(&x, 1); return x; }
float ck_tanh1(float x) { ck_tanh(&x, 1); return x; }
