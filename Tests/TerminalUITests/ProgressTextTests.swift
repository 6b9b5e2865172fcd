import Testing
@testable import TerminalUI

@Suite("Progress text and rate")
struct ProgressTextTests {
    @Test("the status line")
    func status() {
        #expect(ProgressText.steps(completed: 12, total: 30, stepsPerSecond: 1.4, secondsRemaining: 17)
                == "step 12/30 · 1.4 it/s · ETA 0:17")
        #expect(ProgressText.steps(completed: 3, total: 30, stepsPerSecond: 0.25, secondsRemaining: 108)
                == "step 3/30 · 4.0 s/it · ETA 1:48")
        #expect(ProgressText.steps(completed: 0, total: 30) == "step 0/30")
        #expect(ProgressText.steps(completed: 1, total: 2, stepsPerSecond: .infinity, secondsRemaining: .nan) == "step 1/2")
    }

    @Test("durations")
    func durations() {
        #expect(ProgressText.duration(0) == "0:00")
        #expect(ProgressText.duration(16.2) == "0:17")
        #expect(ProgressText.duration(725) == "12:05")
        #expect(ProgressText.duration(3723) == "1:02:03")
        #expect(ProgressText.duration(-5) == "0:00")
    }

    @Test("rate meter averages and predicts")
    func meter() {
        var meter = StepRateMeter(smoothing: 0.5)
        meter.record(step: 0, at: 10)
        #expect(meter.stepsPerSecond == nil)
        meter.record(step: 1, at: 11)          // 1 it/s
        #expect(meter.stepsPerSecond == 1)
        meter.record(step: 2, at: 11.5)        // 2 it/s → average 1.5
        #expect(meter.stepsPerSecond == 1.5)
        #expect(meter.secondsRemaining(total: 5) == 2)
        meter.record(step: 2, at: 12)          // no progress: ignored
        #expect(meter.stepsPerSecond == 1.5)
    }
}
