// A named bundle of generation settings, a prompt style and preview settings, read from and
// written to TOML files (format: Man/sdxl-presets.5).
import Foundation
import Jobs
import StableDiffusionXL

/// A preset as the picker shows it and as `Presets/*.toml` describes it.
public struct Preset: Hashable, Sendable {
    /// Shown in the picker; also the preset's identity (compared ignoring case, see `key`).
    public var name: String
    /// One line shown next to the name.
    public var description: String?
    public var settings: PresetSettings
    public var style: PresetStyle
    public var preview: PresetPreview

    public init(name: String, description: String? = nil, settings: PresetSettings = PresetSettings(),
                style: PresetStyle = PresetStyle(), preview: PresetPreview = PresetPreview()) {
        self.name = name
        self.description = description
        self.settings = settings
        self.style = style
        self.preview = preview
    }

    /// "Save current settings as a preset": every setting of `parameters` but the prompts and the
    /// init image; the seed only as `seed` says (nil leaves it out); previews when `preview` is given.
    /// No style is captured: the prompt text belongs to the picture, not to the preset.
    public init(capturing parameters: GenerationParameters, name: String, description: String? = nil,
                seed: PresetSeed? = nil, preview: PreviewPolicy? = nil) {
        self.init(name: name, description: description,
                  settings: PresetSettings(capturing: parameters, seed: seed),
                  preview: preview.map(PresetPreview.init(capturing:)) ?? PresetPreview())
    }

    /// The identity under which presets override each other: the name without surrounding
    /// white space, lower-cased.
    public var key: String { Self.key(for: name) }

    public static func key(for name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Applies the generation settings the preset names (not the style: see `style.apply(to:)`,
    /// which is meant for the moment a job is queued, so the prompt editor keeps the person's text).
    public func apply(to parameters: inout GenerationParameters) {
        settings.apply(to: &parameters)
    }

    /// `apply(to:)` drawing a `.random` seed from `generator`.
    public func apply(to parameters: inout GenerationParameters, using generator: inout some RandomNumberGenerator) {
        settings.apply(to: &parameters, using: &generator)
    }

    /// `parameters` with the preset's style applied to its prompts.
    public func styled(_ parameters: GenerationParameters) -> GenerationParameters {
        var styled = parameters
        style.apply(to: &styled)
        return styled
    }
}
