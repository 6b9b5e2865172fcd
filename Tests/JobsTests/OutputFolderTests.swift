import Foundation
import Imaging
import Jobs
import Testing

@Suite("Output folder")
struct OutputFolderTests {
    @Test("XDG_DATA_HOME when absolute, else ~/.local/share, else an error")
    func standardLocation() throws {
        let xdg = try OutputFolder.standard(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
        #expect(xdg.url.path == "/data/sdxl/outputs")
        let relative = try OutputFolder.standard(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/u"])
        #expect(relative.url.path == "/home/u/.local/share/sdxl/outputs")
        let home = try OutputFolder.standard(environment: ["HOME": "/home/u"])
        #expect(home.url.path == "/home/u/.local/share/sdxl/outputs")
        #expect(throws: JobsError.noHomeFolder) { try OutputFolder.standard(environment: [:]) }
        let history = try JobHistory.standard(environment: ["XDG_DATA_HOME": "/data"])
        #expect(history.fileURL.path == "/data/sdxl/history.jsonl")
    }

    @Test("the same name twice never overwrites: the second file gets a number")
    func neverOverwrites() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let folder = OutputFolder(url: temporary.url.appendingPathComponent("nested/outputs"))
        let red = JobImage(image: try RGBImage(width: 2, height: 2, red: 255, green: 0, blue: 0),
                           text: [PNGTextChunk(keyword: "parameters", text: "red")])
        let blue = JobImage(image: try RGBImage(width: 2, height: 2, red: 0, green: 0, blue: 255), label: "base")
        let first = try folder.write(red, stem: "picture")
        let second = try folder.write(red, stem: "picture")
        let third = try folder.write(blue, stem: "picture")
        let fourth = try folder.write(blue, stem: "picture")
        #expect(first.lastPathComponent == "picture.png")
        #expect(second.lastPathComponent == "picture-1.png")
        #expect(third.lastPathComponent == "picture-base.png")
        #expect(fourth.lastPathComponent == "picture-base-1.png")
        let decoded = try PNGFile.read(first)
        #expect(decoded.image == red.image)
        #expect(decoded.metadata.text.first?.text == "red")
        #expect(try PNGFile.read(fourth).image == blue.image)
    }

    @Test("stems from prompts become safe file names")
    func safeNames() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        let folder = OutputFolder(url: temporary.url)
        let image = JobImage(image: try RGBImage(width: 1, height: 1, red: 1, green: 2, blue: 3), label: "x/y")
        let url = try folder.write(image, stem: "../a cat: on/a mat ☀")
        #expect(url.deletingLastPathComponent().standardizedFileURL.path == temporary.url.standardizedFileURL.path)
        #expect(url.lastPathComponent == "_a_cat__on_a_mat__-x_y.png")
        let stem = OutputFolder.defaultStem(for: JobID(number: 12), at: Date(timeIntervalSince1970: 0))
        #expect(stem.hasSuffix("-job12"))
        #expect(stem.count == "yyyyMMdd-HHmmss-job12".count)
    }
}
