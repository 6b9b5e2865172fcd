// ncursesw with wide-character support. SwiftPM drops pkg-config -D flags, so the
// wide-character switches are defined here, before the header.
#ifndef SDXL_CNCURSES_SHIM_H
#define SDXL_CNCURSES_SHIM_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncurses.h>

// Globals and macros that Swift cannot see or may not touch directly.
static inline WINDOW *sdxl_stdscr(void) { return stdscr; }
static inline int sdxl_lines(void) { return LINES; }
static inline int sdxl_cols(void) { return COLS; }
static inline int sdxl_colors(void) { return COLORS; }
static inline int sdxl_color_pairs(void) { return COLOR_PAIRS; }
static inline int sdxl_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int sdxl_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline int sdxl_key_f(int n) { return KEY_F(n); }
static inline attr_t sdxl_a_bold(void) { return A_BOLD; }
static inline attr_t sdxl_a_reverse(void) { return A_REVERSE; }
static inline attr_t sdxl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sdxl_a_dim(void) { return A_DIM; }
static inline attr_t sdxl_a_normal(void) { return A_NORMAL; }
static inline attr_t sdxl_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sdxl_addstr(const char *s) { return addstr(s); }
static inline int sdxl_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }
#endif
