// OpenBLAS through its CBLAS interface. Only the Tensors module imports this.
#ifndef SDXL_CBLAS_SHIM_H
#define SDXL_CBLAS_SHIM_H
#include <cblas.h>

/// Row-major single-precision GEMM with the enum arguments spelled as booleans,
/// so Swift callers need not name CBLAS enum cases.
static inline void sdxl_sgemm(int transA, int transB, int m, int n, int k,
                              float alpha, const float *a, int lda,
                              const float *b, int ldb,
                              float beta, float *c, int ldc) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
#endif
