import Foundation
import Imaging
import Jobs
import Tensors

/// What the test runner computes: `steps` steps of `convolutionsPerStep` 3×3 convolutions (with
/// SiLU and renormalisation) over a [1, channels, size, size] tensor. Real numerical work from
/// the Tensors module, polled for cancellation between steps and between the convolutions of a step.
struct ConvolutionWork: Sendable {
    var tag: Int
    var steps = 5
    var channels = 8
    var size = 24
    var convolutionsPerStep = 3
    /// Pauses the run at the start of one step until the test lets it go.
    var gate: StepGate?
    /// Throws after this step.
    var failAfterStep: Int?
    /// Runs a second stage (the refiner) of this many steps.
    var refinerSteps = 0
}

struct RunnerFailure: Error, CustomStringConvertible {
    var step: Int
    var description: String { "the test runner failed on purpose after step \(step)" }
}

/// A runner for the job queue that does real but small work with `Kernels.conv2d`.
struct ConvolutionRunner: JobRunner {
    let log: RunLog

    func run(_ work: ConvolutionWork, context: JobContext) throws -> JobProduct {
        log.started(work.tag, onMainThread: Thread.isMainThread, thread: currentThreadID())
        context.configurePreviews(available: [.latentRGB: .seconds(0)])
        context.beginStage(.textEncoding)
        var random = SplitMix(seed: UInt64(work.tag) &* 7919 &+ 1)
        let c = work.channels, s = work.size
        let weight = Tensor(shape: [c, c, 3, 3], scalars: (0..<(c * c * 9)).map { _ in random.nextSigned() * 0.3 })
        let bias = Tensor(shape: [c], scalars: (0..<c).map { _ in random.nextSigned() * 0.1 })
        var x = Tensor(shape: [1, c, s, s], scalars: (0..<(c * s * s)).map { _ in random.nextSigned() })

        var stages: [(JobStage, Int)] = [(.base, work.steps)]
        if work.refinerSteps > 0 { stages.append((.refiner, work.refinerSteps)) }
        var stepsDone = 0
        for (stage, steps) in stages {
            context.beginStage(stage, steps: steps)
            for step in 1...max(steps, 1) {
                try context.checkCancellation()
                if let gate = work.gate, gate.step == stepsDone + 1 { gate.arriveAndWait() }
                for _ in 0..<work.convolutionsPerStep {
                    try context.checkCancellation()
                    x = Kernels.silu(Kernels.conv2d(x, weight: weight, bias: bias, padding: 1))  // [1, C, S, S]
                }
                x = Self.normalized(x)
                stepsDone += 1
                log.completedStep(work.tag)
                context.completeStep()
                if let decoder = context.previewDecoder(afterStep: step) {
                    let planes = x
                    try context.emitPreview(using: decoder, step: step) {
                        try planes.withUnsafeBufferPointer { values in
                            try LatentPreview.image(latent: UnsafeBufferPointer(rebasing: values[0..<(4 * s * s)]),
                                                    shape: [1, 4, s, s])
                        }
                    }
                }
                if work.failAfterStep == stepsDone { throw RunnerFailure(step: stepsDone) }
            }
        }
        context.beginStage(.decoding)
        let image = try x.withUnsafeBufferPointer { values in
            try RGBImage(normalizedPlanar: UnsafeBufferPointer(rebasing: values[0..<(3 * s * s)]), width: s, height: s)
        }
        log.ended(work.tag)
        return JobProduct(images: [JobImage(image: image, text: [PNGTextChunk(keyword: "parameters", text: "tag \(work.tag)")])])
    }

    /// x scaled so that its largest magnitude is 1 (keeps repeated convolutions bounded).
    static func normalized(_ x: Tensor) -> Tensor {
        let largest = x.withUnsafeBufferPointer { $0.reduce(Float(0)) { max($0, abs($1)) } }
        return largest > 0 ? Kernels.scale(x, by: 1 / largest) : x
    }
}

/// A small deterministic random source (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func nextSigned() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }
}
