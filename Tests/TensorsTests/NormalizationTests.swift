import Foundation
import Testing
import Tensors

@Suite struct NormalizationTests {
    @Test(arguments: ["groups3", "groups3_silu", "per_channel", "sequence"])
    func groupNormMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("group_norm")
        let x = try fixture.tensor(name, "x")
        let weight = try fixture.tensor(name, "weight"), bias = try fixture.tensor(name, "bias")
        let groups = fixture.int(name, "groups"), epsilon = fixture.float(name, "epsilon")
        let silu = fixture.bool(name, "silu")
        let expected = try fixture.tensor(name, "out")
        let fast = Kernels.groupNorm(x, groups: groups, weight: weight, bias: bias, epsilon: epsilon, fusingSiLU: silu)
        let naive = NaiveKernels.groupNorm(x, groups: groups, weight: weight, bias: bias, epsilon: epsilon, fusingSiLU: silu)
        #expect(relativeError(fast, expected) <= kernelTolerance)
        #expect(relativeError(naive, expected) <= kernelTolerance)
    }

    @Test(arguments: ["tokens", "rows"])
    func layerNormMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("layer_norm")
        let x = try fixture.tensor(name, "x")
        let weight = try fixture.tensor(name, "weight"), bias = try fixture.tensor(name, "bias")
        let epsilon = fixture.float(name, "epsilon")
        let expected = try fixture.tensor(name, "out")
        #expect(relativeError(Kernels.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon), expected) <= kernelTolerance)
    }

    @Test func softmaxMatchesPyTorch() throws {
        let fixture = try KernelFixture("softmax")
        let x = try fixture.tensor("rows", "x"), expected = try fixture.tensor("rows", "out")
        #expect(relativeError(Kernels.softmax(x), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.softmax(x), expected) <= kernelTolerance)
    }
}

/// The band forms of the spatial kernels: the rows of the whole-picture result.
@Suite struct RowBandKernelTests {
    static let picture = Tensor(shape: [2, 6, 7, 5], scalars: (0..<(2 * 6 * 35)).map { sin(Float($0) * 0.37) * 3 + 0.5 })

    @Test func groupNormOfRowsEqualsThoseRowsOfTheWhole() {
        let x = Self.picture
        let weight = Tensor(shape: [6], scalars: [1, -2, 0.5, 3, 1.5, -1])
        let bias = Tensor(shape: [6], scalars: [0, 1, -1, 2, 0.25, 0])
        let whole = Kernels.groupNorm(x, groups: 3, weight: weight, bias: bias, epsilon: 1e-6, fusingSiLU: true)
        let statistics = Kernels.groupStatistics(x, groups: 3, epsilon: 1e-6)
        for rows in [0..<7, 0..<2, 2..<5, 6..<7] {
            let band = Kernels.groupNorm(rows: rows, of: x, statistics: statistics, weight: weight, bias: bias, fusingSiLU: true)
            #expect(band.scalars == Kernels.rows(rows, of: whole).scalars, "rows \(rows)")
        }
    }

    @Test func aBandConvolutionEqualsThoseRowsOfTheWhole() {
        let x = Self.picture
        let weight = Tensor(shape: [4, 6, 3, 3], scalars: (0..<216).map { cos(Float($0) * 0.11) })
        let bias = Tensor(shape: [4], scalars: [0.5, -0.5, 1, 0])
        let whole = Kernels.conv2d(x, weight: weight, bias: bias, padding: 1)
        for rows in [0..<7, 0..<3, 3..<6, 6..<7] {
            let first = rows.lowerBound - 1, end = rows.upperBound + 1
            let needed = max(0, first)..<min(7, end)
            let band = Kernels.conv2d(band: Kernels.rows(needed, of: x), weight: weight, bias: bias, padding: 1,
                                      top: needed.lowerBound - first, bottom: end - needed.upperBound)
            #expect(band.shape == [2, 4, rows.count, 5])
            let expected = Kernels.rows(rows, of: whole).scalars
            #expect(zip(band.scalars, expected).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "rows \(rows)")
        }
    }

    @Test func upsampledRowsAndWrittenRowsRebuildTheWhole() {
        let x = Self.picture
        let whole = Kernels.upsampleNearest2x(x)                         // [2, 6, 14, 10]
        #expect(whole[flat: 0] == x[flat: 0] && whole[flat: 1] == x[flat: 0] && whole[flat: 10] == x[flat: 0])
        let rebuilt = Tensor(zeros: whole.shape)
        for rows in [0..<3, 3..<4, 4..<9, 9..<14] {
            Kernels.writeRows(Kernels.upsampleNearest2x(rows: rows, of: x), into: rebuilt, at: rows.lowerBound)
        }
        #expect(rebuilt.scalars == whole.scalars)
    }
}
