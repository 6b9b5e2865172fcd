import Jobs
import StableDiffusionXL
import Testing

@Suite("The model host keeps its models within a memory budget", .serialized)
struct ModelHostBudgetTests {
    @Test("each load's footprint is measured, and an unneeded refiner goes when the budget is short")
    func unneededModelsGoFirst() throws {
        // A footprint is the growth of the whole process's resident set; suites running beside
        // this one free memory while a model loads and can hide that growth, so a fresh host
        // tries again.
        var footprints: [Int] = []
        for _ in 0..<3 where !(footprints.count == 2 && footprints.allSatisfy { $0 > 0 }) {
            let roomy = ModelHost(loader: TinyModels.load)
            #expect(roomy.memoryBudget == ProcessMemory.physicalBytes)
            _ = try roomy.pipeline(for: TinyModels.selection, withRefiner: true)
            _ = try roomy.pipeline(for: TinyModels.selection, withRefiner: false)
            #expect(roomy.loadedModels.count == 2, "with room to spare the selected refiner stays loaded")
            footprints = roomy.modelFootprints.map(\.bytes)
        }
        #expect(footprints.count == 2 && footprints.allSatisfy { $0 > 0 }, "\(footprints)")

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
