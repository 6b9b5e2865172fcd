import ArgumentParser
import Foundation
import Imaging
import Jobs
import Models
import StableDiffusionXL
import Studio
import TerminalUI

/// `sdxl` or `sdxl tui`: the full-screen application, starting from the session it left and
/// the flags given (flags win).
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The full-screen terminal application (the default command).",
        discussion: """
            Takes the same model and generation flags as `sdxl generate` as its starting settings. \
            Settings, prompts, the theme and the prompt history are restored from \
            $XDG_CONFIG_HOME/sdxl/tui-session.json. Without --model it opens the bundled demo model.
            """)

    @OptionGroup var models: ModelOptions
    @OptionGroup var settings: GenerationOptions

    @Option(help: "Colour theme: a file name in Themes/ without .toml (default: the last one chosen, else default).")
    var theme: String?

    @Option(help: "How the preview pane draws pictures: sixel, blocks or none (default: sixel when the terminal answers that it has it).")
    var graphics: GraphicsMode?

    @Option(name: .customLong("output-dir"), help: "Where images are written (default: $XDG_DATA_HOME/sdxl/outputs).")
    var outputDir: String?

    @Flag(help: "Queue a job with the starting settings as soon as the TUI opens.")
    var generate = false

    func run() async throws {
        // Fail before loading models when there is no terminal to draw on.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ValidationError("the TUI needs a terminal on standard input and output; use `sdxl generate` from scripts")
        }
        var warnings: [String] = []
        let resources = ProgramResources.locate()
        let sessionURL = StudioSession.defaultURL()
        var session = StudioSession()
        if let sessionURL {
            let loaded = StudioSession.load(from: sessionURL)
            session = loaded.session
            if let problem = loaded.problem { warnings.append(problem) }
        }

        // A seed on the command line is meant to stay: it locks the seed for this run.
        if settings.seed != nil { session.seedMode = .locked }
        var parameters = session.parameters ?? GenerationParameters(prompt: "")
        parameters = settings.applied(to: parameters)
        var prompts = session.prompts
        if let prompt = settings.prompt { prompts.prompt = prompt }
        if let negative = settings.negativePrompt { prompts.negativePrompt = negative }
        if let prompt2 = settings.prompt2 { prompts.prompt2 = prompt2 }
        if let negative2 = settings.negativePrompt2 { prompts.negativePrompt2 = negative2 }
        if let problem = parameters.problems().first {
            // A session saved by another version (or edited) must not keep the TUI from starting.
            warnings.append("the saved settings had a problem (\(problem)); defaults were used")
            parameters = settings.applied(to: GenerationParameters(prompt: ""))
        }

        let themes = resources.map { ThemeLibrary.load(directory: $0.themes.path) } ?? ThemeLibrary(themes: [.fallback])
        warnings += themes.problems.map { "\($0)" }
        let themeName = theme ?? session.theme ?? "default"
        if themes.theme(named: themeName) == nil {
            throw ValidationError("--theme \(themeName): no such theme; choose one of \(themes.themes.map(\.id).joined(separator: ", "))")
        }
        let presets = PresetLibrary.load(bundledFolder: resources?.presets)
        warnings += presets.problems.map { "\($0)" }

        let outputs = try outputDir.map { OutputFolder(url: URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath)) }
            ?? OutputFolder.standard()

        let (backend, graphicsMode) = try StudioApp.openTerminal(graphics: graphics)
        // From here on the screen is ncurses'; a failure gives the terminal back before it is printed.
        let loaded: (pipeline: SDXLPipeline, base: ModelReference, refiner: ModelReference?, vae: ModelReference?)
        let tinyAutoencoder: AutoencoderTiny?
        do {
            StudioApp.showLoading("loading \(TerminalText.sanitized(try models.resolvedLocations().model)) …", on: backend)
            loaded = try models.load()
            tinyAutoencoder = try models.loadTinyAutoencoder()
        } catch {
            backend.shutdown()
            throw error
        }
        var configuration = StudioConfiguration(
            pipeline: loaded.pipeline, selection: models.selection, modelReference: loaded.base,
            refinerReference: loaded.refiner, vaeReference: loaded.vae, software: "sdxl \(SDXLVersion.current)", parameters: parameters, prompts: prompts,
            outputs: outputs, history: try? JobHistory.standard(), themes: themes, themeName: themeName,
            session: session, sessionURL: sessionURL, presets: presets, startupWarnings: warnings)
        configuration.generatesOnStart = generate
        configuration.tinyAutoencoder = tinyAutoencoder
        configuration.memoryLimit = models.limit
        try StudioApp(configuration: configuration, backend: backend, graphics: graphicsMode).run()
    }
}

extension GraphicsMode: ExpressibleByArgument {}
