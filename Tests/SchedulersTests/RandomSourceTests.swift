// torch.randn on seeded CPU generators, reproduced bit for bit (random.json).
import Foundation
import Testing
@testable import Schedulers

struct RandomFixture: Decodable {
    struct Big: Decodable {
        let indices_stride: Int
        let values: String
        let fnv1a64: String
        let sum: Double
        let sum_of_squares: Double
    }
    struct Kernel: Decodable {
        let torch_capability: String
        let seeds: [String: String]
        let sequence: String
        let big: [String: Big]
    }
    let seeds: [String]
    let sizes: [Int]
    let sequence_seed: Int
    let sequence_sizes: [Int]
    let big_shape: [Int]
    let kernels: [String: Kernel]
}

@Suite("torch-compatible random source")
struct RandomSourceTests {
    let fixture: RandomFixture

    init() throws { fixture = try Fixture.load(RandomFixture.self, "random") }

    private func kernels() throws -> [(TorchBoxMullerKernel, RandomFixture.Kernel)] {
        try TorchBoxMullerKernel.allCases.map { kernel in
            guard let data = fixture.kernels[kernel.rawValue] else { throw FixtureError.missing("random.\(kernel)") }
            return (kernel, data)
        }
    }

    @Test("every size 1...40, 100 and 1023 from a fresh generator, four seeds, both torch builds")
    func sizesFromFreshGenerators() throws {
        for (kernel, data) in try kernels() {
            for seedText in fixture.seeds {
                let seed = try #require(UInt64(seedText))
                let expected = try Fixture.floats(try #require(data.seeds[seedText]), "seed \(seedText)")
                var offset = 0
                for size in fixture.sizes {
                    var source = TorchCPURandomSource(seed: seed, kernel: kernel)
                    let values = source.standardNormal(count: size)
                    expectBitwiseEqual(values, Array(expected[offset..<(offset + size)]),
                                       "\(kernel) seed \(seed) size \(size)")
                    offset += size
                }
            }
        }
    }

    @Test("successive draws on one generator, with the cached second Box–Muller value")
    func successiveDraws() throws {
        for (kernel, data) in try kernels() {
            let expected = try Fixture.floats(data.sequence, "sequence")
            var source = TorchCPURandomSource(seed: UInt64(fixture.sequence_seed), kernel: kernel)
            var offset = 0
            for (call, size) in fixture.sequence_sizes.enumerated() {
                let values = source.standardNormal(count: size)
                expectBitwiseEqual(values, Array(expected[offset..<(offset + size)]),
                                   "\(kernel) call \(call) of size \(size)")
                offset += size
            }
        }
    }

    @Test("a full SDXL latent [1, 4, 128, 128]: sampled values, FNV-1a of all bytes, sums")
    func fullLatent() throws {
        for (kernel, data) in try kernels() {
            for (seedText, big) in data.big {
                let seed = try #require(UInt64(seedText))
                var source = TorchCPURandomSource(seed: seed, kernel: kernel)
                let latent = source.standardNormal(shape: fixture.big_shape)
                #expect(latent.shape == fixture.big_shape)
                let values = latent.scalars
                let sampled = stride(from: 0, to: values.count, by: big.indices_stride).map { values[$0] }
                expectBitwiseEqual(sampled, try Fixture.floats(big.values), "\(kernel) seed \(seed) sampled")
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for value in values {
                    for shift in stride(from: 0, to: 32, by: 8) {
                        hash ^= UInt64((value.bitPattern >> UInt32(shift)) & 0xff)
                        hash = hash &* 0x0000_0100_0000_01b3
                    }
                }
                #expect(String(hash) == big.fnv1a64, "\(kernel) seed \(seed) FNV-1a")
                let sum = values.reduce(0.0) { $0 + Double($1) }
                let squares = values.reduce(0.0) { $0 + Double($1) * Double($1) }
                #expect(abs(sum - big.sum) <= 1e-9 * max(1, abs(big.sum)), "\(kernel) seed \(seed) sum")
                #expect(abs(squares - big.sum_of_squares) <= 1e-9 * big.sum_of_squares, "\(kernel) seed \(seed) sum of squares")
            }
        }
    }

    @Test("seeds keep only their low 32 bits, as torch's manual_seed does")
    func seedTruncation() {
        var a = TorchCPURandomSource(seed: 0xffff_ffff)
        var b = TorchCPURandomSource(seed: 0x7fff_ffff_ffff_ffff)
        #expect(a.standardNormal(count: 64) == b.standardNormal(count: 64))
    }

    @Test("MT19937 matches the reference generator's 10000th output for seed 5489")
    func mersenneTwisterReference() {
        var engine = MersenneTwister19937(seed: 5489)
        for _ in 0..<9999 { _ = engine.next() }
        #expect(engine.next() == 4_123_659_995)  // value required by the C++ standard for std::mt19937
    }

    @Test("an empty draw leaves the generator untouched")
    func emptyDraw() {
        var a = TorchCPURandomSource(seed: 3)
        var b = TorchCPURandomSource(seed: 3)
        _ = a.standardNormal(count: 0)
        #expect(a.standardNormal(count: 20) == b.standardNormal(count: 20))
    }
}
