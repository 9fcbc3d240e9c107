// Activations and the step's gate math (forward and backward), for AVX2, AVX-512 (on 256-bit registers) and
// a portable scalar path; ck_vec.h holds the vector code, compiled here once per instruction set.
// The activations are accurate to a couple of ulp over the whole float range (see ck_vec.h for the method and
// DECISIONS.md for why), in every path.
#include "ck_internal.h"
#include <string.h>
#include <stdint.h>
#include <math.h>

// No contraction of a·b + c into fused multiply-adds unless written: the stated gate equations must hold.
#pragma clang fp contract(off)

// ---------------------------------------------------------------------------------------------------
// Scalar: the vector method with separate multiplies and adds (no FMA instruction assumed). Where the vector
// code uses an FMA the scalar product is exact (a power of two times p), so the results agree but for the
// polynomial's own roundings.
static float s_round(float v) { return (v + 12582912.0f) - 12582912.0f; }   // to nearest, |v| < 2^22

static float s_exp_core(float x, int *n) {
    float k = s_round(x * CK_LOG2E);
    float r = x - k * CK_LN2_HI;
    r = r - k * CK_LN2_LO;
    float q = CK_Q5;
    q = q * r + CK_Q4;
    q = q * r + CK_Q3;
    q = q * r + CK_Q2;
    q = q * r + CK_Q1;
    q = q * r + CK_Q0;
    *n = (int)k;
    return r + (r * r) * q;
}

static float s_pow2i(int n) {
    uint32_t bits = (uint32_t)(n + 127) << 23;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static float s_exp(float x) {
    if (x != x) return x;
    x = x < -104.0f ? -104.0f : x > 89.0f ? 89.0f : x;
    int n;
    float p = s_exp_core(x, &n);
    int n1 = n >> 1, n2 = n - n1;
    float s2 = s_pow2i(n2);
    return (s2 * p + s2) * s_pow2i(n1);
}

/// a / (d + dl) from the rounded quotient and its residual (as the vector paths, with a true division).
static float s_div2(float a, float d, float dl) {
    float q = a / d;
    return q + (fmaf(-d, q, a) - dl * q) / d;
}

static float s_tanh(float x) {
    if (x != x) return x;
    float ax = fabsf(x), e = -2.0f * ax;
    e = e < -87.0f ? -87.0f : e;
    int n;
    float p = s_exp_core(e, &n);
    float s = s_pow2i(n);
    float u = s * p + (s - 1.0f), t = s * p + s;
    int large = ax >= CK_TANH_SPLIT;
    float base = large ? 1.0f : 2.0f, v = large ? t : u;
    float d = base + v, dl = v - (d - base);
    float q = s_div2(large ? t + t : -u, d, dl);
    return copysignf(fabsf(large ? 1.0f - q : q), x);
}

static float s_sigmoid(float x) {
    if (x != x) return x;
    float e = s_exp(-fabsf(x));
    float d = 1.0f + e, dl = e - (d - 1.0f);
    return s_div2(signbit(x) ? e : 1.0f, d, dl);
}

static void activation_scalar(int fn, float *p, long count) {
    for (long i = 0; i < count; i++) p[i] = fn == 0 ? s_exp(p[i]) : fn == 1 ? s_tanh(p[i]) : s_sigmoid(p[i]);
}

static void step_scalar(int mode, long nrows, long H, const float *gi, const float *gh, float *pre, float *gates,
                        float *h, float *c, float *out, float *hwn) {
    const long G = mode == 2 ? 4 : mode == 3 ? 3 : 1, GH = G * H;
    for (long b = 0; b < nrows; b++) {
        const float *gib = gi + b * GH, *ghb = gh + b * GH;
        float *preb = pre ? pre + b * GH : 0, *gb = gates ? gates + b * GH : 0;
        for (long j = 0; j < H; j++) {
            if (mode == 0 || mode == 1) {
                float v = ghb[j] + gib[j];
                if (preb) preb[j] = v;
                h[b * H + j] = mode == 0 ? s_tanh(v) : (v < 0 ? 0.0f : v);   // relu keeps NaN and -0, as torch
            } else if (mode == 2) {
                float v[4];
                for (int q = 0; q < 4; q++) {
                    v[q] = ghb[q * H + j] + gib[q * H + j];
                    if (preb) preb[q * H + j] = v[q];
                }
                float i = s_sigmoid(v[0]), f = s_sigmoid(v[1]), g = s_tanh(v[2]), o = s_sigmoid(v[3]);
                if (gb) { gb[j] = i; gb[H + j] = f; gb[2 * H + j] = g; gb[3 * H + j] = o; }
                float cn = f * c[b * H + j] + i * g;
                c[b * H + j] = cn;
                out[b * H + j] = o * s_tanh(cn);
            } else {
                float vr = ghb[j] + gib[j], vz = ghb[H + j] + gib[H + j];
                float r = s_sigmoid(vr), z = s_sigmoid(vz);
                float hn = ghb[2 * H + j];
                float vn = gib[2 * H + j] + r * hn;
                float n = s_tanh(vn);
                if (preb) { preb[j] = vr; preb[H + j] = vz; preb[2 * H + j] = vn; }
                if (gb) { gb[j] = r; gb[H + j] = z; gb[2 * H + j] = n; }
                if (hwn) hwn[b * H + j] = hn;
                float *hb = h + b * H + j;
                *hb = (*hb - n) * z + n;
            }
        }
    }
}

static void lstm_backward_scalar(long nrows, long H, float *gates, const float *c, const float *cprev,
                                 const float *dh, float *dc, float *dctotal) {
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 4 * H;
        for (long j = 0; j < H; j++) {
            long e = b * H + j;
            float i = gb[j], f = gb[H + j], g = gb[2 * H + j], o = gb[3 * H + j];
            float tc = s_tanh(c[e]);
            float dct = dh[e] * o * (1.0f - tc * tc) + dc[e];
            if (dctotal) dctotal[e] = dct;
            dc[e] = dct * f;
            gb[j] = dct * g * (i * (1.0f - i));
            gb[H + j] = dct * cprev[e] * (f * (1.0f - f));
            gb[2 * H + j] = dct * i * (1.0f - g * g);
            gb[3 * H + j] = dh[e] * tc * (o * (1.0f - o));
        }
    }
}

