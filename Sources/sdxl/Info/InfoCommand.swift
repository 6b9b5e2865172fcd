import ArgumentParser
import Foundation
import Models

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a model: architecture, parameters per component, storage types and memory.",
        discussion: """
            MODEL is a diffusers folder, a single-file .safetensors checkpoint, or a repository name \
            (org/name) found in the Hugging Face cache. Nothing is loaded: the figures come from the \
            configs and the weight headers.
            """)

    @Argument(help: "The model to describe.")
    var model: String

    @Option(help: "A diffusers folder whose configs describe a single-file checkpoint (default: the bundled SDXL 1.0 configs).")
    var config: String?

    func run() throws {
        let location = try ModelLocation.resolve(model, environment: ProcessInfo.processInfo.environment)
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
