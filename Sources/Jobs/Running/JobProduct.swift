import Imaging

/// The pictures a job made.
public struct JobProduct: Sendable {
    public var images: [JobImage]

    public init(images: [JobImage]) {
        self.images = images
    }
}

/// One picture to save, with the PNG text chunks (generation parameters) to store with it.
public struct JobImage: Sendable {
    public var image: RGBImage
    /// Appended to the file name (`…-base.png`); nil for the main image.
    public var label: String?
    public var text: [PNGTextChunk]

    public init(image: RGBImage, label: String? = nil, text: [PNGTextChunk] = []) {
        self.image = image
        self.label = label
        self.text = text
    }
}
