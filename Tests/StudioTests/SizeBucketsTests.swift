import Imaging
@testable import Studio
import Testing

@Suite struct SizeBucketsTests {
    @Test func sdxlBucketsAreStabilitysList() {
        let buckets = SizeBuckets(nativeSide: 1024, multiple: 8)
        #expect(buckets.sizes == SizeBuckets.sdxl)
        #expect(buckets.sizes.count == 26)
        #expect(buckets.grid == 64)
        #expect(buckets.sizes.allSatisfy { $0.width % 64 == 0 && $0.height % 64 == 0 })
    }

    @Test func nearestBucketFollowsTheAspectRatio() {
        let buckets = SizeBuckets(nativeSide: 1024, multiple: 8)
        #expect(buckets.sizes[buckets.nearest(to: PixelSize(width: 512, height: 512))] == PixelSize(width: 1024, height: 1024))
        #expect(buckets.sizes[buckets.nearest(to: PixelSize(width: 1920, height: 1080))] == PixelSize(width: 1344, height: 768))
        #expect(buckets.sizes[buckets.nearest(to: PixelSize(width: 1080, height: 1920))] == PixelSize(width: 768, height: 1344))
        #expect(buckets.sizes[buckets.nearest(to: PixelSize(width: 3000, height: 1000))] == PixelSize(width: 1728, height: 576))
    }

    @Test func smallModelsGetTheSameShapesAtTheirScale() {
        let buckets = SizeBuckets(nativeSide: 64, multiple: 8)
        #expect(buckets.grid == 8)
        #expect(buckets.sizes.contains(PixelSize(width: 64, height: 64)))
        #expect(buckets.sizes.allSatisfy { $0.width % 8 == 0 && $0.height % 8 == 0 && $0.width >= 8 })
        #expect(Set(buckets.sizes).count == buckets.sizes.count)
        // Tall to wide is kept after rounding.
        let ratios = buckets.sizes.map { Double($0.width) / Double($0.height) }
        #expect(ratios == ratios.sorted())
    }

    @Test func freeSizesSnapToTheGrid() {
        let buckets = SizeBuckets(nativeSide: 1024, multiple: 8)
        #expect(buckets.snappedToGrid(1000) == 1024)
        #expect(buckets.snappedToGrid(31) == 64)
        #expect(buckets.snappedToGrid(1100) == 1088)
    }
}
