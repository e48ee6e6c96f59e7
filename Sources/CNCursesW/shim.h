#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <ncursesw/curses.h>

/* Macros and mutable C globals do not import into Swift 6: re-export them as functions. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline FILE *cnc_stdin(void) { return stdin; }
static inline FILE *cnc_stdout(void) { return stdout; }
static inline FILE *cnc_stderr(void) { return stderr; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline void cnc_set_escdelay(int ms) { set_escdelay(ms); }
static inline const char *cnc_codeset(void) { return nl_langinfo(CODESET); }
/* The terminal's size from the kernel; 0 on success. ioctl is variadic and does not import. */
static inline int cnc_window_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* A parent (a test runner, a CI agent) may have left SIGWINCH ignored or blocked; ncurses only
   installs its resize handler when the disposition is the default, so restore it first. */
static inline void cnc_default_sigwinch(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGWINCH, SIG_DFL);
}
#endif
