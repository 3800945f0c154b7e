// CParallaxLinux: the Linux calls and macros Swift's Glibc module does not import cleanly.
// Only thin wrappers live here; the logic is in Swift.
#ifndef CPARALLAX_LINUX_H
#define CPARALLAX_LINUX_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// memfd + seals --------------------------------------------------------------------------------------
/// memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING); -1 and errno on failure.
int px_memfd_create(const char *name);
/// Adds F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL; 0 or -1 and errno.
int px_memfd_seal_size(int fd);
/// Returns the seals of fd (F_GET_SEALS), or -1.
int px_memfd_get_seals(int fd);
/// The seal bits, for tests.
int px_seal_grow(void);
int px_seal_shrink(void);
int px_seal_seal(void);
int px_seal_write(void);
/// Re-opens fd through /proc/self/fd with O_RDONLY | O_CLOEXEC; -1 and errno on failure.
int px_reopen_readonly(int fd);

// wait/wake ------------------------------------------------------------------------------------------
/// An event count: waiters announce themselves, re-check their condition, then sleep on a futex;
/// notifiers make a system call only when someone is waiting.
/// `armed` is set by each waiter and cleared by the notify that wakes it, so a burst of notifies while a
/// woken thread has not yet run costs one system call, not one per notify.
typedef struct px_event {
    uint32_t seq;
    uint32_t waiters;
    uint32_t armed;
} px_event;

static inline void px_event_init(px_event *e) {
    __atomic_store_n(&e->seq, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&e->waiters, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&e->armed, 0, __ATOMIC_RELAXED);
}

/// Announces a waiter; returns the key to pass to px_event_wait or px_event_cancel.
static inline uint32_t px_event_prepare(px_event *e) {
    __atomic_fetch_add(&e->waiters, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&e->armed, 1, __ATOMIC_SEQ_CST);
    return __atomic_load_n(&e->seq, __ATOMIC_SEQ_CST);
}

/// Withdraws a waiter that found its condition true after px_event_prepare.
static inline void px_event_cancel(px_event *e) {
    __atomic_fetch_sub(&e->waiters, 1, __ATOMIC_SEQ_CST);
}

/// Sleeps until a notify after `key` was taken (or a spurious wake-up); then withdraws the waiter.
void px_event_wait(px_event *e, uint32_t key);

/// Like px_event_wait with a timeout in nanoseconds; returns 0 when woken, 1 on timeout.
int px_event_wait_timeout(px_event *e, uint32_t key, uint64_t timeout_ns);

/// Wakes every waiter; no system call when there are none.
void px_event_notify_slow(px_event *e);
static inline void px_event_notify(px_event *e) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&e->waiters, __ATOMIC_SEQ_CST) != 0 && __atomic_exchange_n(&e->armed, 0, __ATOMIC_SEQ_CST) != 0)
        px_event_notify_slow(e);
}

// atomics on plain memory (for rings placed in shared memory) ----------------------------------------
static inline uint64_t px_load_acquire_u64(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void px_store_release_u64(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void px_cpu_relax(void) { __builtin_ia32_pause(); }

// clock ----------------------------------------------------------------------------------------------
/// CLOCK_MONOTONIC in nanoseconds (vDSO: no system call).
uint64_t px_monotonic_ns(void);
/// Sleeps until CLOCK_MONOTONIC reaches deadline_ns (absolute); returns early with 1 if interrupted.
int px_sleep_until(uint64_t deadline_ns);

// threads --------------------------------------------------------------------------------------------
/// Names the calling thread (15 characters at most are kept).
void px_set_thread_name(const char *name);

// process --------------------------------------------------------------------------------------------
/// WIFEXITED / WEXITSTATUS / WIFSIGNALED / WTERMSIG as functions.
int px_wifexited(int status);
int px_wexitstatus(int status);
int px_wifsignaled(int status);
int px_wtermsig(int status);

// memory: CPU arenas, slot bitmaps, allocation probe (used by ParallaxRuntime/Memory) ----------------
/// Relaxed 64-bit load of a slot-bitmap word.
static inline uint64_t px_atomic_load_relaxed_u64(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
/// Relaxed 64-bit store, for initialising a bitmap word before it is shared.
static inline void px_atomic_store_relaxed_u64(uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
/// Atomically `*p &= mask` with acquire ordering; returns the previous value (claims a slot).
static inline uint64_t px_atomic_fetch_and_acquire_u64(uint64_t *p, uint64_t mask) {
    return __atomic_fetch_and(p, mask, __ATOMIC_ACQUIRE);
}
/// Atomically `*p |= bits` with release ordering; returns the previous value (releases a slot).
static inline uint64_t px_atomic_fetch_or_release_u64(uint64_t *p, uint64_t bits) {
    return __atomic_fetch_or(p, bits, __ATOMIC_RELEASE);
}
/// How many waiters are announced on the event (between px_event_prepare and the end of the wait).
static inline uint32_t px_event_waiter_count(px_event *e) { return __atomic_load_n(&e->waiters, __ATOMIC_SEQ_CST); }
/// mallinfo2().uordblks + mallinfo2().hblkhd: heap bytes handed out, for allocation checks in tests.
size_t px_malloc_bytes_in_use(void);

#ifdef __cplusplus
}
#endif
#endif
