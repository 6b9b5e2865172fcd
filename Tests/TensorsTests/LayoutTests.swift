import Testing
import Tensors

@Suite struct LayoutTests {
    @Test func transposeSwapsTheLastTwoDimensions() {
        let x = randomTensor([2, 37, 45], seed: 11)
        let t = Kernels.transposeLastTwo(x)
        #expect(t.shape == [2, 45, 37])
        for b in 0..<2 {
            for i in 0..<37 {
                for j in 0..<45 { #expect(t[flat: (b * 45 + j) * 37 + i] == x[flat: (b * 37 + i) * 45 + j]) }
            }
        }
        #expect(Kernels.transposeLastTwo(t).scalars == x.scalars)
    }

    @Test func gatherPicksRows() {
        let table = Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        #expect(Kernels.gatherRows(table, indices: [2, 0, 2]).scalars == [20, 21, 0, 1, 20, 21])
    }

    @Test func zeroPadAddsRowsBelowAndColumnsRight() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let padded = Kernels.zeroPad(x, bottom: 1, right: 1)
        #expect(padded.shape == [1, 1, 3, 3])
        #expect(padded.scalars == [1, 2, 0, 3, 4, 0, 0, 0, 0])
    }
}
