import Foundation
import Jobs
import Models
import StableDiffusionXL

/// One generation run as a job on a `JobQueue` with a `PipelineRunner`, the way the TUI runs
/// them, for the commands that generate from the command line: the models loaded by the command
/// are handed to the queue's model host, the queue writes the images and records the history,
/// and every event of the job goes to `onEvent` in order.
struct QueuedGeneration {
    var pipeline: SDXLPipeline
    var selection: ModelSelection
    var outputs: OutputFolder
    var history: JobHistory?
    var previews: PreviewPolicy
    /// VAE previews decode x̂0 averaged over blocks of this many latent pixels per side.
    var vaePreviewDownscale = 1
    /// TAESDXL for previews, when `--tae` gave it.
    var tinyAutoencoder: AutoencoderTiny?
    var memoryLimit: MemoryLimit = .machine

    /// What a finished job gives back.
    struct Outcome {
        var paths: [URL]
        var timings: JobTimings
    }

    /// Runs `work` and returns when the job has ended; throws when it failed or was cancelled.
    func run(_ work: GenerationWork, fileStem: String?, onEvent: (JobEvent) -> Void) async throws -> Outcome {
        let queue = JobQueue(runner: PipelineRunner(host: .preloaded(pipeline), vaePreviewDownscale: vaePreviewDownscale,
                                                    tinyAutoencoder: tinyAutoencoder, memoryLimit: memoryLimit),
                             configuration: .init(outputs: outputs, history: history, previewPolicy: previews))
        let id = await queue.submit(try .generation(work, fileStem: fileStem))
        for await event in await queue.events(for: id) {
            switch event {
            case let .finished(paths, timings):
                return Outcome(paths: paths, timings: timings)
            case let .failed(message):
                throw JobFailure(message: message)
            case .cancelled:
                throw CancellationError()
            default:
                onEvent(event)
            }
        }
        throw JobFailure(message: "the job queue stopped before the job ended")
    }
}

/// A job that ended with an error; the message is the error's own text.
struct JobFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
