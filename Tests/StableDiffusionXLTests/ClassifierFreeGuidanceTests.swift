// Classifier-free guidance and rescale_noise_cfg on numbers small enough to work out by hand.
import StableDiffusionXL
import Tensors
import Testing

@Suite("Classifier-free guidance")
struct ClassifierFreeGuidanceTests {
    /// [negative, positive] = [[0, 0, 0, 0], [1, 3, 1, 3]] as a [2, 1, 2, 2] UNet output.
    static let output = Tensor(shape: [2, 1, 2, 2], scalars: [0, 0, 0, 0, 1, 3, 1, 3])

    @Test("uncond + scale · (text − uncond), negative half first")
    func guidance() {
        let guided = ClassifierFreeGuidance(scale: 2, rescale: 0)(Self.output)
        #expect(guided.shape == [1, 1, 2, 2])
        #expect(guided.scalars == [2, 6, 2, 6])
    }

    @Test("rescale_noise_cfg matches the guided std to the text std, then mixes")
    func rescale() {
        // std(text) = 2/√3, std(guided) = 4/√3 (n − 1 = 3): ratio 1/2, rescaled [1, 3, 1, 3].
        let full = ClassifierFreeGuidance(scale: 2, rescale: 1)(Self.output)
        #expect(full.scalars == [1, 3, 1, 3])
        // 0.5 · rescaled + 0.5 · guided.
        let half = ClassifierFreeGuidance(scale: 2, rescale: 0.5)(Self.output)
        #expect(half.scalars == [1.5, 4.5, 1.5, 4.5])
    }
}
