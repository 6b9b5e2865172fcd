/// The phases of one generation, in the order they usually run. A stage can come more than once
/// (the refiner encodes its own prompts after the base model's steps).
public enum JobStage: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Loading the models, or finding them already loaded.
    case loading
    case textEncoding = "text_encoding"
    /// A picture through the VAE encoder (img2img's init image, or the base image the refiner repaints).
    case imageEncoding = "image_encoding"
    case base
    case refiner
    case decoding

    public var description: String {
        switch self {
        case .loading: return "loading the models"
        case .textEncoding: return "encoding the prompt"
        case .imageEncoding: return "encoding the image"
        case .base: return "base model"
        case .refiner: return "refiner"
        case .decoding: return "decoding"
        }
    }
}
