// Running programs this package builds (the `sdxl` executable), as a user would.
import Foundation

extension ProcessHarness {
    /// What a finished program printed, and how it ended.
    public struct ProgramResult: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// The build's products folder: the test bundle sits in it, next to the executables.
    public static let productsFolder: URL = {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder
    }()

    /// The built `sdxl` executable.
    public static let sdxl = productsFolder.appendingPathComponent("sdxl")

    /// Runs `program` with `arguments` in `folder` (and `environment`, default: this process's)
    /// to the end. Both pipes are drained at once, so neither can fill up and stall the child.
    public static func runProgram(_ program: URL, _ arguments: [String], in folder: URL? = nil,
                                  environment: [String: String]? = nil) throws -> ProgramResult {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let errorData = DataBox()
        let reader = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return ProgramResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData.data, as: UTF8.self))
    }
}

/// Data handed from the thread that reads standard error.
private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?
    func set(_ data: Data) { lock.withLock { stored = data } }
    var isSet: Bool { lock.withLock { stored != nil } }
    var data: Data { lock.withLock { stored ?? Data() } }
}
