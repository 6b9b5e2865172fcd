import Foundation
import Jobs
import StableDiffusionXL
@testable import Studio
import TerminalUI
import Testing

@Suite struct StudioStateTests {
    @Test func typingThenF5SubmitsThePromptWithTheSettings() {
        var state = StudioFixtures.state()
        StudioFixtures.type("a red circle", into: &state)
        state.settings.seedMode = .locked
        state.settings.parameters.seed = 42
        let effects = state.handle(.function(5))
        guard case let .submit(parameters, ticket)? = effects.first else {
            Issue.record("F5 did not submit: \(effects)")
            return
        }
        #expect(ticket == 1)
        #expect(parameters.prompt == "a red circle")
        #expect(parameters.seed == 42)
        #expect(parameters.width == 1024 && parameters.height == 1024)
        #expect(parameters.negativePrompt == nil)
        // The prompt went into the history.
        #expect(state.editors[.prompt]?.history.entries == ["a red circle"])
        #expect(state.handle(.control("r")).count == 1)
    }

    @Test func randomSeedModeDrawsANewSeedPerJobAndShowsIt() {
        var state = StudioFixtures.state(prompt: "x")
        guard case let .submit(first, _)? = state.handle(.function(5)).first,
              case let .submit(second, _)? = state.handle(.function(5)).first else {
            Issue.record("no submissions")
            return
        }
        #expect(first.seed != second.seed)
        #expect(state.settings.parameters.seed == second.seed)
    }

    @Test func settingsKeysMoveRowsAndTypeExactValues() {
        var state = StudioFixtures.state()
        state.focus = .settings
        let stepsRow = state.settings.visibleRows.firstIndex(of: .steps) ?? 0
        for _ in 0..<stepsRow { _ = state.handle(Key(.down)) }
        #expect(state.settings.visibleRows[state.settingsRow] == .steps)
        _ = state.handle(.character("4"))
        _ = state.handle(.character("2"))
        #expect(state.entry?.slider.displayText == "42")
        _ = state.handle(Key(.enter))
        #expect(state.entry == nil)
        #expect(state.settings.parameters.steps == 42)
        _ = state.handle(Key(.right))
        #expect(state.settings.parameters.steps == 43)
        _ = state.handle(Key(.pageUp))
        #expect(state.settings.parameters.steps == 53)
        // "?" is help outside an editor.
        _ = state.handle(.character("?"))
        guard case .help? = state.overlay else {
            Issue.record("? did not open help")
            return
        }
    }

    @Test func tabVisitsThePanelsAndF3AddsTheSecondPrompts() {
        var state = StudioFixtures.state()
        var seen: [StudioPanel] = []
        for _ in 0..<4 {
            seen.append(state.focus)
            _ = state.handle(Key(.tab))
        }
        #expect(seen == [.prompt, .negativePrompt, .settings, .queue])
        #expect(state.focus == .prompt)
        _ = state.handle(Key(.backTab))
        #expect(state.focus == .queue)
        _ = state.handle(.function(3))
        #expect(state.panels == [.prompt, .negativePrompt, .prompt2, .negativePrompt2, .settings, .queue])
    }

    @Test func quitAsksWhileJobsArePending() {
        var state = StudioFixtures.state(prompt: "x")
        #expect(state.handle(.control("q")) == [.quit])
        state.addJob(JobEntry(ticket: 1, parameters: GenerationParameters(prompt: "x"), totalSteps: 3))
        #expect(state.handle(.control("q")).isEmpty)
        #expect(state.handle(.character("n")).isEmpty)
        #expect(state.overlay == nil)
        _ = state.handle(.control("q"))
        #expect(state.handle(.character("y")) == [.quit])
    }

    @Test func jobEventsDriveTheBoard() throws {
        var state = StudioFixtures.state()
        var parameters = GenerationParameters(prompt: "a cat")
        parameters.refiner = .ensemble(switchAt: 0.5)
        state.addJob(JobEntry(ticket: 7, parameters: parameters, totalSteps: 4))
        let id = JobID(number: 3)
        let output = URL(fileURLWithPath: "/tmp/out.png"), base = URL(fileURLWithPath: "/tmp/out-base.png")
        state.apply([.accepted(ticket: 7, id: id), .event(ticket: 7, .started), .event(ticket: 7, .stage(.base, steps: 2)),
                     .event(ticket: 7, .step(StepReport(stage: .base, index: 1, total: 2, elapsed: 1, eta: 1))),
                     .event(ticket: 7, .step(StepReport(stage: .base, index: 2, total: 2, elapsed: 2, eta: 0))),
                     .event(ticket: 7, .stage(.refiner, steps: 2)),
                     .event(ticket: 7, .step(StepReport(stage: .refiner, index: 1, total: 2, elapsed: 3, eta: 1)))],
                    at: 3)
        let job = try #require(state.jobs.first)
        #expect(job.id == id)
        #expect(job.stepsDone == 3)
        #expect(job.statusText.hasPrefix("refiner · step 3/4"))
        #expect(state.hasPendingJobs)
        // Esc cancels the running job.
        #expect(state.handle(Key(.escape)) == [.cancel(id)])

        state.apply([.event(ticket: 7, .finished(paths: [output, base], timings: .zero))], at: 4)
        let finished = try #require(state.jobs.first)
        #expect(finished.mainOutput == output && finished.baseOutput == base)
        #expect(state.message?.text == "job 7 done: /tmp/out.png")
        #expect(!state.hasPendingJobs)
        _ = state.handle(.function(6))
        #expect(state.comparing)
    }
}
