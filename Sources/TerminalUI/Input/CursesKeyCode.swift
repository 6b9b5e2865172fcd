/// The key codes of ncurses 6 (`KEY_*` in <curses.h>, octal there), kept here so that key
/// decoding stays a pure function; a test checks them against the C header.
public enum CursesKeyCode {
    public static let codeYes: Int32 = 0o400
    public static let down: Int32 = 0o402
    public static let up: Int32 = 0o403
    public static let left: Int32 = 0o404
    public static let right: Int32 = 0o405
    public static let home: Int32 = 0o406
    public static let backspace: Int32 = 0o407
    /// KEY_F(n) is `functionZero + n`.
    public static let functionZero: Int32 = 0o410
    public static let deleteCharacter: Int32 = 0o512
    public static let insertCharacter: Int32 = 0o513
    public static let scrollForward: Int32 = 0o520   // Shift-Down on xterm
    public static let scrollBackward: Int32 = 0o521  // Shift-Up on xterm
    public static let nextPage: Int32 = 0o522
    public static let previousPage: Int32 = 0o523
    public static let enter: Int32 = 0o527
    public static let backTab: Int32 = 0o541
    public static let end: Int32 = 0o550
    public static let shiftedDelete: Int32 = 0o577
    public static let shiftedEnd: Int32 = 0o602
    public static let shiftedHome: Int32 = 0o607
    public static let shiftedInsert: Int32 = 0o610
    public static let shiftedLeft: Int32 = 0o611
    public static let shiftedNext: Int32 = 0o614
    public static let shiftedPrevious: Int32 = 0o616
    public static let shiftedRight: Int32 = 0o622
    public static let mouse: Int32 = 0o631
    public static let resize: Int32 = 0o632

    /// Sequences some terminals send for Home and End that the terminfo entry in use may not
    /// list (tmux sends ESC [ 1 ~ for Home even when TERM says xterm). The backend teaches
    /// ncurses those that are still undefined (define_key), so they arrive as KEY_HOME/KEY_END.
    public static let fallbackSequences: [(sequence: String, code: Int32)] = [
        ("\u{1B}[1~", home), ("\u{1B}[7~", home), ("\u{1B}[H", home), ("\u{1B}OH", home),
        ("\u{1B}[4~", end), ("\u{1B}[8~", end), ("\u{1B}[F", end), ("\u{1B}OF", end),
    ]
}
