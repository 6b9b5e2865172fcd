// A preset as text in the TOML subset presets are read from (format: Man/sdxl-presets.5). Only
// the keys the preset sets are written; text is always quoted and escaped (see TOMLText).
import Imaging
import StableDiffusionXL

extension Preset {
    /// The preset file's text. Reading it back gives an equal preset.
    public var tomlText: String {
        var lines = ["# sdxl preset; the file format is described in sdxl-presets(5)."]
        for (table, values) in tomlTables() where !values.isEmpty {
            lines.append("")
            lines.append("[\(table)]")
            for (key, value) in values { lines.append("\(key) = \(value)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every table in schema order with its keys and written values.
    func tomlTables() -> [(String, [(String, String)])] {
        let s = settings
        let text = TOMLText.string
        let number = TOMLText.number
        let auto = text(PresetDefaultable<Int>.automaticKeyword)
        func defaultable<V>(_ value: PresetDefaultable<V>?, _ write: (V) -> String) -> String? {
            value.map { choice in
                switch choice {
                case .automatic: return auto
                case .value(let value): return write(value)
                }
            }
        }
        func size(_ size: PixelSize) -> String { text("\(size.width)x\(size.height)") }
        func crop(_ crop: CropOffset) -> String { text("\(crop.top),\(crop.left)") }

        var refinerMode: String?
        var switchAt: String?
        var strength: String?
        switch s.refiner {
        case nil: break
        case .none?: refinerMode = text("none")
        case .ensemble(let at)?:
            refinerMode = text("ensemble")
            switchAt = number(at)
        case .refineImage(let value)?:
            refinerMode = text("refine_image")
            strength = number(value)
        }

        let tables: [(String, [(String, String?)])] = [
            ("preset", [("name", text(name)), ("description", description.map(text))]),
            ("style", [("prompt_template", style.promptTemplate.map(text)),
                       ("negative_template", style.negativeTemplate.map(text))]),
            ("size", [("width", defaultable(s.width, TOMLText.integer)),
                      ("height", defaultable(s.height, TOMLText.integer))]),
            ("sampling", [("steps", s.steps.map(TOMLText.integer)),
                          ("guidance_scale", s.guidanceScale.map(number)),
                          ("guidance_rescale", s.guidanceRescale.map(number)),
                          ("sampler", defaultable(s.sampler) { text($0.rawValue) }),
                          ("seed", s.seed.map(Self.seedText))]),
            ("conditioning", [("original_size", defaultable(s.originalSize, size)),
                              ("crops_coords_top_left", s.cropTopLeft.map(crop)),
                              ("target_size", defaultable(s.targetSize, size)),
                              ("negative_original_size", defaultable(s.negativeOriginalSize, size)),
                              ("negative_crops_coords_top_left", s.negativeCropTopLeft.map(crop)),
                              ("negative_target_size", defaultable(s.negativeTargetSize, size)),
                              ("aesthetic_score", s.aestheticScore.map(number)),
                              ("negative_aesthetic_score", s.negativeAestheticScore.map(number))]),
            ("refiner", [("mode", refinerMode), ("switch_at", switchAt), ("strength", strength),
                         ("steps", defaultable(s.refinerSteps, TOMLText.integer)),
                         ("seed", defaultable(s.refinerSeed, Self.seedNumberText)),
                         ("keep_base", s.keepBase.map { $0 ? "true" : "false" })]),
            ("preview", [("decoder", preview.decoder.map { text($0.rawValue) }),
                         ("interval", preview.interval.map(TOMLText.integer))]),
        ]
        return tables.map { table, values in
            (table, values.compactMap { key, value in value.map { (key, $0) } })
        }
    }

    private static func seedText(_ seed: PresetSeed) -> String {
        switch seed {
        case .random: return TOMLText.string(PresetSeed.randomKeyword)
        case .fixed(let value): return seedNumberText(value)
        }
    }

    /// TOML integers are 64-bit signed: larger seeds are written as quoted digits.
    private static func seedNumberText(_ seed: UInt64) -> String {
        seed <= UInt64(Int64.max) ? String(seed) : TOMLText.string(String(seed))
    }
}
