// The latent scaling of the SDXL pipelines around the VAE, against recorded diffusers runs
// (expected/pipeline_*.safetensors): the final decode of StableDiffusionXLPipeline and the
// initial latents of StableDiffusionXLImg2ImgPipeline.
import Foundation
import Testing
import Models
import Schedulers
import SafeTensors
import Tensors

@Suite struct AutoencoderKLScalingTests {
    /// VaeImageProcessor.postprocess(output_type="np"): (x / 2 + 0.5) clamped to [0, 1], as [H, W, C].
    static func postprocessed(_ image: Tensor) -> Tensor {
        let (channels, height, width) = (image.shape[1], image.shape[2], image.shape[3])
        var result = Tensor(zeros: [height, width, channels])
        result.withUnsafeMutableBufferPointer { out in
            for c in 0..<channels { for y in 0..<height { for x in 0..<width {
                let value = image[flat: (c * height + y) * width + x] / 2 + 0.5
                out[(y * width + x) * channels + c] = min(max(value, 0), 1)
            } } }
        }
        return result
    }

    /// VaeImageProcessor.preprocess of an image given as [H, W, C] floats in [0, 1] (a PIL image
    /// divided by 255, of a size that needs no resizing): [1, C, H, W] scaled to 2x − 1.
    static func preprocessed(_ pixels: Tensor) -> Tensor {
        let (height, width, channels) = (pixels.shape[0], pixels.shape[1], pixels.shape[2])
        var result = Tensor(zeros: [1, channels, height, width])
        result.withUnsafeMutableBufferPointer { out in
            for c in 0..<channels { for y in 0..<height { for x in 0..<width {
                out[(c * height + y) * width + x] = 2 * pixels[flat: (y * width + x) * channels + c] - 1
            } } }
        }
        return result
    }

    /// The img2img scenario's input image as the pipeline hands it to the VAE.
    static func img2imgInput(_ run: SafeTensorsFile) throws -> Tensor {
        preprocessed(try run.tensor(named: "input_image"))             // [1, 3, 64, 96] in [-1, 1]
    }

