/// Progress after one completed step of a stage.
public struct StepReport: Sendable, Equatable {
    /// The stage the step belongs to.
    public var stage: JobStage
    /// Steps completed in this stage, 1...total.
    public var index: Int
    public var total: Int
    /// Seconds since the job started running.
    public var elapsed: Double
    /// Estimated seconds until the stage's last step completes, from the moving average of recent
    /// step durations; nil before the first step has been timed.
    public var eta: Double?
    /// How long this step took, previews made after the step before excluded.
    public var seconds: Double?

    public init(stage: JobStage, index: Int, total: Int, elapsed: Double, eta: Double?, seconds: Double? = nil) {
        self.stage = stage
        self.index = index
        self.total = total
        self.elapsed = elapsed
        self.eta = eta
        self.seconds = seconds
    }

    /// Fraction of the stage done, 0...1.
    public var fraction: Double { total > 0 ? min(max(Double(index) / Double(total), 0), 1) : 0 }
}
