// CParallaxLinux: the Linux calls and macros Swift's Glibc module does not import cleanly.
// Only thin wrappers live here; the logic is in Swift.
#ifndef CPARALLAX_LINUX_H
#define CPARALLAX_LINUX_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <spawn.h>

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

/// px_event_wait for an event in memory shared between processes (a plain futex, not _PRIVATE).
/// `timeout_ns` 0 waits without a limit. Returns 0 when woken (or the key was stale), 1 on timeout.
int px_event_wait_shared(px_event *e, uint32_t key, uint64_t timeout_ns);
/// Wakes every waiter of an event in shared memory; no system call when there are none.
void px_event_notify_shared_slow(px_event *e);
static inline void px_event_notify_shared(px_event *e) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&e->waiters, __ATOMIC_SEQ_CST) != 0 && __atomic_exchange_n(&e->armed, 0, __ATOMIC_SEQ_CST) != 0)
        px_event_notify_shared_slow(e);
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

/// pidfd_open(pid, 0) through the raw system call; a descriptor or -1 and errno.
int px_pidfd_open(pid_t pid);
/// pidfd_send_signal(pidfd, sig, NULL, 0) through the raw system call; 0 or -1 and errno.
int px_pidfd_send_signal(int pidfd, int sig);
/// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor >= from; 0 or an error number.
int px_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from);
/// POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF, for posix_spawnattr_setflags.
short px_spawn_reset_signals_flags(void);

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

// ---- descriptor passing (SCM_RIGHTS) ----------------------------------------------------------------------

/// Sends `length` bytes as one packet on `socket`, with `fd` attached as SCM_RIGHTS when `fd >= 0`.
/// Returns the bytes sent or -1 with errno (EINTR retried inside).
ssize_t px_send_packet(int socket, const void *bytes, size_t length, int fd);
/// Receives one packet of at most `capacity` bytes; a descriptor that came with it is stored in `*fd`
/// (close-on-exec), otherwise `*fd` is -1. Extra descriptors are closed; a truncated packet or control
/// part fails with EMSGSIZE. Returns the bytes received, 0 at end of stream, or -1 with errno.
ssize_t px_receive_packet(int socket, void *bytes, size_t capacity, int *fd);
/// A close-on-exec, non-blocking eventfd starting at 0, or -1 with errno.
int px_eventfd(void);
/// ptrace(PTRACE_TRACEME): 0 or -1 with errno (the chaos test element tries it).
long px_ptrace_traceme(void);
/// The fcntl command that reads a memfd's seals (F_GET_SEALS), for seccomp rules.
int px_fcntl_get_seals(void);


// sandbox (used by ParallaxSandbox) -------------------------------------------------------------------
/// Namespace bits for px_sandbox_plan.namespaces (the kernel's CLONE_NEW* values).
int px_clone_newns(void);
int px_clone_newnet(void);
int px_clone_newipc(void);
int px_clone_newuts(void);
int px_clone_newpid(void);
int px_clone_newuser(void);
int px_clone_newcgroup(void);
/// CLONE_THREAD, for the seccomp clone argument filter.
int px_clone_thread(void);

/// Stacks one more seccomp filter (struct sock_filter[] as exported by libseccomp) on the calling process,
/// all threads included (TSYNC); no_new_privs must already be set. 0, or -1 and errno.
int px_seccomp_load(const void *bpf, size_t bpf_len);
/// dlopen(path, RTLD_NOW | RTLD_LOCAL); NULL on failure (px_dlerror says why).
void *px_dlopen_local(const char *path);

/// The steps of px_sandbox_apply, in the order they run; px_sandbox_result.failed_step names one.
enum {
    PX_STEP_NONE = 0,
    PX_STEP_UNSHARE = 1,
    PX_STEP_MOUNTS = 2,
    PX_STEP_HOSTNAME = 3,
    PX_STEP_SETGROUPS = 4,
    PX_STEP_SETGID = 5,
    PX_STEP_SETUID = 6,
    PX_STEP_PDEATHSIG = 7,
    PX_STEP_RLIMIT_AS = 8,
    PX_STEP_RLIMIT_CPU = 9,
    PX_STEP_RLIMIT_NOFILE = 10,
    PX_STEP_RLIMIT_NPROC = 11,
    PX_STEP_NO_NEW_PRIVS = 12,
    PX_STEP_SECCOMP = 13,
    PX_STEP_COUNT = 14
};

