/// Space kept free on each side of a rect.
public struct Margin: Hashable, Sendable {
    public var top: Int
    public var right: Int
    public var bottom: Int
    public var left: Int

    public init(top: Int, right: Int, bottom: Int, left: Int) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    public init(all: Int) {
        self.init(top: all, right: all, bottom: all, left: all)
    }

    public init(horizontal: Int, vertical: Int) {
        self.init(top: vertical, right: horizontal, bottom: vertical, left: horizontal)
    }

    public static let none = Margin(all: 0)
}

extension Rect {
    /// The rect with `margin` removed from each side; empty (not negative) when it does not fit.
    public func inset(by margin: Margin) -> Rect {
        let width = self.width - margin.left - margin.right
        let height = self.height - margin.top - margin.bottom
        guard width > 0, height > 0 else {
            return Rect(x: x + min(margin.left, self.width), y: y + min(margin.top, self.height),
                        width: 0, height: 0)
        }
        return Rect(x: x + margin.left, y: y + margin.top, width: width, height: height)
    }
}
