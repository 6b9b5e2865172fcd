/// One line of the settings panel: a slider over a number, or a picker over a few named choices
/// (drawn and driven as a slider over their indices).
public enum SettingRow: String, CaseIterable, Sendable {
    case sizeMode = "size"
    case aspect
    case width, height
    case originalWidth = "original_w", originalHeight = "original_h"
    case cropTop = "crop_top", cropLeft = "crop_left"
    case targetWidth = "target_w", targetHeight = "target_h"
    case steps
    case guidance = "cfg"
    case rescale
    case sampler
    case seed
    case seedMode = "seed_mode"
    case refiner
    case refinerAmount = "refiner_amount"
    case aestheticScore = "aesthetic"
    case negativeAestheticScore = "neg_aesthetic"
    case preview
    case previewInterval = "preview_every"

    /// The name shown left of the slider (at most 12 columns).
    public var label: String {
        switch self {
        case .sizeMode: return "Size mode"
        case .aspect: return "Aspect"
        case .width: return "Width"
        case .height: return "Height"
        case .originalWidth: return "Original W"
        case .originalHeight: return "Original H"
        case .cropTop: return "Crop top"
        case .cropLeft: return "Crop left"
        case .targetWidth: return "Target W"
        case .targetHeight: return "Target H"
        case .steps: return "Steps"
        case .guidance: return "CFG"
        case .rescale: return "Rescale"
        case .sampler: return "Sampler"
        case .seed: return "Seed"
        case .seedMode: return "Seed mode"
        case .refiner: return "Refiner"
        case .refinerAmount: return "Switch at"
        case .aestheticScore: return "Aesthetic"
        case .negativeAestheticScore: return "Neg. aesth."
        case .preview: return "Preview"
        case .previewInterval: return "Preview k"
        }
    }

    /// Whether the row picks among names rather than setting a number.
    public var isPicker: Bool {
        switch self {
        case .sizeMode, .aspect, .sampler, .seedMode, .refiner, .preview: return true
        default: return false
        }
    }
}
