#ifndef CHEAP_H
#define CHEAP_H
#include <stddef.h>

/// Bytes of the process heap in use now (malloc'd and not freed, mmapped blocks included); 0 where unknown.
size_t cheap_in_use(void);

#endif
