// Typed values of preset files. Every range comes from GenerationParameters' own validation
// (sideRange, stepRange, guidanceScaleRange, aestheticScoreRange, conditioningSideRange), so a
// preset that loads never fails those checks later.
import Imaging
import Schedulers
import StableDiffusionXL
import TerminalUI

/// A range of real numbers whose ends may be open, with the text used in messages.
struct NumberBounds {
    var lower: Double
    var upper: Double
    var lowerIncluded = true
    var upperIncluded = true

    static func closed(_ range: ClosedRange<Double>) -> NumberBounds {
        NumberBounds(lower: range.lowerBound, upper: range.upperBound)
    }

    func contains(_ value: Double) -> Bool {
        value.isFinite
            && (lowerIncluded ? value >= lower : value > lower)
            && (upperIncluded ? value <= upper : value < upper)
    }

    var text: String {
        (lowerIncluded ? "[" : "(") + TOMLText.number(lower) + ", " + TOMLText.number(upper) + (upperIncluded ? "]" : ")")
    }
}

extension PresetReader {
    var guidanceScaleBounds: NumberBounds { .closed(GenerationParameters.guidanceScaleRange) }
    var aestheticBounds: NumberBounds { .closed(GenerationParameters.aestheticScoreRange) }
    static let autoWord = PresetDefaultable<Int>.automaticKeyword

    mutating func invalid(_ table: TOMLTable?, _ entry: TOMLTable.Entry, _ message: String) {
        problems.append(.invalidValue(file: file, line: entry.line, table: table?.name ?? "", key: entry.key,
                                      message: message))
    }

    mutating func wrongType(_ table: TOMLTable?, _ entry: TOMLTable.Entry, expected: String) {
        invalid(table, entry, "expected \(expected), found \(describe(entry.value))")
    }

    /// The value as a message shows it: short, and never with control characters.
    func describe(_ value: TOMLValue) -> String {
        switch value {
        case .string(let text):
            let shown = TerminalText.sanitized(String(text.prefix(40)))
            return "the string \"\(shown)\(text.count > 40 ? "…" : "")\""
        case .integer(let number): return "the integer \(number)"
        case .float(let number): return "the float \(TOMLText.number(number))"
        case .boolean(let flag): return flag ? "true" : "false"
        case .array: return "an array"
        }
    }

    mutating func string(_ table: TOMLTable?, _ entry: TOMLTable.Entry) -> String? {
        guard case .string(let text) = entry.value else {
            wrongType(table, entry, expected: "a string in quotes")
            return nil
        }
        return text
    }

    mutating func text(_ table: TOMLTable?, _ key: String, as kind: PresetText.Kind) -> String? {
        guard let entry = table?[key], let text = string(table, entry) else { return nil }
        if let reason = PresetText.problem(in: text, as: kind) {
            invalid(table, entry, "the text " + reason)
            return nil
        }
        return text
    }

    mutating func boolean(_ table: TOMLTable?, _ key: String) -> Bool? {
        guard let entry = table?[key] else { return nil }
        guard case .boolean(let flag) = entry.value else {
            wrongType(table, entry, expected: "true or false")
            return nil
        }
        return flag
    }

    mutating func integer(_ table: TOMLTable?, _ key: String, in range: ClosedRange<Int>, unit: String) -> Int? {
        guard let entry = table?[key] else { return nil }
        return integer(table, entry, in: range, unit: unit)
    }

