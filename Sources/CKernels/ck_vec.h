// The vector activations and the fused gate math, written once and compiled once per instruction set.
// Activations.c includes this file twice, with these macros defined (see there):
//   VT            the target attribute (AVX2+FMA, or AVX-512F+FMA)
//   SFX(name)     the per-ISA name
//   VW            lanes per vector (8, 16); V, VI, VM: the float, int and mask vector types
//   V_…           the operations (V_SEL(m, a, b) = m ? b : a; V_SIGN(x): lanes whose sign bit is set)
//   VLOAD(p, m)   load m (1…VW) floats from p, the other lanes 0 (never stored)
//   VSTORE(p, v, m)
//   V_ALL(m)      every lane of the comparison m is true
//   V_SCALEF(a, k) (optional) a·2^k for an integral float k, one rounding
//   VDIV2(a, d, dl) a / (d + dl) for d in [1, 2], |dl| ≤ ulp(d)/2: a reciprocal estimate of d refined by
//                 Newton's step on the quotient, the residual taken against both parts (no division)
// Every function computes each element by the same sequence of operations wherever it sits (a lane of a
// full vector or of a masked tail), so a one-row call gives bit for bit what a batched call gives.
//
// Accuracy (measured by the RNNEngineTests activation sweep against Double, whole float32 range):
//   exp: e^x = 2^n·(1 + p(r)), r = x − n·ln2 (two-constant Cody–Waite), p = r + r²·q(r) with q a fitted
//        degree-5 polynomial (2.3e-9 relative on |r| ≤ ln2/2), 2^n applied in two halves so results in
//        the subnormal range and up to FLT_MAX are right (no clamping to the normal range).
//   tanh: −u / (2 + u) with u = expm1(−2|x|) (no cancellation near 0, where the old 1 − 2/(e^{2|x|} + 1)
//        lost up to 2e-5 relative); exactly ±1 from |x| ≈ 9.01. (The scalar path keeps a second form far out.)
//   sigmoid: e = exp(−|x|); 1/(1 + e) for x ≥ 0, e/(1 + e) for x < 0: no overflow, subnormal results
//        kept (torch's own sigmoid flushes those to 0).
#define CK_AI static inline __attribute__((always_inline)) VT

CK_AI V SFX(v_set)(float x) { return V_SET(x); }

/// e^x = 2^k·(1 + p) for x already clamped to [−104, 89]: returns p, and k (an integral float) through *k_out.
CK_AI V SFX(exp_poly)(V x, V *k_out) {
    V k = V_ROUND(V_MUL(x, SFX(v_set)(CK_LOG2E)));
    V r = V_FNMA(k, SFX(v_set)(CK_LN2_HI), x);
    r = V_FNMA(k, SFX(v_set)(CK_LN2_LO), r);
    V q = SFX(v_set)(CK_Q5);
    q = V_FMA(q, r, SFX(v_set)(CK_Q4));
    q = V_FMA(q, r, SFX(v_set)(CK_Q3));
    q = V_FMA(q, r, SFX(v_set)(CK_Q2));
    q = V_FMA(q, r, SFX(v_set)(CK_Q1));
    q = V_FMA(q, r, SFX(v_set)(CK_Q0));
    *k_out = k;
    return V_FMA(V_MUL(r, r), q, r);
}

// Applying 2^k: with a scaling instruction (AVX-512's vscalefps: a·2^k in one rounding, subnormal and overflowing
// results included) directly; else through the exponent bits, in two halves so that every half is a normal
// power of two. The same bits either way: while 2^k·(1 + p) is normal both are 2^k·round(1 + p) exactly; below,
// both round round(1 + p)·2^k once more.
#ifdef V_SCALEF
/// 2^k for an integral k whose power is normal.
CK_AI V SFX(pow2)(V k) { return V_SCALEF(SFX(v_set)(1.0f), k); }

/// 2^k·(1 + p) over the whole range (k in [−151, 128]).
CK_AI V SFX(scale2)(V p, V k) { return V_SCALEF(V_ADD(p, SFX(v_set)(1.0f)), k); }
#else
CK_AI V SFX(pow2i)(VI n) { return V_FROMI(VI_SLLI(VI_ADD(n, VI_SET(127)), 23)); }

/// 2^k for an integral k whose power is normal.
CK_AI V SFX(pow2)(V k) { return SFX(pow2i)(V_CVT(k)); }

