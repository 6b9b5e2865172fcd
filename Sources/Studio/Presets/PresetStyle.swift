// Style templates that wrap the prompt, in the manner of the web UI's styles.csv and Fooocus'
// style files: a template holds `{prompt}` where the person's own text goes.
import Foundation
import StableDiffusionXL

/// A prompt style: a template for the prompt and one for the negative prompt.
///
/// Rendering a template with a text:
/// - a template containing `{prompt}` has every `{prompt}` replaced by the text, in one pass
///   (braces inside the text are kept as they are and never expanded);
/// - a template without `{prompt}` is appended to the text after ", " (only the non-empty one
///   of the two is kept when either is empty);
/// - when the text is empty, spaces and commas left at either end of the result are removed.
public struct PresetStyle: Hashable, Sendable {
    /// The placeholder for the person's text.
    public static let placeholder = "{prompt}"
    static let separator = ", "

    /// Wraps the prompt (and `prompt_2` when that is set and not empty).
    public var promptTemplate: String?
    /// Wraps the negative prompt (and `negative_prompt_2` when set and not empty);
    /// `{prompt}` here stands for the person's negative prompt.
    public var negativeTemplate: String?

    public init(promptTemplate: String? = nil, negativeTemplate: String? = nil) {
        self.promptTemplate = promptTemplate
        self.negativeTemplate = negativeTemplate
    }

    public var isEmpty: Bool { promptTemplate == nil && negativeTemplate == nil }

    /// `template` with `text` put in, by the rules above.
    public static func render(_ template: String, with text: String) -> String {
        let textIsEmpty = text.allSatisfy(\.isWhitespace)
        guard template.contains(placeholder) else {
            let parts = [text, template].filter { !$0.allSatisfy(\.isWhitespace) }
            return parts.joined(separator: separator)
        }
        let rendered = template.replacingOccurrences(of: placeholder, with: text)
        return textIsEmpty ? trimmingSeparators(rendered) : rendered
    }

    /// The prompt as sent to the model.
    public func styledPrompt(_ prompt: String) -> String {
        promptTemplate.map { Self.render($0, with: prompt) } ?? prompt
    }

    /// The negative prompt as sent to the model. A missing negative prompt counts as empty text;
    /// when the style gives nothing either, it stays missing (and SDXL base guides against
    /// zero embeddings, see GenerationParameters.negativePrompt).
    public func styledNegativePrompt(_ negativePrompt: String?) -> String? {
        guard let negativeTemplate else { return negativePrompt }
        let rendered = Self.render(negativeTemplate, with: negativePrompt ?? "")
        if rendered.isEmpty, negativePrompt == nil { return nil }
        return rendered
    }

    /// Rewrites the prompts of `parameters` with this style; the other settings stay.
    /// The second prompts are styled only when they have text of their own (otherwise they
    /// already follow the first ones).
    public func apply(to parameters: inout GenerationParameters) {
        parameters.prompt = styledPrompt(parameters.prompt)
        if let prompt2 = parameters.prompt2, !prompt2.isEmpty {
            parameters.prompt2 = styledPrompt(prompt2)
        }
        parameters.negativePrompt = styledNegativePrompt(parameters.negativePrompt)
        if let negative2 = parameters.negativePrompt2, !negative2.isEmpty {
            parameters.negativePrompt2 = styledNegativePrompt(negative2)
        }
    }

    private static func trimmingSeparators(_ text: String) -> String {
        let isSeparator: (Character) -> Bool = { $0 == "," || $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSeparator($0) }),
              let last = text.lastIndex(where: { !isSeparator($0) }) else { return "" }
        return String(text[first...last])
    }
}
