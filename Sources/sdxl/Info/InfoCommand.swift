import ArgumentParser
import Foundation
import Imaging
import Models
import StableDiffusionXL
import Studio

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a model (architecture, parameters, storage, memory) or a PNG's generation settings.",
        discussion: """
            MODEL is a diffusers folder, a single-file .safetensors checkpoint, or a repository name \
            (org/name) found in the Hugging Face cache. Nothing is loaded: the figures come from the \
            configs and the weight headers. Given a .png, it prints the settings stored in the image.
            """)

    @Argument(help: "The model (or demo, the bundled demo model) or PNG image to describe.")
    var model: String

    @Option(help: "A diffusers folder whose configs describe a single-file checkpoint (default: the bundled SDXL 1.0 configs).")
    var config: String?

    func run() throws {
        if model.lowercased().hasSuffix(".png") {
            try describeImage(URL(fileURLWithPath: model))
            return
        }
        var path = model
        if model == ModelOptions.demoName, let demo = ProgramResources.locate()?.demoModel.path { path = demo }
        let location = try ModelLocation.resolve(path, environment: ProcessInfo.processInfo.environment)
        let files = try location.open(configFolder: config.map { URL(fileURLWithPath: $0) })
        let inventory = try ModelInventory(files)
        Console.line("model: \(inventory.origin)")
        Console.line("architecture: \(inventory.architecture)")
        var table = TextTable("component", "parameters", "stored as", "on disk", "as Float32")
        for component in inventory.components {
            let types = component.parametersByType.keys.sorted().joined(separator: "+")
            table.append(component.component.rawValue, grouped(component.parameterCount), types,
                         bytes(component.storedBytes), bytes(component.float32Bytes))
        }
        let total = inventory.components.reduce(0) { $0 + $1.parameterCount }
        table.append("total", grouped(total), "",
                     bytes(inventory.components.reduce(0) { $0 + $1.storedBytes }), bytes(total * 4))
        Console.line(table.render())
    }

    /// The text chunks of a PNG, and its complete settings when sdxl wrote it. Everything read
    /// from the file is untrusted and leaves through the sanitizing console.
    private func describeImage(_ url: URL) throws {
        let metadata = try PNGFile.readMetadata(url)
        Console.line("image: \(url.path) (\(metadata.header.width)x\(metadata.header.height))")
        for chunk in metadata.text where chunk.keyword != GenerationRecord.keyword {
            Console.line("\(chunk.keyword):")
            Console.line(chunk.text)
        }
        if let record = try? GenerationRecord(metadata: metadata, path: url.path) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.line("\(GenerationRecord.keyword) settings (sdxl generate --from \(url.lastPathComponent) repeats them):")
            Console.line(String(decoding: try encoder.encode(record), as: UTF8.self))
        }
        for warning in metadata.warnings { Console.error("warning: \(warning)") }
    }

    private func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    private func bytes(_ value: Int) -> String {
        let gib = Double(value) / Double(1 << 30)
        return gib >= 1 ? String(format: "%.2f GiB", gib) : String(format: "%.1f MiB", Double(value) / Double(1 << 20))
    }
}
