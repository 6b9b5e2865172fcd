import Foundation

/// Repeats work for a time budget and keeps the fastest repetition, which is the least
/// disturbed by other load on a shared machine.
enum Stopwatch {
    static func bestSeconds(budget: Double, minimumRepetitions: Int = 2, _ work: () -> Void) -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        var spent = 0.0
        var repetitions = 0
        while repetitions < minimumRepetitions || spent < budget {
            let elapsed = clock.measure(work)
            let seconds = elapsed.seconds
            best = min(best, seconds)
            spent += seconds
            repetitions += 1
        }
        return best
    }
}

func formatted(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
