// Shared by the CKernels sources: the constants of the activations, the ISA switch, target attributes.
#ifndef CK_INTERNAL_H
#define CK_INTERNAL_H
#include "CKernels.h"
#if defined(__x86_64__)
#include <immintrin.h>
#define CK_T2 __attribute__((target("avx2,fma")))
#define CK_T5 __attribute__((target("avx512f,avx512vl,fma")))
#endif

// exp's range reduction: ln 2 in two parts (the high part has 16 significant bits, so k·CK_LN2_HI is exact
// for |k| ≤ 2^8). Then e^r − 1 = r + r²·q(r) on |r| ≤ ln2/2 with q of degree 5, fitted for the least relative
// error of e^r − 1 (Scripts-free: a weighted least-squares fit iterated to equal ripple, rounded to float;
// 2.3e-9 relative, against 2e-10 for the degree-8 Taylor series it replaced, one multiply-add less).
#define CK_LOG2E 1.44269504088896341f
#define CK_LN2_HI 6.93145751953125e-1f
#define CK_LN2_LO 1.42860682030941723212e-6f
/// Above this |x| the scalar tanh is formed as 1 − 2t/(1 + t) (Activations.c; the vector paths keep one form).
#ifndef CK_TANH_SPLIT
#define CK_TANH_SPLIT 0.4f
#endif
#define CK_Q0 0.5f
#define CK_Q1 0.1666666567325592f
#define CK_Q2 0.04166635870933533f
#define CK_Q3 0.008333389647305012f
#define CK_Q4 0.001394066959619522f
#define CK_Q5 0.0001984588016057387f
#endif
