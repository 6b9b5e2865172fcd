import Imaging
import Schedulers
import StableDiffusionXL
import TerminalUI

extension StudioSettings {
    /// The sampler picker's choices; nil is the model's own scheduler.
    static let samplerChoices: [SamplerKind?] = [nil] + SamplerKind.allCases.map { $0 }

    /// The slider that shows and edits `row` now.
    public func slider(for row: SettingRow) -> SliderState {
        let side = Double(GenerationParameters.sideRange.upperBound)
        let grid = Double(buckets.grid)
        let sizeFormat: @Sendable (Double) -> String = { "\(Int($0)) px" }
        switch row {
        case .sizeMode:
            return Self.picker(SizeMode.allCases.map(\.rawValue), selected: SizeMode.allCases.firstIndex(of: sizeMode) ?? 0)
        case .aspect:
            let labels = buckets.sizes.map { "\($0.width)×\($0.height) \(SizeBuckets.ratioLabel($0))" }
            return Self.picker(labels, selected: buckets.nearest(to: size))
        case .width, .height:
            let value = Double(row == .width ? size.width : size.height)
            let snap: @Sendable (Double) -> Double = { [buckets] in buckets.snappedToGrid($0) }
            return SliderState(value: value, range: grid...side, fineStep: grid, coarseStep: grid * 4,
                               snap: snap, format: sizeFormat)
        case .originalWidth, .originalHeight, .targetWidth, .targetHeight:
            let given = row == .originalWidth || row == .originalHeight ? parameters.originalSize : parameters.targetSize
            let shown = given ?? size
            let value = Double(row == .originalWidth || row == .targetWidth ? shown.width : shown.height)
            let automatic = given == nil
            return SliderState(value: value, range: 1...Double(GenerationParameters.conditioningSideRange.upperBound),
                               fineStep: grid, coarseStep: grid * 4, snap: { $0.rounded() },
                               format: { "\(Int($0))" + (automatic ? " auto" : " px") })
        case .cropTop, .cropLeft:
            let original = effectiveOriginalSize
            let limit = Double(max(0, row == .cropTop ? original.height - 1 : original.width - 1))
            let value = Double(row == .cropTop ? parameters.cropTopLeft.top : parameters.cropTopLeft.left)
            return SliderState(value: value, range: 0...limit, fineStep: max(1, grid / 8), coarseStep: grid,
                               snap: { $0.rounded() }, format: sizeFormat)
        case .steps:
            let range = GenerationParameters.stepRange
            return SliderState(value: Double(parameters.steps), range: Double(range.lowerBound)...Double(min(range.upperBound, 200)),
                               fineStep: 1, coarseStep: 10, snap: { $0.rounded() })
        case .guidance:
            return SliderState(value: parameters.guidanceScale, range: 0...30, fineStep: 0.5, coarseStep: 2.5,
                               snap: { ($0 * 10).rounded() / 10 })
        case .rescale:
            return SliderState(value: parameters.guidanceRescale, range: 0...1, fineStep: 0.05, coarseStep: 0.25,
                               snap: { ($0 * 100).rounded() / 100 })
        case .sampler:
            let labels = Self.samplerChoices.map { $0?.rawValue ?? "model's own" }
            return Self.picker(labels, selected: Self.samplerChoices.firstIndex(of: parameters.sampler) ?? 0)
        case .seed:
            return SliderState(value: Double(parameters.seed), range: 0...Double(UInt32.max), fineStep: 1, coarseStep: 1000,
                               snap: { $0.rounded() })
        case .seedMode:
            return Self.picker(SeedMode.allCases.map(\.rawValue), selected: SeedMode.allCases.firstIndex(of: seedMode) ?? 0)
        case .refiner:
            return Self.picker(RefinerChoice.allCases.map(\.rawValue),
                               selected: RefinerChoice.allCases.firstIndex(of: refinerChoice) ?? 0)
        case .refinerAmount:
            let value = refinerChoice == .refine ? refineStrength : ensembleSwitch
            return SliderState(value: value, range: 0.05...0.95, fineStep: 0.05, coarseStep: 0.2,
                               snap: { ($0 * 100).rounded() / 100 })
        case .aestheticScore, .negativeAestheticScore:
            let value = row == .aestheticScore ? parameters.aestheticScore : parameters.negativeAestheticScore
            let range = GenerationParameters.aestheticScoreRange
            return SliderState(value: value, range: range, fineStep: 0.5, coarseStep: 2, snap: { ($0 * 10).rounded() / 10 })
        case .preview:
            return Self.picker(previewChoices.map(\.rawValue), selected: previewChoices.firstIndex(of: preview) ?? 0)
        case .previewInterval:
            return SliderState(value: Double(previewInterval), range: 1...50, fineStep: 1, coarseStep: 5,
                               snap: { $0.rounded() }, format: { "every \(Int($0))" })
        }
    }

