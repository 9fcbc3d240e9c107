#ifndef CHEAP_H
#define CHEAP_H
#include <stddef.h>

/// Bytes of the process heap in use now (malloc'd and not freed, mmapped blocks included); 0 where unknown.
size_t cheap_in_use(void);

/// memmem (glibc's two-way search, linear time): where `needle` first occurs in `hay`, or NULL.
const void *cheap_find(const void *hay, size_t n, const void *needle, size_t m);

#endif
