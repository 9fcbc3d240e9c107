// The one place ncurses is seen from Swift. Every macro the Swift code uses
// gets a one-line function here, so no ncurses constant is ever written in Swift.
#ifndef CNCURSESW_H
#define CNCURSESW_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>
#include <stdio.h>

// Globals Swift 6 will not touch directly.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline FILE *cn_stdout(void) { return stdout; }

// Locale: 1 when LC_CTYPE's codeset is UTF-8.
static inline int cn_codeset_is_utf8(void) { const char *c = nl_langinfo(CODESET); return c && (c[0]=='U'||c[0]=='u') && (c[1]=='T'||c[1]=='t') && (c[2]=='F'||c[2]=='f') && c[3]=='-' && c[4]=='8' && c[5]==0; }

// Size.
static inline int cn_maxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int cn_maxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

// Attributes.
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline attr_t cn_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }

// Keys that are macros or need arithmetic.
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_f(int n) { return KEY_F(n); }

// Mouse.
static inline mmask_t cn_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t cn_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t cn_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cn_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cn_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cn_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cn_button5_pressed(void) { return BUTTON5_PRESSED; }

// Signals: handlers that only record SIGINT/SIGTERM/SIGHUP/SIGTSTP/SIGCONT (installed before newterm),
// handlers for fatal signals (crashes, traps, SIGQUIT, SIGPIPE, SIGUSR1/2, SIGALRM, …) that restore the
// terminal with async-signal-safe writes and then die by the same signal, and the restore that runs at
// exit whatever path leads there.
void cn_install_signal_handlers(void);
void cn_prepare_restore_sequence(void);  // after newterm: the bytes that undo curses' modes, from terminfo
int cn_pending_signal(void);      // 0, or the number of the first SIGINT/SIGTERM/SIGHUP seen
int cn_take_suspend(void);        // 1 once after SIGTSTP was seen
int cn_take_continue(void);       // 1 once after SIGCONT was seen
void cn_register_atexit_restore(void);
void cn_set_curses_active(int active);
void cn_bracketed_paste(int on);    // xterm's mode 2004: a paste arrives between ESC[200~ and ESC[201~
void cn_suspend_self(void);       // restores the terminal default for SIGTSTP and stops the process
// A deliberate crash for the terminal-restore tests: 1 SIGSEGV, 2 a trap, 3 abort().
void cn_debug_crash(int kind);
int cn_errno(void);
void cn_clear_errno(void);
// 1 when the terminal named by TERM can address the cursor; otherwise 0 and *why is set:
// 1 unknown terminal, 2 no cursor addressing (dumb), 3 no terminfo database.
int cn_term_usable(const char *term, int *why);

#endif