static void gru_backward_scalar(long nrows, long H, float *gates, const float *hwn, const float *hprev, long ldh,
                                const float *dh, float *dgh, float *dhprev) {
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 3 * H, *dg = dgh + b * 3 * H;
        for (long j = 0; j < H; j++) {
            long e = b * H + j;
            float r = gb[j], z = gb[H + j], n = gb[2 * H + j];
            float dnp = dh[e] * (1.0f - z) * (1.0f - n * n);
            float drp = dnp * hwn[e] * (r * (1.0f - r));
            float dzp = dh[e] * (hprev[b * ldh + j] - n) * (z * (1.0f - z));
            dhprev[e] = dh[e] * z;
            gb[j] = drp; gb[H + j] = dzp; gb[2 * H + j] = dnp;
            dg[j] = drp; dg[H + j] = dzp; dg[2 * H + j] = dnp * r;
        }
    }
}

static void rnn_backward_scalar(int relu, long nrows, long H, const float *h, long ldh, const float *dh, float *dg) {
    for (long b = 0; b < nrows; b++)
        for (long j = 0; j < H; j++) {
            float hv = h[b * ldh + j], d = dh[b * H + j];
            dg[b * H + j] = relu ? (hv > 0 ? d : 0.0f) : d * (1.0f - hv * hv);
        }
}

