// Regression tests from fuzzing the TOML-subset reader (Tools/fuzz.sh toml_subset): deeply nested
// arrays drove its recursive descent into a stack overflow.
import Foundation
import Testing
import TerminalUI

@Suite struct TOMLNestingTests {
    /// Parses on a thread with the main thread's usual 8 MB stack, where presets and themes are read.
    static func parse(_ text: String) -> Result<TOMLDocument, TerminalUIError> {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do throws(TerminalUIError) {
                box.result = .success(try TOMLSubset.parse(text, file: "nested.toml"))
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return box.result ?? .failure(.tomlSyntax(file: "nested.toml", line: 0, message: "no result"))
    }

    /// The input the fuzzer found (about 1 900 nested '[' after a preset-like header), which
    /// overflowed the stack before the reader bounded its nesting.
    @Test
    func theFuzzCrasherGivesATypedError() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/toml-deep-arrays-crash", withExtension: "toml"))
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("an unterminated nested array was accepted")
            return
        }
        guard case .tomlSyntax(let file, _, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(file == "nested.toml")
    }

    /// 100 000 levels would overflow any thread's stack; the reader refuses them at depth 32.
    @Test
    func deeplyNestedArraysAreRefused() {
        let text = "[preset]\nname = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        guard case .failure(.tomlSyntax) = Self.parse(text) else {
            Issue.record("100 000 nested arrays were not refused as a syntax error")
            return
        }
    }
}

final class ResultBox: @unchecked Sendable {
    var result: Result<TOMLDocument, TerminalUIError>?
}