/// A sandbox in plain C terms, so it can be applied without calling back into Swift.
/// Zero in an rlimit field means "leave as is"; uid/gid < 0 means "do not drop".
typedef struct px_sandbox_plan {
    int namespaces;            // CLONE_NEW* bits for unshare()
    int allow_fallback;        // when unshare() is refused, retry without CLONE_NEWUSER, then without any
    int private_mounts;        // with CLONE_NEWNS: make / recursively private
    const char *hostname;      // with CLONE_NEWUTS: set this host name (NULL: leave)
    int uid;
    int gid;
    int pdeathsig;             // 0: none
    uint64_t rlimit_as;
    uint64_t rlimit_cpu;
    uint64_t rlimit_nofile;
    uint64_t rlimit_nproc;
    int no_new_privs;
    const void *bpf;           // struct sock_filter[] as exported by libseccomp; NULL: no filter
    size_t bpf_len;            // in bytes
} px_sandbox_plan;

/// What px_sandbox_apply did: bit (1 << step) in `applied` for each step that took effect,
/// `namespaces` the CLONE_NEW* bits actually unshared, and the first step that failed with its errno.
typedef struct px_sandbox_result {
    uint32_t applied;
    int namespaces;
    int failed_step;
    int failed_errno;
} px_sandbox_result;

/// Applies `plan` to the calling process in the documented order (unshare → mounts/hostname →
/// setgroups/setgid/setuid → PR_SET_PDEATHSIG → rlimits → no-new-privs → seccomp with TSYNC).
/// Only plain system calls: safe in a freshly spawned host before any thread, and in a forked child.
/// Returns 0, or -1 with result->failed_step and failed_errno set (the process is then partly sandboxed).
int px_sandbox_apply(const px_sandbox_plan *plan, px_sandbox_result *result);

/// What a sandbox probe child does after applying its plan (tests only).
enum {
    PX_PROBE_NOTHING = 0,
    PX_PROBE_OPEN = 1,          // open(arg path, O_RDONLY)
    PX_PROBE_SOCKET_INET = 2,   // socket(AF_INET, SOCK_STREAM)
    PX_PROBE_EXECVE = 3,        // execve(arg path)
    PX_PROBE_FORK = 4,          // fork() via the raw clone syscall without CLONE_THREAD
    PX_PROBE_THREAD = 5,        // pthread_create + join
    PX_PROBE_GETUID = 6,        // value = getuid(), value2 = getgid()
    PX_PROBE_ALLOCATE = 7,      // touch arg_bytes of fresh anonymous memory
    PX_PROBE_READ_FD = 8        // read(arg_fd) one byte
};

/// A probe's report, written by the child through a pipe.
typedef struct px_probe_report {
    px_sandbox_result sandbox;
    int apply_rc;
    int rc;        // the probed call's return value (0 or -1 for most)
    int err;       // its errno when rc < 0
    long value;
    long value2;
} px_probe_report;

/// A started probe child: its pid, the gate to release it, the pipe its report arrives on.
typedef struct px_probe_child {
    int pid;
    int gate_fd;
    int report_fd;
} px_probe_child;

/// TESTS ONLY. fork()s the calling (possibly multithreaded) process; the child waits for
/// px_probe_release, applies `plan` with px_sandbox_apply, runs `probe`, writes a px_probe_report and
/// _exit(0)s. The child runs only C and system calls, never Swift, which is what makes fork() tolerable here;
/// production hosts are posix_spawned instead. `plan` and its pointers are copied by fork(), so they only
/// need to live until this returns. Returns 0 or -1 and errno.
int px_probe_start(const px_sandbox_plan *plan, int probe, const char *arg_path, uint64_t arg_bytes, int arg_fd,
                   px_probe_child *child);
/// Lets the child go (after, say, the parent moved it into a cgroup); closes the gate.
int px_probe_release(px_probe_child *child);
/// Reads the report (got_report = 1 if a full one arrived), reaps the child into *status, closes the pipe.
int px_probe_finish(px_probe_child *child, px_probe_report *report, int *got_report, int *status);

#ifdef __cplusplus
}
#endif
#endif
