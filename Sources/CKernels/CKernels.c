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

static inline __attribute__((always_inline)) T5 void
kern5(const int MR, long k, const float *a, long lda, const float *b, __m512 bias0, __m512 bias1,
      float *c, long ldc, __mmask16 m0, __mmask16 m1) {
    __m512 c0[12], c1[12];
    for (int r = 0; r < MR; r++) { c0[r] = _mm512_setzero_ps(); c1[r] = _mm512_setzero_ps(); }
    for (long kk = 0; kk < k; kk++) {
        __m512 b0 = _mm512_loadu_ps(b + kk * 32), b1 = _mm512_loadu_ps(b + kk * 32 + 16);
        for (int r = 0; r < MR; r++) {
            __m512 av = _mm512_set1_ps(a[r * lda + kk]);
            c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
        }
    }
    for (int r = 0; r < MR; r++) {
        float *cr = c + r * ldc;
        _mm512_mask_storeu_ps(cr, m0, _mm512_add_ps(c0[r], bias0));
        _mm512_mask_storeu_ps(cr + 16, m1, _mm512_add_ps(c1[r], bias1));
    }
}

static T5 void gemm_avx512(long m, long n, long k, const float *a, long lda, const float *bp, const float *bias,
                           float *c, long ldc) {
    const long W = 32, mc = row_block(k, 12);
    for (long r0 = 0; r0 < m; r0 += mc) {
        long rEnd = r0 + mc < m ? r0 + mc : m;
        for (long p = 0; p * W < n; p++) {
            const float *b = bp + p * k * W;
            long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
            __mmask16 m0 = (__mmask16)(nn >= 16 ? 0xFFFF : (1u << nn) - 1);
            __mmask16 m1 = (__mmask16)(nn >= 32 ? 0xFFFF : nn <= 16 ? 0 : (1u << (nn - 16)) - 1);
            __m512 negz = _mm512_set1_ps(-0.0f);   // adding -0 leaves every value unchanged
            __m512 bias0 = bias ? _mm512_mask_loadu_ps(negz, m0, bias + n0) : negz;
            __m512 bias1 = bias ? _mm512_mask_loadu_ps(negz, m1, bias + n0 + 16) : negz;
            long i = r0;
            // Blocks of 8 for small m (the recurrent product: 16 = 8 + 8), of 12 when there are many rows.
            if (rEnd - r0 >= 24)
                for (; i + 12 <= rEnd; i += 12) kern5(12, k, a + i * lda, lda, b, bias0, bias1, c + i * ldc + n0, ldc, m0, m1);
            for (; i + 8 <= rEnd; i += 8) kern5(8, k, a + i * lda, lda, b, bias0, bias1, c + i * ldc + n0, ldc, m0, m1);
            const float *ai = a + i * lda;
            float *ci = c + i * ldc + n0;
            switch (rEnd - i) {
            case 7: kern5(7, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 6: kern5(6, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 5: kern5(5, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 4: kern5(4, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 3: kern5(3, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 2: kern5(2, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            case 1: kern5(1, k, ai, lda, b, bias0, bias1, ci, ldc, m0, m1); break;
            default: break;
            }
        }
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

#if defined(__x86_64__)
static inline __attribute__((always_inline)) T5 __m512 exp16(__m512 x) {
    x = _mm512_min_ps(_mm512_set1_ps(EXP_HI), x);   // minps returns its second operand for NaN: NaN kept
    x = _mm512_max_ps(_mm512_set1_ps(EXP_LO), x);
    __m512 t = _mm512_fmadd_ps(x, _mm512_set1_ps(1.44269504088896341f), _mm512_set1_ps(12582912.0f));
    __m512 fx = _mm512_sub_ps(t, _mm512_set1_ps(12582912.0f));
    __m512 r = _mm512_fnmadd_ps(fx, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fmadd_ps(fx, _mm512_set1_ps(2.12194440e-4f), r);
    __m512 r2 = _mm512_mul_ps(r, r);
    __m512 y = _mm512_set1_ps(1.9875691500e-4f);
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(1.3981999507e-3f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(8.3334519073e-3f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(4.1665795894e-2f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(1.6666665459e-1f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(5.0000001201e-1f));
    y = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(y, r2), r), _mm512_set1_ps(1.0f));
    __m512i n = _mm512_add_epi32(_mm512_sub_epi32(_mm512_castps_si512(t), _mm512_set1_epi32(0x4B400000)),
                                 _mm512_set1_epi32(127));
    return _mm512_mul_ps(y, _mm512_castsi512_ps(_mm512_slli_epi32(n, 23)));
}
static inline __attribute__((always_inline)) T5 __m512 sigmoid16(__m512 x) {
    __m512 one = _mm512_set1_ps(1.0f);
    __m512 nx = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000)));
    return _mm512_div_ps(one, _mm512_add_ps(one, exp16(nx)));
}
static inline __attribute__((always_inline)) T5 __m512 tanh16(__m512 x) {
    __m512i sign = _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000));
    __m512 ax = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(x), sign));
    __m512 one = _mm512_set1_ps(1.0f);
    __m512 e = exp16(_mm512_add_ps(ax, ax));
    __m512 t = _mm512_sub_ps(one, _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(e, one)));
    t = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(t), sign));
    __mmask16 keep = _mm512_cmp_ps_mask(ax, _mm512_set1_ps(0.0004f), _CMP_LT_OQ)
                   | _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
    return _mm512_mask_blend_ps(keep, t, x);
}
static T5 void sigmoid_avx512(float *p, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16) _mm512_storeu_ps(p + i, sigmoid16(_mm512_loadu_ps(p + i)));
    if (i < count) {
        __mmask16 m = (__mmask16)((1u << (count - i)) - 1);
        _mm512_mask_storeu_ps(p + i, m, sigmoid16(_mm512_maskz_loadu_ps(m, p + i)));
    }
}
static T5 void tanh_avx512(float *p, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16) _mm512_storeu_ps(p + i, tanh16(_mm512_loadu_ps(p + i)));
    if (i < count) {
        __mmask16 m = (__mmask16)((1u << (count - i)) - 1);
        _mm512_mask_storeu_ps(p + i, m, tanh16(_mm512_maskz_loadu_ps(m, p + i)));
    }
}

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
    case 5: sigmoid_avx512(p, count); return;
    case 2: sigmoid_avx2(p, count); return;
#endif
    default: for (long i = 0; i < count; i++) p[i] = sigmoid_scalar(p[i]); return;
    }
}

void ck_tanh(float *p, long count) {
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: tanh_avx512(p, count); return;
    case 2: tanh_avx2(p, count); return;
#endif
    default: for (long i = 0; i < count; i++) p[i] = tanh_scalar(p[i]); return;
    }
}

float ck_sigmoid1(float x) { ck_sigmoid(&x, 1); return x; }
float ck_tanh1(float x) { ck_tanh(&x, 1); return x; }
