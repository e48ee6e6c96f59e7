#include "CByteScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// A byte is "flagged" when it is NUL or ESC or has its high bit set: what makes a line need
// the text-quality inspection or the removal of colour sequences. SSE2 (every x86-64) looks at
// 16 bytes a step for both the newline and the flags; elsewhere `memchr` finds the newline and
// a loop the compiler vectorizes gathers the flags.
size_t flaketui_line_end(const uint8_t *bytes, size_t count, bool *plain) {
#if !defined(__SSE2__)
    const uint8_t *newline = memchr(bytes, '\n', count);
    size_t end = newline != NULL ? (size_t)(newline - bytes) : count;
    uint8_t flagged = 0;
    for (size_t k = 0; k < end; k++) flagged |= (uint8_t)((bytes[k] == 0) | (bytes[k] == 0x1B) | (bytes[k] >> 7));
    *plain = flagged == 0;
    return end;
#else
    size_t i = 0;
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    const __m128i escape = _mm_set1_epi8(0x1B);
    // High bit of each lane: some byte in that lane so far was flagged.
    __m128i flagged = _mm_setzero_si128();
    for (; i + 16 <= count; i += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + i));
        // A byte's high bit, or all bits for a NUL or an ESC.
        __m128i flags = _mm_or_si128(block, _mm_or_si128(_mm_cmpeq_epi8(block, zero), _mm_cmpeq_epi8(block, escape)));
        unsigned newlines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline));
        if (newlines != 0) {
            unsigned at = (unsigned)__builtin_ctz(newlines);
            unsigned before = (unsigned)_mm_movemask_epi8(flags) & ((1u << at) - 1u);
            *plain = before == 0 && _mm_movemask_epi8(flagged) == 0;
            return i + at;
        }
        flagged = _mm_or_si128(flagged, flags);
    }
    // The last bytes, fewer than 16, one at a time: a wider load could read past the mapping.
    bool clean = _mm_movemask_epi8(flagged) == 0;
    for (; i < count; i++) {
        uint8_t byte = bytes[i];
        if (byte == '\n') break;
        if (byte == 0 || byte == 0x1B || byte >= 0x80) clean = false;
    }
    *plain = clean;
    return i;
#endif
}