    @Test(arguments: ["ref", "size_tall", "size_latent_not_divisible", "wide_128x64", "img2img_base"])
    func decodeScaledGivesThePipelineImage(scenario: String) throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let run = try TinyVAEFixture.pipelineCase(scenario)
        let latents = try run.tensor(named: "final_latents")            // [1, 4, h, w]
        let expected = try run.tensor(named: "image")                   // [H, W, 3] in [0, 1]
        let image = Self.postprocessed(vae.decodeScaled(latents))
        #expect(image.shape == expected.shape)
        #expect(relativeError(image, expected) <= networkTolerance, "\(scenario)")
    }

    @Test func decodeScaledDividesByTheScalingFactorBeforeDecoding() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let latents = try TinyVAEFixture.pipelineCase("ref").tensor(named: "final_latents")
        let unscaled = vae.unscale(latents)
        for i in stride(from: 0, to: latents.count, by: 7) {
            #expect(unscaled[flat: i] == latents[flat: i] / Float(0.13025))
        }
        #expect(vae.decodeScaled(latents).scalars == vae.decode(unscaled).scalars)
    }

    @Test func encodeScaledGivesTheImg2ImgInitialLatents() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let run = try TinyVAEFixture.pipelineCase("img2img_base")
        let image = try Self.img2imgInput(run)                         // [1, 3, 64, 96]
        let posteriorNoise = try run.tensor(named: "posterior_noise")   // [1, 4, 8, 12]
        let distribution = vae.encode(image)
        #expect(relativeError(distribution.mean, try run.tensor(named: "posterior_mean")) <= networkTolerance)
        #expect(relativeError(distribution.standardDeviation, try run.tensor(named: "posterior_std")) <= networkTolerance)

        var requested: [[Int]] = []
        let encoded = vae.encodeScaled(image) { shape in
            requested.append(shape)
            return posteriorNoise
        }
        #expect(requested == [posteriorNoise.shape])
        #expect(relativeError(encoded, try run.tensor(named: "encoded_latents")) <= networkTolerance)
    }

    @Test func theSeededRandomSourceReproducesTheImg2ImgDraws() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let manifest = try TinyVAEFixture.manifest()
        let entry = (manifest["pipelines"] as? [[String: Any]])?.first { $0["name"] as? String == "img2img_base" }
        let seed = try #require((entry?["seed"] as? NSNumber)?.uint64Value)
        let run = try TinyVAEFixture.pipelineCase("img2img_base")
        var random = TorchCPURandomSource(seed: seed)
        // diffusers: the posterior sample draws first, then prepare_latents draws the added noise.
        let encoded = vae.encodeScaled(try Self.img2imgInput(run)) { shape in
            random.standardNormal(shape: shape)
        }
        #expect(relativeError(encoded, try run.tensor(named: "encoded_latents")) <= networkTolerance)
        let noise = random.standardNormal(shape: encoded.shape)
        #expect(noise.scalars == (try run.tensor(named: "initial_noise")).scalars)
    }

    @Test func encodeScaledModeIsTheScaledMean() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let run = try TinyVAEFixture.pipelineCase("img2img_base")
        let encoded = vae.encodeScaledMode(try Self.img2imgInput(run))
        let mean = try run.tensor(named: "posterior_mean")
        #expect(relativeError(encoded, Kernels.scale(mean, by: Float(0.13025))) <= networkTolerance)
    }

    /// With latents_mean and latents_std in the config, the pipelines use
    /// z · std / scaling_factor + mean to decode and (x − mean) · scaling_factor / std to encode.
    @Test func latentStatisticsFromTheConfigAreApplied() throws {
        var config = try TinyVAEFixture.config()
        config.latentsMean = [0.5, -1, 0.25, 2]
        config.latentsStd = [2, 0.5, 4, 1]
        let vae = try AutoencoderKL(config: config, weights: WeightLoader(SafeTensorsWeights(
            path: TinyVAEFixture.vaeFolder + "/\(AutoencoderKL.weightsBaseName).safetensors")))
        let latents = Tensor(shape: [1, 4, 1, 2], scalars: [1, -1, 2, 3, 0.5, 0, -4, 8])
        let unscaled = vae.unscale(latents)
        let factor = Float(config.scalingFactor)
        let expectedUnscaled: [Float] = [1 * 2 / factor + 0.5, -1 * 2 / factor + 0.5,
                                         2 * 0.5 / factor - 1, 3 * 0.5 / factor - 1,
                                         0.5 * 4 / factor + 0.25, 0 * 4 / factor + 0.25,
                                         -4 * 1 / factor + 2, 8 * 1 / factor + 2]
        #expect(unscaled.scalars == expectedUnscaled)
        let rescaled = vae.scale(unscaled)
        #expect(relativeError(rescaled, latents) <= 1e-6)
        #expect(vae.scale(Tensor(shape: [1, 4, 1, 1], scalars: [0.5, -1, 0.25, 2])).scalars == [0, 0, 0, 0])
    }

    /// Only one of the two statistics: the pipelines fall back to the plain scaling factor.
    @Test func aLoneLatentsMeanIsIgnoredAsInDiffusers() throws {
        var config = try TinyVAEFixture.config()
        config.latentsMean = [0.5, -1, 0.25, 2]
        let vae = try AutoencoderKL(config: config, weights: WeightLoader(SafeTensorsWeights(
            path: TinyVAEFixture.vaeFolder + "/\(AutoencoderKL.weightsBaseName).safetensors")))
        let latents = Tensor(shape: [1, 4, 1, 1], scalars: [1, 2, 3, 4])
        #expect(vae.unscale(latents).scalars == latents.scalars.map { $0 / Float(config.scalingFactor) })
        #expect(vae.scale(latents).scalars == latents.scalars.map { Float(config.scalingFactor) * $0 })
    }
}
