import Foundation
import Testing
@testable import Imaging

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("settings.json")
        try AtomicFile.writeAtomically(data: Array("first".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "first")
        try AtomicFile.writeAtomically(data: Data("second, longer".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second, longer")
        try AtomicFile.writeAtomically(data: [UInt8](), to: url)
        #expect(try Data(contentsOf: url).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["settings.json"])
    }

    @Test func neverOverwritesAndNumbersTheNames() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("image.png")
        var written: [String] = []
        for index in 0..<4 {
            let result = try AtomicFile.writeAtomicallyWithoutOverwrite(data: Array("\(index)".utf8), preferring: url)
            written.append(result.lastPathComponent)
            #expect(try String(contentsOf: result, encoding: .utf8) == "\(index)")
        }
        #expect(written == ["image.png", "image-1.png", "image-2.png", "image-3.png"])
        #expect(try String(contentsOf: url, encoding: .utf8) == "0")
        // A gap is filled: the first free name wins.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("image-1.png"))
        let refill = try AtomicFile.writeAtomicallyWithoutOverwrite(data: Array("x".utf8), preferring: url)
        #expect(refill.lastPathComponent == "image-1.png")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)).count == 4)
    }

    @Test func givesUpAfterTheAllowedAttempts() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.txt")
        for _ in 0..<3 { _ = try AtomicFile.writeAtomicallyWithoutOverwrite(data: [1], preferring: url, maxAttempts: 3) }
        #expect(throws: ImagingError.noFreeFileName(path: url.path, attempts: 3)) {
            try AtomicFile.writeAtomicallyWithoutOverwrite(data: [1], preferring: url, maxAttempts: 3)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a-1.txt", "a-2.txt", "a.txt"])
    }

    @Test func concurrentWritersNeverShareAName() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("race.png")
        let writers = 24
        let names = try await withThrowingTaskGroup(of: (Int, URL).self) { group in
            for index in 0..<writers {
                group.addTask {
                    (index, try AtomicFile.writeAtomicallyWithoutOverwrite(data: Array("writer \(index)".utf8), preferring: url))
                }
            }
            var results: [(Int, URL)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(Set(names.map(\.1.lastPathComponent)).count == writers)
        for (index, written) in names {
            #expect(try String(contentsOf: written, encoding: .utf8) == "writer \(index)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == writers)
    }

    @Test func numbersNamesBeforeTheExtension() {
        let folder = URL(fileURLWithPath: "/tmp/out")
        #expect(AtomicFile.numberedURL(folder.appendingPathComponent("image.png"), number: 0).path == "/tmp/out/image.png")
        #expect(AtomicFile.numberedURL(folder.appendingPathComponent("image.png"), number: 2).path == "/tmp/out/image-2.png")
        #expect(AtomicFile.numberedURL(folder.appendingPathComponent("a.tar.gz"), number: 1).path == "/tmp/out/a.tar-1.gz")
        #expect(AtomicFile.numberedURL(folder.appendingPathComponent("notes"), number: 3).path == "/tmp/out/notes-3")
        #expect(AtomicFile.numberedURL(folder.appendingPathComponent(".hidden"), number: 1).path == "/tmp/out/.hidden-1")
    }

    @Test func namesTheFileWhenTheFolderIsMissing() {
        let url = URL(fileURLWithPath: "/nonexistent-folder-for-tests/out.png")
        do {
            try AtomicFile.writeAtomically(data: [1, 2, 3], to: url)
            Issue.record("wrote into a missing folder")
        } catch let error as ImagingError {
            #expect(error.description.contains("/nonexistent-folder-for-tests/out.png"))
            #expect(error.description.contains("No such file"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