#if defined(__x86_64__)
// ---------------------------------------------------------------------------------------------------
// AVX2 + FMA, 8 lanes: tails through vmaskmovps; a / d from rcpps (12 bits), one Newton step on 1/d, one on
// the quotient.
static inline __attribute__((always_inline)) CK_T2 __m256i ck_mask8(long m) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)m), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
static inline __attribute__((always_inline)) CK_T2 __m256 ck_div2(__m256 a, __m256 d, __m256 dl) {
    __m256 r = _mm256_rcp_ps(d);
    r = _mm256_fmadd_ps(r, _mm256_fnmadd_ps(d, r, _mm256_set1_ps(1.0f)), r);
    __m256 q = _mm256_mul_ps(a, r);
    return _mm256_fmadd_ps(r, _mm256_fnmadd_ps(dl, q, _mm256_fnmadd_ps(d, q, a)), q);
}
#define VT CK_T2
#define SFX(name) name##_avx2
#define VW 8
#define V __m256
#define VI __m256i
#define VM __m256
#define V_SET(x) _mm256_set1_ps(x)
#define V_ZERO _mm256_setzero_ps()
#define V_ADD _mm256_add_ps
#define V_SUB _mm256_sub_ps
#define V_MUL _mm256_mul_ps
#define V_FMA _mm256_fmadd_ps
#define V_FNMA _mm256_fnmadd_ps
#define V_MIN _mm256_min_ps
#define V_MAX _mm256_max_ps
#define V_AND _mm256_and_ps
#define V_ANDNOT _mm256_andnot_ps
#define V_OR _mm256_or_ps
#define V_XOR _mm256_xor_ps
#define V_ROUND(x) _mm256_round_ps((x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define V_CVT _mm256_cvtps_epi32
#define V_FROMI _mm256_castsi256_ps
#define VI_SET _mm256_set1_epi32
#define VI_ADD _mm256_add_epi32
#define VI_SUB _mm256_sub_epi32
#define VI_SRAI _mm256_srai_epi32
#define VI_SLLI _mm256_slli_epi32
#define V_SEL(m, a, b) _mm256_blendv_ps((a), (b), (m))
#define V_SIGN(x) (x)
#define V_GE(a, b) _mm256_cmp_ps((a), (b), _CMP_GE_OQ)
#define V_GT(a, b) _mm256_cmp_ps((a), (b), _CMP_GT_OQ)
#define V_LT(a, b) _mm256_cmp_ps((a), (b), _CMP_LT_OQ)
#define V_ALL(m) (_mm256_movemask_ps(m) == 0xFF)
#define VLOAD(p, m) ((m) == 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps((p), ck_mask8(m)))
#define VSTORE(p, v, m) do { if ((m) == 8) _mm256_storeu_ps((p), (v)); else _mm256_maskstore_ps((p), ck_mask8(m), (v)); } while (0)
#define VDIV2 ck_div2
#include "ck_vec.h"
#include "ck_vec_undef.h"

// AVX-512F, 16 lanes: mask-register tails; a / d from rcp14 (14 bits) and one Newton step on the quotient.
// The activations are long dependent chains: 16 lanes per instruction halve the instructions in flight per
// element, which measured faster than 8 lanes on Zen 4 (whose 512-bit units run at full clock).
static inline __attribute__((always_inline)) CK_T5 __m512 ck_div5(__m512 a, __m512 d, __m512 dl) {
    __m512 r = _mm512_rcp14_ps(d);
    __m512 q = _mm512_mul_ps(a, r);
    return _mm512_fmadd_ps(r, _mm512_fnmadd_ps(dl, q, _mm512_fnmadd_ps(d, q, a)), q);
}
#define CK_BITS5(op, a, b) _mm512_castsi512_ps(op(_mm512_castps_si512(a), _mm512_castps_si512(b)))
#define VT CK_T5
#define SFX(name) name##_avx512
#define VW 16
#define V __m512
#define VI __m512i
#define VM __mmask16
#define V_SET(x) _mm512_set1_ps(x)
#define V_ZERO _mm512_setzero_ps()
#define V_ADD _mm512_add_ps
#define V_SUB _mm512_sub_ps
#define V_MUL _mm512_mul_ps
#define V_FMA _mm512_fmadd_ps
#define V_FNMA _mm512_fnmadd_ps
#define V_MIN _mm512_min_ps
#define V_MAX _mm512_max_ps
#define V_AND(a, b) CK_BITS5(_mm512_and_si512, a, b)
#define V_ANDNOT(a, b) CK_BITS5(_mm512_andnot_si512, a, b)
#define V_OR(a, b) CK_BITS5(_mm512_or_si512, a, b)
#define V_XOR(a, b) CK_BITS5(_mm512_xor_si512, a, b)
#define V_ROUND(x) _mm512_roundscale_ps((x), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
#define V_CVT _mm512_cvtps_epi32
#define V_FROMI _mm512_castsi512_ps
#define VI_SET _mm512_set1_epi32
#define VI_ADD _mm512_add_epi32
#define VI_SUB _mm512_sub_epi32
#define VI_SRAI _mm512_srai_epi32
#define VI_SLLI _mm512_slli_epi32
#define V_SEL(m, a, b) _mm512_mask_blend_ps((m), (a), (b))
#define V_SIGN(x) _mm512_test_epi32_mask(_mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000))
#define V_GE(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_GE_OQ)
#define V_GT(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_GT_OQ)
#define V_LT(a, b) _mm512_cmp_ps_mask((a), (b), _CMP_LT_OQ)
#define V_ALL(m) ((m) == (__mmask16)0xFFFF)
#define VLOAD(p, m) _mm512_maskz_loadu_ps((__mmask16)((1u << (m)) - 1), (p))
#define VSTORE(p, v, m) _mm512_mask_storeu_ps((p), (__mmask16)((1u << (m)) - 1), (v))
#define V_SCALEF _mm512_scalef_ps
#define VDIV2 ck_div5
#include "ck_vec.h"
#include "ck_vec_undef.h"
#undef CK_BITS5
#endif

