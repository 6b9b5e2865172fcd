import Foundation

/// Runs one test of this test binary in a separate process: the binary is started again with a
/// filter that selects a test which does its work only when `roleVariable` is set. Used where a
/// test needs a second process (two writers of one file) or a process of its own (memory use,
/// which tests running in parallel in this process would disturb).
enum ChildProcess {
    static let roleVariable = "SDXL_JOBS_TEST_CHILD"

    /// The role given to this process, or nil in the parent.
    static var role: String? { ProcessInfo.processInfo.environment[roleVariable] }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Starts the test named `test` (a function name) with `role` and `environment` added; the
    /// returned handle is waited for with `finish`.
    static func start(test: String, role: String, environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", test]
        var variables = ProcessInfo.processInfo.environment
        variables[roleVariable] = role
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return (process, pipe)
    }

    static func finish(_ started: (Process, Pipe)) -> Result {
        let (process, pipe) = started
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func run(test: String, role: String, environment: [String: String] = [:]) throws -> Result {
        finish(try start(test: test, role: role, environment: environment))
    }
}
