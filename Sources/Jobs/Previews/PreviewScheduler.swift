/// Keeps the preview plan of one running stage up to date: it holds each decoder's cost (an
/// estimate until the decoder has run, then the moving average of its measured runs) and asks the
/// `PreviewPolicy` again whenever the step time or a cost changes.
public struct PreviewScheduler: Sendable, Equatable {
    public var policy: PreviewPolicy
    private var estimates: [PreviewDecoderKind: PreviewCostEstimate]
    private var measured: [PreviewDecoderKind: Double] = [:]
    /// The plan from the latest `replan`, nil before the first.
    public private(set) var plan: PreviewPlan?

    /// `available` lists the decoders the runner can use, each with a cost estimate.
    public init(policy: PreviewPolicy = PreviewPolicy(), available: [PreviewDecoderKind: PreviewCostEstimate] = [:]) {
        self.policy = policy
        self.estimates = available
    }

    /// Records the duration of one preview made with `decoder` (the mean of the last measurement
    /// and the new one, so a one-off hiccup does not swing the plan).
    public mutating func recordCost(_ decoder: PreviewDecoderKind, seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        if estimates[decoder] == nil { estimates[decoder] = .seconds(seconds) }
        measured[decoder] = measured[decoder].map { ($0 + seconds) / 2 } ?? seconds
    }

    /// The costs the policy sees for a step of `stepSeconds`.
    public func costs(stepSeconds: Double) -> [PreviewDecoderCost] {
        estimates.keys.sorted().map { kind in
            if let seconds = measured[kind] {
                return PreviewDecoderCost(decoder: kind, seconds: seconds, measured: true)
            }
            let guess = estimates[kind]?.seconds(stepSeconds: stepSeconds) ?? .infinity
            return PreviewDecoderCost(decoder: kind, seconds: guess, measured: false)
        }
    }

    /// Recomputes the plan; returns it when it differs from the previous one in decoder or
    /// interval (what a UI would show), nil otherwise.
    @discardableResult
    public mutating func replan(stepSeconds: Double?, totalSteps: Int?) -> PreviewPlan? {
        let next = policy.plan(stepSeconds: stepSeconds ?? 0, costs: costs(stepSeconds: stepSeconds ?? 0),
                               totalSteps: totalSteps)
        let changed = plan.map { $0.decoder != next.decoder || $0.interval != next.interval } ?? true
        plan = next
        return changed ? next : nil
    }

    /// The decoder to run after step `index`, or nil. `stageSteps`, when known, lets a fixed
    /// policy add the stage's last step.
    public func decoder(afterStep index: Int, stageSteps: Int? = nil) -> PreviewDecoderKind? {
        if let decoder = plan?.decoder(afterStep: index) { return decoder }
        guard policy.previewsLastStep, let stageSteps, index == stageSteps else { return nil }
        return plan?.decoder
    }
}
