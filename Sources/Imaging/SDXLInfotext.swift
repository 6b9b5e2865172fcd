/// Typed SDXL generation values in the web UI's text form. Field names follow the web UI where it
/// has them ("Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model hash",
/// "Model", "VAE hash", "VAE", "Denoising strength", "Refiner", "Refiner switch at", "Version").
/// The web UI keeps SDXL's micro-conditioning in settings rather than in the text, so these names
/// are this program's: "Original size" and "Target size" (width x height, like "Size"),
/// "Crop top" and "Crop left" (after the web UI's sdxl_crop_top / sdxl_crop_left settings),
/// "Aesthetic score" and "Negative aesthetic score" (the refiner's), "Prompt 2" and
/// "Negative prompt 2" (for the second text encoder).
public struct SDXLInfotext: Sendable, Equatable {
    public enum Key {
        public static let steps = "Steps"
        public static let sampler = "Sampler"
        public static let scheduleType = "Schedule type"
        public static let cfgScale = "CFG scale"
        public static let seed = "Seed"
        public static let size = "Size"
        public static let modelHash = "Model hash"
        public static let model = "Model"
        public static let vaeHash = "VAE hash"
        public static let vae = "VAE"
        public static let denoisingStrength = "Denoising strength"
        public static let prompt2 = "Prompt 2"
        public static let negativePrompt2 = "Negative prompt 2"
        public static let originalSize = "Original size"
        public static let cropTop = "Crop top"
        public static let cropLeft = "Crop left"
        public static let targetSize = "Target size"
        public static let aestheticScore = "Aesthetic score"
        public static let negativeAestheticScore = "Negative aesthetic score"
        public static let refiner = "Refiner"
        public static let refinerSwitchAt = "Refiner switch at"
        public static let version = "Version"
    }

    public var prompt: String
    public var negativePrompt: String
    public var steps: Int?
    public var sampler: String?
    public var scheduleType: String?
    public var cfgScale: Double?
    public var seed: UInt64?
    public var size: PixelSize?
    public var modelHash: String?
    public var model: String?
    public var vaeHash: String?
    public var vae: String?
    public var denoisingStrength: Double?
    public var prompt2: String?
    public var negativePrompt2: String?
    public var originalSize: PixelSize?
    public var cropTop: Int?
    public var cropLeft: Int?
    public var targetSize: PixelSize?
    public var aestheticScore: Double?
    public var negativeAestheticScore: Double?
    public var refiner: String?
    public var refinerSwitchAt: Double?
    public var version: String?
    /// Fields this type does not know, and known fields whose value did not parse, in text order.
    public var extra: [A1111Parameters.Field]

    public init(prompt: String, negativePrompt: String = "", steps: Int? = nil, sampler: String? = nil,
                scheduleType: String? = nil, cfgScale: Double? = nil, seed: UInt64? = nil, size: PixelSize? = nil,
                modelHash: String? = nil, model: String? = nil, vaeHash: String? = nil, vae: String? = nil,
                denoisingStrength: Double? = nil, prompt2: String? = nil, negativePrompt2: String? = nil,
                originalSize: PixelSize? = nil, cropTop: Int? = nil, cropLeft: Int? = nil, targetSize: PixelSize? = nil,
                aestheticScore: Double? = nil, negativeAestheticScore: Double? = nil, refiner: String? = nil,
                refinerSwitchAt: Double? = nil, version: String? = nil, extra: [A1111Parameters.Field] = []) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.steps = steps
        self.sampler = sampler
        self.scheduleType = scheduleType
        self.cfgScale = cfgScale
        self.seed = seed
        self.size = size
        self.modelHash = modelHash
        self.model = model
        self.vaeHash = vaeHash
        self.vae = vae
        self.denoisingStrength = denoisingStrength
        self.prompt2 = prompt2
        self.negativePrompt2 = negativePrompt2
        self.originalSize = originalSize
        self.cropTop = cropTop
        self.cropLeft = cropLeft
        self.targetSize = targetSize
        self.aestheticScore = aestheticScore
        self.negativeAestheticScore = negativeAestheticScore
        self.refiner = refiner
        self.refinerSwitchAt = refinerSwitchAt
        self.version = version
        self.extra = extra
    }
}

