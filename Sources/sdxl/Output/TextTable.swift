import Foundation

/// A fixed-width text table: the first column left-aligned, the others right-aligned.
struct TextTable {
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