// ---------------------------------------------------------------------------------------------------
// Dispatch on the active instruction set (or, for the tests, on a given one).

void ck_activation_isa(int fn, int isa, float *p, long count) {
    if (count <= 0) return;
    switch (isa) {
#if defined(__x86_64__)
    case 5: if (ck_isa() >= 5) { activation_avx512(fn, p, count); return; } __attribute__((fallthrough));
    case 2: if (ck_isa() >= 2) { activation_avx2(fn, p, count); return; } __attribute__((fallthrough));
#endif
    default: activation_scalar(fn, p, count); return;
    }
}

void ck_exp(float *p, long count) { ck_activation_isa(0, ck_active_isa(), p, count); }
void ck_tanh(float *p, long count) { ck_activation_isa(1, ck_active_isa(), p, count); }
void ck_sigmoid(float *p, long count) { ck_activation_isa(2, ck_active_isa(), p, count); }
float ck_exp1(float x) { ck_exp(&x, 1); return x; }
float ck_tanh1(float x) { ck_tanh(&x, 1); return x; }
float ck_sigmoid1(float x) { ck_sigmoid(&x, 1); return x; }

void ck_step(int mode, long n, long H, const float *gi, const float *gh, float *pre, float *gates,
             float *h, float *c, float *out, float *hwn) {
    if (n <= 0 || H <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: step_avx512(mode, n, H, gi, gh, pre, gates, h, c, out, hwn); return;
    case 2: step_avx2(mode, n, H, gi, gh, pre, gates, h, c, out, hwn); return;
#endif
    default: step_scalar(mode, n, H, gi, gh, pre, gates, h, c, out, hwn); return;
    }
}

void ck_lstm_backward(long n, long H, float *gates, const float *c, const float *cprev, const float *dh, float *dc,
                      float *dctotal) {
    if (n <= 0 || H <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: lstm_backward_avx512(n, H, gates, c, cprev, dh, dc, dctotal); return;
    case 2: lstm_backward_avx2(n, H, gates, c, cprev, dh, dc, dctotal); return;
#endif
    default: lstm_backward_scalar(n, H, gates, c, cprev, dh, dc, dctotal); return;
    }
}

void ck_gru_backward(long n, long H, float *gates, const float *hwn, const float *hprev, long ldh,
                     const float *dh, float *dgh, float *dhprev) {
    if (n <= 0 || H <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: gru_backward_avx512(n, H, gates, hwn, hprev, ldh, dh, dgh, dhprev); return;
    case 2: gru_backward_avx2(n, H, gates, hwn, hprev, ldh, dh, dgh, dhprev); return;
#endif
    default: gru_backward_scalar(n, H, gates, hwn, hprev, ldh, dh, dgh, dhprev); return;
    }
}

void ck_rnn_backward(int relu, long n, long H, const float *h, long ldh, const float *dh, float *dg) {
    if (n <= 0 || H <= 0) return;
    switch (ck_active_isa()) {
#if defined(__x86_64__)
    case 5: rnn_backward_avx512(relu, n, H, h, ldh, dh, dg); return;
    case 2: rnn_backward_avx2(relu, n, H, h, ldh, dh, dg); return;
#endif
    default: rnn_backward_scalar(relu, n, H, h, ldh, dh, dg); return;
    }
}

void ck_colsum(long m, long n, const float *a, long lda, float *out) {
    for (long i = 0; i < m; i++) {
        const float *row = a + i * lda;
        for (long j = 0; j < n; j++) out[j] += row[j];
    }
}
