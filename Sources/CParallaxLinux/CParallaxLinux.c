#define _GNU_SOURCE
#include "CParallaxLinux.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int px_memfd_create(const char *name) { return memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING); }

int px_memfd_seal_size(int fd) { return fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL); }

int px_memfd_get_seals(int fd) { return fcntl(fd, F_GET_SEALS); }

int px_seal_grow(void) { return F_SEAL_GROW; }
int px_seal_shrink(void) { return F_SEAL_SHRINK; }
int px_seal_seal(void) { return F_SEAL_SEAL; }
int px_seal_write(void) { return F_SEAL_WRITE; }

int px_reopen_readonly(int fd) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return open(path, O_RDONLY | O_CLOEXEC);
}

static long futex(uint32_t *addr, int op, uint32_t val, const struct timespec *timeout) {
    return syscall(SYS_futex, addr, op, val, timeout, NULL, 0);
}

void px_event_wait(px_event *e, uint32_t key) {
    while (__atomic_load_n(&e->seq, __ATOMIC_SEQ_CST) == key) {
        long r = futex(&e->seq, FUTEX_WAIT_PRIVATE, key, NULL);
        if (r == 0 || errno == EAGAIN) break;
        if (errno != EINTR) break;
    }
    __atomic_fetch_sub(&e->waiters, 1, __ATOMIC_SEQ_CST);
}

int px_event_wait_timeout(px_event *e, uint32_t key, uint64_t timeout_ns) {
    int timedOut = 0;
    if (__atomic_load_n(&e->seq, __ATOMIC_SEQ_CST) == key) {
        struct timespec ts = {(time_t)(timeout_ns / 1000000000ull), (long)(timeout_ns % 1000000000ull)};
        long r = futex(&e->seq, FUTEX_WAIT_PRIVATE, key, &ts);
        if (r != 0 && errno == ETIMEDOUT) timedOut = 1;
    }
    __atomic_fetch_sub(&e->waiters, 1, __ATOMIC_SEQ_CST);
    return timedOut;
}

void px_event_notify_slow(px_event *e) {
    __atomic_fetch_add(&e->seq, 1, __ATOMIC_SEQ_CST);
    futex(&e->seq, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}

uint64_t px_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int px_sleep_until(uint64_t deadline_ns) {
    struct timespec ts = {(time_t)(deadline_ns / 1000000000ull), (long)(deadline_ns % 1000000000ull)};
    int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    return r == EINTR ? 1 : 0;
}

void px_set_thread_name(const char *name) {
    char buf[16];
    snprintf(buf, sizeof buf, "%s", name);
    pthread_setname_np(pthread_self(), buf);
}

int px_wifexited(int status) { return WIFEXITED(status); }
int px_wexitstatus(int status) { return WEXITSTATUS(status); }
int px_wifsignaled(int status) { return WIFSIGNALED(status); }
int px_wtermsig(int status) { return WTERMSIG(status); }

// memory: allocation probe ---------------------------------------------------------------------------
size_t px_malloc_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
