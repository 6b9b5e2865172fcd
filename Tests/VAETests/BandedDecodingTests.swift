// The decoder's full-resolution layers run in bands of rows (RowBanding.swift). Bands of any height
// must give diffusers' decode, and the values of one band covering the whole picture up to float
// rounding (the matrix library may order a product's sums differently for a narrower matrix).
import Testing
import Tensors
@testable import Models

@Suite struct BandedDecodingTests {
    static let wholePicture = RowBanding(floats: Int.max / 2)

    @Test(arguments: [1, 3 * 8 * 56, 7 * 24 * 56])
    func anyBandHeightDecodesAsDiffusers(floats: Int) throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let cases = try TinyVAEFixture.vaeCases()
        let latents = try cases.tensor(named: "decode.z")               // [1, 4, 5, 7] → 40×56 pixels
        let banded = vae.decode(latents, banding: RowBanding(floats: floats))
        #expect(banded.shape == [1, 3, 40, 56])
        #expect(relativeError(banded, try cases.tensor(named: "decode.out")) <= networkTolerance)
        let whole = vae.decode(latents, banding: Self.wholePicture)
        #expect(maxAbsoluteDifference(banded, whole) <= 1e-5 * maxAbsolute(whole))
    }

    @Test func bandsCoverThePictureOnceInOrder() {
        let banding = RowBanding(floats: 10 * 4 * 3)                    // 10 rows of 4 channels × 3 columns
        #expect(banding.bands(height: 25, channels: 4, width: 3) == [0..<10, 10..<20, 20..<25])
        #expect(banding.bands(height: 5, channels: 400, width: 3) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(banding.bands(height: 0, channels: 4, width: 3).isEmpty)
    }

    @Test func aBandedResnetOverwritesOnlyAnInputNobodyElseHolds() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let values: [Float] = (0..<(24 * 120)).map { index in Float((index * 37) % 101) / 50 - 1 }
        let banding = RowBanding(floats: 2 * 24 * 10)
        for resnet in [vae.decoder.upBlocks[1].resnets[0], vae.decoder.upBlocks[2].resnets[0]] {   // 24 → 24, 24 → 16
            let x = Tensor(shape: [1, 24, 12, 10], scalars: values)
            let expected = resnet(x)
            let banded = resnet(banded: x, banding: banding)
            #expect(x.scalars == values, "the caller still holds x, so it must not change")
            #expect(!banded.storage.isBorrowed)
            #expect(maxAbsoluteDifference(banded, expected) <= 1e-5 * maxAbsolute(expected))

            let owned = Tensor(shape: [1, 24, 12, 10], scalars: values)
            let overwritten = resnet(banded: consume owned, banding: banding)
            #expect(overwritten.storage.isBorrowed, "a consumed input's memory holds the result")
            #expect(overwritten.scalars == banded.scalars)
        }
    }

    @Test func onlyAnUnsharedTensorOffersItsMemory() {
        var owned = Tensor(zeros: [1, 4, 3, 3])
        #expect(owned.overwritingView(shape: [1, 2, 3, 3])?.shape == [1, 2, 3, 3])
        #expect(owned.overwritingView(shape: [1, 5, 3, 3]) == nil, "larger than the memory")
        let shared = owned
        #expect(owned.overwritingView(shape: [1, 2, 3, 3]) == nil, "another tensor shares the memory")
        #expect(shared.count == 36)
    }

    private func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    private func maxAbsolute(_ a: Tensor) -> Float { a.scalars.map(abs).max() ?? 0 }
}
