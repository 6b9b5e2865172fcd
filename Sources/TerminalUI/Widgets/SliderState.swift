/// A number chosen in a range by fine and coarse steps or by typing it exactly.
///
/// `snap` maps any number to the nearest allowed one (multiples of 64, a list of buckets,
/// whole numbers…); every value the slider takes passes through it and is clamped to `range`.
public struct SliderState: Sendable {
    public private(set) var value: Double
    public let range: ClosedRange<Double>
    public var fineStep: Double
    public var coarseStep: Double
    public let snap: @Sendable (Double) -> Double
    public let format: @Sendable (Double) -> String
    /// The text typed so far while entering a number; nil when not entering.
    public private(set) var entry: String?
    /// Set when the last typed entry was not a number; cleared by the next key.
    public private(set) var entryError: String?

    public init(value: Double, range: ClosedRange<Double>, fineStep: Double, coarseStep: Double,
                snap: @escaping @Sendable (Double) -> Double = { $0 },
                format: @escaping @Sendable (Double) -> String = SliderState.defaultFormat) {
        self.range = range
        self.fineStep = fineStep
        self.coarseStep = coarseStep
        self.snap = snap
        self.format = format
        self.value = range.lowerBound
        self.value = settled(value)
    }

    /// Whole numbers without a point, others with up to three decimals.
    public static let defaultFormat: @Sendable (Double) -> String = { value in
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(Int((value * 1000).rounded()))
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        while text.count < 4 { text = "0" + text }
        var result = String(text.dropLast(3)) + "." + String(text.suffix(3))
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return (negative && result != "0" ? "-" : "") + result
    }

    /// Where `value` sits in the range, 0…1.
    public var fraction: Double {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0
    }

    /// The value as shown: the entry while typing, else the formatted value.
    public var displayText: String { entry ?? format(value) }

    /// Clamped to the range, snapped, and clamped again (a snap function may step outside).
    public func settled(_ candidate: Double) -> Double {
        guard candidate.isFinite else { return value }
        let clamped = min(range.upperBound, max(range.lowerBound, candidate))
        let snapped = snap(clamped)
        guard snapped.isFinite else { return clamped }
        return min(range.upperBound, max(range.lowerBound, snapped))
    }

    public mutating func set(_ newValue: Double) {
        value = settled(newValue)
    }

    /// Moves by one step up (`direction` > 0) or down. When the snap grid is coarser than the
    /// step, it keeps stepping until the snapped value changes or the end of the range is reached.
    public mutating func step(_ direction: Int, coarse: Bool = false) {
        guard direction != 0 else { return }
        let size = abs(coarse ? coarseStep : fineStep)
        guard size > 0 else { return }
        let sign: Double = direction > 0 ? 1 : -1
        var candidate = value
        let limit = 1 + Int(((range.upperBound - range.lowerBound) / size).rounded(.up))
        for _ in 0..<max(1, limit) {
            candidate += sign * size
            let next = settled(candidate)
            if next != value {
                value = next
                return
            }
            if candidate >= range.upperBound || candidate <= range.lowerBound { return }
        }
    }

    public mutating func setToMinimum() { value = settled(range.lowerBound) }
    public mutating func setToMaximum() { value = settled(range.upperBound) }

    // MARK: Typed entry

    public var isEntering: Bool { entry != nil }

    public mutating func beginEntry(_ initial: String = "") {
        entry = initial
        entryError = nil
    }

    /// Adds a typed character if it can be part of a number (digits, one point, a leading minus
    /// when the range allows negatives, an exponent is not accepted).
    public mutating func type(_ character: Character) {
        var text = entry ?? ""
        switch character {
        case "0"..."9": text.append(character)
        case ".", ",": if !text.contains(".") { text.append(".") }
        case "-": if text.isEmpty, range.lowerBound < 0 { text.append("-") }
        default: return
        }
        entry = text
        entryError = nil
    }

    public mutating func deleteBackward() {
        guard var text = entry, !text.isEmpty else { return }
        text.removeLast()
        entry = text
    }

    /// Takes the typed number (clamped and snapped). Returns false and keeps the entry open, with
    /// `entryError` set, when the text is not a number.
    @discardableResult
    public mutating func commitEntry() -> Bool {
        guard let text = entry else { return true }
        guard let number = Double(text), number.isFinite else {
            entryError = text.isEmpty ? "type a number" : "\"\(text)\" is not a number"
            return false
        }
        value = settled(number)
        entry = nil
        entryError = nil
        return true
    }

    public mutating func cancelEntry() {
        entry = nil
        entryError = nil
    }
}
