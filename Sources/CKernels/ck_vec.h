// The vector activations and the fused gate math, written once and compiled once per instruction set.
// CKernels.c includes this file twice, with these macros defined:
//   VT            the target attribute (AVX2+FMA, or AVX-512F/VL+FMA on 256-bit registers)
//   SFX(name)     the per-ISA name
//   VLOAD(p, m)   load m (1…8) floats from p, the other lanes 0 (never stored)
//   VSTORE(p, v, m)
//   VDIV2(a, d, dl) a / (d + dl) for d in [1, 2], |dl| ≤ ulp(d)/2: a reciprocal estimate of d refined by
//                 Newton's step on the quotient, the residual taken against both parts (no division)
// Every function computes each element by the same sequence of operations wherever it sits (a lane of a
// full vector or of a masked tail), so a one-row call gives bit for bit what a batched call gives.
//
// Accuracy (measured by the RNNEngineTests activation sweep against Double, whole float32 range):
//   exp: e^x = 2^n·(1 + p(r)), r = x − n·ln2 (two-constant Cody–Waite), p a degree-8 Taylor polynomial
//        for expm1 on |r| ≤ ln2/2 (truncation < 2e-10 relative), 2^n applied in two halves so results in
//        the subnormal range and up to FLT_MAX are right (no clamping to the normal range).
//   tanh: −u / (2 + u) with u = expm1(−2|x|) near 0 (no cancellation, where the old 1 − 2/(e^{2|x|} + 1)
//        lost up to 2e-5 relative), 1 − 2t/(1 + t) with t = e^{−2|x|} further out; exactly ±1 from |x| ≈ 9.01.
//   sigmoid: e = exp(−|x|); 1/(1 + e) for x ≥ 0, e/(1 + e) for x < 0: no overflow, subnormal results
//        kept (torch's own sigmoid flushes those to 0).
#define CK_AI static inline __attribute__((always_inline)) VT

CK_AI __m256 SFX(v_set)(float x) { return _mm256_set1_ps(x); }

/// e^x = 2^n·(1 + p) for x already clamped to [−104, 89]: returns p, and n through *n_out.
CK_AI __m256 SFX(exp_core)(__m256 x, __m256i *n_out) {
    __m256 k = _mm256_round_ps(_mm256_mul_ps(x, SFX(v_set)(CK_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(k, SFX(v_set)(CK_LN2_HI), x);
    r = _mm256_fnmadd_ps(k, SFX(v_set)(CK_LN2_LO), r);
    __m256 q = SFX(v_set)(CK_C8);
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(CK_C7));
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(CK_C6));
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(CK_C5));
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(CK_C4));
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(CK_C3));
    q = _mm256_fmadd_ps(q, r, SFX(v_set)(0.5f));
    *n_out = _mm256_cvtps_epi32(k);
    return _mm256_fmadd_ps(_mm256_mul_ps(r, r), q, r);
}

CK_AI __m256 SFX(pow2i)(__m256i n) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

/// e^x over the whole float range (NaN kept: max/min return their second operand for a NaN).
CK_AI __m256 SFX(v_exp)(__m256 x) {
    x = _mm256_min_ps(SFX(v_set)(89.0f), _mm256_max_ps(SFX(v_set)(-104.0f), x));
    __m256i n;
    __m256 p = SFX(exp_core)(x, &n);
    __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
    __m256 s2 = SFX(pow2i)(n2);
    return _mm256_mul_ps(_mm256_fmadd_ps(s2, p, s2), SFX(pow2i)(n1));
}

/// For x ≤ 0 (what tanh needs): e^x − 1 through *um1 and e^x through *t, each in one rounding from the
/// same 2^n·(1 + p): u = 2^n·p + (2^n − 1), t = 2^n·p + 2^n. x is clamped at −87 (2^n stays normal;
/// tanh is exactly 1 long before).
CK_AI void SFX(v_expm1_neg)(__m256 x, __m256 *um1, __m256 *t) {
    x = _mm256_min_ps(SFX(v_set)(0.0f), _mm256_max_ps(SFX(v_set)(-87.0f), x));
    __m256i n;
    __m256 p = SFX(exp_core)(x, &n);
    __m256 s = SFX(pow2i)(n);
    *um1 = _mm256_fmadd_ps(s, p, _mm256_sub_ps(s, SFX(v_set)(1.0f)));
    *t = _mm256_fmadd_ps(s, p, s);
}

