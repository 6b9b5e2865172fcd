import Foundation
import StableDiffusionXL
import Testing
@testable import Studio

@Suite("Preset files: hostile and broken input")
struct PresetsHostileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var text: String
        /// The line of the (first) problem.
        var line: Int
        /// Words the message must contain (the key, the allowed range …).
        var mentions: [String]

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "escape sequence in the name", text: "[preset]\nname = \"evil\\u001B[31m red\"\n",
             line: 2, mentions: ["`name`", "U+001B"]),
        Case(label: "raw escape character in a string", text: "[preset]\nname = \"evil\u{1B}[2J\"\n",
             line: 2, mentions: ["control character"]),
        Case(label: "line feed escape in the name", text: "[preset]\n\nname = \"a\\nb\"\n",
             line: 3, mentions: ["`name`", "U+000A"]),
        Case(label: "right-to-left override in the name", text: "[preset]\nname = \"\\u202Egnp.exe\"\n",
             line: 2, mentions: ["`name`", "U+202E"]),
        Case(label: "C1 control in the description", text: "[preset]\ndescription = \"x\\u009B2J\"\n",
             line: 2, mentions: ["`description`", "U+009B"]),
        Case(label: "escape in a template", text: "[style]\nprompt_template = \"{prompt}\\u001B]0;title\\u0007\"\n",
             line: 2, mentions: ["`prompt_template`", "U+001B", "\\n"]),
        Case(label: "unterminated string", text: "[preset]\nname = \"abc\n", line: 2, mentions: ["unterminated"]),
        Case(label: "quote injection", text: "[preset]\nname = \"a\" steps = 3\n", line: 2, mentions: ["end of the line"]),
        Case(label: "integer beyond 64 bits", text: "[sampling]\nsteps = 99999999999999999999\n",
             line: 2, mentions: ["64-bit"]),
        Case(label: "huge step count", text: "[sampling]\nsteps = 9223372036854775807\n",
             line: 2, mentions: ["`steps`", "1...1000"]),
        Case(label: "zero steps", text: "[sampling]\nsteps = 0\n", line: 2, mentions: ["`steps`", "1...1000"]),
        Case(label: "negative width", text: "[size]\nwidth = -1024\n", line: 2, mentions: ["`width`", "8...4096"]),
        Case(label: "width not a multiple of 8", text: "[size]\nwidth = 1001\n", line: 2, mentions: ["`width`", "use 1000"]),
        Case(label: "width too large", text: "[size]\nheight = 8192\n", line: 2, mentions: ["`height`", "8...4096"]),
        Case(label: "negative original size", text: "[conditioning]\noriginal_size = \"-5x10\"\n",
             line: 2, mentions: ["`original_size`", "1 to 16384"]),
        Case(label: "original size too large", text: "[conditioning]\ntarget_size = \"20000x10\"\n",
             line: 2, mentions: ["`target_size`", "1 to 16384"]),
        Case(label: "crop outside the original size",
             text: "[conditioning]\noriginal_size = \"1024x768\"\ncrops_coords_top_left = \"768,0\"\n",
             line: 3, mentions: ["`crops_coords_top_left`", "original_size", "below 768"]),
        Case(label: "negative crop outside the negative original size",
             text: "[conditioning]\nnegative_original_size = \"512x512\"\nnegative_crops_coords_top_left = \"0,512\"\n",
             line: 3, mentions: ["`negative_crops_coords_top_left`", "negative_original_size"]),
        Case(label: "negative crop", text: "[conditioning]\ncrops_coords_top_left = \"-1,0\"\n",
             line: 2, mentions: ["`crops_coords_top_left`", "TOP,LEFT"]),
        Case(label: "duplicate key", text: "[sampling]\nsteps = 20\nsteps = 30\n", line: 3, mentions: ["twice"]),
        Case(label: "duplicate table", text: "[sampling]\nsteps = 20\n[sampling]\n", line: 3, mentions: ["twice"]),
        Case(label: "steps as a string", text: "[sampling]\nsteps = \"30\"\n", line: 2, mentions: ["`steps`", "integer"]),
        Case(label: "guidance as a word", text: "[sampling]\nguidance_scale = \"high\"\n",
             line: 2, mentions: ["`guidance_scale`", "[0.0, 100.0]"]),
        Case(label: "guidance too high", text: "[sampling]\nguidance_scale = 100.5\n",
             line: 2, mentions: ["`guidance_scale`", "[0.0, 100.0]"]),
        Case(label: "rescale above 1", text: "[sampling]\nguidance_rescale = 1.5\n",
             line: 2, mentions: ["`guidance_rescale`", "[0.0, 1.0]"]),
        Case(label: "aesthetic score out of scale", text: "[conditioning]\n\naesthetic_score = -0.5\n",
             line: 3, mentions: ["`aesthetic_score`", "[0.0, 10.0]"]),
        Case(label: "keep_base as a number", text: "[refiner]\nkeep_base = 1\n", line: 2, mentions: ["`keep_base`", "true or false"]),
        Case(label: "unknown sampler", text: "[sampling]\nsampler = \"lms\"\n", line: 2, mentions: ["`sampler`", "euler_trailing"]),
        Case(label: "sampler as a number", text: "[sampling]\nsampler = 3\n", line: 2, mentions: ["`sampler`"]),
        Case(label: "negative seed", text: "[sampling]\nseed = -1\n", line: 2, mentions: ["`seed`", "18446744073709551615"]),
        Case(label: "seed beyond 64 bits in quotes", text: "[sampling]\nseed = \"18446744073709551616\"\n",
             line: 2, mentions: ["`seed`"]),
        Case(label: "typo in a key", text: "[sampling]\nstpes = 30\n", line: 2, mentions: ["`stpes`", "steps"]),
        Case(label: "unknown table", text: "[preset]\nname = \"x\"\n[sampler]\nname = \"euler\"\n",
             line: 3, mentions: ["[sampler]", "[sampling]"]),
        Case(label: "key outside a table", text: "steps = 30\n", line: 1, mentions: ["`steps`", "outside"]),
        Case(label: "switch point at 1", text: "[refiner]\nmode = \"ensemble\"\nswitch_at = 1.0\n",
             line: 3, mentions: ["`switch_at`", "(0.0, 1.0)"]),
        Case(label: "strength without a mode", text: "[refiner]\nstrength = 0.3\n", line: 2, mentions: ["`strength`", "mode"]),
        Case(label: "strength with the wrong mode", text: "[refiner]\nmode = \"ensemble\"\nstrength = 0.3\n",
             line: 3, mentions: ["`strength`", "refine_image"]),
        Case(label: "refine strength that runs no step",
             text: "[sampling]\nsteps = 3\n[refiner]\nmode = \"refine_image\"\nstrength = 0.2\n",
             line: 5, mentions: ["`strength`", "runs no step"]),
        Case(label: "keep base without a refiner", text: "[refiner]\nmode = \"none\"\nkeep_base = true\n",
             line: 3, mentions: ["`keep_base`"]),
        Case(label: "unknown refiner mode", text: "[refiner]\nmode = \"both\"\n", line: 2, mentions: ["`mode`", "refine_image"]),
        Case(label: "preview interval 0", text: "[preview]\ninterval = 0\n", line: 2, mentions: ["`interval`", "1...1000"]),
        Case(label: "unknown preview decoder", text: "[preview]\ndecoder = \"sixel\"\n", line: 2, mentions: ["`decoder`", "taesdxl"]),
        Case(label: "inline table", text: "[size]\nwidth = { a = 1 }\n", line: 2, mentions: ["inline tables"]),
        Case(label: "empty name", text: "[preset]\nname = \"  \"\n", line: 2, mentions: ["`name`", "empty"]),
        Case(label: "overlong name", text: "[preset]\nname = \"\(String(repeating: "n", count: 101))\"\n",
             line: 2, mentions: ["`name`", "100"]),
    ]

    @Test("each problem names the file, the line and what is allowed", arguments: cases)
    func problemIsReported(_ item: Case) throws {
        let problems = presetProblems(item.text, file: "hostile.toml")
        let first = try #require(problems.first, "no problem found")
        #expect(first.file == "hostile.toml")
        #expect(first.line == item.line, "\(first)")
        let message = first.description
        #expect(message.hasPrefix("hostile.toml:\(item.line): "), "\(message)")
        for word in item.mentions {
            #expect(message.contains(word), "\(message) should mention \(word)")
        }
        // Messages never carry the file's control characters to the terminal.
        #expect(!message.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
    }

    @Test("every problem in a file is reported, not only the first")
    func allProblems() {
        let problems = presetProblems("[sampling]\nsteps = 0\nstpes = 3\n[size]\nwidth = 7\n", file: "many.toml")
        #expect(problems.compactMap(\.line).sorted() == [2, 3, 5])
    }

    @Test("a folder of hostile files still loads the good preset, with one report per bad file")
    func folderWithHostileFiles() throws {
        let folder = try PresetsTemporaryFolder()
        defer { folder.remove() }
        try folder.write("[preset]\nname = \"Good\"\n[sampling]\nsteps = 12\n", to: "good.toml")
        for (index, item) in Self.cases.enumerated() {
            try folder.write(item.text, to: "bad-\(index).toml")
        }
        let library = PresetLibrary.load(bundledFolder: folder.url, userFolder: nil)
        #expect(library.presets.map(\.name) == ["Good"])
        #expect(library.preset(named: "good")?.settings.steps == 12)
        for (index, item) in Self.cases.enumerated() {
            let path = folder.url.appendingPathComponent("bad-\(index).toml").path
            let first = library.problems.first { $0.file == path }
            #expect(first?.line == item.line, "\(item.label)")
        }
    }

    @Test("oversized, binary, non-regular and looping files are refused without hanging or crashing")
    func fileSystemHazards() throws {
        let folder = try PresetsTemporaryFolder()
        defer { folder.remove() }
        try folder.write("[preset]\nname = \"Good\"\n", to: "good.toml")
        let big = "[preset]\nname = \"Big\"\n" + String(repeating: "# padding padding padding padding\n", count: 2100)
        try folder.write(big, to: "big.toml")
        try Data([0x5B, 0x70, 0x72, 0x65, 0x73, 0x65, 0x74, 0x5D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: folder.url.appendingPathComponent("binary.toml"))
        _ = try folder.subfolder("folder.toml")
        #expect(mkfifo(folder.url.appendingPathComponent("pipe.toml").path, 0o644) == 0)
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop-a.toml").path, withDestinationPath: "loop-b.toml")
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop-b.toml").path, withDestinationPath: "loop-a.toml")
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("dangling.toml").path, withDestinationPath: "missing.toml")
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("linked.toml").path, withDestinationPath: "good.toml")
        try folder.write("[preset]\nname = \"Hidden\"\n", to: ".hidden.toml")
        try folder.write("[preset]\nname = \"Text\"\n", to: "notes.txt")

        let library = PresetLibrary.load(bundledFolder: folder.url, userFolder: nil)
        // good.toml, and linked.toml (the same preset through a link) reported as a duplicate name.
        #expect(library.presets.map(\.name) == ["Good"])
        func problem(_ name: String) -> PresetError? {
            library.problems.first { $0.file == folder.url.appendingPathComponent(name).path }
        }
        #expect(problem("big.toml") == .fileTooLarge(path: folder.url.appendingPathComponent("big.toml").path,
                                                     bytes: big.utf8.count, limit: PresetSchema.fileSizeLimit))
        #expect(problem("binary.toml") == .notUTF8(path: folder.url.appendingPathComponent("binary.toml").path))
        #expect(problem("folder.toml") == .notARegularFile(path: folder.url.appendingPathComponent("folder.toml").path))
        #expect(problem("pipe.toml") == .notARegularFile(path: folder.url.appendingPathComponent("pipe.toml").path))
        #expect(problem("loop-a.toml")?.description.contains("symbolic links") == true)
        #expect(problem("loop-b.toml") != nil)
        #expect(problem("dangling.toml") != nil)
        if case .duplicateName(_, let name, let kept)? = problem("linked.toml") {
            #expect(name == "Good")
            #expect(kept.hasSuffix("/good.toml"))
        } else {
            Issue.record("linked.toml should be a duplicate of good.toml: \(library.problems)")
        }
        #expect(problem(".hidden.toml") == nil)
        #expect(problem("notes.txt") == nil)
        #expect(library.problems.count == 8)
    }

    @Test("a folder path that is a file or a link loop is one problem")
    func brokenFolders() throws {
        let folder = try PresetsTemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("x", to: "plain")
        let loop = folder.url.appendingPathComponent("loop")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop")
        for bad in [file, loop, folder.url.appendingPathComponent("missing")] {
            let library = PresetLibrary.load(bundledFolder: bad, userFolder: nil)
            #expect(library.presets.isEmpty)
            #expect(library.problems.count == 1)
        }
    }
}
