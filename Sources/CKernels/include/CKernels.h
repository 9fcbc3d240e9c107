// CKernels: the engine's inner matrix product in C, so it can use AVX2/AVX-512 FMA chosen at run time.
#ifndef CKERNELS_H
#define CKERNELS_H
/// The widest instruction set the running CPU offers to these kernels: 0 scalar, 2 AVX2+FMA, 5 AVX-512.
int ck_isa(void);
#endif
