import Foundation
import Jobs
import Models
import StableDiffusionXL
import TerminalUI

/// What the TUI starts with: the loaded models, where things are kept, and the starting settings.
public struct StudioConfiguration: Sendable {
    public var pipeline: SDXLPipeline
    public var selection: ModelSelection
    /// How the models are named in the PNG metadata, as `sdxl generate` names them.
    public var modelReference: ModelReference
    public var refinerReference: ModelReference?
    public var vaeReference: ModelReference?
    public var software: String
    /// The settings before the session's and the flags' (already merged by the caller).
    public var parameters: GenerationParameters
    public var prompts: StudioPrompts
    public var outputs: OutputFolder
    public var history: JobHistory?
    public var themes: ThemeLibrary
    /// `--theme`, else the session's choice, else "default".
    public var themeName: String
    public var session: StudioSession
    public var sessionURL: URL?
    public var presets: PresetLibrary
    /// Problems found while loading themes, presets or the session, shown at start.
    public var startupWarnings: [String]
    /// How much memory a job may count on (`--memory-limit`, `--ignore-memory-limit`).
    public var memoryLimit: MemoryLimit = .machine
    /// TAESDXL for previews (`--tae`).
    public var tinyAutoencoder: AutoencoderTiny?
    /// Queue one job with the starting settings as soon as the screen is up (`--generate`).
    public var generatesOnStart = false

    public init(pipeline: SDXLPipeline, selection: ModelSelection, modelReference: ModelReference,
                refinerReference: ModelReference?, vaeReference: ModelReference?, software: String,
                parameters: GenerationParameters, prompts: StudioPrompts, outputs: OutputFolder, history: JobHistory?,
                themes: ThemeLibrary, themeName: String, session: StudioSession,
                sessionURL: URL?, presets: PresetLibrary, startupWarnings: [String]) {
        self.pipeline = pipeline
        self.selection = selection
        self.modelReference = modelReference
        self.refinerReference = refinerReference
        self.vaeReference = vaeReference
        self.software = software
        self.parameters = parameters
        self.prompts = prompts
        self.outputs = outputs
        self.history = history
        self.themes = themes
        self.themeName = themeName
        self.session = session
        self.sessionURL = sessionURL
        self.presets = presets
        self.startupWarnings = startupWarnings
    }
}
