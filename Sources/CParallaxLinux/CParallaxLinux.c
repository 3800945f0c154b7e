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
#include <sched.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/ptrace.h>
#include <sys/eventfd.h>
#include <netinet/in.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <dlfcn.h>

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

int px_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
int px_pidfd_send_signal(int pidfd, int sig) { return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0); }
int px_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
short px_spawn_reset_signals_flags(void) { return POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF; }

// memory: allocation probe ---------------------------------------------------------------------------
size_t px_malloc_bytes_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

// sandbox ------------------------------------------------------------------------------------------------

int px_clone_newns(void) { return CLONE_NEWNS; }
int px_clone_newnet(void) { return CLONE_NEWNET; }
int px_clone_newipc(void) { return CLONE_NEWIPC; }
int px_clone_newuts(void) { return CLONE_NEWUTS; }
int px_clone_newpid(void) { return CLONE_NEWPID; }
int px_clone_newuser(void) { return CLONE_NEWUSER; }
int px_clone_newcgroup(void) { return CLONE_NEWCGROUP; }
int px_clone_thread(void) { return CLONE_THREAD; }

static int px_fail(px_sandbox_result *r, int step) {
    r->failed_step = step;
    r->failed_errno = errno;
    return -1;
}

static int px_set_limit(px_sandbox_result *r, int step, int resource, uint64_t value) {
    if (value == 0) return 0;
    struct rlimit lim = { .rlim_cur = (rlim_t)value, .rlim_max = (rlim_t)value };
    if (setrlimit(resource, &lim) != 0) return px_fail(r, step);
    r->applied |= 1u << step;
    return 0;
}

int px_sandbox_apply(const px_sandbox_plan *p, px_sandbox_result *r) {
    memset(r, 0, sizeof *r);
    int ns = p->namespaces;
    if (ns != 0) {
        int rc = unshare(ns);
        if (rc != 0 && p->allow_fallback && (ns & CLONE_NEWUSER)) {
            ns &= ~CLONE_NEWUSER;
            rc = ns != 0 ? unshare(ns) : 0;
        }
        if (rc != 0 && p->allow_fallback) { ns = 0; rc = 0; }
        if (rc != 0) return px_fail(r, PX_STEP_UNSHARE);
        r->namespaces = ns;
        if (ns != 0) r->applied |= 1u << PX_STEP_UNSHARE;
    }
    if ((ns & CLONE_NEWNS) && p->private_mounts) {
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return px_fail(r, PX_STEP_MOUNTS);
        r->applied |= 1u << PX_STEP_MOUNTS;
    }
    if ((ns & CLONE_NEWUTS) && p->hostname != NULL) {
        if (sethostname(p->hostname, strlen(p->hostname)) != 0) return px_fail(r, PX_STEP_HOSTNAME);
        r->applied |= 1u << PX_STEP_HOSTNAME;
    }
    if (p->gid >= 0 || p->uid >= 0) {
        if (setgroups(0, NULL) != 0) return px_fail(r, PX_STEP_SETGROUPS);
        r->applied |= 1u << PX_STEP_SETGROUPS;
    }
    if (p->gid >= 0) {
        if (setgid((gid_t)p->gid) != 0) return px_fail(r, PX_STEP_SETGID);
        r->applied |= 1u << PX_STEP_SETGID;
    }
    if (p->uid >= 0) {
        if (setuid((uid_t)p->uid) != 0) return px_fail(r, PX_STEP_SETUID);
        r->applied |= 1u << PX_STEP_SETUID;
    }
    if (p->pdeathsig != 0) {
        if (prctl(PR_SET_PDEATHSIG, (unsigned long)p->pdeathsig, 0, 0, 0) != 0) return px_fail(r, PX_STEP_PDEATHSIG);
        r->applied |= 1u << PX_STEP_PDEATHSIG;
    }
    if (px_set_limit(r, PX_STEP_RLIMIT_AS, RLIMIT_AS, p->rlimit_as) != 0) return -1;
    if (px_set_limit(r, PX_STEP_RLIMIT_CPU, RLIMIT_CPU, p->rlimit_cpu) != 0) return -1;
    if (px_set_limit(r, PX_STEP_RLIMIT_NOFILE, RLIMIT_NOFILE, p->rlimit_nofile) != 0) return -1;
    if (px_set_limit(r, PX_STEP_RLIMIT_NPROC, RLIMIT_NPROC, p->rlimit_nproc) != 0) return -1;
    if (p->no_new_privs || p->bpf != NULL) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return px_fail(r, PX_STEP_NO_NEW_PRIVS);
        r->applied |= 1u << PX_STEP_NO_NEW_PRIVS;
    }
    if (p->bpf != NULL) {
        struct sock_fprog prog = {
            .len = (unsigned short)(p->bpf_len / sizeof(struct sock_filter)),
            .filter = (struct sock_filter *)p->bpf,
        };
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0)
            return px_fail(r, PX_STEP_SECCOMP);
        r->applied |= 1u << PX_STEP_SECCOMP;
    }
    return 0;
}

