#ifndef SLANT_CBLAS_SHIM_H
#define SLANT_CBLAS_SHIM_H
// The C interface to BLAS from Debian's libblas-dev (reference BLAS) or, at run time, OpenBLAS.
#include <cblas.h>
#endif
