/// How much of a split one part asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells.
    case length(Int)
    /// This percentage (0–100) of the space left after spacing, rounded down.
    case percentage(Int)
    /// At least this many cells, and a share (weight 1) of whatever is left over.
    case min(Int)
    /// Only a share of what is left over, in proportion to the weight.
    case fill(Int)
}

/// The direction a rect is cut in.
public enum Axis: Hashable, Sendable {
    /// Parts side by side, left to right (cutting the width).
    case horizontal
    /// Parts stacked top to bottom (cutting the height).
    case vertical
}
