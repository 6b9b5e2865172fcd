import StableDiffusionXL
import Testing
@testable import Studio

@Suite("Style templates")
struct PresetsStyleTests {
    @Test("{prompt} is replaced everywhere, in one pass")
    func substitution() {
        #expect(PresetStyle.render("photo of {prompt}, 35mm", with: "a cat") == "photo of a cat, 35mm")
        #expect(PresetStyle.render("{prompt} and {prompt}", with: "x") == "x and x")
        // Braces in the prompt are text, never expanded again.
        #expect(PresetStyle.render("photo of {prompt}.", with: "{prompt} {style} }{") == "photo of {prompt} {style} }{.")
        // Other braces in the template stay as they are.
        #expect(PresetStyle.render("{{prompt}} {Prompt} {x}", with: "cat") == "{cat} {Prompt} {x}")
    }

    @Test("a template without {prompt} is appended after a comma")
    func appended() {
        #expect(PresetStyle.render("sharp focus", with: "a cat") == "a cat, sharp focus")
        #expect(PresetStyle.render("sharp focus", with: "") == "sharp focus")
        #expect(PresetStyle.render("", with: "a cat") == "a cat")
        #expect(PresetStyle.render("  ", with: " ") == "")
    }

    @Test("with an empty prompt, separators left at the ends are removed")
    func emptyPrompt() {
        #expect(PresetStyle.render("{prompt}, blurry, lowres", with: "") == "blurry, lowres")
        #expect(PresetStyle.render("photo of {prompt}, sharp", with: "") == "photo of , sharp")
        #expect(PresetStyle.render(" , {prompt} ,", with: "") == "")
        #expect(PresetStyle.render("{prompt}, blurry", with: "ugly") == "ugly, blurry")
    }

    @Test("the negative style fills a missing negative prompt, and leaves it missing when it adds nothing")
    func negativePrompt() {
        let style = PresetStyle(negativeTemplate: "{prompt}, blurry")
        #expect(style.styledNegativePrompt(nil) == "blurry")
        #expect(style.styledNegativePrompt("") == "blurry")
        #expect(style.styledNegativePrompt("text") == "text, blurry")
        #expect(PresetStyle(negativeTemplate: "").styledNegativePrompt(nil) == nil)
        #expect(PresetStyle(negativeTemplate: "").styledNegativePrompt("") == "")
        #expect(PresetStyle().styledNegativePrompt(nil) == nil)
        #expect(PresetStyle(promptTemplate: "x {prompt}").styledNegativePrompt("keep") == "keep")
    }

    @Test("applying a style rewrites the prompts and nothing else")
    func applyToParameters() {
        let style = PresetStyle(promptTemplate: "anime art of {prompt}", negativeTemplate: "photo")
        var parameters = GenerationParameters(prompt: "a fox", prompt2: "", negativePrompt: nil, negativePrompt2: "grain",
                                              width: 896, steps: 12, seed: 5)
        let before = parameters
        style.apply(to: &parameters)
        #expect(parameters.prompt == "anime art of a fox")
        #expect(parameters.prompt2 == "")            // empty: follows the styled prompt
        #expect(parameters.negativePrompt == "photo")
        #expect(parameters.negativePrompt2 == "grain, photo")
        var rest = parameters
        rest.prompt = before.prompt
        rest.prompt2 = before.prompt2
        rest.negativePrompt = before.negativePrompt
        rest.negativePrompt2 = before.negativePrompt2
        #expect(rest == before)

        let preset = Preset(name: "s", style: style)
        #expect(preset.styled(before) == parameters)
    }
}
