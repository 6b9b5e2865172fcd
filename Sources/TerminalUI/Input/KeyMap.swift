/// Which keys trigger which actions. Some keys only act outside a text editor: there "?" is
/// help, while in an editor it is just a character.
public struct KeyMap: Hashable, Sendable {
    /// Where the focus is when a key arrives.
    public enum Context: Hashable, Sendable {
        case editing
        case navigating
    }

    public private(set) var bindings: [Key: KeyAction]
    /// Keys that act only in `.navigating` (printable characters an editor needs).
    public private(set) var navigationOnly: Set<Key>

    public init(bindings: [Key: KeyAction] = [:], navigationOnly: Set<Key> = []) {
        self.bindings = bindings
        self.navigationOnly = navigationOnly
    }

    /// F5 or Ctrl-R generate; Esc cancels the running job; Tab and Shift-Tab move the focus;
    /// F1 (or "?" outside an editor) help; Ctrl-S save preset; Ctrl-P preset picker; F6 compare
    /// view; Ctrl-T theme picker; Ctrl-Q (or Ctrl-C, which the raw terminal delivers as a key)
    /// quit; Ctrl-Up and Ctrl-Down walk the prompt history.
    public static let defaults: KeyMap = {
        var map = KeyMap()
        map.bind(.function(5), to: .generate)
        map.bind(.control("r"), to: .generate)
        map.bind(Key(.escape), to: .cancelJob)
        map.bind(Key(.tab), to: .focusNext)
        map.bind(Key(.backTab), to: .focusPrevious)
        map.bind(.function(1), to: .help)
        map.bind(.character("?"), to: .help, navigationOnly: true)
        map.bind(.control("s"), to: .savePreset)
        map.bind(.control("p"), to: .presetPicker)
        map.bind(.function(6), to: .compareView)
        map.bind(.control("t"), to: .themePicker)
        map.bind(.control("q"), to: .quit)
        map.bind(.control("c"), to: .quit)
        map.bind(Key(.up, .control), to: .historyPrevious)
        map.bind(Key(.down, .control), to: .historyNext)
        return map
    }()

    public mutating func bind(_ key: Key, to action: KeyAction, navigationOnly: Bool = false) {
        bindings[key] = action
        if navigationOnly {
            self.navigationOnly.insert(key)
        } else {
            self.navigationOnly.remove(key)
        }
    }

    public mutating func unbind(_ key: Key) {
        bindings[key] = nil
        navigationOnly.remove(key)
    }

    /// The action for `key` in `context`, or nil when the key should go to the focused widget.
    public func action(for key: Key, in context: Context) -> KeyAction? {
        if context == .editing, navigationOnly.contains(key) { return nil }
        return bindings[key]
    }

    /// The keys bound to `action`, in a stable order (function keys first, then by name), for
    /// help text.
    public func keys(for action: KeyAction) -> [Key] {
        bindings.filter { $0.value == action }.map(\.key).sorted { a, b in
            let aFunction = Self.isFunctionKey(a), bFunction = Self.isFunctionKey(b)
            if aFunction != bFunction { return aFunction }
            return a.description < b.description
        }
    }

    private static func isFunctionKey(_ key: Key) -> Bool {
        if case .function = key.code { return true }
        return false
    }
}
