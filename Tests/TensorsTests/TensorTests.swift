import Testing
import Tensors

@Suite struct TensorTests {
    @Test func copyOnWriteKeepsSharedStorageIntact() {
        let original = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        var copy = original
        copy.withUnsafeMutableBufferPointer { $0[0] = 9 }
        #expect(original.scalars == [1, 2, 3, 4])
        #expect(copy.scalars == [9, 2, 3, 4])
    }

    @Test func reshapeSharesValues() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let r = t.reshaped([3, 2])
        #expect(r.shape == [3, 2])
        #expect(r.scalars == t.scalars)
    }

    @Test func borrowedStorageIsCopiedBeforeWriting() {
        final class Owner {}
        let owner = Owner()
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: 3)
        memory.initialize(from: [1, 2, 3], count: 3)
        defer { memory.deallocate() }
        var borrowed = Tensor(shape: [3], storage: TensorStorage(borrowing: memory, count: 3, owner: owner))
        borrowed.withUnsafeMutableBufferPointer { $0[1] = 7 }
        #expect(memory[1] == 2)
        #expect(borrowed.scalars == [1, 7, 3])
    }

    @Test func coreChoiceRestartsOnlyForUnrecognisedProcessors() {
        let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq"]
        #expect(BLASCoreChoice.recommendedCoreType(currentCore: "Prescott", cpuFlags: avx512, environment: [:]) == "SkylakeX")
        #expect(BLASCoreChoice.recommendedCoreType(currentCore: "Prescott", cpuFlags: ["avx2", "fma"], environment: [:]) == "Haswell")
        #expect(BLASCoreChoice.recommendedCoreType(currentCore: "Zen", cpuFlags: ["avx2", "fma"], environment: [:]) == nil)
        #expect(BLASCoreChoice.recommendedCoreType(currentCore: "Prescott", cpuFlags: avx512,
                                                   environment: ["OPENBLAS_CORETYPE": "Prescott"]) == nil)
        #expect(BLASCoreChoice.recommendedCoreType(currentCore: "Prescott", cpuFlags: ["sse3"], environment: [:]) == nil)
        let flags = BLASCoreChoice.cpuFlags(fromCPUInfo: "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\nbugs\t: x\n")
        #expect(flags == ["fpu", "sse2", "avx2", "fma"])
    }
}
