// JSON coding of UNetConfig under diffusers' snake_case keys. An absent key takes its default; for
// `mid_block_type` and `norm_num_groups` an explicit `null` means something else than absence
// (no middle block, no output norm), so those two keep the difference.

extension UNetConfig: Codable {
    enum CodingKeys: String, CodingKey {
        case blockOutChannels = "block_out_channels"
        case downBlockTypes = "down_block_types"
        case upBlockTypes = "up_block_types"
        case midBlockType = "mid_block_type"
        case layersPerBlock = "layers_per_block"
        case transformerLayersPerBlock = "transformer_layers_per_block"
        case reverseTransformerLayersPerBlock = "reverse_transformer_layers_per_block"
        case attentionHeadDim = "attention_head_dim"
        case numAttentionHeads = "num_attention_heads"
        case crossAttentionDim = "cross_attention_dim"
        case useLinearProjection = "use_linear_projection"
        case additionEmbedType = "addition_embed_type"
        case additionTimeEmbedDim = "addition_time_embed_dim"
        case projectionClassEmbeddingsInputDim = "projection_class_embeddings_input_dim"
        case inChannels = "in_channels"
        case outChannels = "out_channels"
        case normNumGroups = "norm_num_groups"
        case normEps = "norm_eps"
        case flipSinToCos = "flip_sin_to_cos"
        case freqShift = "freq_shift"
        case timeEmbeddingType = "time_embedding_type"
        case timeEmbeddingDim = "time_embedding_dim"
        case actFn = "act_fn"
        case upcastAttention = "upcast_attention"
        case sampleSize = "sample_size"
        case dropout
        case additionEmbedTypeNumHeads = "addition_embed_type_num_heads"
        case centerInputSample = "center_input_sample"
        case onlyCrossAttention = "only_cross_attention"
        case midBlockOnlyCrossAttention = "mid_block_only_cross_attention"
        case dualCrossAttention = "dual_cross_attention"
        case downsamplePadding = "downsample_padding"
        case midBlockScaleFactor = "mid_block_scale_factor"
        case resnetOutScaleFactor = "resnet_out_scale_factor"
        case resnetTimeScaleShift = "resnet_time_scale_shift"
        case resnetSkipTimeAct = "resnet_skip_time_act"
        case classEmbedType = "class_embed_type"
        case numClassEmbeds = "num_class_embeds"
        case classEmbeddingsConcat = "class_embeddings_concat"
        case encoderHidDim = "encoder_hid_dim"
        case encoderHidDimType = "encoder_hid_dim_type"
        case timeEmbeddingActFn = "time_embedding_act_fn"
        case timestepPostAct = "timestep_post_act"
        case timeCondProjDim = "time_cond_proj_dim"
        case convInKernel = "conv_in_kernel"
        case convOutKernel = "conv_out_kernel"
        case attentionType = "attention_type"
        case crossAttentionNorm = "cross_attention_norm"
        case className = "_class_name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        blockOutChannels = try c.decode([Int].self, forKey: .blockOutChannels)
        downBlockTypes = try c.decode([String].self, forKey: .downBlockTypes)
        upBlockTypes = try c.decode([String].self, forKey: .upBlockTypes)
        midBlockType = try c.keepingNull(.midBlockType, absent: Defaults.midBlockType)
        layersPerBlock = try c.decode(PerBlockValue<Int>.self, forKey: .layersPerBlock)
        transformerLayersPerBlock = try c.decode(TransformerLayersPerBlock.self, forKey: .transformerLayersPerBlock)
        reverseTransformerLayersPerBlock = try c.decodeIfPresent([TransformerDepth].self, forKey: .reverseTransformerLayersPerBlock)
        attentionHeadDim = try c.decode(PerBlockValue<Int>.self, forKey: .attentionHeadDim)
        numAttentionHeads = try c.decodeIfPresent(PerBlockValue<Int>.self, forKey: .numAttentionHeads)
        crossAttentionDim = try c.decode(PerBlockValue<Int>.self, forKey: .crossAttentionDim)
        useLinearProjection = try c.decode(Bool.self, forKey: .useLinearProjection)
        additionEmbedType = try c.decodeIfPresent(String.self, forKey: .additionEmbedType)
        additionTimeEmbedDim = try c.decodeIfPresent(Int.self, forKey: .additionTimeEmbedDim)
        projectionClassEmbeddingsInputDim = try c.decodeIfPresent(Int.self, forKey: .projectionClassEmbeddingsInputDim)

