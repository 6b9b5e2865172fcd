// The forward pass of diffusers' UNet2DConditionModel (diffusers 0.42.1,
// diffusers/models/unets/unet_2d_condition.py `forward`, `get_time_embed`, `get_aug_embed`) for
// the SDXL `text_time` conditioning, without the ControlNet / adapter / mask options.
import Tensors

extension UNet2DConditionModel {
    /// Predicts the noise in `sample`.
    /// - Parameters:
    ///   - sample: noisy latents [B, in_channels, H, W]. Any size works, as in diffusers; multiples of
    ///     `layout.latentSizeMultiple` avoid the uneven resizing other sizes need.
    ///   - timesteps: one timestep for the whole batch, or one per sample.
    ///   - encoderHiddenStates: text embeddings [B, S, cross_attention_dim].
    ///   - textEmbeds: pooled text embedding [B, P].
    ///   - timeIds: micro-conditioning [B, N] (6 for base: original size, crop, target size; 5 for
    ///     the refiner), with P + N · addition_time_embed_dim = projection_class_embeddings_input_dim.
    ///   - shouldContinue: polled between layers; returning false throws `CancellationError`.
    /// - Returns: [B, out_channels, H, W].
    public func callAsFunction(sample: Tensor, timesteps: [Float], encoderHiddenStates: Tensor,
                               textEmbeds: Tensor, timeIds: Tensor,
                               shouldContinue: () -> Bool = { !Task.isCancelled }) throws -> Tensor {
        try self(sample: sample, timesteps: timesteps, context: crossAttentionContext(for: encoderHiddenStates),
                 textEmbeds: textEmbeds, timeIds: timeIds, shouldContinue: shouldContinue)
    }

    /// The same with one timestep for the whole batch.
    public func callAsFunction(sample: Tensor, timestep: Float, encoderHiddenStates: Tensor,
                               textEmbeds: Tensor, timeIds: Tensor,
                               shouldContinue: () -> Bool = { !Task.isCancelled }) throws -> Tensor {
        try self(sample: sample, timesteps: [timestep], encoderHiddenStates: encoderHiddenStates,
                 textEmbeds: textEmbeds, timeIds: timeIds, shouldContinue: shouldContinue)
    }

    /// The same with the text side already projected (`crossAttentionContext(for:)`).
    public func callAsFunction(sample: Tensor, timesteps: [Float], context: CrossAttentionContext,
                               textEmbeds: Tensor, timeIds: Tensor,
                               shouldContinue: () -> Bool = { !Task.isCancelled }) throws -> Tensor {
        let batch = try checkInputs(sample: sample, timesteps: timesteps, context: context,
                                    textEmbeds: textEmbeds, timeIds: timeIds)
        try stopIfCancelled(shouldContinue)
        let time = Kernels.silu(conditioningEmbedding(batch: batch, timesteps: timesteps,
                                                      textEmbeds: textEmbeds, timeIds: timeIds))  // [B, T]

        var h = convIn(sample)                                                  // [B, C0, H, W]
        var skips = [h]
        for block in downBlocks {
            h = try block(h, time: time, context: context, skips: &skips, shouldContinue: shouldContinue)
        }
        if let midBlock {
            h = try midBlock(h, time: time, context: context, shouldContinue: shouldContinue)
        }
        for block in upBlocks {
            h = try block(h, time: time, context: context, skips: &skips, shouldContinue: shouldContinue)
        }
        return convOut(convNormOut(h, fusingSiLU: true))                        // [B, out, H, W]
    }

    /// time_embedding(timestep features) + add_embedding([text_embeds, time id features]), before
    /// the SiLU every ResNet block applies to it.
    func conditioningEmbedding(batch: Int, timesteps: [Float], textEmbeds: Tensor, timeIds: Tensor) -> Tensor {
        let perSample = timesteps.count == 1 ? Array(repeating: timesteps[0], count: batch) : timesteps
        let timestepFeatures = Kernels.timestepEmbedding(
            perSample, dimension: layout.timestepChannels, flipSinToCos: layout.flipSinToCos,
            downscaleFrequencyShift: layout.frequencyShift)                     // [B, C0]
        let ids = timeIds.shape[1]
        let idFeatures = Kernels.timestepEmbedding(
            timeIds.scalars, dimension: layout.additionTimeChannels, flipSinToCos: layout.flipSinToCos,
            downscaleFrequencyShift: layout.frequencyShift)
            .reshaped([batch, ids * layout.additionTimeChannels])               // [B, N · 256]
        let additionInput = Kernels.concatChannels([textEmbeds, idFeatures])    // [B, P + N · 256]
        return Kernels.add(timeEmbedding(timestepFeatures), addEmbedding(additionInput))
    }
}