int px_seccomp_load(const void *bpf, size_t bpf_len) {
    struct sock_fprog prog = {
        .len = (unsigned short)(bpf_len / sizeof(struct sock_filter)),
        .filter = (struct sock_filter *)bpf,
    };
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
}

void *px_dlopen_local(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }

static void *px_probe_thread_main(void *arg) { return arg; }

static void px_probe_run(int probe, const char *path, uint64_t bytes, int fd, px_probe_report *rep) {
    errno = 0;
    switch (probe) {
    case PX_PROBE_OPEN: {
        int f = open(path, O_RDONLY | O_CLOEXEC);
        rep->rc = f < 0 ? -1 : 0;
        break;
    }
    case PX_PROBE_SOCKET_INET: {
        int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        rep->rc = s < 0 ? -1 : 0;
        break;
    }
    case PX_PROBE_EXECVE: {
        char *const argv[] = { (char *)path, NULL };
        char *const envp[] = { NULL };
        rep->rc = execve(path, argv, envp);
        break;
    }
    case PX_PROBE_FORK: {
        long pid = syscall(SYS_clone, (unsigned long)SIGCHLD, 0, 0, 0, 0);
        if (pid == 0) _exit(0);
        rep->rc = pid < 0 ? -1 : 0;
        rep->value = pid;
        break;
    }
    case PX_PROBE_THREAD: {
        pthread_t t;
        int e = pthread_create(&t, NULL, px_probe_thread_main, NULL);
        if (e == 0) e = pthread_join(t, NULL);
        rep->rc = e == 0 ? 0 : -1;
        errno = e;
        break;
    }
    case PX_PROBE_GETUID:
        rep->value = (long)getuid();
        rep->value2 = (long)getgid();
        break;
    case PX_PROBE_ALLOCATE: {
        unsigned char *m = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) { rep->rc = -1; break; }
        for (uint64_t i = 0; i < bytes; i += 4096) m[i] = 1;
        rep->value = (long)bytes;
        break;
    }
    case PX_PROBE_READ_FD: {
        unsigned char b = 0;
        ssize_t n = read(fd, &b, 1);
        rep->rc = n < 0 ? -1 : 0;
        rep->value = (long)n;
        rep->value2 = b;
        break;
    }
    default:
        break;
    }
    rep->err = rep->rc < 0 ? errno : 0;
}

