// Generations shared between tests: the same settings give the same result, so each distinct
// GenerationParameters value runs once per test process (the debug build is slow).
import Foundation
import StableDiffusionXL

final class GenerationCache: @unchecked Sendable {
    static let shared = GenerationCache()

    private let lock = NSLock()
    private var results: [GenerationParameters: GenerationResult] = [:]

    /// The tiny pipeline's result for text-to-image settings (no init image).
    func result(for parameters: GenerationParameters) throws -> GenerationResult {
        if let cached = lock.withLock({ results[parameters] }) { return cached }
        let result = try TinySDXL.pipeline().generate(parameters)
        lock.withLock { results[parameters] = result }
        return result
    }
}
