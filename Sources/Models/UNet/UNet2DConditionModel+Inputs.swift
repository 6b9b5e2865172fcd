// Checks of a UNet forward's inputs against the model, so that a wrong shape is an error that
// says what was expected instead of a crash deep inside a kernel.
import Tensors

extension UNet2DConditionModel {
    /// Returns the batch size after checking that every input agrees with the model and each other.
    func checkInputs(sample: Tensor, timesteps: [Float], context: CrossAttentionContext,
                     textEmbeds: Tensor, timeIds: Tensor) throws -> Int {
        let shape = sample.shape
        guard shape.count == 4, shape[0] > 0, shape[1] == layout.inChannels, shape[2] > 0, shape[3] > 0 else {
            throw inputError("sample has shape \(shape); this UNet needs [batch, \(layout.inChannels), height, width]")
        }
        let batch = shape[0]
        guard timesteps.count == 1 || timesteps.count == batch, timesteps.allSatisfy(\.isFinite) else {
            throw inputError("\(timesteps.count) timesteps for a batch of \(batch); give one, or one per sample, all finite")
        }
        guard context.batch == batch, context.keyValues.count == transformerBlocks.count else {
            throw inputError("the text context holds \(context.batch) samples for \(context.keyValues.count) transformer blocks; this call has \(batch) samples and the UNet \(transformerBlocks.count) blocks")
        }
        guard textEmbeds.rank == 2, textEmbeds.shape[0] == batch,
              timeIds.rank == 2, timeIds.shape[0] == batch,
              textEmbeds.shape[1] + timeIds.shape[1] * layout.additionTimeChannels == layout.additionInputChannels else {
            throw inputError("text_embeds \(textEmbeds.shape) and time_ids \(timeIds.shape) do not fill the addition embedding: it needs [\(batch), P] and [\(batch), N] with P + N × \(layout.additionTimeChannels) = \(layout.additionInputChannels)")
        }
        return batch
    }
}
