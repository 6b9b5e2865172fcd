@testable import Jobs
import Tensors
import Testing

@Suite("Latent average pooling")
struct AveragePoolingTests {
    @Test("blocks are averaged; blocks cut by the edge average what they have")
    func pooling() {
        let latent = Tensor(shape: [1, 2, 3, 5], scalars: (0..<30).map(Float.init))
        let pooled = latent.averagePooled(by: 2)
        #expect(pooled.shape == [1, 2, 2, 3])
        // Channel 0: rows [0…4], [5…9], [10…14].
        let expected: [Float] = [3, 5, 6.5, 10.5, 12.5, 14]  // (0+1+5+6)/4, (2+3+7+8)/4, (4+9)/2, …
        #expect(Array(pooled.scalars[0..<6]) == expected)
        #expect(pooled.scalars[6] == 18)  // (15+16+20+21)/4
        #expect(latent.averagePooled(by: 1).scalars == latent.scalars)
    }
}
