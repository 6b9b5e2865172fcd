import Foundation
import Testing
@testable import TerminalUI

@Suite("sdxl-themes(5) matches the code")
struct ManPageTests {
    @Test("the man page lists every role with the same purpose, and nothing else")
    func roles() throws {
        let path = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Man/sdxl-themes.5").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: ".Ss Roles"))
        var documented: [String: String] = [:]
        var index = start
        while index + 1 < lines.count, lines[index] != ".El" {
            if lines[index].hasPrefix(".It Li ") {
                documented[String(lines[index].dropFirst(7))] = lines[index + 1]
            }
            index += 1
        }
        #expect(Set(documented.keys) == Set(UIRole.allCases.map(\.rawValue)))
        for role in UIRole.allCases {
            #expect(documented[role.rawValue] == role.purpose, "\(role.rawValue)")
        }
    }
}