/// 2^k·(1 + p) over the whole range (k in [−151, 128]).
CK_AI V SFX(scale2)(V p, V k) {
    VI n = V_CVT(k);
    VI n1 = VI_SRAI(n, 1), n2 = VI_SUB(n, n1);
    V s2 = SFX(pow2i)(n2);
    return V_MUL(V_FMA(s2, p, s2), SFX(pow2i)(n1));
}
#endif

/// e^x over the whole float range (NaN kept: max/min return their second operand for a NaN).
CK_AI V SFX(v_exp)(V x) {
    x = V_MIN(SFX(v_set)(89.0f), V_MAX(SFX(v_set)(-104.0f), x));
    V k;
    V p = SFX(exp_poly)(x, &k);
    return SFX(scale2)(p, k);
}

/// e^x for x ≤ 0 or NaN (sigmoid's e^(−|x|)): v_exp's value bit for bit, without the clamp at 89.
CK_AI V SFX(v_exp_neg)(V x) {
    x = V_MAX(SFX(v_set)(-104.0f), x);
    V k;
    V p = SFX(exp_poly)(x, &k);
#ifndef V_SCALEF
    // Without a scaling instruction, while every lane is at least −86 the result is normal and one power of two
    // does (scaling by a power of two commutes with rounding there): one instead of two and a multiply.
    if (__builtin_expect(V_ALL(V_GE(x, SFX(v_set)(-86.0f))), 1)) {
        V s = SFX(pow2)(k);
        return V_FMA(s, p, s);
    }
#endif
    return SFX(scale2)(p, k);
}

/// e^x − 1 for x ≤ 0 (what tanh needs), in one rounding from 2^k·(1 + p): 2^k·p + (2^k − 1). x is clamped at
/// −87 (2^k stays normal; tanh is exactly 1 long before).
CK_AI V SFX(v_expm1_neg)(V x) {
    x = V_MAX(SFX(v_set)(-87.0f), x);   // x ≤ 0 or NaN already (tanh's −2|x|): no upper clamp
    V k;
    V p = SFX(exp_poly)(x, &k);
    V s = SFX(pow2)(k);
    return V_FMA(s, p, V_SUB(s, SFX(v_set)(1.0f)));
}

/// tanh(|x|) = −u / (2 + u) with u = e^{−2|x|} − 1 (one rounding, no cancellation near 0) over the whole range;
/// the denominator carried in two parts (d + dl, exact by Fast2Sum) into the division. Sign restored; NaN kept.
/// Far out, −u = 1 − e^{−2|x|} carries an absolute error of up to 2^−25, which the old second form
/// (1 − 2t/(1 + t) from |x| ≥ 0.4) avoided; checked exhaustively over every positive float below 10, the one
/// form stays within 1.91 ulp (the two forms: 1.80), and it is 9 operations shorter (tanh is two of the
/// LSTM step's five activations).
CK_AI V SFX(v_tanh)(V x) {
    const V signbit = SFX(v_set)(-0.0f);
    V sign = V_AND(x, signbit);
    V ax = V_ANDNOT(signbit, x);
    V u = SFX(v_expm1_neg)(V_MUL(ax, SFX(v_set)(-2.0f)));
    V d = V_ADD(SFX(v_set)(2.0f), u);
    V dl = V_SUB(u, V_SUB(d, SFX(v_set)(2.0f)));
    V q = VDIV2(V_SUB(V_ZERO, u), d, dl);   // 0 − u: +0 at x = ±0, so the sign below is x's own
    return V_OR(q, sign);
}

CK_AI V SFX(v_sigmoid)(V x) {
    V e = SFX(v_exp_neg)(V_OR(x, SFX(v_set)(-0.0f)));      // e^(−|x|)
    V a = V_SEL(V_SIGN(x), SFX(v_set)(1.0f), e);              // x < 0 (sign bit): e, else 1
    V d = V_ADD(SFX(v_set)(1.0f), e);
    V dl = V_SUB(e, V_SUB(d, SFX(v_set)(1.0f)));
    return VDIV2(a, d, dl);
}

