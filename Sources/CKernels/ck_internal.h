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
// for |k| ≤ 2^8), and the Taylor coefficients 1/k! of expm1 beyond the quadratic term.
#define CK_LOG2E 1.44269504088896341f
#define CK_LN2_HI 6.93145751953125e-1f
#define CK_LN2_LO 1.42860682030941723212e-6f
/// Above this |x| tanh is formed as 1 − 2t/(1 + t) (see ck_vec.h).
#ifndef CK_TANH_SPLIT
#define CK_TANH_SPLIT 0.4f
#endif
#define CK_C3 (1.0f / 6.0f)
#define CK_C4 (1.0f / 24.0f)
#define CK_C5 (1.0f / 120.0f)
#define CK_C6 (1.0f / 720.0f)
#define CK_C7 (1.0f / 5040.0f)
#define CK_C8 (1.0f / 40320.0f)

#endif
