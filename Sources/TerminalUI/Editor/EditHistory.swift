/// Earlier texts an editor can walk back through (prompts sent before, for example), and the
/// unsent draft that walking forward past the newest entry brings back.
public struct EditHistory: Hashable, Sendable {
    /// Oldest first.
    public private(set) var entries: [String]
    public let capacity: Int
    /// The entry being shown; nil while editing the draft.
    public internal(set) var position: Int?
    /// What was in the editor when walking into the history began.
    public internal(set) var draft: String = ""

    public init(entries: [String] = [], capacity: Int = 200) {
        self.capacity = max(1, capacity)
        self.entries = Array(entries.suffix(self.capacity))
    }

    /// Records `text` as the newest entry (not if empty or equal to the newest) and goes back to
    /// editing a draft.
    public mutating func add(_ text: String) {
        position = nil
        guard !text.isEmpty, entries.last != text else { return }
        entries.append(text)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
