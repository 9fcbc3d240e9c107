#include "CNcursesw.h"
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t pending_suspend = 0;
static volatile sig_atomic_t pending_continue = 0;
static volatile sig_atomic_t curses_active = 0;

static void on_signal(int sig) {
    if (sig == SIGTSTP) { pending_suspend = 1; return; }
    if (sig == SIGCONT) { pending_continue = 1; return; }
    if (pending_signal == 0) pending_signal = sig;
}

// MARK: Restoring the terminal from a signal handler
//
// A fatal signal (a crash, a Swift trap, abort) or one whose default action ends the process (SIGQUIT,
// SIGPIPE, SIGUSR1/2, SIGALRM, …) must not leave the terminal raw in the alternate screen. The handler
// may only use async-signal-safe calls, so everything it needs is prepared beforehand: the terminal
// settings from before curses started, and the bytes that undo curses' modes.

static struct termios saved_termios;
static int saved_termios_fd = -1;
static char reset_sequence[512];
static size_t reset_length = 0;

// Signals that end the process: restore, then die by the same signal (the exit status says which).
static const int fatal_faults[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};
static const int fatal_others[] = {SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF};
static struct sigaction previous_action[NSIG];
static char alternate_stack[64 * 1024];

static int is_fault(int sig) {
    for (size_t i = 0; i < sizeof fatal_faults / sizeof fatal_faults[0]; i++) if (fatal_faults[i] == sig) return 1;
    return 0;
}

static void restore_terminal_now(void) {
    if (!curses_active) return;
    curses_active = 0;
    if (reset_length > 0) {
        size_t done = 0;
        while (done < reset_length) {
            ssize_t n = write(STDOUT_FILENO, reset_sequence + done, reset_length - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += (size_t)n;
        }
    }
    if (saved_termios_fd >= 0) tcsetattr(saved_termios_fd, TCSADRAIN, &saved_termios);
}

static void on_fatal(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    restore_terminal_now();
    // A crash goes on to the handler that was there before (Swift's backtracer prints its report on
    // the now normal terminal, then dies by the signal). The others get their default action: the
    // backtracer would turn SIGQUIT into exit status 0.
    struct sigaction next;
    if (is_fault(sig)) {
        next = previous_action[sig];
    } else {
        memset(&next, 0, sizeof next);
        next.sa_handler = SIG_DFL;
        sigemptyset(&next.sa_mask);
    }
    sigaction(sig, &next, NULL);
    // A fault from the CPU (si_code > 0) happens again when the handler returns; a signal that was
    // sent (kill, raise, abort) is sent again, and arrives once the handler returns.
    if (!is_fault(sig) || info == NULL || info->si_code <= 0) raise(sig);
    errno = saved_errno;
}

static void install_fatal(int sig) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return;
    // A signal the parent set to be ignored (nohup ignores SIGHUP, some shells SIGPIPE) stays ignored.
    if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN) return;
    previous_action[sig] = old;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(sig, &sa, NULL);
}

void cn_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocked wget_wch must return so the loop sees the flag
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTSTP, &sa, NULL);
    sigaction(SIGCONT, &sa, NULL);

    // The settings to go back to: taken before curses changes anything.
    if (tcgetattr(STDOUT_FILENO, &saved_termios) == 0) saved_termios_fd = STDOUT_FILENO;
    else if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_termios_fd = STDIN_FILENO;

    // A stack overflow's SIGSEGV needs a stack to run the handler on (unless one is set already).
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t ss;
        ss.ss_sp = alternate_stack;
        ss.ss_size = sizeof alternate_stack;
        ss.ss_flags = 0;
        sigaltstack(&ss, NULL);
    }
    for (size_t i = 0; i < sizeof fatal_faults / sizeof fatal_faults[0]; i++) install_fatal(fatal_faults[i]);
    for (size_t i = 0; i < sizeof fatal_others / sizeof fatal_others[0]; i++) install_fatal(fatal_others[i]);
}

static void append(const char *s) {
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (reset_length + n >= sizeof reset_sequence) return;
    memcpy(reset_sequence + reset_length, s, n);
    reset_length += n;
}

void cn_prepare_restore_sequence(void) {
    reset_length = 0;
    append(tigetstr("sgr0"));    // attributes off
    append(tigetstr("cnorm"));   // the cursor shown
    char *kmous = tigetstr("kmous");
    if (kmous != NULL && kmous != (char *)-1) {
        // Every xterm mouse mode ncurses may have turned on (1000, 1002, 1003; 1006 SGR coordinates).
        append("\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
    }
    append("\033[?2004l");      // bracketed paste off (cn_bracketed_paste)
    append(tigetstr("rmkx"));    // keypad transmit mode off
    append(tigetstr("rmcup"));   // leave the alternate screen
}

int cn_pending_signal(void) { return pending_signal; }
int cn_take_suspend(void) { int s = pending_suspend; pending_suspend = 0; return s; }
int cn_take_continue(void) { int s = pending_continue; pending_continue = 0; return s; }

static volatile sig_atomic_t paste_mode = 0;

// Writes straight to the terminal (not through curses' buffer), so it goes after what endwin sent.
void cn_bracketed_paste(int on) {
    const char *s = on ? "\033[?2004h" : "\033[?2004l";
    size_t done = 0, n = strlen(s);
    while (done < n) {
        ssize_t w = write(STDOUT_FILENO, s + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
    paste_mode = on;
}

static void restore_at_exit(void) {
    if (curses_active) { curses_active = 0; endwin(); }
    if (paste_mode) cn_bracketed_paste(0);
}
void cn_register_atexit_restore(void) { atexit(restore_at_exit); }
void cn_set_curses_active(int active) { curses_active = active; }

void cn_suspend_self(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, &old);
    raise(SIGTSTP);           // stops here until `fg`
    sigaction(SIGTSTP, &old, NULL);
}

void cn_debug_crash(int kind) {
    switch (kind) {
    case 1: { volatile int *p = (volatile int *)(uintptr_t)8; *p = 1; break; }   // SIGSEGV from a bad pointer
    case 2: __builtin_trap();                                                   // SIGILL (x86) / SIGTRAP (arm)
    case 3: abort();                                                            // SIGABRT
    default: break;
    }
}

int cn_errno(void) { return errno; }
void cn_clear_errno(void) { errno = 0; }

int cn_term_usable(const char *term, int *why) {
    int err = 0;
    *why = 0;
    if (setupterm((char *)term, 1, &err) != OK) {
        *why = (err == -1) ? 3 : 1;
        return 0;
    }
    char *cup = tigetstr("cup");
    int ok = !(cup == NULL || cup == (char *)-1);
    del_curterm(cur_term);
    if (!ok) { *why = 2; return 0; }
    return 1;
}
