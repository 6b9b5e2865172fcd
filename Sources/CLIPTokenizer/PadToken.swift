/// The padding token of each SDXL tokenizer, for the bundled vocabulary.
public enum PadToken: String, Sendable, CaseIterable {
    /// `<|endoftext|>` (id 49407): SDXL `tokenizer/`, for the CLIP ViT-L/14 text encoder.
    case endOfText = "<|endoftext|>"
    /// `!` (id 0): SDXL `tokenizer_2/`, for the OpenCLIP ViT-bigG/14 text encoder.
    case exclamationMark = "!"
}
