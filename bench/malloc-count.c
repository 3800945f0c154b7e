// LD_PRELOAD helper for bench/hotpath-check.sh: counts heap allocation calls in every thread and prints the
// total to stderr when the process exits. Build: gcc -O2 -shared -fPIC -o malloc-count.so malloc-count.c -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static unsigned long long calls;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);

// dlsym may call calloc before real_calloc is known: serve that from a small static area.
static char early[4096];
static size_t early_used;

static void *early_alloc(size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (early_used + n > sizeof early) return NULL;
    void *p = early + early_used;
    early_used += n;
    return p;
}

void *malloc(size_t n) {
    if (!real_malloc) real_malloc = dlsym(RTLD_NEXT, "malloc");
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return real_malloc(n);
}

void *calloc(size_t a, size_t b) {
    if (!real_calloc) {
        static int resolving;
        if (resolving) return early_alloc(a * b);
        resolving = 1;
        real_calloc = dlsym(RTLD_NEXT, "calloc");
        resolving = 0;
    }
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return real_calloc(a, b);
}

void *realloc(void *p, size_t n) {
    if (!real_realloc) real_realloc = dlsym(RTLD_NEXT, "realloc");
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return real_realloc(p, n);
}

int posix_memalign(void **out, size_t align, size_t n) {
    if (!real_posix_memalign) real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n) {
    if (!real_aligned_alloc) real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return real_aligned_alloc(align, n);
}

void free(void *p) {
    static void (*real_free)(void *);
    if (p >= (void *)early && p < (void *)(early + sizeof early)) return;
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}

__attribute__((destructor)) static void report(void) {
    char line[64];
    int n = snprintf(line, sizeof line, "malloc-count: %llu\n", calls);
    if (write(2, line, (size_t)n) < 0) {}
}
