import Foundation
import Testing
import Models
import Tensors

@Suite struct DiagonalGaussianDistributionTests {
    /// Two images, two latent channels, one pixel: per image [mean0, mean1, logvar0, logvar1].
    static let moments = Tensor(shape: [2, 4, 1, 1], scalars: [0.5, -1, -50, 25,
                                                               2, 3, 0.4, -0.6])

    @Test func splitsMeanAndLogVariancePerImageAndClampsAsDiffusers() {
        let distribution = DiagonalGaussianDistribution(moments: Self.moments)
        #expect(distribution.shape == [2, 2, 1, 1])
        #expect(distribution.mean.scalars == [0.5, -1, 2, 3])
        #expect(distribution.mode.scalars == [0.5, -1, 2, 3])
        // torch.clamp(logvar, -30, 20), then exp(0.5 · logvar).
        #expect(distribution.logVariance.scalars == [-30, 20, 0.4, -0.6])
        #expect(distribution.standardDeviation.scalars == [expf(-15), expf(10), expf(0.2), expf(-0.3)])
    }

    @Test func sampleIsMeanPlusStandardDeviationTimesNoise() {
        let distribution = DiagonalGaussianDistribution(moments: Self.moments)
        let noise = Tensor(shape: [2, 2, 1, 1], scalars: [1, 2, -1, 0.5])
        let sample = distribution.sample(noise: noise)
        #expect(sample.scalars == [0.5 + expf(-15) * 1, -1 + expf(10) * 2, 2 + expf(0.2) * -1, 3 + expf(-0.3) * 0.5])
    }
}
