/// The state of a picker: the items, the query typed so far, the ranked matches and the selection.
public struct FuzzyPickerState: Sendable {
    public private(set) var items: [String]
    public private(set) var query: String
    /// Matches in display order: index into `items` and matched character offsets.
    public private(set) var matches: [(index: Int, match: FuzzyMatch)]
    public var list: ListState

    public init(items: [String], query: String = "") {
        self.items = items
        self.query = query
        self.matches = []
        self.list = ListState()
        refilter()
    }

    /// The item under the selection, as an index into `items`.
    public var selectedItem: Int? {
        guard let row = list.selected, row < matches.count else { return nil }
        return matches[row].index
    }

    public mutating func setItems(_ newItems: [String]) {
        items = newItems
        refilter()
    }

    public mutating func setQuery(_ text: String) {
        query = text
        refilter()
    }

    private mutating func refilter() {
        matches = FuzzyMatcher.rank(query, in: items)
        list = ListState(selected: matches.isEmpty ? nil : 0, offset: 0)
    }

    public enum Outcome: Equatable, Sendable {
        /// The key changed the query or the selection (or did nothing useful).
        case handled
        /// Enter on a match: the index into `items`.
        case chosen(Int)
        /// Esc: close without a choice.
        case cancelled
        /// The picker has no use for the key.
        case ignored
    }

    /// Typing edits the query; Up/Down/PgUp/PgDn move; Enter chooses; Esc cancels.
    public mutating func handle(_ key: Key, pageSize: Int = 10) -> Outcome {
        switch (key.code, key.modifiers) {
        case (.enter, []):
            guard let item = selectedItem else { return .handled }
            return .chosen(item)
        case (.escape, []):
            return .cancelled
        case (.up, []), (.character("p"), .control):
            list.move(by: -1, count: matches.count)
        case (.down, []), (.character("n"), .control):
            list.move(by: 1, count: matches.count)
        case (.pageUp, []):
            list.move(by: -max(1, pageSize), count: matches.count)
        case (.pageDown, []):
            list.move(by: max(1, pageSize), count: matches.count)
        case (.backspace, []):
            guard !query.isEmpty else { return .handled }
            setQuery(String(query.dropLast()))
        case (.character("u"), .control):
            setQuery("")
        default:
            guard let character = key.typedCharacter else { return .ignored }
            setQuery(query + String(character))
        }
        return .handled
    }
}
