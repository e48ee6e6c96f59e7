#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The offset of the first newline in the `count` bytes at `bytes`, or `count` when there is
/// none. `plain` is set to whether the bytes before it hold no NUL, no ESC and no byte of 0x80
/// or more: a line scanner that checks a line's bytes as it looks for its end, so that no pass
/// of its own reads the file again for them.
size_t flaketui_line_end(const uint8_t *bytes, size_t count, bool *plain);

#endif
