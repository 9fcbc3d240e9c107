// The engine's matrix product, with AVX-512 / AVX2+FMA variants chosen once at run time and a portable scalar
// fallback. Every output element is computed by one fixed sequence of operations (acc = 0, or c's old value
// when accumulating; for k in order: acc = fma(a, b, acc); then + bias), whatever the shape, the block it falls
// in or the number of rows: a one-row call (the trace, a cell) gives bit for bit what a batched call gives.
// a is read through two strides (a[i·ars + k·acs]), so the backward's transposed products (dW = dGᵀ·X) need
// no transposed copy of a; the other operand is packed by ck_pack_strided, which can read a transpose too.
#include "ck_internal.h"
#include <stdlib.h>
#include <string.h>

static int active_isa = -1;

int ck_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("fma")) return 5;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
#endif
    return 0;
}

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

void ck_pack_strided(const float *src, long rows, long cols, long rs, long cs, long c0, long c1, float *dst) {
    const long W = ck_panel_width();
    for (long p = 0; p * W < rows; p++) {
        long r0 = p * W, rn = rows - r0 < W ? rows - r0 : W;
        for (long c = c0; c < c1; c++) {
            float *d = dst + (p * cols + c) * W;
            const float *s = src + r0 * rs + (c - c0) * cs;
            if (rs == 1) memcpy(d, s, sizeof(float) * (size_t)rn);
            else for (long l = 0; l < rn; l++) d[l] = s[l * rs];
            for (long l = rn; l < W; l++) d[l] = 0.0f;
        }
    }
}

void ck_pack(const float *w, long rows, long cols, float *dst) { ck_pack_strided(w, rows, cols, cols, 1, 0, cols, dst); }

/// Tiny products (a few hundred multiply-adds, the tutor's own examples) skip the blocking and the packing
/// of a, whose set-up would cost more than the arithmetic: one row at a time, bit for bit what the blocked
/// path computes.
#define SMALL_LIMIT 4096

// ---------------------------------------------------------------------------------------------------
// Scalar fallback: panels of 16, separate multiply and add.
static void gemm_scalar(long m, long n, long k, const float *a, long ars, long acs, const float *bp,
                        const float *bias, float *c, long ldc, int accumulate) {
    const long W = 16;
    for (long p = 0; p * W < n; p++) {
        const float *b = bp + p * k * W;
        long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
        for (long i = 0; i < m; i++) {
            float acc[16] = {0};
            float *ci = c + i * ldc + n0;
            if (accumulate) for (long j = 0; j < nn; j++) acc[j] = ci[j];
            const float *ai = a + i * ars;
            for (long kk = 0; kk < k; kk++) {
                float av = ai[kk * acs];
                for (long j = 0; j < W; j++) acc[j] = acc[j] + av * b[kk * W + j];
            }
            for (long j = 0; j < nn; j++) ci[j] = bias ? acc[j] + bias[n0 + j] : acc[j];
        }
    }
}

