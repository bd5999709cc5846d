// The kernels are `static inline` in include/slant_kernels.h, so that Swift inlines them at each call; SwiftPM
// needs one source file for a C target.
#include "slant_kernels.h"
