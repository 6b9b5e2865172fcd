import ArgumentParser

@main
struct SDXLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdxl",
        abstract: "Stable Diffusion XL in the terminal.",
        subcommands: [BenchCommand.self])

    static func main() async {
        BLASRestart.restartIfBLASIsDegraded()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
