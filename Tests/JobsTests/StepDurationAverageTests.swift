import Jobs
import Testing

@Suite("Step duration average and ETA")
struct StepDurationAverageTests {
    @Test("the mean covers the last few steps only, so a slow first step is forgotten")
    func window() {
        var average = StepDurationAverage(window: 3)
        #expect(average.mean == nil)
        #expect(average.eta(remainingSteps: 10) == nil)
        average.record(9)  // warm-up
        average.record(2)
        average.record(2)
        #expect(average.mean == 13.0 / 3)
        average.record(2)
        #expect(average.mean == 2)
        #expect(average.eta(remainingSteps: 7) == 14)
        #expect(average.eta(remainingSteps: -1) == 0)
    }

    @Test("nonsense durations are ignored and reset forgets")
    func ignoresNonsense() {
        var average = StepDurationAverage()
        average.record(-1)
        average.record(.nan)
        average.record(.infinity)
        #expect(average.mean == nil)
        average.record(1)
        average.record(3)
        #expect(average.mean == 2)
        average.reset()
        #expect(average.mean == nil)
    }
}
