import Jobs
import StableDiffusionXL
import Testing

@Suite("The model host keeps its models within a memory budget", .serialized)
struct ModelHostBudgetTests {
    @Test("each load's footprint is measured, and an unneeded refiner goes when the budget is short")
    func unneededModelsGoFirst() throws {
        let roomy = ModelHost(loader: TinyModels.load)
        #expect(roomy.memoryBudget == ProcessMemory.physicalBytes)
        _ = try roomy.pipeline(for: TinyModels.selection, withRefiner: true)
        _ = try roomy.pipeline(for: TinyModels.selection, withRefiner: false)
        #expect(roomy.loadedModels.count == 2, "with room to spare the selected refiner stays loaded")
        #expect(roomy.modelFootprints.allSatisfy { $0.bytes > 0 }, "\(roomy.modelFootprints)")

        let tight = ModelHost(memoryBudget: 1, loader: TinyModels.load)
        let both = try tight.pipeline(for: TinyModels.selection, withRefiner: true)
        #expect(both.refiner != nil, "a job's own models load even past the budget")
        #expect(tight.loadedModels.count == 2)
        _ = try tight.pipeline(for: TinyModels.selection, withRefiner: false)
        #expect(tight.loadedModels.map(\.role) == [.base], "the refiner the job does not use was kept")
        // Needed again, it loads again.
        _ = try tight.pipeline(for: TinyModels.selection, withRefiner: true)
        #expect(tight.loadCount == 3)
    }
}
