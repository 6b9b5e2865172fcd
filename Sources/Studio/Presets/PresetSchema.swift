// The tables and keys of a preset file and the limits on its text, in one place for the reader,
// the writer and the tests that hold the manual page to them.
import StableDiffusionXL

public enum PresetSchema {
    /// Every table and its keys, in the order the writer uses.
    public static let tables: [(name: String, keys: [String])] = [
        ("preset", ["name", "description"]),
        ("style", ["prompt_template", "negative_template"]),
        ("size", ["width", "height"]),
        ("sampling", ["steps", "guidance_scale", "guidance_rescale", "sampler", "seed"]),
        ("conditioning", ["original_size", "crops_coords_top_left", "target_size",
                          "negative_original_size", "negative_crops_coords_top_left", "negative_target_size",
                          "aesthetic_score", "negative_aesthetic_score"]),
        ("refiner", ["mode", "switch_at", "strength", "steps", "seed", "keep_base"]),
        ("preview", ["decoder", "interval"]),
    ]

    public static var tableNames: [String] { tables.map(\.name) }

    public static func keys(of table: String) -> [String]? {
        tables.first { $0.name == table }?.keys
    }

    /// Preset files larger than this are refused before they are parsed.
    public static let fileSizeLimit = 64 * 1024
    /// At most this many `*.toml` files are read from one folder.
    public static let filesPerFolderLimit = 1000
    /// Characters in a preset name and in a description.
    public static let nameLimit = 100
    public static let descriptionLimit = 500
    /// Characters in a style template: the limit on prompts.
    public static let templateLimit = GenerationParameters.maxPromptCharacters

    /// The refiner modes, as `[refiner] mode` spells them.
    public static let refinerModes = RefinerMode.modeNames
}
