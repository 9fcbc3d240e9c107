// Per-thread working buffers for the engine: grown as needed and kept between calls, so a call does not
// fault in fresh pages for its scratch every time (11 % of the LSTM forward went to page faults before).
#include "ck_internal.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define CK_SLOTS 16
static _Thread_local float *slot_ptr[CK_SLOTS];
static _Thread_local long slot_cap[CK_SLOTS];

float *ck_scratch(int slot, long count) {
    if (slot < 0 || slot >= CK_SLOTS) return 0;
    if (count < 1) count = 1;
    if (count <= slot_cap[slot]) return slot_ptr[slot];
    free(slot_ptr[slot]);
    slot_ptr[slot] = 0;
    slot_cap[slot] = 0;
    size_t bytes = (size_t)count * sizeof(float);
    // Large buffers on 2 MB boundaries, offered to transparent huge pages: far fewer faults.
    size_t align = bytes >= ((size_t)4 << 20) ? ((size_t)2 << 20) : 64;
    bytes = (bytes + align - 1) / align * align;
    float *p = (float *)aligned_alloc(align, bytes);
    if (!p) return 0;
#if defined(MADV_HUGEPAGE)
    if (align > 64) madvise(p, bytes, MADV_HUGEPAGE);
#endif
    slot_ptr[slot] = p;
    slot_cap[slot] = count;
    return p;
}

void ck_scratch_trim(long keep) {
    for (;;) {
        long total = 0;
        int largest = -1;
        for (int s = 0; s < CK_SLOTS; s++) {
            total += slot_cap[s];
            if (slot_cap[s] > 0 && (largest < 0 || slot_cap[s] > slot_cap[largest])) largest = s;
        }
        if (total <= keep || largest < 0) return;
        free(slot_ptr[largest]);
        slot_ptr[largest] = 0;
        slot_cap[largest] = 0;
    }
}

long ck_scratch_held(void) {
    long total = 0;
    for (int s = 0; s < CK_SLOTS; s++) total += slot_cap[s];
    return total;
}

void ck_prefer_huge_pages(void *p, long bytes) {
#if defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (!p || bytes < (long)(2 * huge)) return;
    uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1), end = ((uintptr_t)p + (uintptr_t)bytes) & ~(huge - 1);
    if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p; (void)bytes;
#endif
}
