import ArgumentParser
import Foundation

@main
struct SDXLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdxl",
        abstract: "Stable Diffusion XL in the terminal.",
        subcommands: [InfoCommand.self, BenchCommand.self])

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
            // Messages can quote arguments, paths and file contents: they go out sanitized,
            // and every failure is one line with a non-zero exit status.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Console.line(message) } else { Console.error(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
