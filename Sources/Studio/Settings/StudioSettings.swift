import Imaging
import Jobs
import Schedulers
import StableDiffusionXL
import TerminalUI

/// Every setting of the next job except the prompt texts, as the settings panel edits it.
///
/// The panel never holds sliders of its own: each row's `SliderState` is made from these values
/// when it is drawn or a key arrives, and the key's result is written back here. So one value
/// owns each setting, and bounds that depend on others (a crop inside its original size) are
/// always current.
public struct StudioSettings: Sendable, Equatable {
    public enum SizeMode: String, Sendable, Codable, CaseIterable { case buckets, free }
    public enum SeedMode: String, Sendable, Codable, CaseIterable { case random, locked }
    public enum RefinerChoice: String, Sendable, Codable, CaseIterable { case off, ensemble, refine }
    public enum PreviewChoice: String, Sendable, Codable, CaseIterable {
        case auto, vae, tae, latent, off

        /// A preset's decoder as the panel offers it.
        init(_ decoder: PresetPreview.Decoder) {
            switch decoder {
            case .off: self = .off
            case .auto: self = .auto
            case .tinyAutoencoder: self = .tae
            case .latentRGB: self = .latent
            case .vae: self = .vae
            }
        }
    }

    /// Prompt fields are ignored here; the editors own the texts.
    public var parameters: GenerationParameters
    public var sizeMode: SizeMode
    public var seedMode: SeedMode
    public var preview: PreviewChoice
    public var previewInterval: Int
    /// The sizes offered for the loaded model.
    public let buckets: SizeBuckets
    /// The model's own output size, used until a size is chosen.
    public let defaultSize: PixelSize
    /// Whether a refiner model is loaded; without one the refiner rows stay off.
    public let hasRefiner: Bool
    /// Whether TAESDXL is loaded; without it the preview picker does not offer it.
    public let hasTinyAutoencoder: Bool
    /// The switch point and strength, remembered while the refiner is off.
    var ensembleSwitch = RefinerMode.defaultSwitch
    var refineStrength = RefinerMode.defaultStrength

    public init(parameters: GenerationParameters, buckets: SizeBuckets, defaultSize: PixelSize, hasRefiner: Bool,
                hasTinyAutoencoder: Bool = false, sizeMode: SizeMode = .buckets, seedMode: SeedMode = .random,
                preview: PreviewChoice = .auto, previewInterval: Int = 1) {
        self.parameters = parameters
        self.buckets = buckets
        self.defaultSize = defaultSize
        self.hasRefiner = hasRefiner
        self.hasTinyAutoencoder = hasTinyAutoencoder
        self.sizeMode = sizeMode
        self.seedMode = seedMode
        self.preview = preview == .tae && !hasTinyAutoencoder ? .auto : preview
        self.previewInterval = max(1, previewInterval)
        adoptRefinerMode()
        if sizeMode == .buckets, !buckets.sizes.contains(size) { self.sizeMode = .free }
    }

    /// The output size (the model's default until one is chosen).
    public var size: PixelSize {
        get {
            PixelSize(width: parameters.width ?? defaultSize.width, height: parameters.height ?? defaultSize.height)
        }
        set {
            parameters.width = newValue.width
            parameters.height = newValue.height
        }
    }

    /// The original size the conditioning uses: the given one, else the output size (diffusers).
    public var effectiveOriginalSize: PixelSize { parameters.originalSize ?? size }
    /// The target size the conditioning uses: the given one, else the output size.
    public var effectiveTargetSize: PixelSize { parameters.targetSize ?? size }

    public var refinerChoice: RefinerChoice {
        switch parameters.refiner {
        case .none: return .off
        case .ensemble: return .ensemble
        case .refineImage: return .refine
        }
    }

    /// The rows that apply now (the refiner's only with a refiner loaded).
    public var visibleRows: [SettingRow] {
        SettingRow.allCases.filter { row in
            switch row {
            case .refinerAmount: return refinerChoice != .off
            case .aestheticScore, .negativeAestheticScore: return hasRefiner && refinerChoice != .off
            case .refiner: return hasRefiner
            case .previewInterval: return preview == .vae || preview == .latent || preview == .tae
            default: return true
            }
        }
    }

    /// Keeps the refiner off without a refiner model, and remembers the switch point or strength.
    mutating func adoptRefinerMode() {
        if !hasRefiner { parameters.refiner = .none }
        switch parameters.refiner {
        case .ensemble(let at): ensembleSwitch = at
        case .refineImage(let strength): refineStrength = strength
        case .none: break
        }
    }

    /// Swaps width and height (and the original and target sizes that were given).
    public mutating func swapSides() {
        size = PixelSize(width: size.height, height: size.width)
        if let original = parameters.originalSize {
            parameters.originalSize = PixelSize(width: original.height, height: original.width)
        }
        if let target = parameters.targetSize {
            parameters.targetSize = PixelSize(width: target.height, height: target.width)
        }
        clampCrop()
    }

    /// Puts back the automatic value of a row that has one (original and target sizes follow
    /// the output size; the crop goes to 0,0). Returns false for other rows.
    public mutating func resetToAutomatic(_ row: SettingRow) -> Bool {
        switch row {
        case .originalWidth, .originalHeight: parameters.originalSize = nil
        case .targetWidth, .targetHeight: parameters.targetSize = nil
        case .cropTop, .cropLeft: parameters.cropTopLeft = CropOffset(top: 0, left: 0)
        default: return false
        }
        clampCrop()
        return true
    }

    /// Keeps the crop corner inside the original size, as the pipeline requires.
    mutating func clampCrop() {
        let original = effectiveOriginalSize
        parameters.cropTopLeft = CropOffset(top: min(parameters.cropTopLeft.top, max(0, original.height - 1)),
                                            left: min(parameters.cropTopLeft.left, max(0, original.width - 1)))
    }

    /// The preview policy a job submitted now gets.
    public var previewPolicy: PreviewPolicy {
        switch preview {
        case .auto: return PreviewPolicy()
        case .off: return PreviewPolicy(mode: .off)
        case .vae: return PreviewPolicy(mode: .fixed(.vae, interval: previewInterval))
        case .latent: return PreviewPolicy(mode: .fixed(.latentRGB, interval: previewInterval))
        case .tae: return PreviewPolicy(mode: .fixed(.tinyAutoencoder, interval: previewInterval))
        }
    }

    /// The preview decoders the picker offers: TAESDXL only when it is loaded.
    public var previewChoices: [PreviewChoice] {
        PreviewChoice.allCases.filter { $0 != .tae || hasTinyAutoencoder }
    }
}