        inChannels = try c.decodeIfPresent(Int.self, forKey: .inChannels) ?? Defaults.inChannels
        outChannels = try c.decodeIfPresent(Int.self, forKey: .outChannels) ?? Defaults.outChannels
        normNumGroups = try c.keepingNull(.normNumGroups, absent: Defaults.normNumGroups)
        normEps = try c.decodeIfPresent(Double.self, forKey: .normEps) ?? Defaults.normEps
        flipSinToCos = try c.decodeIfPresent(Bool.self, forKey: .flipSinToCos) ?? Defaults.flipSinToCos
        freqShift = try c.decodeIfPresent(Double.self, forKey: .freqShift) ?? Defaults.freqShift
        timeEmbeddingType = try c.decodeIfPresent(String.self, forKey: .timeEmbeddingType) ?? Defaults.timeEmbeddingType
        timeEmbeddingDim = try c.decodeIfPresent(Int.self, forKey: .timeEmbeddingDim)
        actFn = try c.decodeIfPresent(String.self, forKey: .actFn) ?? Defaults.actFn
        upcastAttention = try c.decodeIfPresent(Bool.self, forKey: .upcastAttention)
        sampleSize = try c.decodeIfPresent(SampleSize.self, forKey: .sampleSize)
        dropout = try c.decodeIfPresent(Double.self, forKey: .dropout) ?? 0
        additionEmbedTypeNumHeads = try c.decodeIfPresent(Int.self, forKey: .additionEmbedTypeNumHeads)
            ?? Defaults.additionEmbedTypeNumHeads

