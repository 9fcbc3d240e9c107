// Starting a child process with hard kernel limits, in C because the steps between fork and exec
// must be async-signal-safe system calls only (no Swift runtime, no allocation).
#ifndef CPROCESS_H
#define CPROCESS_H

#include <sys/types.h>
#include <stddef.h>

/// Limits the kernel enforces on the child (setrlimit before exec). A value below 0 leaves that
/// limit as inherited; cpu_seconds is the soft limit (SIGXCPU), the hard one is a second later (SIGKILL).
typedef struct {
    long long address_space;   // RLIMIT_AS, bytes
    long long cpu_seconds;     // RLIMIT_CPU
    long long stack;           // RLIMIT_STACK, bytes
    long long file_size;       // RLIMIT_FSIZE, bytes (0: writing any file raises SIGXFSZ)
    long long open_files;      // RLIMIT_NOFILE
} cp_limits;

/// Starts `path` with `argv` and `envp` (NULL-terminated) in a new session (no controlling terminal,
/// so it can neither read nor disturb the tutor's), with default signal dispositions, an empty signal
/// mask, no core dumps, every descriptor but 0–2 closed and `limits` applied.
/// Its stdin is one end of a socket pair (write with cp_send: a dead child never raises SIGPIPE),
/// its stdout and stderr are pipes. On success returns the pid and sets fds[0] (write to the child's
/// stdin), fds[1] (its stdout), fds[2] (its stderr), all close-on-exec; on failure returns -errno
/// (an exec failure included: the child reports it through a close-on-exec pipe).
pid_t cp_spawn(const char *path, char *const argv[], char *const envp[], const cp_limits *limits, int fds[3]);

/// Writes all of `buffer` to a socket without SIGPIPE. Returns 0, or errno (EPIPE: the child is gone).
int cp_send(int fd, const void *buffer, size_t length);

/// Waits for `pid` (blocking when `block`). Returns 1 when it ended (status as waitpid gives it,
/// max_rss_kb its peak resident size), 0 while it still runs, -errno on error.
int cp_wait(pid_t pid, int block, int *status, long *max_rss_kb);

/// Decoding a wait status (macros in C).
int cp_exited(int status);
int cp_exit_status(int status);
int cp_signaled(int status);
int cp_term_signal(int status);

/// For a long-lived worker: lets it run `seconds` more of CPU time from now (the soft RLIMIT_CPU,
/// under the hard limit set at spawn). Returns 0 or errno.
int cp_allow_cpu_seconds(long long seconds);

/// The executable of this process (/proc/self/exe), into `buffer`; returns the length or -1.
long cp_self_executable(char *buffer, size_t size);

#endif
