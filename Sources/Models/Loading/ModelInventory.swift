import Foundation
import Tensors

/// What a model holds, read from its configs and weight headers without loading any values:
/// for `sdxl info`.
public struct ModelInventory: Sendable {
    public struct Component: Sendable {
        public let component: PipelineComponent
        public let parameterCount: Int
        /// Parameters per stored type, e.g. ["F16": 2_567_463_684].
        public let parametersByType: [String: Int]
        /// Bytes the weights take as stored, and as Float32 once loaded.
        public var storedBytes: Int {
            parametersByType.reduce(0) { $0 + $1.value * Self.byteWidth($1.key) }
        }
        public var float32Bytes: Int { parameterCount * 4 }

        static func byteWidth(_ type: String) -> Int {
            switch type { case "F16", "BF16": return 2; case "F64", "I64": return 8; default: return 4 }
        }
    }

    public let origin: String
    public let architecture: String
    public let components: [Component]

    public init(_ files: any ModelFiles) throws {
        origin = files.origin
        architecture = Self.architecture(of: files)
        var components: [Component] = []
        for component in [PipelineComponent.textEncoder, .textEncoder2, .unet, .vae] where files.has(component) {
            let weights = try files.weights(for: component)
            var byType: [String: Int] = [:]
            var total = 0
            for name in weights.names where !name.hasSuffix("position_ids") {
                guard let shape = weights.shape(of: name) else { continue }
                let count = Tensor.elementCount(shape)
                total += count
                byType[weights.storedType(of: name) ?? "F32", default: 0] += count
            }
            components.append(Component(component: component, parameterCount: total, parametersByType: byType))
        }
        self.components = components
    }

    /// "SDXL base (StableDiffusionXLPipeline, single file)" and the like.
    static func architecture(of files: any ModelFiles) -> String {
        let role = files.index.requiresAestheticsScore ? "SDXL refiner" : "SDXL base"
        let layout = files is SingleFileCheckpoint ? "single-file checkpoint" : "diffusers folder"
        return "\(role) (\(files.index.className), \(layout))"
    }
}
