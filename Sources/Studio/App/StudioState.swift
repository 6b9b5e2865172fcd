import Foundation
import Jobs
import StableDiffusionXL
import TerminalUI

/// Everything the TUI shows and edits, owned by the app's loop and changed only by keys and by
/// the job queue's messages. Drawing reads it; it never reads the terminal.
public struct StudioState: Sendable {
    public var focus: StudioPanel = .prompt
    public var editors: [StudioPanel: TextEditorState]
    public var clipboard = KillRing()
    /// Whether the second encoder's prompts have their own editors (F3).
    public var showsSecondPrompts = false
    public var settings: StudioSettings
    /// The settings row with the focus, as an index into `settings.visibleRows`.
    public var settingsRow = 0
    /// The row whose slider is taking a typed number, with that slider.
    public var entry: (row: SettingRow, slider: SliderState)?
    public var jobs: [JobEntry] = []
    public var queueSelection = ListState()
    /// The job the preview pane shows: the one opened from the queue, else the running one, else the newest.
    public var openedTicket: Int?
    public var comparing = false
    /// In compare view, the refined image is on the left when true.
    public var compareSwapped = false
    public var overlay: StudioOverlay?
    /// The line in the status bar, until the next key.
    public var message: (text: String, role: UIRole)?
    public var themeName: String
    /// The presets' names, and the picker's lines for them (name and description), in one order.
    public var presetNames: [String] = []
    public var presetItems: [String] = []
    /// The preset whose style template wraps the prompts of new jobs (the editors keep the
    /// person's own text).
    public var activeStyle: Preset?
    public var themeNames: [String] = []
    public var nextTicket = 1
    public let keyMap: KeyMap

    public init(settings: StudioSettings, prompts: StudioPrompts, promptHistory: [String], themeName: String,
                keyMap: KeyMap = .defaults) {
        self.settings = settings
        self.themeName = themeName
        self.keyMap = keyMap
        let history = EditHistory(entries: promptHistory)
        editors = [
            .prompt: TextEditorState(text: prompts.prompt, history: history),
            .negativePrompt: TextEditorState(text: prompts.negativePrompt),
            .prompt2: TextEditorState(text: prompts.prompt2),
            .negativePrompt2: TextEditorState(text: prompts.negativePrompt2),
        ]
        showsSecondPrompts = !prompts.prompt2.isEmpty || !prompts.negativePrompt2.isEmpty
    }

    /// The panels Tab visits now.
    public var panels: [StudioPanel] {
        StudioPanel.allCases.filter { showsSecondPrompts || ($0 != .prompt2 && $0 != .negativePrompt2) }
    }

    public func text(of panel: StudioPanel) -> String { editors[panel]?.text ?? "" }

    /// The texts of the four editors.
    public var prompts: StudioPrompts {
        StudioPrompts(prompt: text(of: .prompt), negativePrompt: text(of: .negativePrompt),
                      prompt2: text(of: .prompt2), negativePrompt2: text(of: .negativePrompt2))
    }

    /// The settings of a job submitted now: the sliders' values with the editors' texts.
    public var jobParameters: GenerationParameters {
        var parameters = settings.parameters
        let texts = prompts
        parameters.prompt = texts.prompt
        parameters.negativePrompt = texts.negativePrompt.isEmpty ? nil : texts.negativePrompt
        parameters.prompt2 = showsSecondPrompts && !texts.prompt2.isEmpty ? texts.prompt2 : nil
        parameters.negativePrompt2 = showsSecondPrompts && !texts.negativePrompt2.isEmpty ? texts.negativePrompt2 : nil
        parameters.width = settings.size.width
        parameters.height = settings.size.height
        // The compare view needs the base image of every refined job.
        parameters.keepBase = parameters.refiner.usesRefiner
        return activeStyle?.styled(parameters) ?? parameters
    }

    /// The job the preview pane shows.
    public var shownJob: JobEntry? {
        if let openedTicket, let job = jobs.first(where: { $0.ticket == openedTicket }) { return job }
        if let running = jobs.last(where: { if case .running = $0.state { return true } else { return false } }) {
            return running
        }
        return jobs.last
    }

    /// Whether any job is waiting or running (quitting then asks first).
    public var hasPendingJobs: Bool { jobs.contains { !$0.state.isEnded } }

    public var selectedJob: JobEntry? {
        guard let index = queueSelection.selected, jobs.indices.contains(index) else { return nil }
        return jobs[index]
    }

    mutating func say(_ text: String, _ role: UIRole = .text) {
        message = (text, role)
    }
}

/// The four prompt texts.
public struct StudioPrompts: Sendable, Equatable, Codable {
    public var prompt: String
    public var negativePrompt: String
    public var prompt2: String
    public var negativePrompt2: String

    public init(prompt: String = "", negativePrompt: String = "", prompt2: String = "", negativePrompt2: String = "") {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.prompt2 = prompt2
        self.negativePrompt2 = negativePrompt2
    }

    enum CodingKeys: String, CodingKey {
        case prompt
        case negativePrompt = "negative_prompt"
        case prompt2 = "prompt_2"
        case negativePrompt2 = "negative_prompt_2"
    }
}