int px_probe_start(const px_sandbox_plan *plan, int probe, const char *arg_path, uint64_t arg_bytes, int arg_fd,
                   px_probe_child *child) {
    int gate[2], report[2];
    if (pipe2(gate, O_CLOEXEC) != 0) return -1;
    if (pipe2(report, O_CLOEXEC) != 0) { close(gate[0]); close(gate[1]); return -1; }
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(gate[0]); close(gate[1]); close(report[0]); close(report[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(gate[1]);
        close(report[0]);
        char go = 0;
        ssize_t n;
        do { n = read(gate[0], &go, 1); } while (n < 0 && errno == EINTR);
        close(gate[0]);
        px_probe_report rep;
        memset(&rep, 0, sizeof rep);
        rep.apply_rc = px_sandbox_apply(plan, &rep.sandbox);
        if (rep.apply_rc == 0) px_probe_run(probe, arg_path, arg_bytes, arg_fd, &rep);
        const char *p = (const char *)&rep;
        size_t left = sizeof rep;
        while (left > 0) {
            ssize_t w = write(report[1], p, left);
            if (w <= 0) break;
            p += w;
            left -= (size_t)w;
        }
        _exit(0);
    }
    close(gate[0]);
    close(report[1]);
    child->pid = pid;
    child->gate_fd = gate[1];
    child->report_fd = report[0];
    return 0;
}

int px_probe_release(px_probe_child *child) {
    if (child->gate_fd < 0) return 0;
    char go = 1;
    ssize_t n = write(child->gate_fd, &go, 1);
    close(child->gate_fd);
    child->gate_fd = -1;
    return n == 1 ? 0 : -1;
}

int px_probe_finish(px_probe_child *child, px_probe_report *report, int *got_report, int *status) {
    px_probe_release(child);
    memset(report, 0, sizeof *report);
    char *p = (char *)report;
    size_t got = 0;
    while (got < sizeof *report) {
        ssize_t n = read(child->report_fd, p + got, sizeof *report - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(child->report_fd);
    child->report_fd = -1;
    *got_report = got == sizeof *report;
    pid_t w;
    do { w = waitpid(child->pid, status, 0); } while (w < 0 && errno == EINTR);
    return w == child->pid ? 0 : -1;
}

ssize_t px_send_packet(int socket, const void *bytes, size_t length, int fd) {
    struct iovec part = { .iov_base = (void *)bytes, .iov_len = length };
    union { struct cmsghdr align; char space[CMSG_SPACE(sizeof(int))]; } control;
    struct msghdr message = { .msg_iov = &part, .msg_iovlen = 1 };
    if (fd >= 0) {
        memset(&control, 0, sizeof control);
        message.msg_control = control.space;
        message.msg_controllen = sizeof control.space;
        struct cmsghdr *header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(header), &fd, sizeof(int));
    }
    ssize_t sent;
    do { sent = sendmsg(socket, &message, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    return sent;
}

ssize_t px_receive_packet(int socket, void *bytes, size_t capacity, int *fd) {
    *fd = -1;
    struct iovec part = { .iov_base = bytes, .iov_len = capacity };
    union { struct cmsghdr align; char space[CMSG_SPACE(sizeof(int) * 4)]; } control;
    struct msghdr message = { .msg_iov = &part, .msg_iovlen = 1,
                              .msg_control = control.space, .msg_controllen = sizeof control.space };
    ssize_t got;
    do { got = recvmsg(socket, &message, MSG_CMSG_CLOEXEC); } while (got < 0 && errno == EINTR);
    if (got < 0) return -1;
    int kept = -1;
    for (struct cmsghdr *h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
        if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS) continue;
        size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < count; i++) {
            int each;
            memcpy(&each, CMSG_DATA(h) + i * sizeof(int), sizeof(int));
            if (kept < 0) kept = each; else close(each);
        }
    }
    if (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
        if (kept >= 0) close(kept);
        errno = EMSGSIZE;
        return -1;
    }
    *fd = kept;
    return got;
}

int px_fcntl_get_seals(void) { return F_GET_SEALS; }

long px_ptrace_traceme(void) { return ptrace(PTRACE_TRACEME, 0, NULL, NULL); }

int px_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }

int px_event_wait_shared(px_event *e, uint32_t key, uint64_t timeout_ns) {
    int timedOut = 0;
    if (__atomic_load_n(&e->seq, __ATOMIC_SEQ_CST) == key) {
        struct timespec ts = {(time_t)(timeout_ns / 1000000000ull), (long)(timeout_ns % 1000000000ull)};
        long r = futex(&e->seq, FUTEX_WAIT, key, timeout_ns ? &ts : NULL);
        if (r != 0 && errno == ETIMEDOUT) timedOut = 1;
    }
    __atomic_fetch_sub(&e->waiters, 1, __ATOMIC_SEQ_CST);
    return timedOut;
}

void px_event_notify_shared_slow(px_event *e) {
    __atomic_fetch_add(&e->seq, 1, __ATOMIC_SEQ_CST);
    futex(&e->seq, FUTEX_WAKE, INT_MAX, NULL);
}
