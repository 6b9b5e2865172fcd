// The large weights of the CLIP text encoders, for giving their file pages back between uses
// (StoredWeight.releaseResidentPages). The embedding tables and norms are ordinary memory.

extension CLIPTextTransformer {
    /// Every linear layer's weight, layer by layer.
    public var storedWeights: [StoredWeight] {
        layers.flatMap { layer in
            let attention = layer.selfAttention
            return [attention.qProj, attention.kProj, attention.vProj, attention.outProj, layer.mlp.fc1, layer.mlp.fc2]
                .map(\.weight)
        }
    }
}

extension CLIPTextModel {
    public var storedWeights: [StoredWeight] { textModel.storedWeights }
}

extension CLIPTextModelWithProjection {
    public var storedWeights: [StoredWeight] { textModel.storedWeights + [textProjection.weight] }
}