/// tanh(|x|) = −u / (2 + u) with u = e^{−2|x|} − 1 near 0 (no cancellation), and 1 − 2t / (1 + t) with
/// t = e^{−2|x|} from |x| ≥ CK_TANH_SPLIT (where u's absolute error would be doubled); each denominator is
/// carried in two parts (d + dl, exact by Fast2Sum) into the division. Sign restored; NaN kept.
CK_AI __m256 SFX(v_tanh)(__m256 x) {
    const __m256 signbit = SFX(v_set)(-0.0f);
    __m256 sign = _mm256_and_ps(x, signbit);
    __m256 ax = _mm256_andnot_ps(signbit, x);
    __m256 u, t;
    SFX(v_expm1_neg)(_mm256_mul_ps(ax, SFX(v_set)(-2.0f)), &u, &t);
    __m256 large = _mm256_cmp_ps(ax, SFX(v_set)(CK_TANH_SPLIT), _CMP_GE_OQ);
    __m256 base = _mm256_blendv_ps(SFX(v_set)(2.0f), SFX(v_set)(1.0f), large);
    __m256 v = _mm256_blendv_ps(u, t, large);
    __m256 d = _mm256_add_ps(base, v);
    __m256 dl = _mm256_sub_ps(v, _mm256_sub_ps(d, base));
    __m256 a = _mm256_blendv_ps(_mm256_xor_ps(u, signbit), _mm256_add_ps(t, t), large);
    __m256 q = VDIV2(a, d, dl);
    q = _mm256_blendv_ps(q, _mm256_sub_ps(SFX(v_set)(1.0f), q), large);
    return _mm256_or_ps(_mm256_andnot_ps(signbit, q), sign);
}

CK_AI __m256 SFX(v_sigmoid)(__m256 x) {
    __m256 e = SFX(v_exp)(_mm256_or_ps(x, SFX(v_set)(-0.0f)));      // e^(−|x|)
    __m256 a = _mm256_blendv_ps(SFX(v_set)(1.0f), e, x);           // x < 0 (sign bit): e, else 1
    __m256 d = _mm256_add_ps(SFX(v_set)(1.0f), e);
    __m256 dl = _mm256_sub_ps(e, _mm256_sub_ps(d, SFX(v_set)(1.0f)));
    return VDIV2(a, d, dl);
}

/// fn: 0 exp, 1 tanh, 2 sigmoid, in place over count floats.
static VT void SFX(activation)(int fn, float *p, long count) {
    for (long i = 0; i < count; i += 8) {
        long m = count - i < 8 ? count - i : 8;
        __m256 v = VLOAD(p + i, m);
        v = fn == 0 ? SFX(v_exp)(v) : fn == 1 ? SFX(v_tanh)(v) : SFX(v_sigmoid)(v);
        VSTORE(p + i, v, m);
    }
}

// ---------------------------------------------------------------------------------------------------
// The gate math of one step, every gate of an element in one pass (loads, activations, c and h, stores).
// Separate multiplies and adds where the equations are stated (c = f·c' + i·g, h = o·tanh(c),
// h = (h' − n)·z + n, n's pre-activation gi_n + r·hW_n): they hold exactly as the trace tests write them.

