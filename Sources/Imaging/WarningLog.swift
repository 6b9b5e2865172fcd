/// Warnings met while reading a file, kept to a bounded number so that a hostile file cannot
/// grow them without end.
struct WarningLog {
    static let capacity = 16
    private(set) var kept: [String] = []
    private(set) var dropped = 0

    mutating func add(_ warning: String) {
        if kept.count < Self.capacity {
            kept.append(warning)
        } else {
            dropped += 1
        }
    }

    mutating func add(contentsOf warnings: [String]) {
        warnings.forEach { add($0) }
    }

    var messages: [String] {
        dropped == 0 ? kept : kept + ["\(dropped) more warnings"]
    }
}
