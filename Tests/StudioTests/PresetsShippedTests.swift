import Foundation
import Schedulers
import StableDiffusionXL
import Testing
@testable import Studio

@Suite("The presets shipped in Presets/")
struct PresetsShippedTests {
    static let folder = presetsRepositoryRoot.appendingPathComponent("Presets", isDirectory: true)
    static let manPage = presetsRepositoryRoot.appendingPathComponent("Man/sdxl-presets.5")

    static func shippedFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test("every shipped file loads without a problem and gives usable settings")
    func allLoad() throws {
        let files = try Self.shippedFiles()
        #expect(files.count >= 14)
        let library = PresetLibrary.load(bundledFolder: Self.folder, userFolder: nil)
        #expect(library.problems.map(\.description) == [])
        #expect(library.presets.count == files.count)
        for file in files {
            let preset = try Preset.load(path: Self.folder.appendingPathComponent(file).path)
            #expect(preset.description?.isEmpty == false, "\(file) needs a description")
            var parameters = GenerationParameters(prompt: "a lighthouse on a cliff")
            preset.apply(to: &parameters)
            #expect(parameters.problems() == [], "\(file)")
            // The writer reproduces what the reader understood.
            #expect(try Preset(toml: preset.tomlText, file: file) == preset, "\(file)")
        }
    }

    @Test("the nine official SDXL sizes are there, each as its own preset")
    func officialSizes() throws {
        let library = PresetLibrary.load(bundledFolder: Self.folder, userFolder: nil)
        let official: Set<[Int]> = [[1024, 1024], [1152, 896], [896, 1152], [1216, 832], [832, 1216],
                                    [1344, 768], [768, 1344], [1536, 640], [640, 1536]]
        var found: Set<[Int]> = []
        for preset in library.presets where preset.style.isEmpty && preset.preview.isEmpty {
            if case .value(let width)? = preset.settings.width, case .value(let height)? = preset.settings.height,
               preset.settings == PresetSettings(width: .value(width), height: .value(height)) {
                found.insert([width, height])
                #expect(preset.name.contains("\(width)x\(height)"))
            }
        }
        #expect(found == official)
    }

    @Test("styles wrap the prompt and add a negative style")
    func styles() throws {
        let library = PresetLibrary.load(bundledFolder: Self.folder, userFolder: nil)
        for name in ["Photo", "Anime", "Cinematic"] {
            let preset = try #require(library.preset(named: name))
            let prompt = try #require(preset.style.promptTemplate)
            #expect(prompt.contains(PresetStyle.placeholder))
            #expect(preset.style.negativeTemplate != nil)
            var parameters = GenerationParameters(prompt: "a red fox", negativePrompt: "text")
            parameters = preset.styled(parameters)
            #expect(parameters.prompt.contains("a red fox") && parameters.prompt != "a red fox")
            #expect(parameters.negativePrompt?.hasPrefix("text, ") == true)
        }
    }

    @Test("the fast preset is a few-step trailing Euler preset without guidance")
    func fast() throws {
        let library = PresetLibrary.load(bundledFolder: Self.folder, userFolder: nil)
        let fast = try #require(library.preset(named: "Fast (4 steps)"))
        #expect(fast.settings.sampler == .value(.eulerTrailing))
        #expect(fast.settings.steps == 4)
        var parameters = GenerationParameters(prompt: "x")
        fast.apply(to: &parameters)
        #expect(!parameters.usesClassifierFreeGuidance)
    }

    @Test("the crop study asks for a large crop of a larger original")
    func cropStudy() throws {
        let library = PresetLibrary.load(bundledFolder: Self.folder, userFolder: nil)
        let study = try #require(library.preset(named: "Crop study"))
        let original = try #require(study.settings.originalSize?.optionalValue)
        let target = try #require(study.settings.targetSize?.optionalValue)
        let crop = try #require(study.settings.cropTopLeft)
        #expect(original.width > target.width && original.height > target.height)
        #expect(crop.top > 0 && crop.left > 0)
        #expect(crop.top + target.height <= original.height && crop.left + target.width <= original.width)
        #expect(study.description?.contains("\(crop.top)") == true)
    }

    @Test("sdxl-presets(5) documents every table and key the reader accepts, and no other")
    func manPageKeys() throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        let lines = page.split(separator: "\n").map(String.init)
        var documented: [String: [String]] = [:]
        var table: String?
        for line in lines {
            if line.hasPrefix(".Ss The ["), line.hasSuffix("] table") {
                let name = String(line.dropFirst(9).dropLast(7))
                table = name
                documented[name] = []
            } else if line.hasPrefix(".Ss") || line.hasPrefix(".Sh") {
                table = nil
            } else if let current = table, line.hasPrefix(".It Li ") {
                documented[current, default: []].append(String(line.dropFirst(7)))
            }
        }
        #expect(documented.keys.sorted() == PresetSchema.tableNames.sorted())
        for (name, keys) in PresetSchema.tables {
            #expect(documented[name] == keys, "[\(name)]")
        }
    }

    @Test("sdxl-presets(5) is clean under mandoc -Tlint",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/mandoc")))
    func manPageLint() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mandoc")
        process.arguments = ["-Tlint", "-W", "warning", Self.manPage.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "")
    }
}
