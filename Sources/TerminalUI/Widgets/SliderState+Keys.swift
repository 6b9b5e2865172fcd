// Keys on a focused slider: Left/Right (or -/+) fine steps, Shift-Left/Right and PgUp/PgDn
// coarse steps, Home/End the ends of the range; a digit or "." (or "-" when the range has
// negatives) starts typing an exact value, as does Enter; Enter takes it and Esc drops it.

extension SliderState {
    /// Applies `key`; returns false when the slider has no use for it.
    public mutating func handle(_ key: Key) -> Bool {
        if isEntering { return handleEntry(key) }
        switch (key.code, key.modifiers) {
        case (.right, []), (.up, []), (.character("+"), []): step(1)
        case (.left, []), (.down, []): step(-1)
        case (.character("-"), []):
            if range.lowerBound < 0 {
                beginEntry()
                type("-")
            } else {
                step(-1)
            }
        case (.right, .shift), (.up, .shift), (.pageUp, []): step(1, coarse: true)
        case (.left, .shift), (.down, .shift), (.pageDown, []): step(-1, coarse: true)
        case (.home, []): setToMinimum()
        case (.end, []): setToMaximum()
        case (.character(let character), []) where ("0"..."9").contains(character) || character == ".":
            beginEntry()
            type(character)
        case (.enter, []):
            beginEntry()
        default:
            return false
        }
        return true
    }

    private mutating func handleEntry(_ key: Key) -> Bool {
        switch (key.code, key.modifiers) {
        case (.enter, []): commitEntry()
        case (.escape, []): cancelEntry()
        case (.backspace, []): deleteBackward()
        case (.character(let character), []): type(character)
        default: return false
        }
        return true
    }
}
