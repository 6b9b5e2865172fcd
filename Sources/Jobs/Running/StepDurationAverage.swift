/// The moving average of the last few step durations, for the ETA. A window (rather than the
/// mean since the start) lets the estimate forget a slow first step (caches warming up) and follow
/// a machine that gets busier or quieter.
public struct StepDurationAverage: Sendable, Equatable {
    public let window: Int
    private var recent: [Double] = []
    private var next = 0

    public init(window: Int = 5) {
        self.window = max(window, 1)
    }

    /// Adds the duration of one step; negative or non-finite durations are ignored.
    public mutating func record(_ seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        if recent.count < window {
            recent.append(seconds)
        } else {
            recent[next] = seconds
        }
        next = (next + 1) % window
    }

    /// The mean of the recorded durations in the window, or nil before the first.
    public var mean: Double? {
        recent.isEmpty ? nil : recent.reduce(0, +) / Double(recent.count)
    }

    /// Seconds for `remainingSteps` more steps at the average pace, or nil before the first step.
    public func eta(remainingSteps: Int) -> Double? {
        mean.map { $0 * Double(max(remainingSteps, 0)) }
    }

    /// Forgets all durations (a new stage runs at another pace).
    public mutating func reset() {
        recent.removeAll(keepingCapacity: true)
        next = 0
    }
}
