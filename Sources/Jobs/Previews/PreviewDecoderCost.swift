/// What one preview costs with one decoder.
public struct PreviewDecoderCost: Sendable, Equatable {
    public var decoder: PreviewDecoderKind
    public var seconds: Double
    /// Measured on this machine (true) or estimated (false).
    public var measured: Bool

    public init(decoder: PreviewDecoderKind, seconds: Double, measured: Bool) {
        self.decoder = decoder
        self.seconds = seconds
        self.measured = measured
    }
}

/// A guess at a decoder's cost before it has run: in seconds, or as a fraction of one step
/// (how a pipeline knows it best: "the VAE at this size costs about 0.8 UNet steps").
public enum PreviewCostEstimate: Sendable, Equatable {
    case seconds(Double)
    case stepFraction(Double)

    public func seconds(stepSeconds: Double) -> Double {
        switch self {
        case let .seconds(value): return value
        case let .stepFraction(fraction): return fraction * stepSeconds
        }
    }
}
