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
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

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
static inline attr_t sdxl_a_italic(void) { return A_ITALIC; }
static inline attr_t sdxl_a_normal(void) { return A_NORMAL; }
static inline attr_t sdxl_color_pair(int n) { return COLOR_PAIR(n); }
static inline int sdxl_addstr(const char *s) { return addstr(s); }
static inline int sdxl_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }
static inline int sdxl_ccharw_max(void) { return CCHARW_MAX; }

// wcwidth(3) in the given locale (selected for this thread only, then put back). The C library
// hides wcwidth from Swift unless _XOPEN_SOURCE is defined, hence this wrapper.
extern int wcwidth(wchar_t c);
static inline int sdxl_wcwidth_in(locale_t locale, unsigned int c) {
    locale_t previous = uselocale(locale);
    int width = wcwidth((wchar_t)c);
    uselocale(previous);
    return width;
}

// wget_wch stores a wint_t; Swift gets it back as a plain 32-bit value.
static inline int sdxl_wget_wch(WINDOW *w, unsigned int *out) {
    wint_t value = 0;
    int status = wget_wch(w, &value);
    *out = (unsigned int)value;
    return status;
}

// One cell: `count` wide characters (a spacing character and up to CCHARW_MAX-1 combining ones),
// attributes and an extended colour pair (passed through setcchar's opts pointer, ncurses 6.1+).
static inline int sdxl_put_cell(WINDOW *w, int y, int x, const wchar_t *chars, int count,
                                attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = chars[i];
    text[n] = L'\0';
    cchar_t cell;
    int extendedPair = pair;
    if (setcchar(&cell, text, attrs, 0, &extendedPair) != OK) return ERR;
    return mvwadd_wch(w, y, x, &cell);
}

// tigetstr answers (char *)-1 for "not a string capability" and NULL for "absent".
static inline const char *sdxl_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == (char *)-1) return NULL;
    return value;
}

// The terminal's size in cells and pixels (TIOCGWINSZ; ioctl is variadic, so Swift cannot call it).
// Returns 0 on success; pixel sizes are 0 when the terminal does not report them.
static inline int sdxl_window_size(int fd, int *columns, int *rows, int *width_pixels, int *height_pixels) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *columns = size.ws_col;
    *rows = size.ws_row;
    *width_pixels = size.ws_xpixel;
    *height_pixels = size.ws_ypixel;
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Terminal restore on fatal signals. Everything the handler needs is prepared at install time:
// the bytes to write (computed once from terminfo) and the terminal modes to put back. The
// handler only calls write(2), tcsetattr(3), sigaction(2) and raise(3), all async-signal-safe,
// then lets the signal take its default action. The state is a static inside one inline
// function; the backend calls install/uninstall from one Swift file, so all see the same copy.
// ---------------------------------------------------------------------------------------------
#define SDXL_RESTORE_MAX_BYTES 512
#define SDXL_RESTORE_SIGNAL_COUNT 10

struct sdxl_restore_state {
    char bytes[SDXL_RESTORE_MAX_BYTES];
    volatile sig_atomic_t length;
    volatile sig_atomic_t fd;
    volatile sig_atomic_t has_modes;
    struct termios modes;
    struct sigaction previous[SDXL_RESTORE_SIGNAL_COUNT];
};

// Function-local static storage: emitted together with the function that owns it.
static inline struct sdxl_restore_state *sdxl_restore_state(void) {
    static struct sdxl_restore_state state = { .length = 0, .fd = -1, .has_modes = 0 };
    return &state;
}

static inline int sdxl_restore_signal(int index) {
    static const int signals[SDXL_RESTORE_SIGNAL_COUNT] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP
    };
    return signals[index];
}

static void sdxl_restore_handler(int sig) {
    struct sdxl_restore_state *state = sdxl_restore_state();
    int fd = (int)state->fd;
    if (fd >= 0) {
        size_t done = 0, total = (size_t)state->length;
        while (done < total) {
            ssize_t n = write(fd, state->bytes + done, total - done);
            if (n <= 0) break;
            done += (size_t)n;
        }
        if (state->has_modes) tcsetattr(fd, TCSANOW, &state->modes);
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    raise(sig); // delivered with the default action once this handler returns
}

/// Copies `bytes` (at most SDXL_RESTORE_MAX_BYTES) and the terminal `modes` to put back (NULL
/// for none), and installs the handler for INT, TERM, HUP, QUIT and the crash signals. Returns
/// 0, or -1 when the bytes do not fit. Signals that are ignored when this is called are left
/// alone.
static inline int sdxl_restore_install(int fd, const char *bytes, int length,
                                       const struct termios *modes) {
    struct sdxl_restore_state *state = sdxl_restore_state();
    if (length < 0 || length > SDXL_RESTORE_MAX_BYTES) return -1;
    memcpy(state->bytes, bytes, (size_t)length);
    state->length = length;
    if (modes) {
        state->modes = *modes;
        state->has_modes = 1;
    } else {
        state->has_modes = 0;
    }
    state->fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sdxl_restore_handler;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < SDXL_RESTORE_SIGNAL_COUNT; i++) {
        // A signal the parent chose to ignore (nohup, for example) stays ignored.
        sigaction(sdxl_restore_signal(i), NULL, &state->previous[i]);
        if (state->previous[i].sa_handler == SIG_IGN) continue;
        sigaction(sdxl_restore_signal(i), &action, NULL);
    }
    return 0;
}

/// Puts back the handlers that were installed before `sdxl_restore_install`.
static inline void sdxl_restore_uninstall(void) {
    struct sdxl_restore_state *state = sdxl_restore_state();
    if (state->fd < 0) return;
    for (int i = 0; i < SDXL_RESTORE_SIGNAL_COUNT; i++) {
        sigaction(sdxl_restore_signal(i), &state->previous[i], NULL);
    }
    state->fd = -1;
    state->length = 0;
    state->has_modes = 0;
}

#endif
