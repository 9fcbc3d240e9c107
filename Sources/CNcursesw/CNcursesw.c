#include "CNcursesw.h"
#include <signal.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
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
}

int cn_pending_signal(void) { return pending_signal; }
int cn_take_suspend(void) { int s = pending_suspend; pending_suspend = 0; return s; }
int cn_take_continue(void) { int s = pending_continue; pending_continue = 0; return s; }

static void restore_at_exit(void) {
    if (curses_active) { curses_active = 0; endwin(); }
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
