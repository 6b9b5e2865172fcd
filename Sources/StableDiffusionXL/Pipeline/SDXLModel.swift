// The loaded components of one SDXL pipeline, the way diffusers 0.42's StableDiffusionXLPipeline and
// StableDiffusionXLImg2ImgPipeline hold them (pipelines/stable_diffusion_xl/): the base has both text
// encoders, the refiner only text encoder 2. The checks here are the ones diffusers makes when it
// first runs (`_get_add_time_ids`, the UNet's width checks), made once, at load time.
import Imaging
import CLIPTokenizer
import Models
import Schedulers

public struct SDXLModel: Sendable {
    /// CLIP ViT-L: absent in the refiner.
    public let tokenizer: CLIPTokenizer?
    public let textEncoder: CLIPTextModel?
    /// OpenCLIP ViT-bigG with its projection: the pooled text embedding comes from here.
    public let tokenizer2: CLIPTokenizer
    public let textEncoder2: CLIPTextModelWithProjection
    public let unet: UNet2DConditionModel
    public let vae: AutoencoderKL
    /// The model's own scheduler_config.json; every sampler starts from it.
    public let schedulerConfig: SchedulerConfig
    /// The UNet config's `sample_size`, which sets the default output size.
    public let sampleSize: SampleSize?
    /// model_index.json: guide against zero embeddings when no negative prompt is given.
    public let forceZerosForEmptyPrompt: Bool
    /// model_index.json: the UNet takes an aesthetic score instead of the target size (refiner).
    public let requiresAestheticsScore: Bool
    /// The weight files text encoder 2 and the VAE came from, when loaded from files: a refiner
    /// reuses the base's instances when they are the same.
    public internal(set) var textEncoder2Origin: String?
    public internal(set) var vaeOrigin: String?

    public init(tokenizer: CLIPTokenizer?, textEncoder: CLIPTextModel?,
                tokenizer2: CLIPTokenizer, textEncoder2: CLIPTextModelWithProjection,
                unet: UNet2DConditionModel, sampleSize: SampleSize?, vae: AutoencoderKL,
                schedulerConfig: SchedulerConfig,
                forceZerosForEmptyPrompt: Bool, requiresAestheticsScore: Bool) throws(GenerationError) {
        self.tokenizer = tokenizer
        self.textEncoder = textEncoder
        self.tokenizer2 = tokenizer2
        self.textEncoder2 = textEncoder2
        self.unet = unet
        self.sampleSize = sampleSize
        self.vae = vae
        self.schedulerConfig = schedulerConfig
        self.forceZerosForEmptyPrompt = forceZerosForEmptyPrompt
        self.requiresAestheticsScore = requiresAestheticsScore
        try checkCompatibility()
    }

    /// The same, with the two flags read from the model's model_index.json.
    public init(tokenizer: CLIPTokenizer?, textEncoder: CLIPTextModel?,
                tokenizer2: CLIPTokenizer, textEncoder2: CLIPTextModelWithProjection,
                unet: UNet2DConditionModel, sampleSize: SampleSize?, vae: AutoencoderKL,
                schedulerConfig: SchedulerConfig, index: ModelIndex) throws(GenerationError) {
        try self.init(tokenizer: tokenizer, textEncoder: textEncoder, tokenizer2: tokenizer2,
                      textEncoder2: textEncoder2, unet: unet, sampleSize: sampleSize, vae: vae,
                      schedulerConfig: schedulerConfig, forceZerosForEmptyPrompt: index.forceZerosForEmptyPrompt,
                      requiresAestheticsScore: index.requiresAestheticsScore)
    }

    /// 2^(VAE levels − 1): pixels per latent cell along a side (8 for SDXL).
    public var vaeScaleFactor: Int { vae.config.downsamplingFactor }

    /// diffusers' default output size: `sample_size` × the VAE scale factor (1024×1024 for SDXL;
    /// 128 when the UNet config has no sample_size).
    public var defaultSize: PixelSize {
        let latent = sampleSize ?? .square(128)
        return PixelSize(width: latent.width * vaeScaleFactor, height: latent.height * vaeScaleFactor)
    }

    /// The number of micro-conditioning values the UNet takes: 6 (sizes and crop) or 5 (with the
    /// aesthetic score instead of the target size).
    public var timeIDCount: Int { requiresAestheticsScore ? 5 : 6 }

    /// The width of the pooled text embedding (text_encoder_2's projection_dim).
    public var pooledWidth: Int { textEncoder2.textProjection.outputs }

    private func checkCompatibility() throws(GenerationError) {
        if (tokenizer == nil) != (textEncoder == nil) {
            throw .incompatibleComponents("text_encoder and tokenizer must both be present or both absent")
        }
        let layout = unet.layout
        let contextWidth = (textEncoder?.config.hiddenSize ?? 0) + textEncoder2.config.hiddenSize
        guard contextWidth == layout.contextChannels else {
            let parts = [textEncoder.map { "text_encoder \($0.config.hiddenSize)" },
                         "text_encoder_2 \(textEncoder2.config.hiddenSize)"].compactMap { $0 }
            throw .incompatibleComponents(
                "the text encoders give \(parts.joined(separator: " + ")) = \(contextWidth) channels, but the UNet's cross_attention_dim is \(layout.contextChannels)")
        }
        let passed = layout.additionTimeChannels * timeIDCount + pooledWidth
        if passed != layout.additionInputChannels {
            let other = requiresAestheticsScore ? 6 : 5
            if layout.additionTimeChannels * other + pooledWidth == layout.additionInputChannels {
                throw .incompatibleComponents(
                    "the UNet takes \(other) time ids, but model_index.json has requires_aesthetics_score = \(requiresAestheticsScore); set it to \(!requiresAestheticsScore)")
            }
            throw .incompatibleComponents(
                "the UNet's projection_class_embeddings_input_dim is \(layout.additionInputChannels), but \(timeIDCount) time ids × addition_time_embed_dim \(layout.additionTimeChannels) + text_encoder_2 projection_dim \(pooledWidth) = \(passed)")
        }
        guard layout.inChannels == vae.config.latentChannels, layout.outChannels == vae.config.latentChannels else {
            throw .incompatibleComponents(
                "the UNet has \(layout.inChannels) input and \(layout.outChannels) output channels, the VAE \(vae.config.latentChannels) latent channels")
        }
        guard vae.config.inChannels == 3, vae.config.outChannels == 3 else {
            throw .incompatibleComponents("the VAE works on \(vae.config.inChannels)-channel images; SDXL needs RGB (3)")
        }
        let encoders: [(String, CLIPTokenizer?, Int?)] = [
            ("text_encoder", tokenizer, textEncoder?.config.maxPositionEmbeddings),
            ("text_encoder_2", tokenizer2, textEncoder2.config.maxPositionEmbeddings)]
        for case let (name, tokenizer?, positions?) in encoders where tokenizer.maxLength > positions {
            throw .incompatibleComponents(
                "the \(name) tokenizer makes \(tokenizer.maxLength) tokens, but the encoder has \(positions) positions")
        }
    }
}
