#define _GNU_SOURCE
#include "CProcess.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

// Moves a descriptor above 2 (so dup2 onto 0–2 in the child never clobbers another) and marks it
// close-on-exec. Returns the new descriptor or -1.
static int high_cloexec(int fd) {
    if (fd > 2) {
        return fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 ? fd : -1;
    }
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return moved;
}

static void set_limit(int resource, long long soft, long long hard) {
    struct rlimit rl;
    rl.rlim_cur = (rlim_t)soft;
    rl.rlim_max = (rlim_t)hard;
    setrlimit(resource, &rl);
}

// Closes [first, last] (last -1: to the end) with close_range; 0 when the kernel lacks it.
static int close_from(int first, int last) {
#ifdef SYS_close_range
    if (last >= 0 && last < first) return 1;
    return syscall(SYS_close_range, (unsigned)first, last < 0 ? ~0U : (unsigned)last, 0) == 0;
#else
    (void)first; (void)last;
    return 0;
#endif
}

// Between fork and exec: async-signal-safe calls only.
static void child(const char *path, char *const argv[], char *const envp[], const cp_limits *limits,
                  int in_fd, int out_fd, int err_fd, int report_fd) {
    setsid();
    // Default dispositions (an ignored signal would stay ignored across exec) and an empty mask.
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &dfl, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) goto fail;
    // Everything else closes: the terminal, lock files, other children's pipes. The report pipe is
    // close-on-exec, so it closes at exec (or stays open for the failure report).
    if (!close_from(3, report_fd - 1) || !close_from(report_fd + 1, -1)) {
        for (int fd = 3; fd < 4096; fd++) {
            if (fd != report_fd) close(fd);
        }
    }

    set_limit(RLIMIT_CORE, 0, 0);
    if (limits->address_space >= 0) set_limit(RLIMIT_AS, limits->address_space, limits->address_space);
    if (limits->cpu_seconds >= 0) set_limit(RLIMIT_CPU, limits->cpu_seconds, limits->cpu_seconds + 1);
    if (limits->stack >= 0) set_limit(RLIMIT_STACK, limits->stack, limits->stack);
    if (limits->file_size >= 0) set_limit(RLIMIT_FSIZE, limits->file_size, limits->file_size);
    if (limits->open_files >= 0) set_limit(RLIMIT_NOFILE, limits->open_files, limits->open_files);

    execve(path, argv, envp);
fail:;
    int e = errno;
    ssize_t ignored = write(report_fd, &e, sizeof e);
    (void)ignored;
    _exit(127);
}

pid_t cp_spawn(const char *path, char *const argv[], char *const envp[], const cp_limits *limits, int fds[3]) {
    int in_pair[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, report[2] = {-1, -1};
    int e = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) { e = errno; goto fail; }
    if (pipe2(out_pipe, O_CLOEXEC) != 0) { e = errno; goto fail; }
    if (pipe2(err_pipe, O_CLOEXEC) != 0) { e = errno; goto fail; }
    if (pipe2(report, O_CLOEXEC) != 0) { e = errno; goto fail; }
    int *all[] = {&in_pair[0], &in_pair[1], &out_pipe[0], &out_pipe[1], &err_pipe[0], &err_pipe[1], &report[0], &report[1]};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        *all[i] = high_cloexec(*all[i]);
        if (*all[i] < 0) { e = errno; goto fail; }
    }
    // The child only reads its stdin: the parent's end is for writing.
    shutdown(in_pair[0], SHUT_RD);

    pid_t pid = fork();
    if (pid < 0) { e = errno; goto fail; }
    if (pid == 0) {
        child(path, argv, envp, limits, in_pair[1], out_pipe[1], err_pipe[1], report[1]);
    }
    close(in_pair[1]); close(out_pipe[1]); close(err_pipe[1]); close(report[1]);
    in_pair[1] = out_pipe[1] = err_pipe[1] = report[1] = -1;

    int child_errno = 0;
    ssize_t n;
    do { n = read(report[0], &child_errno, sizeof child_errno); } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof child_errno) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        close(in_pair[0]); close(out_pipe[0]); close(err_pipe[0]);
        return -(child_errno ? child_errno : ECHILD);
    }
    fds[0] = in_pair[0];
    fds[1] = out_pipe[0];
    fds[2] = err_pipe[0];
    return pid;

fail:
    for (int i = 0; i < 2; i++) {
        if (in_pair[i] >= 0) close(in_pair[i]);
        if (out_pipe[i] >= 0) close(out_pipe[i]);
        if (err_pipe[i] >= 0) close(err_pipe[i]);
        if (report[i] >= 0) close(report[i]);
    }
    return -(e ? e : EINVAL);
}

int cp_send(int fd, const void *buffer, size_t length) {
    const char *p = buffer;
    while (length > 0) {
        ssize_t n = send(fd, p, length, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        p += n;
        length -= (size_t)n;
    }
    return 0;
}

int cp_wait(pid_t pid, int block, int *status, long *max_rss_kb) {
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    pid_t r;
    do { r = wait4(pid, status, block ? 0 : WNOHANG, &usage); } while (r < 0 && errno == EINTR);
    if (r < 0) return -errno;
    if (r == 0) return 0;
    if (max_rss_kb) *max_rss_kb = usage.ru_maxrss;
    return 1;
}

int cp_exited(int status) { return WIFEXITED(status); }
int cp_exit_status(int status) { return WEXITSTATUS(status); }
int cp_signaled(int status) { return WIFSIGNALED(status); }
int cp_term_signal(int status) { return WTERMSIG(status); }

int cp_allow_cpu_seconds(long long seconds) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) return errno;
    long long used = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1;
    struct rlimit rl;
    if (getrlimit(RLIMIT_CPU, &rl) != 0) return errno;
    rlim_t want = (rlim_t)(used + seconds);
    if (rl.rlim_max != RLIM_INFINITY && want > rl.rlim_max) want = rl.rlim_max;
    rl.rlim_cur = want;
    return setrlimit(RLIMIT_CPU, &rl) == 0 ? 0 : errno;
}

long cp_self_executable(char *buffer, size_t size) {
    ssize_t n = readlink("/proc/self/exe", buffer, size - 1);
    if (n < 0) return -1;
    buffer[n] = 0;
    return (long)n;
}
