import Foundation
import Imaging
import Jobs
import StableDiffusionXL
import TerminalUI

/// The full-screen application: one loop on the calling thread that reads a key (waiting at
/// most a frame), takes in what the job queue reported, applies both to the state, draws, and
/// places the sixel pictures. The jobs themselves run on the queue's worker thread.
public final class StudioApp {
    /// How long the loop waits for a key before looking at the queue again.
    static let frameMilliseconds = 50

    private let configuration: StudioConfiguration
    private let backend: NCursesBackend
    private let bridge: JobBridge
    private let graphics: GraphicsMode
    private let tokenCounter: TokenCounter
    private var state: StudioState
    private var theme: Theme
    private var presets: PresetLibrary
    private let started = Date()
    private var pictures = PictureBook()
    private var sixels = SixelPainter()

    /// Takes over the terminal: asks it for sixel support (unless `graphics` is given), then starts
    /// ncurses. Throws, with the terminal untouched, when standard input or output is not a
    /// terminal or TERM names no terminal ncurses knows; done before anything slow, so a bad
    /// terminal is reported at once.
    public static func openTerminal(graphics: GraphicsMode?) throws -> (NCursesBackend, GraphicsMode) {
        let detected: GraphicsMode
        if let forced = graphics {
            detected = forced
        } else if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            // Asked before ncurses takes the terminal, so the answer is not read as keys.
            let attributes = DeviceAttributes.query(descriptor: STDIN_FILENO, timeoutMilliseconds: 300)
            detected = attributes?.supportsSixel == true ? .sixel : .blocks
        } else {
            detected = .blocks
        }
        return (try NCursesBackend(), detected)
    }

    /// Shows one centred line (what is being loaded) until the app draws its first frame.
    public static func showLoading(_ text: String, on backend: NCursesBackend) {
        let size = backend.size
        var buffer = CellBuffer(width: size.columns, height: size.rows)
        Label(text, role: .dimText, alignment: .center).render(in: buffer.area.row(size.rows / 2), buffer: &buffer)
        try? backend.draw(buffer, theme: .fallback)
    }

    /// The app on a terminal opened by `openTerminal`.
    public init(configuration: StudioConfiguration, backend: NCursesBackend, graphics: GraphicsMode) {
        self.configuration = configuration
        self.backend = backend
        self.graphics = graphics

        let pipeline = configuration.pipeline
        let queue = JobQueue(runner: PipelineRunner(host: .preloaded(pipeline), tinyAutoencoder: configuration.tinyAutoencoder,
                                                    memoryLimit: configuration.memoryLimit),
                             configuration: .init(outputs: configuration.outputs, history: configuration.history))
        bridge = JobBridge(queue: queue)
        tokenCounter = TokenCounter(tokenizer: pipeline.base.tokenizer ?? pipeline.base.tokenizer2)
        presets = configuration.presets

        let base = pipeline.base
        let multiple = max(base.vaeScaleFactor, GenerationParameters.sizeMultiple)
        let session = configuration.session
        let settings = StudioSettings(parameters: configuration.parameters,
                                      buckets: SizeBuckets(nativeSide: base.defaultSize.width, multiple: multiple),
                                      defaultSize: base.defaultSize, hasRefiner: pipeline.refiner != nil,
                                      hasTinyAutoencoder: configuration.tinyAutoencoder != nil,
                                      sizeMode: session.sizeMode ?? .buckets, seedMode: session.seedMode ?? .random,
                                      preview: session.preview ?? .auto, previewInterval: session.previewInterval ?? 1)
        state = StudioState(settings: settings, prompts: configuration.prompts,
                            promptHistory: session.promptHistory, themeName: configuration.themeName)
        state.themeNames = configuration.themes.themes.map(\.id)
        state.presetNames = presets.presets.map(\.name)
        state.presetItems = presets.pickerItems
        theme = configuration.themes.theme(named: configuration.themeName) ?? .fallback
        if let warning = configuration.startupWarnings.first {
            let more = configuration.startupWarnings.count > 1 ? " (and \(configuration.startupWarnings.count - 1) more)" : ""
            state.say(warning + more, .warning)
        } else {
            state.say("model \(configuration.modelReference.name) · graphics \(graphics.rawValue) · F1 for help")
        }
    }

    /// Runs until the user quits. The terminal is given back before this returns.
    public func run() throws {
        defer { backend.shutdown() }
        var needsDraw = true
        var lastDraw = Date.distantPast
        if configuration.generatesOnStart { _ = try carryOut(state.submitJob()) }
        while true {
            if let key = backend.readKey(timeoutMilliseconds: Self.frameMilliseconds) {
                if key.code == .resize { sixels.forget() }
                let overlayWasOpen = state.overlay != nil
                let effects = state.handle(key)
                if overlayWasOpen && state.overlay == nil { sixels.forget() }
                if try carryOut(effects) { break }
                needsDraw = true
            }
            let messages = bridge.drain()
            if !messages.isEmpty {
                state.apply(messages, at: Date().timeIntervalSince(started))
                needsDraw = true
            }
            // Redraw at least twice a second while a job runs, for its clock.
            if state.hasPendingJobs && Date().timeIntervalSince(lastDraw) > 0.5 { needsDraw = true }
            if needsDraw {
                try draw()
                lastDraw = Date()
                needsDraw = false
            }
        }
        bridge.cancelAll()
        saveSession()
    }

    private func draw() throws {
        let shown = pictures.pictures(for: state.shownJob, comparing: state.comparing)
        let view = StudioView(state: state, pictures: shown, graphics: graphics, capability: backend.capability,
                              tokenCounter: tokenCounter)
        let size = backend.size
        let frame = view.render(size: size)
        sixels.prepare(frame.sixels, version: pictures.version, backend: backend)
        try backend.draw(frame.buffer, theme: theme)
        sixels.paint(screenRows: size.rows, backend: backend)
    }

    /// Does what the keys asked; returns true to quit.
    private func carryOut(_ effects: [StudioEffect]) throws -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case let .submit(parameters, ticket):
                submit(parameters, ticket: ticket)
            case .cancel(let id):
                bridge.cancel(id)
            case let .moveJob(id, up):
                bridge.move(id, up: up)
            case .savePreset(let name):
                savePreset(named: name)
            case .applyPreset(let name):
                applyPreset(named: name)
            case .applyTheme(let name):
                if let chosen = configuration.themes.theme(named: name) {
                    theme = chosen
                    state.themeName = name
                    state.say("theme \(name)")
                    saveSession()
                }
            }
        }
        return false
    }

    private func submit(_ parameters: GenerationParameters, ticket: Int) {
        do {
            let plan = try configuration.pipeline.plan(parameters, initImage: nil)
            let record = GenerationRecord(parameters: parameters, model: configuration.modelReference,
                                          refiner: parameters.refiner.usesRefiner ? configuration.refinerReference : nil,
                                          vae: configuration.vaeReference, software: configuration.software)
            let work = GenerationWork(parameters: parameters, models: configuration.selection,
                                      pngText: try record.textChunks(size: plan.size))
            bridge.submit(try .generation(work), ticket: ticket, previews: state.settings.previewPolicy)
            state.addJob(JobEntry(ticket: ticket, parameters: parameters, totalSteps: plan.totalSteps))
            state.say("job \(ticket) queued: seed \(parameters.seed), \(plan.size)")
            saveSession()
        } catch {
            state.say("cannot generate: \(error)", .error)
        }
    }

    private func savePreset(named name: String) {
        do {
            let saved = try presets.save(Preset(capturing: state.jobParameters, name: name))
            state.presetNames = presets.presets.map(\.name)
        state.presetItems = presets.pickerItems
            state.say("preset \(name) saved to \(saved.path)", .success)
        } catch {
            state.say("the preset was not saved: \(error)", .error)
        }
    }

    private func applyPreset(named name: String) {
        guard let preset = presets.preset(named: name) else {
            state.say("no preset \(name)", .error)
            return
        }
        var parameters = state.settings.parameters
        preset.apply(to: &parameters)
        state.applyPreset(parameters, style: preset.style.isEmpty ? nil : preset)
        switch preset.settings.seed {
        case .fixed?: state.settings.seedMode = .locked
        case .random?: state.settings.seedMode = .random
        case nil: break
        }
        if let decoder = preset.preview.decoder { state.settings.preview = StudioSettings.PreviewChoice(decoder) }
        if let interval = preset.preview.interval { state.settings.previewInterval = interval }
        state.say(preset.style.isEmpty ? "preset \(name)" : "preset \(name): its style wraps the prompt of new jobs")
    }

    private func saveSession() {
        guard let url = configuration.sessionURL else { return }
        var session = configuration.session
        session.parameters = state.settings.parameters
        session.prompts = state.prompts
        session.theme = state.themeName
        session.sizeMode = state.settings.sizeMode
        session.seedMode = state.settings.seedMode
        session.preview = state.settings.preview
        session.previewInterval = state.settings.previewInterval
        session.promptHistory = state.editors[.prompt]?.history.entries ?? []
        do {
            try session.save(to: url)
        } catch {
            state.say("the session was not saved to \(url.path): \(error.localizedDescription)", .warning)
        }
    }
}
