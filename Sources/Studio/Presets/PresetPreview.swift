// The preview settings a preset may carry; they steer the job queue's PreviewPolicy
// (Sources/Jobs/Previews), not the generation itself.
import Jobs

/// Which decoder draws the previews of a running job, and how often.
public struct PresetPreview: Hashable, Sendable {
    public enum Decoder: String, CaseIterable, Hashable, Sendable {
        /// No previews.
        case off
        /// The best decoder that keeps previews within the policy's share of the step time.
        case auto
        case latentRGB = "latent_rgb"
        case tinyAutoencoder = "taesdxl"
        case vae

        /// The queue's decoder, for the three that name one.
        public var kind: PreviewDecoderKind? {
            switch self {
            case .off, .auto: return nil
            case .latentRGB: return .latentRGB
            case .tinyAutoencoder: return .tinyAutoencoder
            case .vae: return .vae
            }
        }

        init(_ kind: PreviewDecoderKind) {
            switch kind {
            case .latentRGB: self = .latentRGB
            case .tinyAutoencoder: self = .tinyAutoencoder
            case .vae: self = .vae
            }
        }
    }

    /// Steps between previews, the range `sdxl generate --preview-every` accepts.
    public static let intervalRange = 1...1000
    /// The interval used with a named decoder when neither the preset nor the policy gives one.
    public static let defaultInterval = 5

    public var decoder: Decoder?
    /// With a named decoder: a preview after every `interval` steps (and at the end of each stage).
    /// With `auto`: the longest interval allowed.
    public var interval: Int?

    public init(decoder: Decoder? = nil, interval: Int? = nil) {
        self.decoder = decoder
        self.interval = interval
    }

    public var isEmpty: Bool { decoder == nil && interval == nil }

    /// The preview settings of `policy` (`.only(kind)` becomes that decoder at the policy's
    /// longest interval).
    public init(capturing policy: PreviewPolicy) {
        switch policy.mode {
        case .off: self.init(decoder: .off)
        case .automatic: self.init(decoder: .auto, interval: policy.maxInterval)
        case .only(let kind): self.init(decoder: Decoder(kind), interval: policy.maxInterval)
        case .fixed(let kind, let interval): self.init(decoder: Decoder(kind), interval: interval)
        }
    }

    /// Changes what this preset names in `policy` and keeps the rest (including its cost share).
    public func apply(to policy: inout PreviewPolicy) {
        var currentInterval: Int {
            if case .fixed(_, let interval) = policy.mode { return interval }
            return policy.maxInterval
        }
        switch decoder {
        case nil:
            guard let interval else { return }
            if case .fixed(let kind, _) = policy.mode {
                policy.mode = .fixed(kind, interval: interval)
            } else {
                policy.maxInterval = interval
            }
        case .off?:
            policy.mode = .off
        case .auto?:
            policy.mode = .automatic
            if let interval { policy.maxInterval = interval }
        case let named?:
            guard let kind = named.kind else { return }
            policy.mode = .fixed(kind, interval: interval ?? currentInterval)
        }
    }
}
