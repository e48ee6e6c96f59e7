// zlib, for reading .gz logs as a stream (Debian: zlib1g-dev).
#include <zlib.h>
