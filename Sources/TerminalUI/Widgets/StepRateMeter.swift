/// Estimates steps per second from the times steps finished, and the time left. The rate is an
/// exponential moving average of per-step rates, so one slow step (a preview decode, say) moves
/// it only part of the way.
public struct StepRateMeter: Hashable, Sendable {
    /// Weight of the newest step in the average (0–1].
    public var smoothing: Double
    public private(set) var stepsPerSecond: Double?
    private var lastTime: Double?
    private var lastStep: Int?

    public init(smoothing: Double = 0.3) {
        self.smoothing = min(1, max(0.01, smoothing))
    }

    /// Records that `step` finished at `time` (seconds on any monotonic clock).
    public mutating func record(step: Int, at time: Double) {
        defer {
            lastTime = time
            lastStep = step
        }
        guard let previousTime = lastTime, let previousStep = lastStep,
              step > previousStep, time > previousTime else { return }
        let rate = Double(step - previousStep) / (time - previousTime)
        if let current = stepsPerSecond {
            stepsPerSecond = current + smoothing * (rate - current)
        } else {
            stepsPerSecond = rate
        }
    }

    /// Seconds until `total` steps are done, or nil before the rate is known.
    public func secondsRemaining(total: Int) -> Double? {
        guard let rate = stepsPerSecond, rate > 0, let done = lastStep else { return nil }
        return Double(max(0, total - done)) / rate
    }
}
