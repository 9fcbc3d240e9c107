// Also memmem for MiniPy's string search (Swift's Glibc module does not export it).
#define _GNU_SOURCE
#include <string.h>
// MiniPy's memory budget reads the live heap: glibc's mallinfo2 (in-use chunks plus mmapped blocks), the default
// zone's statistics on Apple platforms.
#include "cheap.h"
#if defined(__GLIBC__)
#include <malloc.h>
size_t cheap_in_use(void) {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}
#elif defined(__APPLE__)
#include <malloc/malloc.h>
size_t cheap_in_use(void) {
    malloc_statistics_t s;
    malloc_zone_statistics(NULL, &s);
    return s.size_in_use;
}
#else
size_t cheap_in_use(void) { return 0; }
#endif

const void *cheap_find(const void *hay, size_t n, const void *needle, size_t m) {
    return memmem(hay, n, needle, m);
}
