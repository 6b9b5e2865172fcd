import Imaging
import StableDiffusionXL
@testable import Studio
import TerminalUI
import Testing

@Suite struct StudioSettingsTests {
    @Test func aspectPickerSetsABucketAndWidthEditsGoFree() {
        var settings = StudioFixtures.settings()
        #expect(settings.size == PixelSize(width: 1024, height: 1024))
        settings.set(.aspect, to: 0)
        #expect(settings.size == PixelSize(width: 704, height: 1408))
        #expect(settings.sizeMode == .buckets)

        var width = settings.slider(for: .width)
        let handled = width.handle(Key(.right))
        #expect(handled)
        settings.set(.width, to: width.value)
        #expect(settings.size == PixelSize(width: 768, height: 1408))
        #expect(settings.sizeMode == .free)

        // Going back to buckets snaps to the bucket of the nearest aspect ratio.
        settings.set(.sizeMode, to: 0)
        #expect(settings.sizeMode == .buckets)
        #expect(settings.buckets.sizes.contains(settings.size))
    }

    @Test func widthSliderStaysOnTheGridAndInRange() {
        var settings = StudioFixtures.settings()
        var width = settings.slider(for: .width)
        width.set(1000)
        #expect(width.value == 1024)
        width.set(1_000_000)
        #expect(width.value == 4096)
        width.set(-5)
        #expect(width.value == 64)
        settings.set(.width, to: width.value)
        #expect(settings.size.width == 64)
    }

    @Test func cropIsBoundedByTheOriginalSize() {
        var settings = StudioFixtures.settings()
        settings.set(.originalWidth, to: 2048)
        settings.set(.originalHeight, to: 1536)
        #expect(settings.slider(for: .cropLeft).range == 0...2047)
        #expect(settings.slider(for: .cropTop).range == 0...1535)
        settings.set(.cropLeft, to: 2000)
        settings.set(.cropTop, to: 1500)
        #expect(settings.parameters.cropTopLeft == CropOffset(top: 1500, left: 2000))
        // Shrinking the original pulls the crop back inside it.
        settings.set(.originalWidth, to: 512)
        #expect(settings.parameters.cropTopLeft == CropOffset(top: 1500, left: 511))
        #expect(settings.parameters.problems().isEmpty)
        // Back to automatic: the original follows the output size again.
        let reset = settings.resetToAutomatic(.originalWidth)
        #expect(reset)
        #expect(settings.parameters.originalSize == nil)
        #expect(settings.parameters.cropTopLeft == CropOffset(top: 1023, left: 511))
    }

    @Test func swapExchangesEverySize() {
        var settings = StudioFixtures.settings()
        settings.set(.aspect, to: 14) // 1152×896
        settings.set(.originalWidth, to: 2304)
        settings.set(.originalHeight, to: 1792)
        settings.swapSides()
        #expect(settings.size == PixelSize(width: 896, height: 1152))
        #expect(settings.parameters.originalSize == PixelSize(width: 1792, height: 2304))
    }

    @Test func refinerRowsFollowTheMode() {
        var settings = StudioFixtures.settings()
        #expect(!settings.visibleRows.contains(.refinerAmount))
        settings.set(.refiner, to: 1)
        #expect(settings.parameters.refiner == .ensemble(switchAt: 0.8))
        #expect(settings.visibleRows.contains(.refinerAmount))
        settings.set(.refinerAmount, to: 0.7)
        #expect(settings.parameters.refiner == .ensemble(switchAt: 0.7))
        settings.set(.refiner, to: 2)
        #expect(settings.parameters.refiner == .refineImage(strength: 0.3))
        #expect(settings.label(for: .refinerAmount) == "Strength")
        settings.set(.refiner, to: 1)
        #expect(settings.parameters.refiner == .ensemble(switchAt: 0.7))

        let withoutRefiner = StudioFixtures.settings(hasRefiner: false)
        #expect(!withoutRefiner.visibleRows.contains(.refiner))
    }

    @Test func pickersShowNames() {
        let settings = StudioFixtures.settings()
        #expect(settings.slider(for: .sampler).displayText == "model's own")
        #expect(settings.slider(for: .aspect).displayText == "1024×1024 1.00")
        #expect(settings.slider(for: .preview).displayText == "auto")
    }
}
