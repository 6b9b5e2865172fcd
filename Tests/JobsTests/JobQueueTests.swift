import Foundation
import Imaging
import Jobs
import Testing

@Suite("Job queue", .serialized)
struct JobQueueTests {
    @Test("one job: events in order, ETA from the step times, PNG and history written")
    func singleJob() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        let gate = StepGate(step: 1)
        let id = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, steps: 4, gate: gate)))
        let stream = await fixture.queue.events(for: id)
        await gate.waitForArrival()
        #expect(await waitForState(fixture.queue, id, .running(stage: .base, step: 0, total: 4)))
        gate.release()
        let events = await collect(stream)

        #expect(events.map(kind) == [
            "queued(0)", "started", "stage(text_encoding,0)", "stage(base,4)",
            "step(base,1/4)", "plan(latent_rgb,1)", "preview(1)", "step(base,2/4)", "preview(2)",
            "step(base,3/4)", "preview(3)", "step(base,4/4)", "preview(4)", "stage(decoding,0)", "finished",
        ])
        let steps = events.compactMap { if case let .step(progress) = $0 { return progress } else { return nil } }
        #expect(steps.allSatisfy { $0.eta != nil })
        #expect(steps.last?.eta == 0)
        #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.elapsed <= $1.elapsed })
        for progress in steps.dropLast() {
            // The ETA is the remaining steps times a positive mean step time.
            #expect(progress.eta! > 0)
        }
        let previews = events.compactMap { if case let .preview(image, _) = $0 { return image } else { return nil } }
        #expect(previews.allSatisfy { $0.width == 24 && $0.height == 24 })

        guard case let .finished(paths, timings) = events.last else {
            Issue.record("no finished event")
            return
        }
        #expect(paths.map(\.lastPathComponent) == ["tag1.png"])
        let png = try PNGFile.read(paths[0])
        #expect(png.image.width == 24 && png.metadata.text.first?.text == "tag 1")
        #expect(timings.stages.map(\.stage) == [.textEncoding, .base, .decoding])
        #expect(timings.stages.map(\.steps) == [0, 4, 0])
        #expect(timings.totalSeconds >= timings.stages.map(\.seconds).reduce(0, +) - 1e-9)

        let history = try fixture.history.load()
        #expect(history.entries.count == 1)
        #expect(history.entries.first?.id == id.uuid)
        #expect(history.entries.first?.settings == .object(["tag": .int(1)]))
        #expect(history.entries.first?.outputs == [paths[0].path])
        #expect(history.entries.first?.timings == timings)

        // Late subscribers get the compact replay and a finished stream.
        let replay = await collect(fixture.queue.events(for: id))
        #expect(replay.map(kind) == ["queued(0)", "started", "stage(text_encoding,0)", "stage(base,4)",
                                     "plan(latent_rgb,1)", "step(base,4/4)", "stage(decoding,0)", "finished"])
        #expect(await collect(fixture.queue.events(for: JobID(number: 99))).isEmpty)
        #expect(fixture.log.runsOnMainThread == 0)
        #expect(fixture.log.threads.count == 1)
    }

    @Test("20 jobs: reordered, cancelled while queued and while running, one failing; all end right")
    func twentyJobs() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        let queue = fixture.queue
        let watcher = await queue.events()
        let collector = Task { await collectUntilEnded(watcher, count: 20) }

        let holdFirst = StepGate(step: 1)
        let runningCancels = [6: StepGate(step: 3), 13: StepGate(step: 3)]
        var ids: [Int: JobID] = [:]
        var perJob: [Int: Task<[JobEvent], Never>] = [:]
        for tag in 1...20 {
            var work = ConvolutionWork(tag: tag, steps: 4)
            if tag == 1 { work.gate = holdFirst }
            if let gate = runningCancels[tag] { work.gate = gate }
            if tag == 9 { work.failAfterStep = 2 }
            if tag == 11 { work.refinerSteps = 2 }
            let id = await queue.submit(QueueFixture.request(work))
            ids[tag] = id
            let stream = await queue.events(for: id)
            perJob[tag] = Task { await collect(stream) }
        }
        await holdFirst.waitForArrival()

        var expected = Array(2...20)
        func moved(_ tag: Int, to position: Int) {
            expected.removeAll { $0 == tag }
            expected.insert(tag, at: min(position, expected.count))
        }
        #expect(await queue.move(ids[20]!, toPosition: 0))
        moved(20, to: 0)
        #expect(await queue.moveUp(ids[10]!))
        moved(10, to: expected.firstIndex(of: 10)! - 1)
        #expect(await queue.moveDown(ids[3]!))
        moved(3, to: expected.firstIndex(of: 3)! + 1)
        #expect(await queue.move(ids[18]!, toPosition: 500))  // clamped to the end
        moved(18, to: expected.count)
        for tag in [4, 7, 15] {
            #expect(await queue.cancel(ids[tag]!))
            expected.removeAll { $0 == tag }
        }
        #expect(await queue.move(ids[7]!, toPosition: 0) == false)
        #expect(await queue.cancel(ids[7]!) == false)
        #expect(await queue.move(ids[1]!, toPosition: 3) == false)

        let snapshot = await queue.snapshot()
        #expect(snapshot.first?.id == ids[1])
        let queuedTags = snapshot.compactMap { job -> (Int, Int)? in
            if case let .queued(position) = job.state { return (position, job.id.number) } else { return nil }
        }
        #expect(queuedTags.map(\.0) == Array(0..<expected.count))
        #expect(queuedTags.map(\.1) == expected)

        let cancellers = runningCancels.map { tag, gate in
            let id = ids[tag]!
            return Task {
                await gate.waitForArrival()
                #expect(await queue.cancel(id))
                gate.release()
            }
        }
        holdFirst.release()
        await queue.waitUntilIdle()
        for canceller in cancellers { await canceller.value }
        let byJob = await collector.value

        // Ran in queue order, each job once; cancelled queued jobs never started.
        #expect(fixture.log.order == [1] + expected)
        // All on the queue's one worker thread, never the main thread.
        #expect(Set(fixture.log.threads).count == 1)
        #expect(fixture.log.runsOnMainThread == 0)
        #expect(Set(fixture.log.order).count == fixture.log.order.count)
        let states = Dictionary(uniqueKeysWithValues: await queue.snapshot().map { ($0.id.number, $0.state) })
        for tag in 1...20 {
            let state = try #require(states[tag])
            switch tag {
            case 4, 6, 7, 13, 15: #expect(state == .cancelled, "job \(tag)")
            case 9: #expect(state == .failed(message: "the test runner failed on purpose after step 2"))
            default: #expect(state == .finished, "job \(tag)")
            }
        }
        // Cancelled while running at the start of step 3: stopped inside that step.
        for tag in [6, 13] {
            #expect(fixture.log.stepsCompleted(tag) == 2)
            #expect(!fixture.log.didEnd(tag))
        }
        #expect(fixture.log.stepsCompleted(9) == 2)
        #expect(fixture.log.stepsCompleted(11) == 6)

        for tag in 1...20 {
            let events = try #require(byJob[tag])
            checkOrder(events, tag: tag)
            // The job's own stream saw exactly what the queue-wide stream saw.
            let own = await perJob[tag]!.value
            #expect(own.map(kind) == events.map(kind), "job \(tag)")
        }
        let finishedTags = (1...20).filter { states[$0] == .finished }
        let history = try fixture.history.load()
        #expect(history.entries.map(\.job) == fixture.log.order.filter { finishedTags.contains($0) })
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.file("outputs").path)
        #expect(Set(files) == Set(finishedTags.map { "tag\($0).png" }))

        #expect(Set(await queue.clearFinished().map(\.number)) == Set(1...20))
        #expect(await queue.snapshot().isEmpty)
    }

    /// The rules every job's events follow.
    func checkOrder(_ events: [JobEvent], tag: Int) {
        let terminals = events.filter(\.isTerminal)
        #expect(terminals.count == 1, "job \(tag): \(events.map(kind))")
        #expect(events.last?.isTerminal == true, "job \(tag)")
        let kinds = events.map(kind)
        #expect(kinds.filter { $0 == "started" }.count <= 1, "job \(tag)")
        if let start = kinds.firstIndex(of: "started") {
            #expect(kinds[..<start].allSatisfy { $0.hasPrefix("queued(") }, "job \(tag)")
            #expect(kinds[start...].allSatisfy { !$0.hasPrefix("queued(") }, "job \(tag)")
            #expect(kinds[start - 1] == "queued(0)", "job \(tag): ran from the head of the queue")
        } else {
            #expect(events.last.map(kind) == "cancelled", "job \(tag) never started, so it was cancelled")
        }
        var expectedStep = 1
        for event in events {
            switch event {
            case .stage: expectedStep = 1
            case let .step(progress):
                #expect(progress.index == expectedStep, "job \(tag)")
                expectedStep += 1
            default: break
            }
        }
    }

    @Test("a job cancelled in step 5 of 50 stops in that step; the next job runs as if alone")
    func cancelRunningStopsWithinOneStep() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        let gate = StepGate(step: 5)
        let long = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, steps: 50, size: 48, gate: gate)))
        let next = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 2, steps: 3)))
        let longEvents = await fixture.queue.events(for: long)
        await gate.waitForArrival()
        #expect(await fixture.queue.cancel(long))
        #expect(await waitForState(fixture.queue, long, .running(stage: .base, step: 4, total: 50)))
        gate.release()
        let events = await collect(longEvents)
        #expect(events.last.map(kind) == "cancelled")
        let lastStep = events.compactMap { if case let .step(progress) = $0 { return progress.index } else { return nil } }.last
        #expect(lastStep == 4)
        #expect(fixture.log.stepsCompleted(1) == 4)
        #expect(await fixture.queue.cancel(long) == false)

        await fixture.queue.waitUntilIdle()
        let nextState = await fixture.queue.snapshot(of: next)
        #expect(nextState?.state == .finished)
        #expect(try fixture.history.load().entries.map(\.job) == [2])
        let afterCancel = try PNGFile.read(try #require(nextState?.outputs.first)).image

        let alone = try QueueFixture()
        defer { alone.folder.remove() }
        let id = await alone.queue.submit(QueueFixture.request(ConvolutionWork(tag: 2, steps: 3)))
        await alone.queue.waitUntilIdle()
        let reference = try PNGFile.read(try #require(await alone.queue.snapshot(of: id)?.outputs.first)).image
        #expect(afterCancel == reference)
    }

    @Test("a failing job reports its error and the queue goes on")
    func failureThenNext() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        let failing = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, failAfterStep: 1)))
        let next = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 2, steps: 2)))
        let events = await collect(fixture.queue.events(for: failing))
        guard case let .failed(message) = events.last else {
            Issue.record("no failure: \(events.map(kind))")
            return
        }
        #expect(message == "the test runner failed on purpose after step 1")
        await fixture.queue.waitUntilIdle()
        #expect(await fixture.queue.snapshot(of: next)?.state == .finished)
        #expect(await fixture.queue.snapshot().map(\.id) == [next, failing])  // ended jobs, latest first
    }

    @Test("cancelAll ends the running and the queued jobs")
    func cancelAll() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        let gate = StepGate(step: 2)
        let first = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, steps: 10, gate: gate)))
        let others = await [fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 2))),
                            fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 3)))]
        await gate.waitForArrival()
        await fixture.queue.cancelAll()
        gate.release()
        await fixture.queue.waitUntilIdle()
        for id in [first] + others {
            #expect(await fixture.queue.snapshot(of: id)?.state == .cancelled)
        }
        #expect(fixture.log.order == [1])
        #expect(try fixture.history.load().entries.isEmpty)
    }

    @Test("a malformed history file becomes a warning event naming file and line; the job still finishes")
    func malformedHistoryWarns() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        try Data("{ this is not json\n".utf8).write(to: fixture.history.fileURL)
        let id = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, steps: 1)))
        let events = await collect(fixture.queue.events(for: id))
        #expect(events.suffix(2).map(kind) == ["warning", "finished"])
        guard case let .warning(message) = events.dropLast().last else { return }
        #expect(message.contains(fixture.history.fileURL.path + ":1: not valid JSON"))
        #expect(message.contains(".bad-"))
        #expect(try fixture.history.load().entries.map(\.job) == [1])
    }
}

@Suite("Job queue previews")
struct JobQueuePreviewTests {
    @Test("with previews off no preview is made, and the plan says why")
    func previewsOff() async throws {
        let fixture = try QueueFixture()
        defer { fixture.folder.remove() }
        await fixture.queue.setPreviewPolicy(PreviewPolicy(mode: .off))
        let id = await fixture.queue.submit(QueueFixture.request(ConvolutionWork(tag: 1, steps: 3)))
        let events = await collect(fixture.queue.events(for: id))
        #expect(!events.map(kind).contains { $0.hasPrefix("preview(") })
        let plans = events.compactMap { if case let .previewPlan(plan) = $0 { return plan } else { return nil } }
        #expect(plans.map(\.reason) == ["previews are off"])
        #expect(events.last.map(kind) == "finished")
    }
}
