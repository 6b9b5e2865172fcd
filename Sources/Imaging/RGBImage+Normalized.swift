// Matches diffusers 0.42.1, src/diffusers/image_processor.py, VaeImageProcessor:
// `denormalize` ((x * 0.5 + 0.5).clamp(0, 1), in float32) then `numpy_to_pil`
// ((x * 255).round().astype("uint8"), float32 with round-half-to-even); and back,
// `pil_to_numpy` (uint8 / 255.0 in float32) then `normalize` (2 * x - 1).

extension RGBImage {
    /// Converts one decoded image from planar float channels in [-1, 1] (the `batchIndex`-th image of
    /// an NCHW batch with C = 3, as a VAE decoder outputs it) to 8-bit RGB, rounding exactly as
    /// diffusers does. Values outside [-1, 1] are clamped; NaN or infinity is an error.
    public init(normalizedPlanar planes: UnsafeBufferPointer<Float>, width: Int, height: Int,
                batchIndex: Int = 0) throws {
        let byteCount = try Self.byteCount(width: width, height: height)
        let area = width * height
        guard planes.count % byteCount == 0, planes.count > 0, batchIndex >= 0,
              batchIndex < planes.count / byteCount else {
            throw ImagingError.pixelCountMismatch(width: width, height: height,
                                                  expected: byteCount * (max(batchIndex, 0) + 1), actual: planes.count)
        }
        let image = UnsafeBufferPointer(rebasing: planes[(batchIndex * byteCount)..<((batchIndex + 1) * byteCount)])
        if let bad = image.firstIndex(where: { !$0.isFinite }) {
            let channel = bad / area
            let offset = bad % area
            throw ImagingError.nonFiniteSample(channel: channel, x: offset % width, y: offset / width, value: image[bad])
        }
        let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { bytes, initialized in
            for channel in 0..<3 {
                let plane = channel * area
                for index in 0..<area {
                    bytes[index * 3 + channel] = Self.byte(fromNormalized: image[plane + index])
                }
            }
            initialized = byteCount
        }
        try self.init(width: width, height: height, pixels: pixels)
    }

    /// The image as planar float channels (CHW, 3 × height × width) in [-1, 1], as diffusers'
    /// `VaeImageProcessor.preprocess` gives them to the VAE encoder (without resizing).
    public func normalizedPlanar() -> [Float] {
        let count = pixels.count
        return [Float](unsafeUninitializedCapacity: count) { values, initialized in
            writeNormalized(into: values)
            initialized = count
        }
    }

    /// Writes the image as planar float channels in [-1, 1] into `destination`, which must hold
    /// exactly 3 × height × width values.
    public func writeNormalizedPlanar(into destination: UnsafeMutableBufferPointer<Float>) throws {
        guard destination.count == pixels.count else {
            throw ImagingError.pixelCountMismatch(width: width, height: height,
                                                  expected: pixels.count, actual: destination.count)
        }
        writeNormalized(into: destination)
    }

    /// One float in [-1, 1] to a byte: (x * 0.5 + 0.5) clamped to [0, 1], times 255, rounded half to even.
    @inline(__always)
    static func byte(fromNormalized value: Float) -> UInt8 {
        let unit = min(max(value * 0.5 + 0.5, 0), 1)
        return UInt8((unit * 255).rounded(.toNearestOrEven))
    }

    /// One byte to a float in [-1, 1]: byte / 255 in float32, then 2 * x - 1.
    @inline(__always)
    static func normalized(fromByte byte: UInt8) -> Float {
        let unit = Float(byte) / 255
        return 2 * unit - 1
    }

    private func writeNormalized(into destination: UnsafeMutableBufferPointer<Float>) {
        let area = width * height
        pixels.withUnsafeBufferPointer { bytes in
            for channel in 0..<3 {
                let plane = channel * area
                for index in 0..<area {
                    destination[plane + index] = Self.normalized(fromByte: bytes[index * 3 + channel])
                }
            }
        }
    }
}