#if defined(__x86_64__)
// ---------------------------------------------------------------------------------------------------
// AVX2 + FMA: panels of 16 columns (2 ymm), micro-kernel of up to 6 rows × 16 (12 accumulators).
static inline __attribute__((always_inline)) CK_T2 void
kern2(const int MR, long k, const float *a, long ars, long acs, const float *b, __m256 bias0, __m256 bias1,
      float *c, long ldc, long nn, int accumulate) {
    __m256 c0[6], c1[6];
    for (int r = 0; r < MR; r++) {
        if (accumulate) {
            float tmp[16] = {0};
            for (long j = 0; j < nn; j++) tmp[j] = c[r * ldc + j];
            c0[r] = _mm256_loadu_ps(tmp);
            c1[r] = _mm256_loadu_ps(tmp + 8);
        } else {
            c0[r] = _mm256_setzero_ps();
            c1[r] = _mm256_setzero_ps();
        }
    }
    for (long kk = 0; kk < k; kk++) {
        __m256 b0 = _mm256_loadu_ps(b + kk * 16), b1 = _mm256_loadu_ps(b + kk * 16 + 8);
        for (int r = 0; r < MR; r++) {
            __m256 av = _mm256_broadcast_ss(a + r * ars + kk * acs);
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

static CK_T2 void gemm_avx2(long m, long n, long k, const float *a, long ars, long acs, const float *bp,
                            const float *bias, float *c, long ldc, int accumulate) {
    const long W = 16;
    // Rows of a in blocks of about 192 KB (L2) while every panel of W streams past them.
    long mc = (49152 / (k > 0 ? k : 1)) / 6 * 6;
    if (mc < 6) mc = 6;
    for (long r0 = 0; r0 < m; r0 += mc) {
    long rEnd = r0 + mc < m ? r0 + mc : m;
    for (long p = 0; p * W < n; p++) {
        const float *b = bp + p * k * W;
        long n0 = p * W, nn = n - n0 < W ? n - n0 : W;
        // Without a bias, adding -0 leaves every value (-0 included) unchanged.
        float bt[16];
        for (long j = 0; j < 16; j++) bt[j] = bias && j < nn ? bias[n0 + j] : -0.0f;
        __m256 bias0 = _mm256_loadu_ps(bt), bias1 = _mm256_loadu_ps(bt + 8);
        long i = r0;
        for (; i + 6 <= rEnd; i += 6) kern2(6, k, a + i * ars, ars, acs, b, bias0, bias1, c + i * ldc + n0, ldc, nn, accumulate);
        const float *ai = a + i * ars;
        float *ci = c + i * ldc + n0;
        switch (rEnd - i) {
        case 5: kern2(5, k, ai, ars, acs, b, bias0, bias1, ci, ldc, nn, accumulate); break;
        case 4: kern2(4, k, ai, ars, acs, b, bias0, bias1, ci, ldc, nn, accumulate); break;
        case 3: kern2(3, k, ai, ars, acs, b, bias0, bias1, ci, ldc, nn, accumulate); break;
        case 2: kern2(2, k, ai, ars, acs, b, bias0, bias1, ci, ldc, nn, accumulate); break;
        case 1: kern2(1, k, ai, ars, acs, b, bias0, bias1, ci, ldc, nn, accumulate); break;
        default: break;
        }
    }
    }
}

// ---------------------------------------------------------------------------------------------------
// AVX-512: panels of 32 columns (2 zmm), micro-kernel of up to 12 rows × 32 (24 accumulators).

/// MR rows × 32 columns over kb values of k; a is packed (kb × MR, row r of step kk at kk·MR + r), or with
/// ars ≠ 0 read in place (row r of step kk at r·ars + kk).
/// load: the sums start at the values in c (partial sums of an earlier slice of k, stored as float32 exactly
/// as the registers held them, or the old c when accumulating), else at 0. last: + bias at the end.
static inline __attribute__((always_inline)) CK_T5 void
kern5(const int MR, long kb, const float *a, long ars, const float *b, __m512 bias0, __m512 bias1,
      float *c, long ldc, __mmask16 m0, __mmask16 m1, int load, int last) {
    __m512 c0[12], c1[12];
    // The output lines are fetched while the sums run: their misses would stall the stores at the end.
    for (int r = 0; r < MR; r++) {
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + r * ldc + 16), _MM_HINT_T0);
    }
    if (!load) {
        for (int r = 0; r < MR; r++) { c0[r] = _mm512_setzero_ps(); c1[r] = _mm512_setzero_ps(); }
    } else {
        for (int r = 0; r < MR; r++) {
            c0[r] = _mm512_maskz_loadu_ps(m0, c + r * ldc);
            c1[r] = _mm512_maskz_loadu_ps(m1, c + r * ldc + 16);
        }
    }
    // Two loops rather than one with `ars ? … : …` per value: the select stayed in the loop, with a reload
    // from the stack per step of k (~3 % of the medium recurrent product).
    if (ars) {
        const float *ar[12];
        for (int r = 0; r < MR; r++) ar[r] = a + r * ars;
        for (long kk = 0; kk < kb; kk++) {
            __m512 b0 = _mm512_loadu_ps(b + kk * 32), b1 = _mm512_loadu_ps(b + kk * 32 + 16);
            for (int r = 0; r < MR; r++) {
                __m512 av = _mm512_set1_ps(ar[r][kk]);
                c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
                c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
            }
        }
    } else {
        for (long kk = 0; kk < kb; kk++) {
            __m512 b0 = _mm512_loadu_ps(b + kk * 32), b1 = _mm512_loadu_ps(b + kk * 32 + 16);
            for (int r = 0; r < MR; r++) {
                __m512 av = _mm512_set1_ps(a[kk * MR + r]);
                c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
                c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
            }
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

/// Rows of the next block read in place: at most 8 (the rows' addresses are formed in the loop; with 12 the
/// compiler kept them on the stack), the rest split as next_mr does.
static inline long next_mr_direct(long left) {
    if (left >= 16) return 8;
    if (left > 8) return (left + 1) / 2;
    return left;
}

/// Rows of the next micro-block: 12 while at least 24 are left, then the rest in two halves (16 = 8 + 8,
/// 20 = 10 + 10), so no thin block of a few rows is left at the end (64 rows: 4 × 12 + 2 × 8, not 5 × 12 + 4).
static inline long next_mr(long left) {
    if (left >= 24) return 12;
    if (left > 12) return (left + 1) / 2;
    return left;
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

/// A tiny product on the 32-wide panels with 256-bit registers (AVX-512VL masks): the same operations per
/// element as kern5, so the same bits, without 512-bit instructions (a short call is mostly bookkeeping).
static CK_T5 void gemm_small5(long m, long n, long k, const float *a, long ars, long acs, const float *bp,
                              const float *bias, float *c, long ldc, int accumulate) {
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
            const float *ai = a + i * ars;
            float *ci = c + i * ldc + n0;
            __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
            if (accumulate) for (int q = 0; q < quarters; q++) acc[q] = _mm256_maskz_loadu_ps(mk[q], ci + 8 * q);
            for (long kk = 0; kk < k; kk++) {
                __m256 av = _mm256_set1_ps(ai[kk * acs]);
                for (int q = 0; q < quarters; q++) acc[q] = _mm256_fmadd_ps(av, _mm256_loadu_ps(b + kk * W + 8 * q), acc[q]);
            }
            for (int q = 0; q < quarters; q++) _mm256_mask_storeu_ps(ci + 8 * q, mk[q], _mm256_add_ps(acc[q], bv[q]));
        }
    }
}

/// Blocking: k whole up to 512, else in slices of 256 (partial sums kept in c); rows in blocks of ≈ 128 KB of
/// a, packed (L2); the panels stream from L2 / L3. Tuned on this machine kind (Zen 4: 32 KB L1, 1 MB L2) with a
/// C harness over the forward's and backward's shapes: k whole to 512 lifted the large recurrent product
/// (64 × 2048 × 512) from 80 to ~100 GFLOP/s and the large projection (2048 × 2048 × 256) from 80 to ~95,
/// the others unchanged within the noise; row blocks of 256 KB or 512 KB measured slower.
#ifndef CK_KC_MAX
#define CK_KC_MAX 512
#endif
#ifndef CK_KC
#define CK_KC 256
#endif
#ifndef CK_MC_FLOATS
#define CK_MC_FLOATS 32768
#endif
static CK_T5 void gemm_avx512(long m, long n, long k, const float *a, long ars, long acs, const float *bp,
                              const float *bias, float *c, long ldc, int accumulate) {
    const long W = 32;
    if (m * n * k <= SMALL_LIMIT) { gemm_small5(m, n, k, a, ars, acs, bp, bias, c, ldc, accumulate); return; }
    const long kc = k <= CK_KC_MAX ? (k > 0 ? k : 1) : CK_KC;
    __m512 negz = _mm512_set1_ps(-0.0f);   // adding -0 leaves every value unchanged
    // Row blocks of about CK_MC_FLOATS of packed a, all of one size: 64 rows at k = 512 were a block of 60 and one
    // of 4, and the 4-row pass streamed every panel of W again for a sixteenth of the work (~6 % of the product).
    long mc0 = (CK_MC_FLOATS / kc) / 12 * 12;
    if (mc0 < 24) mc0 = 24;
    if (m > mc0) {
        long blocks = (m + mc0 - 1) / mc0;
        if (m <= mc0 + mc0 / 4) blocks = 1;   // a fourth over the budget still fits L2 (1 MB): one block
        mc0 = (m + blocks - 1) / blocks;
    } else {
        mc0 = m;
    }
    // Rows with k whole are read in place, in blocks of 8 rows: packing them (a scalar transpose, about a cycle per
    // float) cost about 5 % of the medium size's products (16 panels to spread it over), and the 8-row blocks read
    // in place measured 2 to 7 % faster than packed 12-row blocks on every forward shape, the large ones included
    // (a C harness over the shapes of bench.sh, interleaved runs). Packing stays for a transposed a (acs ≠ 1) and
    // for k in slices.
    const int direct = acs == 1 && kc == k;
    float *ap = direct ? 0 : apack_get((m < mc0 ? m : mc0) * kc);
    if (!direct && !ap) return;
    for (long k0 = 0; k0 < k || k0 == 0; k0 += kc) {
        long kb = k - k0 < kc ? k - k0 : kc;
        int load = k0 > 0 || accumulate, last = k0 + kb >= k;
        for (long r0 = 0; r0 < m; r0 += mc0) {
            long rEnd = r0 + mc0 < m ? r0 + mc0 : m, total = rEnd - r0;
            // Pack rows r0..<rEnd, columns k0..<k0+kb of a: micro-block at row i holds kb × MR from ap + i·kb.
            for (long i = 0; i < total && !direct;) {
                long mr = next_mr(total - i);
                float *dst = ap + i * kb;
                const float *src = a + (r0 + i) * ars + k0 * acs;
                if (acs == 1) {
                    for (long r = 0; r < mr; r++)
                        for (long kk = 0; kk < kb; kk++) dst[kk * mr + r] = src[r * ars + kk];
                } else {
                    for (long kk = 0; kk < kb; kk++)
                        for (long r = 0; r < mr; r++) dst[kk * mr + r] = src[r * ars + kk * acs];
                }
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
                    float *ci = c + (r0 + i) * ldc + n0;
                    if (direct) {
                        long mrd = next_mr_direct(total - i);
                        const float *ai = a + (r0 + i) * ars;
#define KERN5(MR) kern5(MR, kb, ai, ars, b, bias0, bias1, ci, ldc, m0, m1, load, last)
                        switch (mrd) {
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
                        i += mrd;
                        continue;
                    }
                    long mr = next_mr(total - i);
                    const float *ai = ap + i * kb;
#define KERN5(MR) kern5(MR, kb, ai, 0, b, bias0, bias1, ci, ldc, m0, m1, load, last)
                    switch (mr) {
                    case 12: KERN5(12); break;
                    case 11: KERN5(11); break;
                    case 10: KERN5(10); break;
                    case 9: KERN5(9); break;
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

void ck_gemm_ex(long m, long n, long k, const float *a, long ars, long acs, const float *packed, const float *bias,
                float *c, long ldc, int accumulate) {
    if (m <= 0 || n <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: gemm_avx512(m, n, k, a, ars, acs, packed, bias, c, ldc, accumulate); return;
    case 2: gemm_avx2(m, n, k, a, ars, acs, packed, bias, c, ldc, accumulate); return;
#endif
    default: gemm_scalar(m, n, k, a, ars, acs, packed, bias, c, ldc, accumulate); return;
    }
}

void ck_gemm(long m, long n, long k, const float *a, long lda, const float *packed, const float *bias,
             float *c, long ldc) {
    ck_gemm_ex(m, n, k, a, lda, 1, packed, bias, c, ldc, 0);
}
