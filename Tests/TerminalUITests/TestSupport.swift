import Foundation
import ProcessHarness
import Testing

/// The shared process helpers, and what only these tests need.
typealias TestSupport = ProcessHarness

extension ProcessHarness {
    /// The smoke program built next to the test bundle, if it was built.
    static let smokeExecutable: String? = {
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = directory.appendingPathComponent("TerminalUISmoke").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// The lines of a report file written by the smoke program.
    static func report(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}

/// `#expect` for conditions that call mutating methods (the macro cannot wrap those calls).
func check(_ condition: Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, comment, sourceLocation: sourceLocation)
}
