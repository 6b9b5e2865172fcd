// The nearest-neighbour resize used on the way up when a latent size does not halve evenly,
// against the indices torch 2.15's F.interpolate(size=..., mode="nearest") reads (printed by
// `F.interpolate(torch.arange(n).view(1, 1, 1, n).float(), size=(1, m), mode="nearest")`).
import Testing
@testable import Models
import Tensors

@Suite struct NearestResizeTests {
    @Test(arguments: [
        (3, 5, [0, 0, 1, 1, 2]),
        (5, 10, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]),
        (2, 3, [0, 0, 1]),
        (3, 7, [0, 0, 0, 1, 1, 2, 2]),
        (7, 13, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6]),
        (10, 3, [0, 3, 6]),
        (6, 11, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5]),
    ])
    func sourceIndicesMatchTorch(input: Int, output: Int, expected: [Int]) {
        #expect(Kernels.nearestSourceIndices(input: input, output: output) == expected)
    }

    @Test func resizesBothAxes() {
        let x = Tensor(shape: [1, 2, 2, 3], scalars: (0..<12).map(Float.init))
        let y = Kernels.resizeNearest(x, height: 3, width: 5)
        #expect(y.shape == [1, 2, 3, 5])
        // Rows read 0, 0, 1; columns read 0, 0, 1, 1, 2.
        #expect(Array(y.scalars[0..<15]) == [0, 0, 1, 1, 2, 0, 0, 1, 1, 2, 3, 3, 4, 4, 5])
        #expect(Array(y.scalars[15..<20]) == [6, 6, 7, 7, 8])
    }
}
