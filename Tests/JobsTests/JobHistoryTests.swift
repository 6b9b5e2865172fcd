import Foundation
import Jobs
import Testing

func historyEntry(_ number: Int, writer: String = "test") -> HistoryEntry {
    HistoryEntry(id: UUID(), job: number, title: "\(writer) \(number)",
                 finishedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
                 settings: .object(["prompt": .string("a \"cat\"\non a mat"), "seed": .uint(UInt64.max - UInt64(number)),
                                    "writer": .string(writer)]),
                 outputs: ["/tmp/out/\(number).png"],
                 timings: JobTimings(totalSeconds: 1.25, stages: [.init(stage: .base, seconds: 1, steps: 4)]))
}

@Suite("Job history")
struct JobHistoryTests {
    @Test("entries are appended in order and read back equal, one JSON object per line")
    func appendAndLoad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = JobHistory(fileURL: folder.file("state/history.jsonl"))
        #expect(try history.load() == HistoryContents(entries: [], problems: []))
        let entries = (1...3).map { historyEntry($0) }
        for entry in entries {
            let report = try history.append(entry)
            #expect(report.problems.isEmpty && report.backup == nil && report.trimmed == 0)
        }
        let loaded = try history.load()
        #expect(loaded.entries == entries)
        #expect(loaded.problems.isEmpty)
        let text = try String(contentsOf: history.fileURL, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.hasSuffix("\n"))
        #expect(text.contains(#""finished_at":"2023-11-14T22:13:21Z""#))
    }

    @Test("the file keeps only the last N entries")
    func sizeBound() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = JobHistory(fileURL: folder.file("history.jsonl"), maxEntries: 5)
        var trimmed = 0
        for number in 1...12 { trimmed += try history.append(historyEntry(number)).trimmed }
        #expect(trimmed == 7)
        #expect(try history.load().entries.map(\.job) == [8, 9, 10, 11, 12])
    }

    @Test("malformed lines are reported by file and line, backed up unchanged, and left out")
    func malformedLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let history = JobHistory(fileURL: folder.file("history.jsonl"))
        try history.append(historyEntry(1))
        try history.append(historyEntry(2))
        var text = try String(contentsOf: history.fileURL, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        text = lines[0] + "\n{\"truncated\": \n\n" + lines[1] + "\n{\"id\":\"x\"}\n{\"job\":1}\n"
        try Data(text.utf8).write(to: history.fileURL)

        let loaded = try history.load()
        #expect(loaded.entries.map(\.job) == [1, 2])
        #expect(loaded.problems.map(\.line) == [2, 5, 6])
        #expect(loaded.problems[0].message == "not valid JSON")
        #expect(loaded.problems[1].message == "invalid value at id")
        #expect(loaded.problems[2].message.hasPrefix("missing key"))
        #expect(loaded.problems[0].description.hasPrefix(history.fileURL.path + ":2: "))

        let report = try history.append(historyEntry(3))
        #expect(report.problems.count == 3)
        let backup = try #require(report.backup)
        #expect(try String(contentsOf: backup, encoding: .utf8) == text)
        #expect(report.warning?.contains(":2: not valid JSON") == true)
        #expect(report.warning?.contains(backup.path) == true)
        let repaired = try history.load()
        #expect(repaired.problems.isEmpty)
        #expect(repaired.entries.map(\.job) == [1, 2, 3])

        // A second damaged file gets its own backup; the first is kept.
        try Data("garbage\n".utf8).write(to: history.fileURL, options: .atomic)
        let second = try history.append(historyEntry(4))
        #expect(second.backup != nil && second.backup != backup)
        #expect(FileManager.default.fileExists(atPath: backup.path))
        #expect(try history.load().entries.map(\.job) == [4])
    }

    @Test("an unreadable history file is an error naming it")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A folder where the file should be cannot be read as a file.
        try FileManager.default.createDirectory(at: folder.file("history.jsonl"), withIntermediateDirectories: true)
        let history = JobHistory(fileURL: folder.file("history.jsonl"))
        do {
            _ = try history.load()
            Issue.record("a folder was read as a history file")
        } catch let error as JobsError {
            #expect(error.description.contains(history.fileURL.path))
        }
    }

    @Test("threads appending at once, each with its own file handle, lose nothing")
    func concurrentThreads() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("history.jsonl")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let history = JobHistory(fileURL: url)
                    for number in 1...15 { try history.append(historyEntry(number, writer: "thread\(writer)")) }
                }
            }
            try await group.waitForAll()
        }
        let loaded = try JobHistory(fileURL: url).load()
        #expect(loaded.problems.isEmpty)
        #expect(loaded.entries.count == 60)
        #expect(Set(loaded.entries.map(\.title)).count == 60)
        for writer in 0..<4 {
            // Each writer's entries appear in the order it wrote them.
            let own = loaded.entries.filter { $0.title.hasPrefix("thread\(writer) ") }.map(\.job)
            #expect(own == Array(1...15))
        }
    }

    @Test("two processes appending at once never corrupt the file")
    func concurrentProcesses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("history.jsonl")
        let environment = ["SDXL_JOBS_TEST_HISTORY": url.path, "SDXL_JOBS_TEST_COUNT": "25",
                           "SDXL_JOBS_TEST_BARRIER": folder.url.path]
        let first = try ChildProcess.start(test: "historyWriterChild", role: "writer-a", environment: environment)
        let second = try ChildProcess.start(test: "historyWriterChild", role: "writer-b", environment: environment)
        // All three writers start together once both children are ready.
        let manager = FileManager.default
        let deadline = Date().addingTimeInterval(60)
        while !(manager.fileExists(atPath: folder.file("ready-writer-a").path)
                && manager.fileExists(atPath: folder.file("ready-writer-b").path)) && Date() < deadline {
            usleep(1000)
        }
        _ = manager.createFile(atPath: folder.file("go").path, contents: nil)
        let history = JobHistory(fileURL: url, maxEntries: 1000)
        for number in 1...25 { try history.append(historyEntry(number, writer: "parent")) }
        for result in [ChildProcess.finish(first), ChildProcess.finish(second)] {
            #expect(result.status == 0, "\(result.output.suffix(2000))")
            #expect(result.output.contains("appended 25"), "\(result.output.suffix(2000))")
        }
        let loaded = try history.load()
        #expect(loaded.problems.isEmpty)
        #expect(loaded.entries.count == 75)
        for writer in ["parent", "writer-a", "writer-b"] {
            #expect(loaded.entries.filter { $0.title.hasPrefix(writer + " ") }.map(\.job) == Array(1...25))
        }
    }

    /// Runs only in a child process started by `concurrentProcesses`.
    @Test(.enabled(if: ChildProcess.role?.hasPrefix("writer-") == true))
    func historyWriterChild() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment["SDXL_JOBS_TEST_HISTORY"])
        let count = Int(environment["SDXL_JOBS_TEST_COUNT"] ?? "") ?? 0
        let role = try #require(ChildProcess.role)
        let history = JobHistory(fileURL: URL(fileURLWithPath: path), maxEntries: 1000)
        let barrier = try #require(environment["SDXL_JOBS_TEST_BARRIER"])
        _ = FileManager.default.createFile(atPath: barrier + "/ready-" + role, contents: nil)
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: barrier + "/go") && Date() < deadline { usleep(1000) }
        for number in 1...count { try history.append(historyEntry(number, writer: role)) }
        print("appended \(count)")
    }
}
