/// How long one job took, as a whole and per stage (in the order the stages ran).
public struct JobTimings: Sendable, Codable, Equatable {
    /// The time spent in one stage. `steps` counts the steps completed in it (0 for stages without steps).
    public struct Stage: Sendable, Codable, Equatable {
        public var stage: JobStage
        public var seconds: Double
        public var steps: Int

        public init(stage: JobStage, seconds: Double, steps: Int) {
            self.stage = stage
            self.seconds = seconds
            self.steps = steps
        }

        /// Mean seconds per step, or nil for a stage without steps.
        public var secondsPerStep: Double? { steps > 0 ? seconds / Double(steps) : nil }
    }

    /// The previews made during a job: how many, and the seconds they took in all (part of the
    /// stages' time, not of their steps').
    public struct Previews: Sendable, Codable, Equatable {
        public var count: Int
        public var seconds: Double

        public init(count: Int, seconds: Double) {
            self.count = count
            self.seconds = seconds
        }
    }

    /// From the job's start on its worker to the end of its run (saving excluded).
    public var totalSeconds: Double
    public var stages: [Stage]
    /// nil when no preview was made.
    public var previews: Previews?

    public init(totalSeconds: Double, stages: [Stage], previews: Previews? = nil) {
        self.totalSeconds = totalSeconds
        self.stages = stages
        self.previews = previews
    }

    public static let zero = JobTimings(totalSeconds: 0, stages: [])

    enum CodingKeys: String, CodingKey {
        case totalSeconds = "total_seconds"
        case stages
        case previews
    }
}

extension JobTimings.Stage {
    enum CodingKeys: String, CodingKey {
        case stage, seconds, steps
    }
}
