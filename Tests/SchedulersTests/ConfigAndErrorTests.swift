// scheduler_config.json decoding, sampler overrides, and the module's typed errors.
import Foundation
import Testing
@testable import Schedulers

/// stabilityai/stable-diffusion-xl-base-1.0 scheduler/scheduler_config.json, verbatim.
let sdxlSchedulerConfigJSON = """
{
  "_class_name": "EulerDiscreteScheduler",
  "_diffusers_version": "0.19.0.dev0",
  "beta_end": 0.012,
  "beta_schedule": "scaled_linear",
  "beta_start": 0.00085,
  "clip_sample": false,
  "interpolation_type": "linear",
  "num_train_timesteps": 1000,
  "prediction_type": "epsilon",
  "sample_max_value": 1.0,
  "set_alpha_to_one": false,
  "skip_prk_steps": true,
  "steps_offset": 1,
  "timestep_spacing": "leading",
  "trained_betas": null,
  "use_karras_sigmas": false
}
"""

private func decode(_ json: String) throws -> SchedulerConfig {
    try SchedulerConfig.decode(Data(json.utf8), source: "scheduler_config.json")
}

private func expectMalformed(_ json: String, mentioning words: [String],
                             sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try decode(json)
        Issue.record("expected a malformed-config error for \(json)", sourceLocation: sourceLocation)
    } catch let error as SchedulerError {
        guard case .malformedConfig(let path, let reason) = error else {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(path == "scheduler_config.json", sourceLocation: sourceLocation)
        for word in words {
            #expect(reason.contains(word), "'\(reason)' should mention \(word)", sourceLocation: sourceLocation)
        }
        #expect(error.description.contains("scheduler_config.json"), sourceLocation: sourceLocation)
    } catch {
        Issue.record("untyped error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite("scheduler config and errors")
struct ConfigAndErrorTests {
    @Test("the real SDXL base config decodes to SchedulerConfig.sdxlBase")
    func sdxlConfig() throws {
        let config = try decode(sdxlSchedulerConfigJSON)
        #expect(config == SchedulerConfig.sdxlBase)
        let roundTrip = try decode(String(decoding: try JSONEncoder().encode(config), as: UTF8.self))
        #expect(roundTrip == config)
    }

    @Test("keys listed in _use_default_values fall back to class defaults")
    func usedDefaults() throws {
        let config = try decode(#"{"timestep_spacing": "trailing", "steps_offset": 1, "_use_default_values": ["timestep_spacing"]}"#)
        #expect(config.timestepSpacing == nil)
        #expect(config.stepsOffset == 1)
    }

    @Test("diffusers' non-finite floats (-Infinity) are accepted")
    func nonFiniteFloats() throws {
        let config = try decode(#"{"_class_name": "DPMSolverMultistepScheduler", "lambda_min_clipped": -Infinity}"#)
        #expect(config.lambdaMinClipped == -.infinity)
        let sampler = try SamplerKind.dpmpp2m.makeSampler(modelConfig: config, stepCount: 10)
        #expect(sampler.timesteps.first == 999)  // nothing clipped: linspace spacing starts at T - 1
    }

    @Test("malformed configs name the file and the key")
    func malformed() {
        expectMalformed("{ not json", mentioning: ["JSON"])
        expectMalformed(#"{"num_train_timesteps": "many"}"#, mentioning: ["num_train_timesteps"])
        expectMalformed(#"{"beta_schedule": "cubic"}"#, mentioning: ["beta_schedule", "cubic", "scaled_linear"])
        expectMalformed(#"{"prediction_type": "flow"}"#, mentioning: ["prediction_type", "v_prediction"])
        expectMalformed(#"{"beta_start": -1}"#, mentioning: ["beta_start"])
        expectMalformed(#"{"num_train_timesteps": 10, "trained_betas": [0.1, 0.2]}"#, mentioning: ["trained_betas"])
        expectMalformed(#"[1, 2]"#, mentioning: [])
    }

    @Test("a missing file is an unreadable-config error; a file on disk loads")
    func loading() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/scheduler/scheduler_config.json")
        #expect {
            try SchedulerConfig.load(contentsOf: missing)
        } throws: { error in
            guard case SchedulerError.unreadableConfig(let path, _) = error else { return false }
            return path == missing.path
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-scheduler-\(UUID().uuidString).json")
        try Data(sdxlSchedulerConfigJSON.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SchedulerConfig.load(contentsOf: url) == .sdxlBase)
    }

    @Test("unknown sampler names list the known ones")
    func unknownSampler() {
        let known = SamplerKind.allCases.map(\.rawValue)
        #expect(known == ["euler", "euler_a", "dpmpp_2m", "dpmpp_2m_karras", "ddim", "euler_trailing"])
        #expect(throws: SchedulerError.unknownSampler(name: "euler_karras", known: known)) {
            try SamplerKind(name: "euler_karras")
        }
        let message = SchedulerError.unknownSampler(name: "x", known: known).description
        #expect(message.contains("dpmpp_2m_karras"))
        #expect(throws: Never.self) { try SamplerKind(name: "euler_a") }
    }

    @Test("step counts outside 1...num_train_timesteps are rejected")
    func stepCounts() {
        for kind in SamplerKind.allCases {
            #expect(throws: SchedulerError.invalidStepCount(0, trainTimesteps: 1000)) {
                try kind.makeSampler(modelConfig: .sdxlBase, stepCount: 0)
            }
            #expect(throws: SchedulerError.invalidStepCount(1001, trainTimesteps: 1000)) {
                try kind.makeSampler(modelConfig: .sdxlBase, stepCount: 1001)
            }
        }
    }

    @Test("options this port does not implement are rejected with the key")
    func unsupportedOptions() {
        var betaSigmas = SchedulerConfig.sdxlBase
        betaSigmas.useBetaSigmas = true
        #expect(throws: SchedulerError.self) { try SamplerKind.euler.makeSampler(modelConfig: betaSigmas, stepCount: 4) }

        var sample = SchedulerConfig.sdxlBase
        sample.predictionType = .sample
        #expect {
            try SamplerKind.eulerAncestral.makeSampler(modelConfig: sample, stepCount: 4)
        } throws: { error in
            guard case SchedulerError.unsupportedOption(let key, _, let sampler, _) = error else { return false }
            return key == "prediction_type" && sampler == "euler_a"
        }

        var thresholding = SchedulerConfig.sdxlBase
        thresholding.thresholding = true
        for kind in [SamplerKind.ddim, .dpmpp2m] {
            #expect {
                try kind.makeSampler(modelConfig: thresholding, stepCount: 4)
            } throws: { error in
                guard case SchedulerError.unsupportedOption(let key, _, _, _) = error else { return false }
                return key == "thresholding"
            }
        }

        var sde = SchedulerConfig.sdxlBase
        sde.algorithmType = "sde-dpmsolver++"
        #expect(throws: SchedulerError.self) { try DPMSolverMultistepSampler(config: sde, stepCount: 4) }
        // Through the sampler name, the DPM++ 2M options replace the model's.
        #expect(throws: Never.self) { try SamplerKind.dpmpp2m.makeSampler(modelConfig: sde, stepCount: 4) }
    }

    @Test("each sampler sets only its own options on top of the model config")
    func overrides() throws {
        let model = SchedulerConfig.sdxlBase
        var trailing = model
        trailing.timestepSpacing = .trailing
        #expect(SamplerKind.eulerTrailing.configured(from: model) == trailing)
        #expect(SamplerKind.euler.configured(from: model) == model)
        #expect(SamplerKind.ddim.configured(from: model) == model)

        // A model that ships Karras DPM options: plain dpmpp_2m does not inherit them.
        var karrasModel = model
        karrasModel.className = "DPMSolverMultistepScheduler"
        karrasModel.useKarrasSigmas = true
        let plain = try SamplerKind.dpmpp2m.makeSampler(modelConfig: karrasModel, stepCount: 10)
        let reference = try SamplerKind.dpmpp2m.makeSampler(modelConfig: model, stepCount: 10)
        #expect(plain.timesteps == reference.timesteps)
        let karras = try SamplerKind.dpmpp2mKarras.makeSampler(modelConfig: model, stepCount: 10)
        #expect(karras.timesteps != reference.timesteps)
        #expect(SamplerKind.modelDefault(for: karrasModel) == .dpmpp2mKarras)
        #expect(SamplerKind.modelDefault(for: model) == .euler)

        // Two samplers built one after the other from the same model config share nothing.
        _ = try SamplerKind.eulerTrailing.makeSampler(modelConfig: model, stepCount: 4)
        let euler = try SamplerKind.euler.makeSampler(modelConfig: model, stepCount: 4)
        #expect(euler.timesteps == [751, 501, 251, 1])
    }

    @Test("error descriptions say what to do")
    func descriptions() {
        let errors: [SchedulerError] = [
            .unreadableConfig(path: "/m/scheduler/scheduler_config.json", reason: "no such file"),
            .invalidValue(key: "beta_schedule", value: "\"cubic\"", expected: "one of \"linear\""),
            .unsupportedOption(key: "use_beta_sigmas", value: "true", sampler: "euler", hint: "remove the key"),
            .invalidStepCount(0, trainTimesteps: 1000),
        ]
        #expect(errors[0].description.contains("/m/scheduler/scheduler_config.json"))
        #expect(errors[1].description.contains("beta_schedule"))
        #expect(errors[2].description.contains("remove the key"))
        #expect(errors[3].description.contains("1...1000"))
        #expect(errors.allSatisfy { $0.errorDescription == $0.description })
    }
}