static VT void SFX(step)(int mode, long nrows, long H, const float *gi, const float *gh, float *pre, float *gates,
                         float *h, float *c, float *out, float *hwn) {
    const long G = mode == 2 ? 4 : mode == 3 ? 3 : 1, GH = G * H;
    for (long b = 0; b < nrows; b++) {
        const float *gib = gi + b * GH, *ghb = gh + b * GH;
        float *preb = pre ? pre + b * GH : 0, *gb = gates ? gates + b * GH : 0;
        for (long j = 0; j < H; j += 8) {
            long m = H - j < 8 ? H - j : 8;
            if (mode == 0 || mode == 1) {
                __m256 v = _mm256_add_ps(VLOAD(ghb + j, m), VLOAD(gib + j, m));
                if (preb) VSTORE(preb + j, v, m);
                __m256 hv = mode == 0 ? SFX(v_tanh)(v)
                    : _mm256_blendv_ps(v, _mm256_setzero_ps(), _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_LT_OQ));
                VSTORE(h + b * H + j, hv, m);
            } else if (mode == 2) {
                __m256 vi = _mm256_add_ps(VLOAD(ghb + j, m), VLOAD(gib + j, m));
                __m256 vf = _mm256_add_ps(VLOAD(ghb + H + j, m), VLOAD(gib + H + j, m));
                __m256 vg = _mm256_add_ps(VLOAD(ghb + 2 * H + j, m), VLOAD(gib + 2 * H + j, m));
                __m256 vo = _mm256_add_ps(VLOAD(ghb + 3 * H + j, m), VLOAD(gib + 3 * H + j, m));
                if (preb) {
                    VSTORE(preb + j, vi, m); VSTORE(preb + H + j, vf, m);
                    VSTORE(preb + 2 * H + j, vg, m); VSTORE(preb + 3 * H + j, vo, m);
                }
                __m256 i = SFX(v_sigmoid)(vi), f = SFX(v_sigmoid)(vf), g = SFX(v_tanh)(vg), o = SFX(v_sigmoid)(vo);
                if (gb) {
                    VSTORE(gb + j, i, m); VSTORE(gb + H + j, f, m);
                    VSTORE(gb + 2 * H + j, g, m); VSTORE(gb + 3 * H + j, o, m);
                }
                float *cb = c + b * H + j;
                __m256 cn = _mm256_add_ps(_mm256_mul_ps(f, VLOAD(cb, m)), _mm256_mul_ps(i, g));
                VSTORE(cb, cn, m);
                VSTORE(out + b * H + j, _mm256_mul_ps(o, SFX(v_tanh)(cn)), m);
            } else {
                __m256 vr = _mm256_add_ps(VLOAD(ghb + j, m), VLOAD(gib + j, m));
                __m256 vz = _mm256_add_ps(VLOAD(ghb + H + j, m), VLOAD(gib + H + j, m));
                __m256 r = SFX(v_sigmoid)(vr), z = SFX(v_sigmoid)(vz);
                __m256 hn = VLOAD(ghb + 2 * H + j, m);
                __m256 vn = _mm256_add_ps(VLOAD(gib + 2 * H + j, m), _mm256_mul_ps(r, hn));
                __m256 nv = SFX(v_tanh)(vn);
                if (preb) { VSTORE(preb + j, vr, m); VSTORE(preb + H + j, vz, m); VSTORE(preb + 2 * H + j, vn, m); }
                if (gb) { VSTORE(gb + j, r, m); VSTORE(gb + H + j, z, m); VSTORE(gb + 2 * H + j, nv, m); }
                if (hwn) VSTORE(hwn + b * H + j, hn, m);
                float *hb = h + b * H + j;
                VSTORE(hb, _mm256_add_ps(_mm256_mul_ps(_mm256_sub_ps(VLOAD(hb, m), nv), z), nv), m);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// One step of backpropagation through time, elementwise part (the products with the weights are gemms).

/// LSTM: gates (i|f|g|o) become the pre-activation gradients in place; dc: dL/dc_t in, dL/dc_{t−1} out.
static VT void SFX(lstm_backward)(long nrows, long H, float *gates, const float *c, const float *cprev,
                                  const float *dh, float *dc) {
    const __m256 one = SFX(v_set)(1.0f);
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 4 * H;
        for (long j = 0; j < H; j += 8) {
            long m = H - j < 8 ? H - j : 8;
            long e = b * H + j;
            __m256 i = VLOAD(gb + j, m), f = VLOAD(gb + H + j, m), g = VLOAD(gb + 2 * H + j, m), o = VLOAD(gb + 3 * H + j, m);
            __m256 tc = SFX(v_tanh)(VLOAD(c + e, m));
            __m256 dhv = VLOAD(dh + e, m);
            __m256 dct = _mm256_fmadd_ps(_mm256_mul_ps(dhv, o), _mm256_fnmadd_ps(tc, tc, one), VLOAD(dc + e, m));
            VSTORE(dc + e, _mm256_mul_ps(dct, f), m);
            VSTORE(gb + j, _mm256_mul_ps(_mm256_mul_ps(dct, g), _mm256_mul_ps(i, _mm256_sub_ps(one, i))), m);
            VSTORE(gb + H + j, _mm256_mul_ps(_mm256_mul_ps(dct, VLOAD(cprev + e, m)), _mm256_mul_ps(f, _mm256_sub_ps(one, f))), m);
            VSTORE(gb + 2 * H + j, _mm256_mul_ps(_mm256_mul_ps(dct, i), _mm256_fnmadd_ps(g, g, one)), m);
            VSTORE(gb + 3 * H + j, _mm256_mul_ps(_mm256_mul_ps(dhv, tc), _mm256_mul_ps(o, _mm256_sub_ps(one, o))), m);
        }
    }
}

/// GRU: gates (r|z|n) become dL/d(x·W_ihᵀ + b_ih) in place, dgh gets dL/d(h·W_hhᵀ + b_hh) (n's block times r),
/// dhprev gets the direct path dL/dh · z (the gemm with W_hh adds the rest). hprev rows are ldh apart.
static VT void SFX(gru_backward)(long nrows, long H, float *gates, const float *hwn, const float *hprev, long ldh,
                                 const float *dh, float *dgh, float *dhprev) {
    const __m256 one = SFX(v_set)(1.0f);
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 3 * H, *dg = dgh + b * 3 * H;
        for (long j = 0; j < H; j += 8) {
            long m = H - j < 8 ? H - j : 8;
            long e = b * H + j;
            __m256 r = VLOAD(gb + j, m), z = VLOAD(gb + H + j, m), n = VLOAD(gb + 2 * H + j, m);
            __m256 dhv = VLOAD(dh + e, m), hp = VLOAD(hprev + b * ldh + j, m);
            __m256 dnp = _mm256_mul_ps(_mm256_mul_ps(dhv, _mm256_sub_ps(one, z)), _mm256_fnmadd_ps(n, n, one));
            __m256 drp = _mm256_mul_ps(_mm256_mul_ps(dnp, VLOAD(hwn + e, m)), _mm256_mul_ps(r, _mm256_sub_ps(one, r)));
            __m256 dzp = _mm256_mul_ps(_mm256_mul_ps(dhv, _mm256_sub_ps(hp, n)), _mm256_mul_ps(z, _mm256_sub_ps(one, z)));
            VSTORE(dhprev + e, _mm256_mul_ps(dhv, z), m);
            VSTORE(gb + j, drp, m); VSTORE(gb + H + j, dzp, m); VSTORE(gb + 2 * H + j, dnp, m);
            VSTORE(dg + j, drp, m); VSTORE(dg + H + j, dzp, m); VSTORE(dg + 2 * H + j, _mm256_mul_ps(dnp, r), m);
        }
    }
}

/// RNN: dg = dL/dh · tanh' (1 − h²) or relu' (h > 0); h rows ldh apart.
static VT void SFX(rnn_backward)(int relu, long nrows, long H, const float *h, long ldh, const float *dh, float *dg) {
    const __m256 one = SFX(v_set)(1.0f), zero = _mm256_setzero_ps();
    for (long b = 0; b < nrows; b++) {
        for (long j = 0; j < H; j += 8) {
            long m = H - j < 8 ? H - j : 8;
            __m256 hv = VLOAD(h + b * ldh + j, m), dhv = VLOAD(dh + b * H + j, m);
            __m256 d = relu ? _mm256_and_ps(dhv, _mm256_cmp_ps(hv, zero, _CMP_GT_OQ))
                            : _mm256_mul_ps(dhv, _mm256_fnmadd_ps(hv, hv, one));
            VSTORE(dg + b * H + j, d, m);
        }
    }
}

#undef CK_AI
