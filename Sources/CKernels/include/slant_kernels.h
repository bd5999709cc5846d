#ifndef SLANT_KERNELS_H
#define SLANT_KERNELS_H
// Scans over an article's Unicode scalars (32-bit values below 0x110000) that Swift cannot vectorise: its SIMD
// types compare lane by lane in a loop. Each kernel tests four or sixteen scalars per step with SSE2 (in every
// x86-64 CPU) and finds the first one that ends the run from the lanes' sign bits; other machines take the plain loop,
// which is also the definition each result must equal. Loads may read up to `n` (the buffer's length), past
// `end`; the answer is clamped to `end`. Used by actor detection's word scan and the sentence splitter, the two
// loops that read every scalar of every article. Also the model loader's test of its floats (`slant_floats_bad`).
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Whether `v` is an ASCII letter or digit.
static inline int slant_is_ascii_alnum(uint32_t v) { return ((v | 0x20u) - 97u) < 26u || (v - 48u) < 10u; }

// Whether `v` is printable ASCII (0x20-0x7E) other than '.', '!' and '?': text inside a sentence that the
// splitter can skip.
static inline int slant_is_plain_text(uint32_t v) { return v - 0x20u < 0x5Fu && v != 0x2E && v != 0x21 && v != 0x3F; }

#if defined(__SSE2__)
// Bit k set when lane k of the four scalars at `p` passes: ASCII letter or digit. Four at a time, not eight:
// most words end within four scalars of where the scan starts, and the first four lanes then decide alone.
static inline int slant_alnum_mask4(const uint32_t *p) {
    const __m128i x20 = _mm_set1_epi32(0x20), a = _mm_set1_epi32(96), z = _mm_set1_epi32(123);
    const __m128i d0 = _mm_set1_epi32(47), d9 = _mm_set1_epi32(58);
    __m128i v = _mm_loadu_si128((const __m128i *)p), l = _mm_or_si128(v, x20);
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi32(l, a), _mm_cmplt_epi32(l, z));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi32(v, d0), _mm_cmplt_epi32(v, d9));
    return _mm_movemask_ps(_mm_castsi128_ps(_mm_or_si128(letter, digit)));
}

// Bit k set when lane k of the sixteen scalars at `p` is plain text (`slant_is_plain_text`). The scalars are
// narrowed to bytes first, saturating (every scalar above 0xFF becomes 0xFF, which like 0x7F-0xFE is no plain
// text: as a signed byte it is negative or 0x7F), so that one byte compare tests sixteen lanes.
static inline int slant_plain_mask16(const uint32_t *p) {
    __m128i a = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)p), _mm_loadu_si128((const __m128i *)(p + 4)));
    __m128i b = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)(p + 8)), _mm_loadu_si128((const __m128i *)(p + 12)));
    __m128i v = _mm_packus_epi16(a, b);
    const __m128i lo = _mm_set1_epi8(0x1F), hi = _mm_set1_epi8(0x7F);
    const __m128i dot = _mm_set1_epi8(0x2E), bang = _mm_set1_epi8(0x21), ask = _mm_set1_epi8(0x3F);
    __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi));
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, ask)));
    return _mm_movemask_epi8(_mm_andnot_si128(stop, printable));
}
#endif

// The first index in [from, end) whose scalar fails `test`; `end` when every one passes. `mask` gives the
// results of `test` for the `step` lanes at a pointer as bits (all set: `full`); the arguments are constant at
// each call, so the compiler inlines them.
static inline long slant_run_end(const uint32_t *s, long from, long end, long n, long step, int full,
                                 int (*mask)(const uint32_t *), int (*test)(uint32_t)) {
    long j = from;
#if defined(__SSE2__)
    while (j < end && j + step <= n) {
        int m = mask(s + j);
        if (m != full) { j += __builtin_ctz(~m); return j < end ? j : end; }
        j += step;
    }
#else
    (void)mask; (void)n; (void)step; (void)full;
#endif
    while (j < end && test(s[j])) j++;
    return j < end ? j : end;
}

#if !defined(__SSE2__)
#define slant_alnum_mask4 0
#define slant_plain_mask16 0
#endif

// The first index in [from, end) whose scalar is not an ASCII letter or digit; `end` when there is none.
static inline long slant_alnum_end(const uint32_t *s, long from, long end, long n) {
    return slant_run_end(s, from, end, n, 4, 0xF, slant_alnum_mask4, slant_is_ascii_alnum);
}

// The first index in [from, end) whose scalar is not plain text (`slant_is_plain_text`); `end` when there is none.
static inline long slant_plain_text_end(const uint32_t *s, long from, long end, long n) {
    return slant_run_end(s, from, end, n, 16, 0xFFFF, slant_plain_mask16, slant_is_plain_text);
}

// Whether any of the n floats is NaN or infinite, or, unless `allow_negative`, below zero (-0 is not). Branch-free
// reductions over the bit patterns (read with memcpy, which compiles to a load), one loop per case, which compilers
// vectorise: every model load tests millions of floats (the same test written in Swift, with the case inside the
// loop, took about 5 instructions per float).
static inline int slant_floats_bad(const float *p, long n, int allow_negative) {
    uint32_t bad = 0;
    if (allow_negative) {
        for (long i = 0; i < n; i++) {
            uint32_t b; memcpy(&b, p + i, 4);
            bad |= (b & 0x7F800000u) == 0x7F800000u;
        }
    } else {
        for (long i = 0; i < n; i++) {
            uint32_t b; memcpy(&b, p + i, 4);
            bad |= ((b & 0x7F800000u) == 0x7F800000u) | ((b >> 31) & ((b & 0x7FFFFFFFu) != 0));
        }
    }
    return bad != 0;
}
#endif
