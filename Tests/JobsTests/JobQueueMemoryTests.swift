import Foundation
import Jobs
import Testing

@Suite("Job queue memory")
struct JobQueueMemoryTests {
    /// Runs in a process of its own, where no other test allocates at the same time.
    @Test("memory stays flat across many jobs, cancelled ones included")
    func memoryStaysFlat() throws {
        let result = try ChildProcess.run(test: "memoryChild", role: "memory")
        #expect(result.status == 0, "\(result.output.suffix(3000))")
        let line = result.output.split(separator: "\n").first { $0.hasPrefix("resident growth:") }
        #expect(line != nil, "\(result.output.suffix(3000))")
    }

    @Test(.enabled(if: ChildProcess.role == "memory"))
    func memoryChild() async throws {
        // A history bound below the warm-up, so that the file stops growing before the measurement.
        let fixture = try QueueFixture(historyLimit: 16)
        defer { fixture.folder.remove() }
        // Each job holds [1, 16, 64, 64] tensors (256 KB each) and makes a preview per step.
        func batch(_ tags: Range<Int>) async {
            var ids: [JobID] = []
            var gates: [StepGate] = []
            for tag in tags {
                var work = ConvolutionWork(tag: tag, steps: 3, channels: 16, size: 64, convolutionsPerStep: 1)
                if tag % 3 == 0 {
                    let gate = StepGate(step: 3)
                    gates.append(gate)
                    work.gate = gate
                }
                ids.append(await fixture.queue.submit(QueueFixture.request(work)))
            }
            // Half the streams are read, half never subscribed to.
            let readers = ids.enumerated().filter { $0.offset % 2 == 0 }.map { _, id in
                Task { await collect(fixture.queue.events(for: id)).count }
            }
            for (gate, id) in zip(gates, ids.filter { $0.number % 3 == 0 }) {
                await gate.waitForArrival()
                await fixture.queue.cancel(id)
                gate.release()
            }
            await fixture.queue.waitUntilIdle()
            for reader in readers { _ = await reader.value }
            await fixture.queue.clearFinished()
        }
        // Warm-up: caches, thread stacks, allocator pools.
        await batch(1..<13)
        await batch(13..<25)
        let before = try residentBytes()
        for round in 0..<4 {
            await batch((25 + round * 10)..<(35 + round * 10))
            print("after \(35 + round * 10 - 1) jobs: \(try residentBytes() / 1024) KB resident")
        }
        let after = try residentBytes()
        let growth = after - before
        print("resident growth: \(growth / 1024) KB over 40 jobs (\(before / 1024) KB → \(after / 1024) KB)")
        #expect(fixture.log.order.count == 64)
        // One leaked activation per job would be 40 × 256 KB = 10 MB.
        #expect(growth < 3 << 20)
        #expect(try fixture.history.load().entries.count == 16)
    }
}