    /// Writes a slider's value back into the setting of `row`, keeping dependent settings valid.
    public mutating func set(_ row: SettingRow, to value: Double) {
        let whole = Int(value.rounded())
        switch row {
        case .sizeMode:
            sizeMode = Self.choice(SizeMode.allCases, at: whole)
            if sizeMode == .buckets { size = buckets.sizes[buckets.nearest(to: size)] }
        case .aspect:
            size = Self.choice(buckets.sizes, at: whole)
            sizeMode = .buckets
        case .width:
            size = PixelSize(width: whole, height: size.height)
            sizeMode = .free
        case .height:
            size = PixelSize(width: size.width, height: whole)
            sizeMode = .free
        case .originalWidth:
            parameters.originalSize = PixelSize(width: whole, height: effectiveOriginalSize.height)
        case .originalHeight:
            parameters.originalSize = PixelSize(width: effectiveOriginalSize.width, height: whole)
        case .targetWidth:
            parameters.targetSize = PixelSize(width: whole, height: effectiveTargetSize.height)
        case .targetHeight:
            parameters.targetSize = PixelSize(width: effectiveTargetSize.width, height: whole)
        case .cropTop:
            parameters.cropTopLeft = CropOffset(top: whole, left: parameters.cropTopLeft.left)
        case .cropLeft:
            parameters.cropTopLeft = CropOffset(top: parameters.cropTopLeft.top, left: whole)
        case .steps: parameters.steps = whole
        case .guidance: parameters.guidanceScale = value
        case .rescale: parameters.guidanceRescale = value
        case .sampler: parameters.sampler = Self.choice(Self.samplerChoices, at: whole)
        case .seed: parameters.seed = UInt64(max(0, whole))
        case .seedMode: seedMode = Self.choice(SeedMode.allCases, at: whole)
        case .refiner:
            switch Self.choice(RefinerChoice.allCases, at: whole) {
            case .off: parameters.refiner = .none
            case .ensemble: parameters.refiner = hasRefiner ? .ensemble(switchAt: ensembleSwitch) : .none
            case .refine: parameters.refiner = hasRefiner ? .refineImage(strength: refineStrength) : .none
            }
        case .refinerAmount:
            switch refinerChoice {
            case .ensemble:
                ensembleSwitch = value
                parameters.refiner = .ensemble(switchAt: value)
            case .refine:
                refineStrength = value
                parameters.refiner = .refineImage(strength: value)
            case .off: break
            }
        case .aestheticScore: parameters.aestheticScore = value
        case .negativeAestheticScore: parameters.negativeAestheticScore = value
        case .preview: preview = Self.choice(previewChoices, at: whole)
        case .previewInterval: previewInterval = max(1, whole)
        }
        clampCrop()
    }

    /// The choice at a picker's `index`, which may lie outside the list.
    static func choice<Element>(_ choices: [Element], at index: Int) -> Element {
        choices[min(max(0, index), choices.count - 1)]
    }

    /// A slider over the indices of `labels`, shown by name.
    static func picker(_ labels: [String], selected: Int) -> SliderState {
        SliderState(value: Double(selected), range: 0...Double(max(0, labels.count - 1)), fineStep: 1, coarseStep: 1,
                    snap: { $0.rounded() },
                    format: { choice(labels, at: Int($0)) })
    }

    /// The amount row's label: the switch point or the strength, depending on the refiner mode.
    public func label(for row: SettingRow) -> String {
        if row == .refinerAmount, refinerChoice == .refine { return "Strength" }
        return row.label
    }
}
