import Imaging
import StableDiffusionXL
@testable import Studio
import TerminalUI

/// Settings and state as the TUI makes them for SDXL (1024² native) or a 64² model.
enum StudioFixtures {
    static func settings(native: Int = 1024, hasRefiner: Bool = true) -> StudioSettings {
        StudioSettings(parameters: GenerationParameters(prompt: ""),
                       buckets: SizeBuckets(nativeSide: native, multiple: 8),
                       defaultSize: PixelSize(width: native, height: native), hasRefiner: hasRefiner)
    }

    static func state(prompt: String = "") -> StudioState {
        StudioState(settings: settings(), prompts: StudioPrompts(prompt: prompt), promptHistory: [], themeName: "default")
    }

    static func type(_ text: String, into state: inout StudioState) {
        for character in text { _ = state.handle(.character(character)) }
    }
}
