#ifndef SLANT_ZLIB_SHIM_H
#define SLANT_ZLIB_SHIM_H
#include <zlib.h>
#endif
