/// Which row of a list is selected and which row is shown first.
public struct ListState: Hashable, Sendable {
    public var selected: Int?
    /// The first item shown.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` rows, clamped to the list (selecting the first row when
    /// nothing was selected). Nothing is selected in an empty list.
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else {
            selected = nil
            return
        }
        guard let current = selected else {
            selected = delta >= 0 ? 0 : count - 1
            return
        }
        selected = min(count - 1, max(0, current + delta))
    }

    public mutating func selectFirst(count: Int) { selected = count > 0 ? 0 : nil }
    public mutating func selectLast(count: Int) { selected = count > 0 ? count - 1 : nil }

    /// Keeps the selection inside a list of `count` items.
    public mutating func clamp(count: Int) {
        guard count > 0 else {
            selected = nil
            offset = 0
            return
        }
        if let current = selected { selected = min(count - 1, max(0, current)) }
        offset = min(offset, max(0, count - 1))
    }

    /// Scrolls the least needed so that the selected row is among `visibleRows` shown rows, and
    /// never leaves empty rows at the bottom while items are hidden above.
    public mutating func scrollToSelection(visibleRows: Int, count: Int) {
        guard visibleRows > 0, count > 0 else {
            offset = 0
            return
        }
        if let current = selected {
            if current < offset { offset = current }
            if current >= offset + visibleRows { offset = current - visibleRows + 1 }
        }
        offset = max(0, min(offset, count - visibleRows))
    }
}
