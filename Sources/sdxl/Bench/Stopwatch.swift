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
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
            spent += seconds
            repetitions += 1
        }
        return best
    }
}

/// A fixed-width text table for benchmark output.
struct FigureTable {
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(_ columns: String...) { self.columns = columns }

    mutating func append(_ cells: String...) { rows.append(cells) }

    func render() -> String {
        let widths = columns.indices.map { c in ([columns[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { index, pair in
                index == 0 ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                           : String(repeating: " ", count: pair.1 - pair.0.count) + pair.0
            }.joined(separator: "  ")
        }
        return ([line(columns)] + rows.map(line)).joined(separator: "\n")
    }
}

func formatted(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
