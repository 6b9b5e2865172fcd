import Jobs
import Testing

@Suite("Preview policy")
struct PreviewPolicyTests {
    let policy = PreviewPolicy()  // 10 % of step time, a preview at least every 4 steps

    @Test("the VAE is chosen when every few steps keeps it within 10 %")
    func vaeEveryFewSteps() {
        let plan = policy.plan(stepSeconds: 6, costs: [
            PreviewDecoderCost(decoder: .latentRGB, seconds: 0.0002, measured: true),
            PreviewDecoderCost(decoder: .vae, seconds: 1.5, measured: true),
        ])
        #expect(plan.decoder == .vae)
        #expect(plan.interval == 3)  // 1.5 s / (0.1 × 6 s) = 2.5 → 3
        #expect(abs(plan.share - 1.5 / 18) < 1e-12)
        #expect(plan.reason.contains("VAE decoder every 3 steps"))
        #expect(plan.reason.contains("limit 10.0 %"))
    }

    @Test("a VAE too slow for the interval limit gives way to TAESDXL, with the reason")
    func fallsBackToTinyAutoencoder() {
        let plan = policy.plan(stepSeconds: 2, costs: [
            PreviewDecoderCost(decoder: .vae, seconds: 3, measured: true),
            PreviewDecoderCost(decoder: .tinyAutoencoder, seconds: 0.15, measured: false),
            PreviewDecoderCost(decoder: .latentRGB, seconds: 0.0001, measured: true),
        ])
        #expect(plan.decoder == .tinyAutoencoder)
        #expect(plan.interval == 1)
        #expect(plan.reason.contains("passed over: VAE decoder"))
        #expect(plan.reason.contains("15 steps between previews"))
        #expect(plan.reason.contains("estimated"))
    }

    @Test("the latent approximation is the last resort; nothing fits means no previews")
    func lastResortAndNone() {
        let cheap = policy.plan(stepSeconds: 0.5, costs: [
            PreviewDecoderCost(decoder: .vae, seconds: 5, measured: true),
            PreviewDecoderCost(decoder: .latentRGB, seconds: 0.001, measured: true),
        ])
        #expect(cheap.decoder == .latentRGB && cheap.interval == 1)
        let none = policy.plan(stepSeconds: 0.01, costs: [PreviewDecoderCost(decoder: .vae, seconds: 5, measured: true)])
        #expect(none.decoder == nil)
        #expect(none.reason.contains("no decoder fits"))
    }

