import Foundation
import Jobs

/// A queue with the convolution runner, writing into a temporary folder.
struct QueueFixture {
    let folder: TemporaryFolder
    let log = RunLog()
    let queue: JobQueue<ConvolutionRunner>
    let history: JobHistory

    init(previewPolicy: PreviewPolicy = PreviewPolicy(), historyLimit: Int = 1000) throws {
        folder = try TemporaryFolder("jobs-queue")
        history = JobHistory(fileURL: folder.file("history.jsonl"), maxEntries: historyLimit)
        queue = JobQueue(runner: ConvolutionRunner(log: log),
                         configuration: .init(outputs: OutputFolder(url: folder.file("outputs")), history: history,
                                              previewPolicy: previewPolicy))
    }

    static func request(_ work: ConvolutionWork) -> JobRequest<ConvolutionWork> {
        JobRequest(work: work, title: "convolutions \(work.tag)", settings: .object(["tag": .int(Int64(work.tag))]),
                   fileStem: "tag\(work.tag)")
    }
}

/// Reads the queue-wide stream until `count` jobs have ended; returns each job's events.
func collectUntilEnded(_ stream: AsyncStream<QueueEvent>, count: Int) async -> [Int: [JobEvent]] {
    var byJob: [Int: [JobEvent]] = [:]
    var ended = 0
    for await item in stream {
        byJob[item.id.number, default: []].append(item.event)
        if item.event.isTerminal {
            ended += 1
            if ended == count { break }
        }
    }
    return byJob
}

/// Waits (up to 20 s) until job `id` is in `state`; the queue applies a worker's events a moment
/// after the worker sent them. Returns whether it got there.
func waitForState<Runner: JobRunner>(_ queue: JobQueue<Runner>, _ id: JobID, _ state: JobState) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
        if await queue.snapshot(of: id)?.state == state { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return false
}
