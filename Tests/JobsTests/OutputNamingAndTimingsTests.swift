import Foundation
import Imaging
import Jobs
import Testing

@Suite("Names kept as given, and preview timings")
struct OutputNamingAndTimingsTests {
    @Test("a folder that keeps names writes a typed name as it is, never outside the folder")
    func namesAsGiven() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let folder = OutputFolder(url: temporary.url, keepsNamesAsGiven: true)
        let image = JobImage(image: try RGBImage(width: 2, height: 2, red: 9, green: 9, blue: 9))
        #expect(try folder.write(image, stem: "my picture é").lastPathComponent == "my picture é.png")
        #expect(try folder.write(image, stem: "my picture é").lastPathComponent == "my picture é-1.png")
        let escaped = try folder.write(image, stem: "../up")
        #expect(escaped.deletingLastPathComponent().standardizedFileURL.path == temporary.url.standardizedFileURL.path)
        #expect(escaped.lastPathComponent == "_up.png")
        let safe = OutputFolder(url: temporary.url)
        #expect(try safe.write(image, stem: "my picture").lastPathComponent == "my_picture.png")
    }

    @Test("timings keep the previews' count and time; history lines without them still decode")
    func previewTimingsCoding() throws {
        let timings = JobTimings(totalSeconds: 2, stages: [.init(stage: .base, seconds: 1.5, steps: 3)],
                                 previews: .init(count: 3, seconds: 0.25))
        let data = try JSONEncoder().encode(timings)
        #expect(try JSONDecoder().decode(JobTimings.self, from: data) == timings)
        let old = Data(#"{"total_seconds":1,"stages":[{"stage":"text_encoding","seconds":0.5,"steps":0}]}"#.utf8)
        let decoded = try JSONDecoder().decode(JobTimings.self, from: old)
        #expect(decoded.previews == nil)
        #expect(decoded.stages.first?.stage == .textEncoding)
    }
}
