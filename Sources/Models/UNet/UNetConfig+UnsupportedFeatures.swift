// Config keys that turn on diffusers features (diffusers 0.42.1, unet_2d_condition.py `__init__`)
// that no SDXL-family UNet uses. sdxl implements none of them, so a config that sets one is
// refused by name instead of being run with the feature silently ignored.

extension UNetConfig {
    /// Keys that select diffusers features no SDXL-family UNet uses.
    func refuseUnsupportedFeatures(_ checker: UNetConfigChecker) throws {
        func describe<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "null" }
        let onlyCross: Bool = switch onlyCrossAttention {
        case .uniform(let value): value
        case .list(let values): values.contains(true)
        }
        let checks: [(key: String, supported: Bool, found: String, expected: String)] = [
            ("_class_name", className == nil || className == "UNet2DConditionModel", describe(className), "UNet2DConditionModel"),
            ("num_attention_heads", numAttentionHeads == nil, "set",
             "null (diffusers 0.42 refuses it for this model; the head count goes in attention_head_dim)"),
            ("use_linear_projection", useLinearProjection, "false", "true"),
            ("time_embedding_type", timeEmbeddingType == "positional", timeEmbeddingType, "positional"),
            ("act_fn", actFn == "silu", actFn, "silu"),
            ("center_input_sample", !centerInputSample, "true", "false"),
            ("only_cross_attention", !onlyCross, "true", "false"),
            ("mid_block_only_cross_attention", midBlockOnlyCrossAttention != true, "true", "false or null"),
            ("dual_cross_attention", !dualCrossAttention, "true", "false"),
            ("downsample_padding", downsamplePadding == 1, "\(downsamplePadding)", "1"),
            ("mid_block_scale_factor", midBlockScaleFactor == 1, "\(midBlockScaleFactor)", "1"),
            ("resnet_out_scale_factor", resnetOutScaleFactor == 1, "\(resnetOutScaleFactor)", "1"),
            ("resnet_time_scale_shift", resnetTimeScaleShift == "default", resnetTimeScaleShift, "default"),
            ("resnet_skip_time_act", !resnetSkipTimeAct, "true", "false"),
            ("class_embed_type", classEmbedType == nil, describe(classEmbedType), "null"),
            ("num_class_embeds", numClassEmbeds == nil, describe(numClassEmbeds), "null"),
            ("class_embeddings_concat", !classEmbeddingsConcat, "true", "false"),
            ("encoder_hid_dim", encoderHidDim == nil, describe(encoderHidDim), "null"),
            ("encoder_hid_dim_type", encoderHidDimType == nil, describe(encoderHidDimType), "null"),
            ("time_embedding_act_fn", timeEmbeddingActFn == nil, describe(timeEmbeddingActFn), "null"),
            ("timestep_post_act", timestepPostAct == nil, describe(timestepPostAct), "null"),
            ("time_cond_proj_dim", timeCondProjDim == nil, describe(timeCondProjDim), "null"),
            ("conv_in_kernel", convInKernel == 3, "\(convInKernel)", "3"),
            ("conv_out_kernel", convOutKernel == 3, "\(convOutKernel)", "3"),
            ("attention_type", attentionType == "default", attentionType, "default"),
            ("cross_attention_norm", crossAttentionNorm == nil, describe(crossAttentionNorm), "null"),
        ]
        if let refused = checks.first(where: { !$0.supported }) {
            throw checker.invalid(refused.key, "is \(refused.found); sdxl runs SDXL-family UNets, which use \(refused.expected)")
        }
    }
}
