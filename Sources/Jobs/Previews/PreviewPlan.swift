/// The preview decision for a job: which decoder, every how many steps, at what expected cost,
/// and a sentence saying why.
public struct PreviewPlan: Sendable, Equatable, CustomStringConvertible {
    /// nil: no previews.
    public var decoder: PreviewDecoderKind?
    /// A preview after every `interval`-th step (1 = every step).
    public var interval: Int
    /// Expected preview cost as a fraction of step time (cost / (interval × step)).
    public var share: Double
    public var reason: String

    public init(decoder: PreviewDecoderKind?, interval: Int, share: Double, reason: String) {
        self.decoder = decoder
        self.interval = max(interval, 1)
        self.share = share
        self.reason = reason
    }

    public static func none(_ reason: String) -> PreviewPlan {
        PreviewPlan(decoder: nil, interval: 1, share: 0, reason: reason)
    }

    /// The decoder to run after step `index` (counted from 1), or nil for no preview then.
    public func decoder(afterStep index: Int) -> PreviewDecoderKind? {
        guard let decoder, index >= 1, index % interval == 0 else { return nil }
        return decoder
    }

    public var description: String { reason }
}
