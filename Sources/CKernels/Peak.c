// The core's peak single-precision FLOP/s, measured: independent fused multiply-adds in registers for a given
// time of this thread's CPU. The bench reports the engine's speed as a share of it (a CPU's name says little:
// the old estimate read "0 GHz" from "AMD EPYC" and took it for a Xeon).
#include "ck_internal.h"
#include <time.h>

static double thread_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// The loops' operands are read through volatiles, so the compiler knows none of them. With constants it folded
// work away: acc = 1 is a fixed point of acc·b + c (b = 0.999999, c = 1e-6), so of the chains started at 0, 1, …, 11
// it dropped the one started at 1, and the 512-bit loop ran 11 of the 12 chains it was credited with; the measured
// peak was 12/11 too high (126 instead of 116 GFLOP/s on Zen 4, where the engine's products then seemed to reach
// only 90 % of it). The scalar loop returned 2 of its 8 sums, and the other 6 were dropped.
static volatile float peak_start = 0.5f, peak_b = 0.999999f, peak_c = 1e-6f;

#if defined(__x86_64__)
static __attribute__((noinline)) CK_T5 float fma512(long iters) {
    __m512 acc[12];
    const float start = peak_start;
    const __m512 b = _mm512_set1_ps(peak_b), c = _mm512_set1_ps(peak_c);
    for (int i = 0; i < 12; i++) acc[i] = _mm512_set1_ps(start + (float)i);
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 12; i++) acc[i] = _mm512_fmadd_ps(acc[i], b, c);
    __m512 s = acc[0];
    for (int i = 1; i < 12; i++) s = _mm512_add_ps(s, acc[i]);
    return _mm512_reduce_add_ps(s);
}
static __attribute__((noinline)) CK_T2 float fma256(long iters) {
    __m256 acc[12];
    const float start = peak_start;
    const __m256 b = _mm256_set1_ps(peak_b), c = _mm256_set1_ps(peak_c);
    for (int i = 0; i < 12; i++) acc[i] = _mm256_set1_ps(start + (float)i);
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 12; i++) acc[i] = _mm256_fmadd_ps(acc[i], b, c);
    __m256 s = acc[0];
    for (int i = 1; i < 12; i++) s = _mm256_add_ps(s, acc[i]);
    float o[8];
    _mm256_storeu_ps(o, s);
    return o[0] + o[7];
}
#endif
static __attribute__((noinline)) float madd_scalar(long iters) {
    float acc[8];
    const float start = peak_start, b = peak_b, c = peak_c;
    for (int i = 0; i < 8; i++) acc[i] = start + (float)i;
    for (long k = 0; k < iters; k++)
        for (int i = 0; i < 8; i++) acc[i] = acc[i] * b + c;
    float s = acc[0];
    for (int i = 1; i < 8; i++) s += acc[i];
    return s;
}

volatile float ck_peak_sink;

/// FLOPs per iteration of the loop for `width` (16 = 512-bit, 8 = 256-bit, 1 = scalar).
static double run(int width, long count) {
    // Read through a volatile: the loops are pure functions of their count, and the compiler would otherwise
    // run one call and reuse its result for every later one.
    volatile long vcount = count;
    long iters = vcount;
    switch (width) {
#if defined(__x86_64__)
    case 16: ck_peak_sink = fma512(iters); return 12.0 * 32 * (double)iters;
    case 8: ck_peak_sink = fma256(iters); return 12.0 * 16 * (double)iters;
#endif
    default: ck_peak_sink = madd_scalar(iters); return 8.0 * 2 * (double)iters;
    }
}

double ck_peak_gflops(double seconds) {
    int isa = ck_active_isa();
    int widths[2] = {isa == 5 ? 16 : isa == 2 ? 8 : 1, isa == 5 ? 8 : 0};
    double best = 0;
    for (int w = 0; w < 2 && widths[w]; w++) {
        long iters = 1 << 16;
        double flops = 0, start = thread_seconds(), elapsed = 0;
        run(widths[w], iters);   // warm up (clock ramps, code in cache)
        start = thread_seconds();
        do {
            flops += run(widths[w], iters);
            elapsed = thread_seconds() - start;
        } while (elapsed < seconds / 2);
        double g = flops / elapsed / 1e9;
        if (g > best) best = g;
    }
    return best;
}
