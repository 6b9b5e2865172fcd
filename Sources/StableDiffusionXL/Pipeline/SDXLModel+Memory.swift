import Models

extension SDXLModel {
    /// The text encoders' half-precision weights (none with Float32 residency). Once a prompt is
    /// encoded they wait for the next one; under memory pressure their pages can go back.
    public var textEncoderWeights: [MappedWeights] {
        [textEncoder?.textModel.mappedWeights, textEncoder2.textModel.mappedWeights].compactMap { $0 }
    }
}
