// Splitting a rect into parts by constraints: pure arithmetic, no terminal involved.

extension Rect {
    /// Cuts this rect along `axis` into one part per constraint, `spacing` cells apart.
    ///
    /// Fixed lengths, percentages and minimums are given first. Space left over goes to the
    /// `.min` and `.fill` parts by weight (earlier parts get the rounding remainder); with no such
    /// part it stays unused after the last part. When the asked-for sizes exceed the space (a
    /// terminal that is too small), every part shrinks in proportion to its size, so nothing
    /// overflows the rect and the parts still tile it in order.
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = axis == .horizontal ? width : height
        let gaps = Swift.max(0, spacing) * (constraints.count - 1)
        let available = Swift.max(0, total - gaps)
        let sizes = Self.sizes(for: constraints, available: available)

        var parts: [Rect] = []
        var offset = 0
        for (index, size) in sizes.enumerated() {
            let start = Swift.min(offset, total)
            let length = Swift.max(0, Swift.min(size, total - start))
            switch axis {
            case .horizontal: parts.append(Rect(x: x + start, y: y, width: length, height: height))
            case .vertical: parts.append(Rect(x: x, y: y + start, width: width, height: length))
            }
            offset += size + (index < sizes.count - 1 ? Swift.max(0, spacing) : 0)
        }
        return parts
    }

    /// The length of each part for `available` cells.
    static func sizes(for constraints: [Constraint], available: Int) -> [Int] {
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let cells): return Swift.max(0, cells)
            case .percentage(let percent): return available * Swift.min(100, Swift.max(0, percent)) / 100
            case .min(let cells): return Swift.max(0, cells)
            case .fill: return 0
            }
        }
        let asked = sizes.reduce(0, +)
        if asked > available {
            return shrunk(sizes, toFit: available, total: asked)
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .min: return 1
            case .fill(let weight): return Swift.max(0, weight)
            default: return 0
            }
        }
        let weightSum = weights.reduce(0, +)
        let leftover = available - asked
        guard weightSum > 0, leftover > 0 else { return sizes }
        var given = 0
        for index in sizes.indices where weights[index] > 0 {
            let share = leftover * weights[index] / weightSum
            sizes[index] += share
            given += share
        }
        var remainder = leftover - given
        for index in sizes.indices where weights[index] > 0 && remainder > 0 {
            sizes[index] += 1
            remainder -= 1
        }
        return sizes
    }

    /// Scales `sizes` (summing to `total`) down to sum to `available`, largest remainders first.
    private static func shrunk(_ sizes: [Int], toFit available: Int, total: Int) -> [Int] {
        var result = sizes.map { $0 * available / total }
        var remainder = available - result.reduce(0, +)
        let order = sizes.indices.sorted { a, b in
            let ra = sizes[a] * available % total, rb = sizes[b] * available % total
            return ra != rb ? ra > rb : a < b
        }
        for index in order where remainder > 0 {
            result[index] += 1
            remainder -= 1
        }
        return result
    }
}
