import Foundation

/// Chooses the preview decoder and interval so that previews cost at most `maxShare` of the step
/// time: the best-looking decoder that can keep to that budget while still showing a picture at
/// least every `maxInterval` steps wins; cheaper ones are the fallback. Pure logic.
public struct PreviewPolicy: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case off
        /// Pick among the decoders given.
        case automatic
        /// Use only this decoder (still within the cost budget, however rarely that allows).
        case only(PreviewDecoderKind)
        /// This decoder after every `interval`-th step and the last step of each stage, whatever
        /// it costs (what a person asked for on the command line).
        case fixed(PreviewDecoderKind, interval: Int)
    }

    public var mode: Mode
    /// The most that previews may cost, as a fraction of the time of one step.
    public var maxShare: Double
    /// In automatic mode, a decoder that cannot preview at least this often is passed over.
    public var maxInterval: Int

    public init(mode: Mode = .automatic, maxShare: Double = 0.10, maxInterval: Int = 4) {
        self.mode = mode
        self.maxShare = maxShare
        self.maxInterval = max(maxInterval, 1)
    }

    /// The plan for a stage whose steps take `stepSeconds`, given what each decoder costs.
    /// `totalSteps`, when known, rules out intervals longer than the stage.
    public func plan(stepSeconds: Double, costs: [PreviewDecoderCost], totalSteps: Int? = nil) -> PreviewPlan {
        if mode == .off { return .none("previews are off") }
        if case let .fixed(kind, interval) = mode {
            return Self.fixedPlan(kind, interval: interval, stepSeconds: stepSeconds, costs: costs)
        }
        guard stepSeconds.isFinite, stepSeconds > 0 else {
            return .none("no step has been timed yet, so the preview cost cannot be bounded")
        }
        let usable = costs.filter { $0.seconds.isFinite && $0.seconds >= 0 }
        let candidates: [PreviewDecoderCost]
        switch mode {
        case .off, .fixed: candidates = []
        case .automatic: candidates = usable.sorted { $0.decoder > $1.decoder }
        case let .only(kind): candidates = usable.filter { $0.decoder == kind }
        }
        guard !candidates.isEmpty else {
            if case let .only(kind) = mode {
                return .none("the \(kind) is not available or its cost is unknown")
            }
            return .none("no preview decoder is available")
        }

        let budget = maxShare * stepSeconds
        let stepLimit = totalSteps.map { max($0, 1) } ?? Int.max
        let intervalLimit: Int
        if case .only = mode { intervalLimit = stepLimit } else { intervalLimit = min(maxInterval, stepLimit) }

        var passedOver: [String] = []
        for cost in candidates {
            let interval = Self.interval(cost: cost.seconds, budget: budget)
            let costText = "\(cost.decoder) costs \(Self.seconds(cost.seconds)) per preview"
                + " (\(cost.measured ? "measured" : "estimated"), \(Self.percent(cost.seconds / stepSeconds)) of a "
                + "\(Self.seconds(stepSeconds)) step)"
            guard interval <= intervalLimit else {
                passedOver.append("\(costText) and would need \(interval) steps between previews, more than \(intervalLimit)")
                continue
            }
            let share = cost.seconds / (Double(interval) * stepSeconds)
            let every = interval == 1 ? "every step" : "every \(interval) steps"
            var reason = "\(cost.decoder) \(every): \(costText), so previews take \(Self.percent(share)) "
                + "of step time (limit \(Self.percent(maxShare)))"
            if !passedOver.isEmpty { reason += "; passed over: " + passedOver.joined(separator: "; ") }
            return PreviewPlan(decoder: cost.decoder, interval: interval, share: share, reason: reason)
        }
        return .none("no decoder fits the budget of \(Self.percent(maxShare)) of step time: "
                     + passedOver.joined(separator: "; "))
    }

    /// The plan of `.fixed` mode: the decoder at the interval asked for, when it is available.
    static func fixedPlan(_ kind: PreviewDecoderKind, interval: Int, stepSeconds: Double,
                          costs: [PreviewDecoderCost]) -> PreviewPlan {
        guard let cost = costs.first(where: { $0.decoder == kind }) else {
            return .none("the \(kind) is not available")
        }
        let every = max(interval, 1)
        let timed = stepSeconds.isFinite && stepSeconds > 0 && cost.seconds.isFinite
        let share = timed ? cost.seconds / (Double(every) * stepSeconds) : 0
        let steps = every == 1 ? "every step" : "every \(every) steps"
        let spent = timed ? ", which takes \(percent(share)) of step time" : ""
        return PreviewPlan(decoder: kind, interval: every, share: share,
                           reason: "\(kind) \(steps) and at the end of each stage, as asked\(spent)")
    }

    /// Whether the last step of a stage always gets a preview.
    var previewsLastStep: Bool {
        if case .fixed = mode { return true }
        return false
    }

    /// The smallest number of steps between previews that keeps `cost` per preview within `budget`
    /// per step. A tiny tolerance keeps 0.6 / 0.06 at 10 instead of 11 after rounding error.
    static func interval(cost: Double, budget: Double) -> Int {
        guard cost > 0 else { return 1 }
        guard budget > 0 else { return Int.max }
        let ratio = cost / budget
        guard ratio < Double(Int.max / 2) else { return Int.max }
        return max(1, Int((ratio * (1 - 1e-9)).rounded(.up)))
    }

    static func seconds(_ value: Double) -> String {
        value >= 1 ? String(format: "%.2f s", value) : String(format: "%.1f ms", value * 1000)
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f %%", fraction * 100)
    }
}
