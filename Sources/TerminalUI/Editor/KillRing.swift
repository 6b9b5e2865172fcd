/// The application's clipboard: text cut, copied or killed in any editor, newest last, so that
/// a paste in one editor can take what was cut in another.
public struct KillRing: Hashable, Sendable {
    public private(set) var entries: [String] = []
    public let capacity: Int

    public init(capacity: Int = 32) {
        self.capacity = max(1, capacity)
    }

    /// The text a paste inserts.
    public var latest: String? { entries.last }

    /// Adds `text`. With `joining` set (a kill right after another kill), it joins the newest
    /// entry instead: after it, or before it for kills that went backwards.
    public mutating func push(_ text: String, joining: Bool = false, backwards: Bool = false) {
        guard !text.isEmpty else { return }
        if joining, let last = entries.last {
            entries[entries.count - 1] = backwards ? text + last : last + text
            return
        }
        entries.append(text)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