    mutating func integer(_ table: TOMLTable?, _ entry: TOMLTable.Entry, in range: ClosedRange<Int>, unit: String) -> Int? {
        guard case .integer(let number) = entry.value else {
            wrongType(table, entry, expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard let value = Int(exactly: number), range.contains(value) else {
            invalid(table, entry, "\(number) is outside the allowed range \(range.lowerBound)...\(range.upperBound) \(unit)")
            return nil
        }
        return value
    }

    mutating func number(_ table: TOMLTable?, _ key: String, in bounds: NumberBounds) -> Double? {
        guard let entry = table?[key] else { return nil }
        let value: Double
        switch entry.value {
        case .float(let number): value = number
        case .integer(let number): value = Double(number)
        default:
            wrongType(table, entry, expected: "a number in \(bounds.text)")
            return nil
        }
        guard bounds.contains(value) else {
            invalid(table, entry, "\(TOMLText.number(value)) is outside the allowed range \(bounds.text)")
            return nil
        }
        return value
    }

    /// `"auto"`, or `read` applied to the entry.
    mutating func defaultable<Value>(_ table: TOMLTable?, _ key: String,
                                     _ read: (inout PresetReader, TOMLTable.Entry) -> Value?) -> PresetDefaultable<Value>? {
        guard let entry = table?[key] else { return nil }
        if case .string(Self.autoWord) = entry.value { return .automatic }
        return read(&self, entry).map { .value($0) }
    }

    /// An output side: "auto" (the model's default) or a multiple of 8 in `sideRange`.
    mutating func side(_ table: TOMLTable?, _ key: String) -> PresetDefaultable<Int>? {
        defaultable(table, key) { reader, entry in
            let range = GenerationParameters.sideRange
            guard case .integer = entry.value else {
                reader.wrongType(table, entry, expected: "\"auto\" or a multiple of \(GenerationParameters.sizeMultiple) "
                                 + "from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            guard let side = reader.integer(table, entry, in: range, unit: "pixels") else { return nil }
            let multiple = GenerationParameters.sizeMultiple
            guard side % multiple == 0 else {
                let nearest = min(max((side + multiple / 2) / multiple * multiple, range.lowerBound), range.upperBound)
                reader.invalid(table, entry, "\(side) is not a multiple of \(multiple); use \(nearest)")
                return nil
            }
            return side
        }
    }

    mutating func steps(_ table: TOMLTable?, _ key: String) -> Int? {
        integer(table, key, in: GenerationParameters.stepRange, unit: "steps")
    }

    mutating func defaultableSteps(_ table: TOMLTable?, _ key: String) -> PresetDefaultable<Int>? {
        defaultable(table, key) { reader, entry in
            let range = GenerationParameters.stepRange
            guard case .integer = entry.value else {
                reader.wrongType(table, entry, expected: "\"auto\" or an integer from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return reader.integer(table, entry, in: range, unit: "steps")
        }
    }

    mutating func sampler(_ table: TOMLTable?, _ key: String) -> PresetDefaultable<SamplerKind>? {
        defaultable(table, key) { reader, entry in
            let names = SamplerKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            guard case .string(let name) = entry.value else {
                reader.wrongType(table, entry, expected: "\"auto\" or a sampler name (\(names))")
                return nil
            }
            guard let kind = SamplerKind(rawValue: name) else {
                reader.invalid(table, entry, "\(reader.describe(entry.value)) is not a sampler; use \"auto\" or one of \(names)")
                return nil
            }
            return kind
        }
    }

    /// A seed: an integer from 0, or its decimal digits in a string for seeds above 2⁶³−1.
    mutating func seedValue(_ table: TOMLTable?, _ entry: TOMLTable.Entry, keywords: String) -> UInt64? {
        let allowed = "\(keywords), or a seed from 0 to \(UInt64.max) (above \(Int64.max) write the digits in quotes)"
        switch entry.value {
        case .integer(let number):
            guard let seed = UInt64(exactly: number) else {
                invalid(table, entry, "\(number) is not a seed; use \(allowed)")
                return nil
            }
            return seed
        case .string(let text):
            guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let seed = UInt64(text) else {
                invalid(table, entry, "\(describe(entry.value)) is not a seed; use \(allowed)")
                return nil
            }
            return seed
        default:
            wrongType(table, entry, expected: allowed)
            return nil
        }
    }

    mutating func seed(_ table: TOMLTable?, _ key: String) -> PresetSeed? {
        guard let entry = table?[key] else { return nil }
        if case .string(PresetSeed.randomKeyword) = entry.value { return .random }
        return seedValue(table, entry, keywords: "\"\(PresetSeed.randomKeyword)\"").map { .fixed($0) }
    }

    mutating func refinerSeed(_ table: TOMLTable?, _ key: String) -> PresetDefaultable<UInt64>? {
        defaultable(table, key) { reader, entry in
            reader.seedValue(table, entry, keywords: "\"auto\" (continue the base model's random numbers)")
        }
    }

    /// A micro-conditioning size: "auto" or "WIDTHxHEIGHT", both sides in `conditioningSideRange`.
    mutating func conditioningSize(_ table: TOMLTable?, _ key: String) -> PresetDefaultable<PixelSize>? {
        defaultable(table, key) { reader, entry in
            let range = GenerationParameters.conditioningSideRange
            let allowed = "\"auto\" or \"WIDTHxHEIGHT\" with both sides from \(range.lowerBound) to \(range.upperBound)"
            guard case .string(let text) = entry.value else {
                reader.wrongType(table, entry, expected: allowed)
                return nil
            }
            guard let size = Self.parseSize(text), range.contains(size.width), range.contains(size.height) else {
                reader.invalid(table, entry, "\(reader.describe(entry.value)) is not a usable size; use \(allowed)")
                return nil
            }
            return size
        }
    }

    /// A crop corner: "TOP,LEFT", both from 0 to the largest conditioning side less one.
    mutating func crop(_ table: TOMLTable?, _ key: String) -> CropOffset? {
        guard let entry = table?[key] else { return nil }
        let limit = GenerationParameters.conditioningSideRange.upperBound - 1
        let allowed = "\"TOP,LEFT\" with both from 0 to \(limit)"
        guard case .string(let text) = entry.value else {
            wrongType(table, entry, expected: allowed)
            return nil
        }
        guard let crop = Self.parseCrop(text), (0...limit).contains(crop.top), (0...limit).contains(crop.left) else {
            invalid(table, entry, "\(describe(entry.value)) is not a usable crop corner; use \(allowed)")
            return nil
        }
        return crop
    }

    /// The crop's corner must lie inside the original picture, when the file gives its size.
    mutating func checkCrop(_ table: TOMLTable?, _ key: String, _ crop: CropOffset?, within size: PixelSize?,
                            sizeKey: String) {
        guard let crop, let size, let entry = table?[key] else { return }
        if crop.top >= size.height || crop.left >= size.width {
            invalid(table, entry, "\(crop) (top,left) lies outside the \(sizeKey) \(size); "
                    + "keep top below \(size.height) and left below \(size.width)")
        }
    }

    mutating func refinerMode(_ table: TOMLTable?, stepsForStrength steps: Int?) -> RefinerMode? {
        let switchAt = number(table, "switch_at", in: NumberBounds(lower: 0, upper: 1, lowerIncluded: false, upperIncluded: false))
        let strength = number(table, "strength", in: NumberBounds(lower: 0, upper: 1, lowerIncluded: false, upperIncluded: true))
        guard let entry = table?["mode"] else {
            for key in ["switch_at", "strength"] {
                if let stray = table?[key] {
                    invalid(table, stray, "needs `mode` in [refiner] (\"ensemble\" for switch_at, \"refine_image\" for strength)")
                }
            }
            return nil
        }
        guard let name = string(table, entry) else { return nil }
        let mode: RefinerMode
        switch name {
        case "none": mode = .none
        case "ensemble": mode = .ensemble(switchAt: switchAt ?? RefinerMode.defaultSwitch)
        case "refine_image": mode = .refineImage(strength: strength ?? RefinerMode.defaultStrength)
        default:
            invalid(table, entry, "\(describe(entry.value)) is not a refiner mode; use one of "
                    + PresetSchema.refinerModes.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        if let stray = table?["switch_at"], name != "ensemble" {
            invalid(table, stray, "applies only to mode = \"ensemble\", not \"\(name)\"")
        }
        if let stray = table?["strength"], name != "refine_image" {
            invalid(table, stray, "applies only to mode = \"refine_image\", not \"\(name)\"")
        }
        if case .refineImage(let strength) = mode, let steps, Int(Double(steps) * strength) < 1 {
            let culprit = table?["strength"] ?? entry
            invalid(table, culprit, "strength \(TOMLText.number(strength)) of \(steps) steps runs no step "
                    + "(⌊steps × strength⌋ = 0); raise the strength or the steps")
        }
        return mode
    }

    /// "WIDTHxHEIGHT" with plain decimal digits (no signs, no spaces).
    static func parseSize(_ text: String) -> PixelSize? {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = plainInteger(parts[0]), let height = plainInteger(parts[1]) else { return nil }
        return PixelSize(width: width, height: height)
    }

    /// "TOP,LEFT" with plain decimal digits, spaces allowed after the comma.
    static func parseCrop(_ text: String) -> CropOffset? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let top = plainInteger(parts[0]),
              let left = plainInteger(parts[1].drop { $0 == " " }) else { return nil }
        return CropOffset(top: top, left: left)
    }

    private static func plainInteger(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