/// fn: 0 exp, 1 tanh, 2 sigmoid, in place over count floats.
static VT void SFX(activation)(int fn, float *p, long count) {
    for (long i = 0; i < count; i += VW) {
        long m = count - i < VW ? count - i : VW;
        V v = VLOAD(p + i, m);
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
    if (mode == 0 || mode == 1) {
        // One gate: the rows are one run of nrows·H elements (a tiny batch fills one vector, not one per row).
        const long total = nrows * H;
        for (long e = 0; e < total; e += VW) {
            long m = total - e < VW ? total - e : VW;
            V v = V_ADD(VLOAD(gh + e, m), VLOAD(gi + e, m));
            if (pre) VSTORE(pre + e, v, m);
            V hv = mode == 0 ? SFX(v_tanh)(v) : V_SEL(V_LT(v, V_ZERO), v, V_ZERO);
            VSTORE(h + e, hv, m);
        }
        return;
    }
    const long G = mode == 2 ? 4 : 3, GH = G * H;
    for (long b = 0; b < nrows; b++) {
        const float *gib = gi + b * GH, *ghb = gh + b * GH;
        float *preb = pre ? pre + b * GH : 0, *gb = gates ? gates + b * GH : 0;
        if (mode == 2) {
            // Two passes over the row: the four gates and c (four independent chains per vector), then
            // h = o·tanh(c) (o parked in h meanwhile). In one pass each vector ended in the long serial chain
            // sigmoid → c → tanh(c) → h, which the core could not overlap with the next vector's: 173 cycles per
            // 16 elements, latency-bound; apart, the tanh(c) of many vectors run side by side.
            float *ob = out + b * H, *cbase = c + b * H;
            for (long j = 0; j < H; j += VW) {
                long m = H - j < VW ? H - j : VW;
                V vi = V_ADD(VLOAD(ghb + j, m), VLOAD(gib + j, m));
                V vf = V_ADD(VLOAD(ghb + H + j, m), VLOAD(gib + H + j, m));
                V vg = V_ADD(VLOAD(ghb + 2 * H + j, m), VLOAD(gib + 2 * H + j, m));
                V vo = V_ADD(VLOAD(ghb + 3 * H + j, m), VLOAD(gib + 3 * H + j, m));
                if (preb) {
                    VSTORE(preb + j, vi, m); VSTORE(preb + H + j, vf, m);
                    VSTORE(preb + 2 * H + j, vg, m); VSTORE(preb + 3 * H + j, vo, m);
                }
                V i = SFX(v_sigmoid)(vi), f = SFX(v_sigmoid)(vf), g = SFX(v_tanh)(vg), o = SFX(v_sigmoid)(vo);
                if (gb) {
                    VSTORE(gb + j, i, m); VSTORE(gb + H + j, f, m);
                    VSTORE(gb + 2 * H + j, g, m); VSTORE(gb + 3 * H + j, o, m);
                }
                float *cb = cbase + j;
                VSTORE(cb, V_ADD(V_MUL(f, VLOAD(cb, m)), V_MUL(i, g)), m);
                VSTORE(ob + j, o, m);
            }
            for (long j = 0; j < H; j += VW) {
                long m = H - j < VW ? H - j : VW;
                VSTORE(ob + j, V_MUL(VLOAD(ob + j, m), SFX(v_tanh)(VLOAD(cbase + j, m))), m);
            }
            continue;
        }
        // GRU (the LSTM's two passes are above).
        for (long j = 0; j < H; j += VW) {
            long m = H - j < VW ? H - j : VW;
            V vr = V_ADD(VLOAD(ghb + j, m), VLOAD(gib + j, m));
            V vz = V_ADD(VLOAD(ghb + H + j, m), VLOAD(gib + H + j, m));
            V r = SFX(v_sigmoid)(vr), z = SFX(v_sigmoid)(vz);
            V hn = VLOAD(ghb + 2 * H + j, m);
            V vn = V_ADD(VLOAD(gib + 2 * H + j, m), V_MUL(r, hn));
            V nv = SFX(v_tanh)(vn);
            if (preb) { VSTORE(preb + j, vr, m); VSTORE(preb + H + j, vz, m); VSTORE(preb + 2 * H + j, vn, m); }
            if (gb) { VSTORE(gb + j, r, m); VSTORE(gb + H + j, z, m); VSTORE(gb + 2 * H + j, nv, m); }
            if (hwn) VSTORE(hwn + b * H + j, hn, m);
            float *hb = h + b * H + j;
            VSTORE(hb, V_ADD(V_MUL(V_SUB(VLOAD(hb, m), nv), z), nv), m);
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// One step of backpropagation through time, elementwise part (the products with the weights are gemms).

/// LSTM: gates (i|f|g|o) become the pre-activation gradients in place; dc: dL/dc_t in, dL/dc_{t−1} out;
/// dctotal (may be NULL) gets the whole dL/dc_t, the value the gate gradients are computed from.
static VT void SFX(lstm_backward)(long nrows, long H, float *gates, const float *c, const float *cprev,
                                  const float *dh, float *dc, float *dctotal) {
    const V one = SFX(v_set)(1.0f);
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 4 * H;
        for (long j = 0; j < H; j += VW) {
            long m = H - j < VW ? H - j : VW;
            long e = b * H + j;
            V i = VLOAD(gb + j, m), f = VLOAD(gb + H + j, m), g = VLOAD(gb + 2 * H + j, m), o = VLOAD(gb + 3 * H + j, m);
            V tc = SFX(v_tanh)(VLOAD(c + e, m));
            V dhv = VLOAD(dh + e, m);
            V dct = V_FMA(V_MUL(dhv, o), V_FNMA(tc, tc, one), VLOAD(dc + e, m));
            if (dctotal) VSTORE(dctotal + e, dct, m);
            VSTORE(dc + e, V_MUL(dct, f), m);
            VSTORE(gb + j, V_MUL(V_MUL(dct, g), V_MUL(i, V_SUB(one, i))), m);
            VSTORE(gb + H + j, V_MUL(V_MUL(dct, VLOAD(cprev + e, m)), V_MUL(f, V_SUB(one, f))), m);
            VSTORE(gb + 2 * H + j, V_MUL(V_MUL(dct, i), V_FNMA(g, g, one)), m);
            VSTORE(gb + 3 * H + j, V_MUL(V_MUL(dhv, tc), V_MUL(o, V_SUB(one, o))), m);
        }
    }
}

/// GRU: gates (r|z|n) become dL/d(x·W_ihᵀ + b_ih) in place, dgh gets dL/d(h·W_hhᵀ + b_hh) (n's block times r),
/// dhprev gets the direct path dL/dh · z (the gemm with W_hh adds the rest). hprev rows are ldh apart.
static VT void SFX(gru_backward)(long nrows, long H, float *gates, const float *hwn, const float *hprev, long ldh,
                                 const float *dh, float *dgh, float *dhprev) {
    const V one = SFX(v_set)(1.0f);
    for (long b = 0; b < nrows; b++) {
        float *gb = gates + b * 3 * H, *dg = dgh + b * 3 * H;
        for (long j = 0; j < H; j += VW) {
            long m = H - j < VW ? H - j : VW;
            long e = b * H + j;
            V r = VLOAD(gb + j, m), z = VLOAD(gb + H + j, m), n = VLOAD(gb + 2 * H + j, m);
            V dhv = VLOAD(dh + e, m), hp = VLOAD(hprev + b * ldh + j, m);
            V dnp = V_MUL(V_MUL(dhv, V_SUB(one, z)), V_FNMA(n, n, one));
            V drp = V_MUL(V_MUL(dnp, VLOAD(hwn + e, m)), V_MUL(r, V_SUB(one, r)));
            V dzp = V_MUL(V_MUL(dhv, V_SUB(hp, n)), V_MUL(z, V_SUB(one, z)));
            VSTORE(dhprev + e, V_MUL(dhv, z), m);
            VSTORE(gb + j, drp, m); VSTORE(gb + H + j, dzp, m); VSTORE(gb + 2 * H + j, dnp, m);
            VSTORE(dg + j, drp, m); VSTORE(dg + H + j, dzp, m); VSTORE(dg + 2 * H + j, V_MUL(dnp, r), m);
        }
    }
}

/// RNN: dg = dL/dh · tanh' (1 − h²) or relu' (h > 0); h rows ldh apart.
static VT void SFX(rnn_backward)(int relu, long nrows, long H, const float *h, long ldh, const float *dh, float *dg) {
    const V one = SFX(v_set)(1.0f), zero = V_ZERO;
    for (long b = 0; b < nrows; b++) {
        for (long j = 0; j < H; j += VW) {
            long m = H - j < VW ? H - j : VW;
            V hv = VLOAD(h + b * ldh + j, m), dhv = VLOAD(dh + b * H + j, m);
            V d = relu ? V_SEL(V_GT(hv, zero), zero, dhv) : V_MUL(dhv, V_FNMA(hv, hv, one));
            VSTORE(dg + b * H + j, d, m);
        }
    }
}

#undef CK_AI
