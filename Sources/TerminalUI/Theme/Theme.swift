/// Colours and attributes for every UI role.
public struct Theme: Hashable, Sendable {
    /// What configuration files and the picker call it: the file name without ".toml".
    public var id: String
    /// The name shown to people.
    public var name: String
    public var description: String
    public private(set) var styles: [UIRole: ThemeStyle]

    /// `styles` must hold every role; missing ones take the `text` style (or white on black).
    public init(id: String, name: String? = nil, description: String = "", styles: [UIRole: ThemeStyle]) {
        self.id = id
        self.name = name ?? id
        self.description = description
        let fallback = styles[.text] ?? ThemeStyle(foreground: .indexed(7), background: .indexed(0))
        var complete: [UIRole: ThemeStyle] = [:]
        for role in UIRole.allCases { complete[role] = styles[role] ?? fallback }
        self.styles = complete
    }

    public subscript(role: UIRole) -> ThemeStyle {
        styles[role] ?? ThemeStyle(foreground: .terminalDefault, background: .terminalDefault)
    }

    /// The style a cell is drawn with: its role's, with the cell's own colours where it has them.
    public func style(for cell: Cell) -> ThemeStyle {
        var style = self[cell.role]
        if let foreground = cell.foreground { style.foreground = foreground }
        if let background = cell.background { style.background = background }
        return style
    }

    /// The same theme with every colour fitted to `capability`.
    public func degraded(to capability: ColorCapability) -> Theme {
        var copy = self
        for (role, style) in styles {
            copy.styles[role] = ThemeStyle(foreground: style.foreground.degraded(to: capability),
                                           background: style.background.degraded(to: capability),
                                           attributes: style.attributes)
        }
        return copy
    }
}