extension SDXLInfotext {
    /// Typed values from parsed text. Known keys with values that do not parse (e.g. "Steps: many")
    /// stay in `extra` as text.
    public init(_ parameters: A1111Parameters) {
        self.init(prompt: parameters.prompt, negativePrompt: parameters.negativePrompt)
        for field in parameters.fields where !assign(field) {
            extra.append(field)
        }
    }

    /// The parameters in the web UI's field order, SDXL values after the web UI's own, then
    /// `extra`, then "Version". Absent values are left out.
    public var parameters: A1111Parameters {
        var fields: [A1111Parameters.Field] = []
        func add(_ key: String, _ value: String?) {
            if let value { fields.append(A1111Parameters.Field(key: key, value: value)) }
        }
        add(Key.steps, steps.map(String.init))
        add(Key.sampler, sampler)
        add(Key.scheduleType, scheduleType)
        add(Key.cfgScale, cfgScale.map(Self.format))
        add(Key.seed, seed.map(String.init))
        add(Key.size, size.map(Self.format))
        add(Key.modelHash, modelHash)
        add(Key.model, model)
        add(Key.vaeHash, vaeHash)
        add(Key.vae, vae)
        add(Key.denoisingStrength, denoisingStrength.map(Self.format))
        add(Key.prompt2, prompt2)
        add(Key.negativePrompt2, negativePrompt2)
        add(Key.originalSize, originalSize.map(Self.format))
        add(Key.cropTop, cropTop.map(String.init))
        add(Key.cropLeft, cropLeft.map(String.init))
        add(Key.targetSize, targetSize.map(Self.format))
        add(Key.aestheticScore, aestheticScore.map(Self.format))
        add(Key.negativeAestheticScore, negativeAestheticScore.map(Self.format))
        add(Key.refiner, refiner)
        add(Key.refinerSwitchAt, refinerSwitchAt.map(Self.format))
        fields += extra
        add(Key.version, version)
        return A1111Parameters(prompt: prompt, negativePrompt: negativePrompt, fields: fields)
    }

    /// Stores a known field's value; false when the key is unknown or the value does not parse.
    private mutating func assign(_ field: A1111Parameters.Field) -> Bool {
        let value = field.value
        switch field.key {
        case Key.steps: return Self.parsed(Int(value)) { steps = $0 }
        case Key.sampler: sampler = value
        case Key.scheduleType: scheduleType = value
        case Key.cfgScale: return Self.parsed(Self.finite(value)) { cfgScale = $0 }
        case Key.seed: return Self.parsed(UInt64(value)) { seed = $0 }
        case Key.size: return Self.parsed(Self.pixelSize(value)) { size = $0 }
        case Key.modelHash: modelHash = value
        case Key.model: model = value
        case Key.vaeHash: vaeHash = value
        case Key.vae: vae = value
        case Key.denoisingStrength: return Self.parsed(Self.finite(value)) { denoisingStrength = $0 }
        case Key.prompt2: prompt2 = value
        case Key.negativePrompt2: negativePrompt2 = value
        case Key.originalSize: return Self.parsed(Self.pixelSize(value)) { originalSize = $0 }
        case Key.cropTop: return Self.parsed(Int(value)) { cropTop = $0 }
        case Key.cropLeft: return Self.parsed(Int(value)) { cropLeft = $0 }
        case Key.targetSize: return Self.parsed(Self.pixelSize(value)) { targetSize = $0 }
        case Key.aestheticScore: return Self.parsed(Self.finite(value)) { aestheticScore = $0 }
        case Key.negativeAestheticScore: return Self.parsed(Self.finite(value)) { negativeAestheticScore = $0 }
        case Key.refiner: refiner = value
        case Key.refinerSwitchAt: return Self.parsed(Self.finite(value)) { refinerSwitchAt = $0 }
        case Key.version: version = value
        default: return false
        }
        return true
    }

    private static func parsed<Value>(_ value: Value?, _ store: (Value) -> Void) -> Bool {
        guard let value else { return false }
        store(value)
        return true
    }

    private static func finite(_ text: String) -> Double? {
        Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    private static func pixelSize(_ text: String) -> PixelSize? {
        A1111Parameters(prompt: "", fields: [.init(key: "size", value: text)]).size("size")
            .map { PixelSize(width: $0.width, height: $0.height) }
    }

    /// Decimal numbers as Python's str() writes floats: shortest round-trip digits, "5.0" not "5".
    static func format(_ value: Double) -> String {
        value.description
    }

    static func format(_ size: PixelSize) -> String {
        "\(size.width)x\(size.height)"
    }
}
