import Foundation
import SafeTensors

/// A diffusers pipeline folder: model_index.json and one sub-folder per component, each with
/// config.json and `diffusion_pytorch_model` / `model` weights, plain, fp16 or sharded.
public struct DiffusersFolder: ModelFiles {
    public let root: URL
    public let index: ModelIndex
    /// Weight variants in order of preference. The plain files come first, as diffusers loads
    /// them by default; the fp16 variant is the fallback when a folder has only that.
    public let variants: [WeightFileVariant]
    public let residency: WeightResidency

    public init(_ root: URL, variants: [WeightFileVariant] = [.standard, .fp16],
                residency: WeightResidency = .float32) throws {
        self.root = root
        self.variants = variants
        self.residency = residency
        index = try ModelIndex(contentsOf: root.appendingPathComponent("model_index.json"))
    }

    public var origin: String { root.path }

    public func has(_ component: PipelineComponent) -> Bool {
        index.components[component.rawValue] != nil
            && FileManager.default.fileExists(atPath: folder(component).path)
    }

    public func configURL(for component: PipelineComponent) throws -> URL {
        let name = component == .scheduler ? "scheduler_config.json" : "config.json"
        let url = folder(component).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ModelError.missingFile(path: url.path, hint: "the model folder is incomplete; download \(component.rawValue)/\(name) again")
        }
        return url
    }

    public func weights(for component: PipelineComponent) throws -> any WeightSource {
        let directory = folder(component).path
        let baseName = component == .textEncoder || component == .textEncoder2 ? "model" : "diffusion_pytorch_model"
        let location: WeightFileLocation
        do {
            location = try WeightFileLocation.find(in: directory, baseName: baseName, preferring: variants)
        } catch {
            if pickleWeightsExist(in: directory, baseName: baseName) {
                throw ModelError.unsupportedFormat(
                    path: directory,
                    reason: "only pickle (.bin) weights are here; they are never loaded because they can run code; download the .safetensors files instead")
            }
            throw error
        }
        // Files in the hub cache are symlinks into the repository's blobs folder.
        let source = try location.open(containmentRoot: containmentRoot.path)
        return SafeTensorsWeights(source, origin: location.path, residency: residency)
    }

    public func tokenizerFolder(for component: PipelineComponent) -> URL? {
        has(component) ? folder(component) : nil
    }

    private func folder(_ component: PipelineComponent) -> URL {
        root.appendingPathComponent(component.rawValue)
    }

    /// The folder that shards may point into: the repository folder for hub-cache snapshots
    /// (`models--org--name/snapshots/REV`), else the model folder itself.
    private var containmentRoot: URL {
        let parent = root.deletingLastPathComponent()
        if parent.lastPathComponent == "snapshots", parent.deletingLastPathComponent().lastPathComponent.hasPrefix("models--") {
            return parent.deletingLastPathComponent()
        }
        return root
    }

    private func pickleWeightsExist(in directory: String, baseName: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/\(baseName).bin")
            || FileManager.default.fileExists(atPath: directory + "/\(baseName).fp16.bin")
    }
}
