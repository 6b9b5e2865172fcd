import Models

extension SDXLModel {
    /// Gives back the pages the text encoders' half-precision weights keep resident, once the
    /// prompt is encoded and memory is short: they are read from their files again (usually from
    /// the page cache) when the next prompt is encoded. Float32 weights stay. Returns the bytes.
    @discardableResult
    public func releaseTextEncoderPages() -> Int {
        textEncoderWeights.reduce(0) { $0 + $1.releaseResidentPages() }
    }

    /// The size of the text encoders' half-precision weights: what releasing can give back.
    public var textEncoderHalfBytes: Int {
        textEncoderWeights.reduce(0) { $0 + $1.mappedBytes }
    }

    private var textEncoderWeights: [StoredWeight] {
        (textEncoder?.storedWeights ?? []) + textEncoder2.storedWeights
    }
}