    @Test("the chosen plan never costs more than the budget", arguments: [0.05, 0.3, 1.0, 4.0, 20.0])
    func shareWithinBudget(stepSeconds: Double) {
        for vae in [0.01, 0.2, 0.6, 1.9, 7.0] {
            for tiny in [0.001, 0.05, 0.3] {
                let plan = policy.plan(stepSeconds: stepSeconds, costs: [
                    PreviewDecoderCost(decoder: .vae, seconds: vae, measured: true),
                    PreviewDecoderCost(decoder: .tinyAutoencoder, seconds: tiny, measured: true),
                    PreviewDecoderCost(decoder: .latentRGB, seconds: 0.0001, measured: true),
                ])
                guard let decoder = plan.decoder else { continue }
                let cost = [PreviewDecoderKind.vae: vae, .tinyAutoencoder: tiny, .latentRGB: 0.0001][decoder]!
                #expect(cost / (Double(plan.interval) * stepSeconds) <= 0.1 + 1e-12)
                #expect(plan.interval <= 4)
                // The interval is the shortest that keeps to the budget.
                if plan.interval > 1 { #expect(cost / (Double(plan.interval - 1) * stepSeconds) > 0.1) }
                // A better decoder is only passed over when it would need more than 4 steps.
                for better in PreviewDecoderKind.allCases where better > decoder {
                    let betterCost = [PreviewDecoderKind.vae: vae, .tinyAutoencoder: tiny, .latentRGB: 0.0001][better]!
                    #expect(betterCost / (4 * stepSeconds) > 0.1)
                }
            }
        }
    }

    @Test("an exact multiple of the budget is not rounded up by floating-point error")
    func exactMultiple() {
        let plan = policy.plan(stepSeconds: 0.6, costs: [PreviewDecoderCost(decoder: .vae, seconds: 0.18, measured: true)])
        #expect(plan.interval == 3)
    }

    @Test("off, forced decoder, unknown step time and the stage length")
    func modes() {
        let costs = [PreviewDecoderCost(decoder: .vae, seconds: 10, measured: true),
                     PreviewDecoderCost(decoder: .latentRGB, seconds: 0.001, measured: true)]
        #expect(PreviewPolicy(mode: .off).plan(stepSeconds: 1, costs: costs).decoder == nil)
        let forced = PreviewPolicy(mode: .only(.vae)).plan(stepSeconds: 1, costs: costs)
        #expect(forced.decoder == .vae && forced.interval == 100)
        let forcedShort = PreviewPolicy(mode: .only(.vae)).plan(stepSeconds: 1, costs: costs, totalSteps: 30)
        #expect(forcedShort.decoder == nil)
        let missing = PreviewPolicy(mode: .only(.tinyAutoencoder)).plan(stepSeconds: 1, costs: costs)
        #expect(missing.decoder == nil && missing.reason.contains("TAESDXL"))
        #expect(policy.plan(stepSeconds: 0, costs: costs).decoder == nil)
        let shortStage = policy.plan(stepSeconds: 1, costs: [PreviewDecoderCost(decoder: .vae, seconds: 0.3, measured: true)],
                                     totalSteps: 2)
        #expect(shortStage.decoder == nil)  // every 3 steps, but the stage has 2
    }

    @Test("a plan previews after every interval-th step")
    func planSteps() {
        let plan = PreviewPlan(decoder: .vae, interval: 3, share: 0.05, reason: "test")
        #expect((1...9).filter { plan.decoder(afterStep: $0) != nil } == [3, 6, 9])
        #expect(PreviewPlan.none("off").decoder(afterStep: 1) == nil)
    }
}

@Suite("Preview scheduler")
struct PreviewSchedulerTests {
    @Test("estimates as a fraction of a step until measured; replan reports only changes")
    func estimatesThenMeasurements() {
        var scheduler = PreviewScheduler(policy: PreviewPolicy(maxInterval: 10),
                                         available: [.vae: .stepFraction(0.8), .latentRGB: .seconds(0.0001)])
        #expect(scheduler.decoder(afterStep: 1) == nil)  // no plan before the first step
        let first = scheduler.replan(stepSeconds: 5, totalSteps: 30)
        #expect(first?.decoder == .vae && first?.interval == 8)  // 4 s / 0.5 s
        #expect(scheduler.costs(stepSeconds: 5).first { $0.decoder == .vae }?.measured == false)
        #expect(scheduler.replan(stepSeconds: 5, totalSteps: 30) == nil)  // unchanged
        scheduler.recordCost(.vae, seconds: 1.0)
        let measured = scheduler.replan(stepSeconds: 5, totalSteps: 30)
        #expect(measured?.decoder == .vae && measured?.interval == 2)
        #expect(scheduler.decoder(afterStep: 4) == .vae)
        #expect(scheduler.decoder(afterStep: 5) == nil)
        scheduler.recordCost(.vae, seconds: 3.0)  // mean of 1 and 3
        #expect(scheduler.costs(stepSeconds: 5).first { $0.decoder == .vae }?.seconds == 2.0)
    }

    @Test("the default policy with a far too slow VAE picks the latent approximation")
    func defaultPolicyFallsBack() {
        var scheduler = PreviewScheduler(available: [.vae: .stepFraction(0.8), .latentRGB: .seconds(0.0001)])
        scheduler.policy = PreviewPolicy(maxInterval: 4)
        let plan = scheduler.replan(stepSeconds: 5, totalSteps: 30)
        #expect(plan?.decoder == .latentRGB && plan?.interval == 1)
    }
}
