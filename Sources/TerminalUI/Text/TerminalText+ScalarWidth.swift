// Column width of one Unicode scalar, from the C library's wcwidth(3) in a private UTF-8 locale.
// ncurses measures characters with the same wcwidth, so what we lay out is what it places.
// (wcwidth is reached through a wrapper in the CNCurses shim: the C library hides it from Swift.)
import func CNCurses.sdxl_wcwidth_in
#if canImport(Glibc)
import Glibc
#endif

extension TerminalText {
    /// The columns the C library gives `scalar`: 0 for combining and zero-width characters,
    /// 2 for East Asian wide and fullwidth characters and wide emoji, 1 otherwise. Scalars the
    /// C library does not know (controls, unassigned code points) answer -1.
    public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value >= 0x20 ? 1 : -1 }
        if let width = UTF8Locale.shared.width(of: scalar) { return width }
        return FallbackWidth.width(of: scalar)
    }
}

/// A UTF-8 `LC_CTYPE` locale made once with newlocale(3) and selected per call with uselocale(3)
/// (a per-thread setting), so measuring never changes the process locale.
private struct UTF8Locale: @unchecked Sendable {
    // `locale_t` is an opaque C pointer that is only read after creation: safe to share.
    let handle: locale_t?

    static let shared = UTF8Locale()

    private init() {
        var made: locale_t? = nil
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) {
                made = locale
                break
            }
        }
        handle = made
    }

    func width(of scalar: Unicode.Scalar) -> Int? {
        guard let handle else { return nil }
        return Int(sdxl_wcwidth_in(handle, scalar.value))
    }
}

/// Used only where the system has no UTF-8 locale: combining and format characters are 0,
/// emoji-presentation characters and the main East Asian wide blocks are 2.
private enum FallbackWidth {
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func width(of scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        case .control: return -1
        default: break
        }
        if properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }
}