        centerInputSample = try c.decodeIfPresent(Bool.self, forKey: .centerInputSample) ?? false
        onlyCrossAttention = try c.decodeIfPresent(PerBlockValue<Bool>.self, forKey: .onlyCrossAttention) ?? .uniform(false)
        midBlockOnlyCrossAttention = try c.decodeIfPresent(Bool.self, forKey: .midBlockOnlyCrossAttention)
        dualCrossAttention = try c.decodeIfPresent(Bool.self, forKey: .dualCrossAttention) ?? false
        downsamplePadding = try c.decodeIfPresent(Int.self, forKey: .downsamplePadding) ?? Defaults.downsamplePadding
        midBlockScaleFactor = try c.decodeIfPresent(Double.self, forKey: .midBlockScaleFactor) ?? Defaults.scaleFactor
        resnetOutScaleFactor = try c.decodeIfPresent(Double.self, forKey: .resnetOutScaleFactor) ?? Defaults.scaleFactor
        resnetTimeScaleShift = try c.decodeIfPresent(String.self, forKey: .resnetTimeScaleShift)
            ?? Defaults.resnetTimeScaleShift
        resnetSkipTimeAct = try c.decodeIfPresent(Bool.self, forKey: .resnetSkipTimeAct) ?? false
        classEmbedType = try c.decodeIfPresent(String.self, forKey: .classEmbedType)
        numClassEmbeds = try c.decodeIfPresent(Int.self, forKey: .numClassEmbeds)
        classEmbeddingsConcat = try c.decodeIfPresent(Bool.self, forKey: .classEmbeddingsConcat) ?? false
        encoderHidDim = try c.decodeIfPresent(Int.self, forKey: .encoderHidDim)
        encoderHidDimType = try c.decodeIfPresent(String.self, forKey: .encoderHidDimType)
        timeEmbeddingActFn = try c.decodeIfPresent(String.self, forKey: .timeEmbeddingActFn)
        timestepPostAct = try c.decodeIfPresent(String.self, forKey: .timestepPostAct)
        timeCondProjDim = try c.decodeIfPresent(Int.self, forKey: .timeCondProjDim)
        convInKernel = try c.decodeIfPresent(Int.self, forKey: .convInKernel) ?? Defaults.convKernel
        convOutKernel = try c.decodeIfPresent(Int.self, forKey: .convOutKernel) ?? Defaults.convKernel
        attentionType = try c.decodeIfPresent(String.self, forKey: .attentionType) ?? Defaults.attentionType
        crossAttentionNorm = try c.decodeIfPresent(String.self, forKey: .crossAttentionNorm)
        className = try c.decodeIfPresent(String.self, forKey: .className)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(blockOutChannels, forKey: .blockOutChannels)
        try c.encode(downBlockTypes, forKey: .downBlockTypes)
        try c.encode(upBlockTypes, forKey: .upBlockTypes)
        try c.encode(midBlockType, forKey: .midBlockType)            // null is meaningful
        try c.encode(layersPerBlock, forKey: .layersPerBlock)
        try c.encode(transformerLayersPerBlock, forKey: .transformerLayersPerBlock)
        try c.encodeIfPresent(reverseTransformerLayersPerBlock, forKey: .reverseTransformerLayersPerBlock)
        try c.encode(attentionHeadDim, forKey: .attentionHeadDim)
        try c.encodeIfPresent(numAttentionHeads, forKey: .numAttentionHeads)
        try c.encode(crossAttentionDim, forKey: .crossAttentionDim)
        try c.encode(useLinearProjection, forKey: .useLinearProjection)
        try c.encodeIfPresent(additionEmbedType, forKey: .additionEmbedType)
        try c.encodeIfPresent(additionTimeEmbedDim, forKey: .additionTimeEmbedDim)
        try c.encodeIfPresent(projectionClassEmbeddingsInputDim, forKey: .projectionClassEmbeddingsInputDim)
        try c.encode(inChannels, forKey: .inChannels)
        try c.encode(outChannels, forKey: .outChannels)
        try c.encode(normNumGroups, forKey: .normNumGroups)          // null is meaningful
        try c.encode(normEps, forKey: .normEps)
        try c.encode(flipSinToCos, forKey: .flipSinToCos)
        try c.encode(freqShift, forKey: .freqShift)
        try c.encode(timeEmbeddingType, forKey: .timeEmbeddingType)
        try c.encodeIfPresent(timeEmbeddingDim, forKey: .timeEmbeddingDim)
        try c.encode(actFn, forKey: .actFn)
        try c.encodeIfPresent(upcastAttention, forKey: .upcastAttention)
        try c.encodeIfPresent(sampleSize, forKey: .sampleSize)
        try c.encode(dropout, forKey: .dropout)
        try c.encode(additionEmbedTypeNumHeads, forKey: .additionEmbedTypeNumHeads)
        try c.encode(centerInputSample, forKey: .centerInputSample)
        try c.encode(onlyCrossAttention, forKey: .onlyCrossAttention)
        try c.encodeIfPresent(midBlockOnlyCrossAttention, forKey: .midBlockOnlyCrossAttention)
        try c.encode(dualCrossAttention, forKey: .dualCrossAttention)
        try c.encode(downsamplePadding, forKey: .downsamplePadding)
        try c.encode(midBlockScaleFactor, forKey: .midBlockScaleFactor)
        try c.encode(resnetOutScaleFactor, forKey: .resnetOutScaleFactor)
        try c.encode(resnetTimeScaleShift, forKey: .resnetTimeScaleShift)
        try c.encode(resnetSkipTimeAct, forKey: .resnetSkipTimeAct)
        try c.encodeIfPresent(classEmbedType, forKey: .classEmbedType)
        try c.encodeIfPresent(numClassEmbeds, forKey: .numClassEmbeds)
        try c.encode(classEmbeddingsConcat, forKey: .classEmbeddingsConcat)
        try c.encodeIfPresent(encoderHidDim, forKey: .encoderHidDim)
        try c.encodeIfPresent(encoderHidDimType, forKey: .encoderHidDimType)
        try c.encodeIfPresent(timeEmbeddingActFn, forKey: .timeEmbeddingActFn)
        try c.encodeIfPresent(timestepPostAct, forKey: .timestepPostAct)
        try c.encodeIfPresent(timeCondProjDim, forKey: .timeCondProjDim)
        try c.encode(convInKernel, forKey: .convInKernel)
        try c.encode(convOutKernel, forKey: .convOutKernel)
        try c.encode(attentionType, forKey: .attentionType)
        try c.encodeIfPresent(crossAttentionNorm, forKey: .crossAttentionNorm)
        try c.encodeIfPresent(className, forKey: .className)
    }
}

extension KeyedDecodingContainer {
    /// `absent` when the key is missing, nil when it is `null`, else the value.
    fileprivate func keepingNull<T: Decodable>(_ key: Key, absent: T?) throws -> T? {
        guard contains(key) else { return absent }
        return try decodeNil(forKey: key) ? nil : decode(T.self, forKey: key)
    }
}
