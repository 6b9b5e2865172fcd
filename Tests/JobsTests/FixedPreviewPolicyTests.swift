import Jobs
import Testing

@Suite("Previews at a fixed interval")
struct FixedPreviewPolicyTests {
    @Test("every second step and the stage's last, whatever the decoder costs")
    func fixedIntervalIgnoresCost() {
        var scheduler = PreviewScheduler(policy: PreviewPolicy(mode: .fixed(.vae, interval: 2)),
                                         available: [.vae: .stepFraction(3), .latentRGB: .seconds(0)])
        let plan = scheduler.replan(stepSeconds: 1, totalSteps: 5)
        #expect(plan?.decoder == .vae)
        #expect(plan?.interval == 2)
        #expect((plan?.share ?? 0) > 1)  // dearer than the steps: a budget policy would refuse it
        let steps = (1...5).filter { scheduler.decoder(afterStep: $0, stageSteps: 5) != nil }
        #expect(steps == [2, 4, 5])
    }

    @Test("a fixed decoder the runner does not offer gives no previews")
    func unavailableDecoder() {
        var scheduler = PreviewScheduler(policy: PreviewPolicy(mode: .fixed(.tinyAutoencoder, interval: 1)),
                                         available: [.latentRGB: .seconds(0)])
        #expect(scheduler.replan(stepSeconds: 1, totalSteps: 3)?.decoder == nil)
        #expect(scheduler.decoder(afterStep: 3, stageSteps: 3) == nil)
    }

    @Test("budget policies never add the last step")
    func automaticKeepsItsInterval() {
        var scheduler = PreviewScheduler(policy: PreviewPolicy(mode: .only(.latentRGB), maxShare: 0.1),
                                         available: [.latentRGB: .seconds(0.3)])
        _ = scheduler.replan(stepSeconds: 1, totalSteps: 5)
        #expect(scheduler.plan?.interval == 3)
        #expect((1...5).filter { scheduler.decoder(afterStep: $0, stageSteps: 5) != nil } == [3])
    }
}
