#ifndef SLANT_CBLAS_SHIM_H
#define SLANT_CBLAS_SHIM_H
// The C interface to BLAS from Debian's libblas-dev (reference BLAS) or, at run time, OpenBLAS.
#include <cblas.h>

// A hint to bring the cache line holding `p` into the caches before it is read (`__builtin_prefetch`; no effect
// on any result). Swift has no prefetch of its own, and a model's hashed tables (IDF, weights) are read at random:
// a few lookups ahead, the misses overlap instead of stalling one after another.
static inline void slant_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
#endif
