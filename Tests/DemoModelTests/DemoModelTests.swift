// The bundled demo model does in miniature what the SDXL paper shows: the prompt picks the colours,
// crops_coords_top_left decides whether the subject is whole or cut by the frame, a small
// original_size makes the picture blurrier, and the refiner run as ensemble of experts changes it.
// Every case is also checked against the measurements of diffusers' picture for the same settings
// (Fixtures/expected.json, from Tools/demo-model/evaluate.py). The full evaluation (20 prompts,
// 10 seeds) is in Tools/demo-model/training-log.txt; this sample is small enough for a debug build.
import Foundation
import Imaging
import StableDiffusionXL
import Testing

@Suite("Demo model", .serialized)
struct DemoModelTests {
    /// Rates over the sample in the fixture, which the model as trained meets (the full figures are
    /// in the training log). The sample is small because a debug build takes about 14 s a picture.
    enum Threshold {
        static let redCircleOnBlue = 3          // of 3 seeds
        static let objectColour = 2             // of 2 prompts, both naming held-out pairs
        static let backgroundColour = 2         // of 2 prompts
        static let wholeAtZeroCrop = 1          // of 1
        static let cutAtEdgeCrop = 1            // of 1
        /// Energy with a small original_size relative to a large one (0.71 in the sample; 0.74 on
        /// average over the full evaluation).
        static let smallOverLargeEnergy = 0.9
        /// Mean absolute change the refiner makes to the 8-bit picture, as a fraction of 255.
        static let refinerChange = 0.005
    }

    @Test("The demo model loads as the program loads it, with its own small default size")
    func loads() throws {
        let pipeline = try DemoModel.pipeline()
        #expect(pipeline.base.vaeScaleFactor == 4)
        #expect(pipeline.base.defaultSize == PixelSize(width: 64, height: 64))
        #expect(pipeline.refiner?.requiresAestheticsScore == true)
        let plan = try pipeline.plan(GenerationParameters(prompt: "a red circle on a blue background", steps: 20))
        #expect(plan.size == PixelSize(width: 64, height: 64))
        #expect(plan.base.sampler == .euler)
    }

    @Test("'a red circle on a blue background' gives a red object on blue")
    func redCircle() throws {
        let cases = try EvaluationSample.cases("red-circle")
        var hits = 0
        for sample in cases {
            let measured = try PictureCache.shared.measurements(sample)
            Self.expectAgreement(measured, sample)
            if measured.objectColour == "red" && measured.background == "blue" { hits += 1 }
        }
        #expect(cases.count == 3)
        #expect(hits >= Threshold.redCircleOnBlue, "red on blue in \(hits) of \(cases.count) seeds")
    }

    @Test("Object and background colours follow the prompt, also for pairs never seen in training")
    func colours() throws {
        let cases = try EvaluationSample.cases("colour")
        var objects = 0
        var backgrounds = 0
        for sample in cases {
            let measured = try PictureCache.shared.measurements(sample)
            Self.expectAgreement(measured, sample)
            if measured.objectColour == sample.colour { objects += 1 }
            if measured.background == sample.background { backgrounds += 1 }
        }
        #expect(cases.count == 2 && cases.allSatisfy(\.heldOut))
        #expect(objects >= Threshold.objectColour, "object colour right in \(objects) of \(cases.count)")
        #expect(backgrounds >= Threshold.backgroundColour, "background right in \(backgrounds) of \(cases.count)")
    }

    @Test("Crop (0, 0) keeps the object whole; a crop near the canvas edge cuts it")
    func crops() throws {
        var whole = 0
        var cut = 0
        let zero = try EvaluationSample.cases("crop-zero")
        let edge = try EvaluationSample.cases("crop-edge")
        for sample in zero {
            let measured = try PictureCache.shared.measurements(sample)
            Self.expectAgreement(measured, sample)
            if !measured.isCut { whole += 1 }
        }
        for sample in edge {
            let measured = try PictureCache.shared.measurements(sample)
            Self.expectAgreement(measured, sample)
            if measured.isCut { cut += 1 }
        }
        #expect(zero.count == 1 && edge.count == 1)
        #expect(whole >= Threshold.wholeAtZeroCrop, "whole at crop (0, 0) in \(whole) of \(zero.count)")
        #expect(cut >= Threshold.cutAtEdgeCrop, "cut at the edge crop in \(cut) of \(edge.count)")
    }

