// Turns a parsed TOML-subset document into a Preset, collecting every problem with its file,
// line and key; a file with any problem gives no preset. Format: Man/sdxl-presets.5.
import Foundation
import StableDiffusionXL
import TerminalUI

struct PresetReader {
    let document: TOMLDocument
    var problems: [PresetError] = []

    var file: String { document.file }

    init(document: TOMLDocument) {
        self.document = document
    }

    /// The preset, or every problem found. `fallbackName` (the file name without `.toml`) names a
    /// preset whose [preset] table gives no name.
    mutating func read(fallbackName: String) throws(PresetFileError) -> Preset {
        checkLayout()
        let header = document.table("preset")
        let name = text(header, "name", as: .name) ?? fallbackName
        if header?["name"] == nil, let reason = PresetText.problem(in: name, as: .name) {
            problems.append(.invalidName(name: name, reason: reason + " (taken from the file name; add name = \"…\" under [preset])"))
        }
        let description = text(header, "description", as: .description)

        let styleTable = document.table("style")
        let style = PresetStyle(promptTemplate: text(styleTable, "prompt_template", as: .template),
                                negativeTemplate: text(styleTable, "negative_template", as: .template))
        let settings = readSettings()
        let preview = readPreview()

        guard problems.isEmpty else { throw PresetFileError(file: file, problems: problems) }
        return Preset(name: name, description: description, settings: settings, style: style, preview: preview)
    }

    /// Keys outside tables, unknown tables and unknown keys.
    private mutating func checkLayout() {
        for entry in document.root.entries {
            problems.append(.keyOutsideTable(file: file, line: entry.line, key: entry.key))
        }
        for table in document.tables {
            guard let allowed = PresetSchema.keys(of: table.name) else {
                problems.append(.unknownTable(file: file, line: table.line, table: table.name,
                                              allowed: PresetSchema.tableNames))
                continue
            }
            for entry in table.entries where !allowed.contains(entry.key) {
                problems.append(.unknownKey(file: file, line: entry.line, table: table.name, key: entry.key,
                                            allowed: allowed))
            }
        }
    }

    private mutating func readSettings() -> PresetSettings {
        var settings = PresetSettings()
        let size = document.table("size")
        settings.width = side(size, "width")
        settings.height = side(size, "height")

        let sampling = document.table("sampling")
        settings.steps = steps(sampling, "steps")
        settings.guidanceScale = number(sampling, "guidance_scale", in: guidanceScaleBounds)
        settings.guidanceRescale = number(sampling, "guidance_rescale", in: .closed(0...1))
        settings.sampler = sampler(sampling, "sampler")
        settings.seed = seed(sampling, "seed")

        let conditioning = document.table("conditioning")
        settings.originalSize = conditioningSize(conditioning, "original_size")
        settings.cropTopLeft = crop(conditioning, "crops_coords_top_left")
        settings.targetSize = conditioningSize(conditioning, "target_size")
        settings.negativeOriginalSize = conditioningSize(conditioning, "negative_original_size")
        settings.negativeCropTopLeft = crop(conditioning, "negative_crops_coords_top_left")
        settings.negativeTargetSize = conditioningSize(conditioning, "negative_target_size")
        settings.aestheticScore = number(conditioning, "aesthetic_score", in: aestheticBounds)
        settings.negativeAestheticScore = number(conditioning, "negative_aesthetic_score", in: aestheticBounds)
        checkCrop(conditioning, "crops_coords_top_left", settings.cropTopLeft,
                  within: settings.originalSize?.optionalValue, sizeKey: "original_size")
        let negativeSizeKey = settings.negativeOriginalSize?.optionalValue == nil ? "original_size" : "negative_original_size"
        checkCrop(conditioning, "negative_crops_coords_top_left", settings.negativeCropTopLeft,
                  within: settings.negativeOriginalSize?.optionalValue ?? settings.originalSize?.optionalValue,
                  sizeKey: negativeSizeKey)

        let refiner = document.table("refiner")
        settings.refinerSteps = defaultableSteps(refiner, "steps")
        settings.refinerSeed = refinerSeed(refiner, "seed")
        settings.keepBase = boolean(refiner, "keep_base")
        settings.refiner = refinerMode(refiner, stepsForStrength: settings.refinerSteps?.optionalValue ?? settings.steps)
        if settings.keepBase == true, settings.refiner == RefinerMode.none, let entry = refiner?["keep_base"] {
            invalid(refiner, entry, "keeping the base image needs a refiner mode (\"ensemble\" or \"refine_image\"); "
                    + "with mode = \"none\" the base image is already the result")
        }
        return settings
    }

    private mutating func readPreview() -> PresetPreview {
        let table = document.table("preview")
        var preview = PresetPreview()
        if let entry = table?["decoder"], let word = string(table, entry) {
            if let decoder = PresetPreview.Decoder(rawValue: word) {
                preview.decoder = decoder
            } else {
                invalid(table, entry, "\"\(word)\" is not a preview decoder; use one of "
                        + PresetPreview.Decoder.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
        }
        preview.interval = integer(table, "interval", in: PresetPreview.intervalRange, unit: "steps")
        return preview
    }
}
