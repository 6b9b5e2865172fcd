import ArgumentParser
import Foundation

@main
struct SDXLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdxl",
        abstract: "Stable Diffusion XL in the terminal.",
        subcommands: [TUICommand.self, GenerateCommand.self, InfoCommand.self, BenchCommand.self],
        defaultSubcommand: TUICommand.self)

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
            if code == .success {
                if !message.isEmpty { Console.line(message) }
            } else if let first = message.split(separator: "\n").first {
                // One line: the problem. Usage and help stay behind --help.
                Console.error(first.replacingOccurrences(of: "Error: ", with: "error: "))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