    @Test("A small original_size gives a blurrier picture than a large one")
    func originalSize() throws {
        let small = try EvaluationSample.cases("size-small")
        let large = try EvaluationSample.cases("size-large")
        var smallEnergy = 0.0
        var largeEnergy = 0.0
        for (lowResolution, highResolution) in zip(small, large) {
            let blurry = try PictureCache.shared.measurements(lowResolution)
            let sharp = try PictureCache.shared.measurements(highResolution)
            Self.expectAgreement(blurry, lowResolution)
            Self.expectAgreement(sharp, highResolution)
            #expect(blurry.highFrequency < sharp.highFrequency, "\(lowResolution)")
            smallEnergy += blurry.highFrequency
            largeEnergy += sharp.highFrequency
        }
        #expect(!small.isEmpty && small.count == large.count)
        #expect(smallEnergy < Threshold.smallOverLargeEnergy * largeEnergy,
                "high-frequency energy \(smallEnergy) with small originals, \(largeEnergy) with large ones")
    }

    @Test("The refiner as ensemble of experts changes the picture and keeps its colours")
    func refiner() throws {
        let refined = try #require(EvaluationSample.cases("refiner").first)
        let base = try #require(EvaluationSample.cases("red-circle").first { $0.seed == refined.seed })
        let refinedPicture = try PictureCache.shared.picture(refined)
        let basePicture = try PictureCache.shared.picture(base)
        let change = zip(refinedPicture.pixels, basePicture.pixels)
            .reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(basePicture.pixels.count) / 255
        #expect(change > Threshold.refinerChange, "the refiner changed the picture by \(change)")
        let measured = PictureMeasurements(refinedPicture)
        Self.expectAgreement(measured, refined)
        #expect(measured.objectColour == refined.colour && measured.background == refined.background)
    }

    /// The Swift pipeline's picture measures as diffusers' did: the same colour classes and cut
    /// decision, nearly the same high-frequency energy and mean colour.
    static func expectAgreement(_ measured: PictureMeasurements, _ sample: EvaluationSample.Case,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(measured.background == sample.expected.background, "\(sample)", sourceLocation: sourceLocation)
        #expect(measured.objectColour == sample.expected.object, "\(sample)", sourceLocation: sourceLocation)
        #expect(measured.isCut == sample.expected.cut, "\(sample)", sourceLocation: sourceLocation)
        let energy = sample.expected.highFrequency
        #expect(abs(measured.highFrequency - energy) <= 0.05 * energy + 1e-4,
                "high-frequency energy \(measured.highFrequency) vs diffusers' \(energy): \(sample)",
                sourceLocation: sourceLocation)
        for (channel, expected) in sample.meanRgb.enumerated() {
            #expect(abs(measured.meanChannel(channel) - expected) <= 1.0,
                    "mean of channel \(channel): \(measured.meanChannel(channel)) vs diffusers' \(expected): \(sample)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Pictures generated once per test run (several cases share a picture: the size test's large
/// original is the crop test's crop (0, 0), the refiner test's base is a red-circle case).
final class PictureCache: @unchecked Sendable {
    static let shared = PictureCache()
    private let lock = NSLock()
    private var pictures: [String: RGBImage] = [:]

    func picture(_ sample: EvaluationSample.Case) throws -> RGBImage {
        let key = sample.generationKey
        if let cached = lock.withLock({ pictures[key] }) { return cached }
        let picture = try DemoModel.picture(sample)
        lock.withLock { pictures[key] = picture }
        return picture
    }

    func measurements(_ sample: EvaluationSample.Case) throws -> PictureMeasurements {
        PictureMeasurements(try picture(sample))
    }
}
