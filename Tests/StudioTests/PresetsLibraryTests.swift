import Foundation
import Testing
@testable import Studio

@Suite("Preset library: folders, overrides and saving")
struct PresetsLibraryTests {
    @Test("the user folder follows XDG_CONFIG_HOME when absolute, else HOME")
    func userFolder() {
        #expect(PresetFolders.user(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])?.path == "/cfg/sdxl/presets")
        #expect(PresetFolders.user(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/home/u"])?.path
                == "/home/u/.config/sdxl/presets")
        #expect(PresetFolders.user(environment: ["XDG_CONFIG_HOME": "", "HOME": "/home/u"])?.path
                == "/home/u/.config/sdxl/presets")
        #expect(PresetFolders.user(environment: ["HOME": "relative"]) == nil)
        #expect(PresetFolders.user(environment: [:]) == nil)
    }

    @Test("user presets replace bundled ones of the same name, ignoring case")
    func overrideOrder() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        let bundled = try root.subfolder("bundled")
        let config = try root.subfolder("config")
        let user = config.appendingPathComponent("sdxl/presets")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try root.write("[preset]\nname = \"Photo\"\n[sampling]\nsteps = 30\n", to: "photo.toml", in: bundled)
        try root.write("[preset]\nname = \"Anime\"\n[sampling]\nsteps = 28\n", to: "anime.toml", in: bundled)
        try root.write("[preset]\nname = \" photo \"\n[sampling]\nsteps = 50\n", to: "mine.toml", in: user)
        try root.write("[preset]\nname = \"Mine\"\n", to: "zzz.toml", in: user)

        let library = PresetLibrary.load(bundledFolder: bundled, environment: ["XDG_CONFIG_HOME": config.path])
        #expect(library.problems.isEmpty)
        #expect(library.presets.map(\.name) == ["Anime", "Mine", " photo "])
        let photo = try #require(library.entry(named: "PHOTO"))
        #expect(photo.origin == .user)
        #expect(photo.overridesBundled)
        #expect(photo.preset.settings.steps == 50)
        #expect(library.entry(named: "anime")?.origin == .bundled)
        #expect(library.entry(named: "mine")?.overridesBundled == false)
    }

    @Test("a missing user folder is normal; a missing bundled folder is reported")
    func missingFolders() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        let none = PresetLibrary.load(bundledFolder: nil, userFolder: root.url.appendingPathComponent("nothing"))
        #expect(none.problems.isEmpty && none.presets.isEmpty)
        let missing = PresetLibrary.load(bundledFolder: root.url.appendingPathComponent("nothing"), userFolder: nil)
        #expect(missing.problems.count == 1)
    }

    @Test("two files with one name in a folder: the first by file name wins, the other is reported")
    func duplicateNames() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        try root.write("[preset]\nname = \"Same\"\n[sampling]\nsteps = 1\n", to: "a.toml")
        try root.write("[preset]\nname = \"same\"\n[sampling]\nsteps = 2\n", to: "b.toml")
        let library = PresetLibrary.load(bundledFolder: root.url, userFolder: nil)
        #expect(library.presets.map(\.settings.steps) == [1])
        #expect(library.problems == [.duplicateName(file: root.url.appendingPathComponent("b.toml").path,
                                                     name: "same", keptFile: root.url.appendingPathComponent("a.toml").path)])
    }

    @Test("picker items are names and descriptions, in natural order, made safe for the terminal")
    func pickerItems() {
        let url = URL(fileURLWithPath: "/x.toml")
        let library = PresetLibrary(entries: [
            PresetEntry(preset: Preset(name: "Size 1024", description: "square"), origin: .bundled, file: url),
            PresetEntry(preset: Preset(name: "Size 640"), origin: .bundled, file: url),
            PresetEntry(preset: Preset(name: "anime", description: ""), origin: .user, file: url),
            PresetEntry(preset: Preset(name: "Bad\u{1B}[31m"), origin: .user, file: url),
        ])
        #expect(library.pickerItems == ["anime", "Bad", "Size 640", "Size 1024 — square"])
    }

    @Test("file names made from preset names stay inside the folder and visible")
    func fileNames() {
        let cases: [(String, String)] = [
            ("Photo", "photo.toml"), ("My  Photo -- v2!", "my-photo-v2.toml"), ("../../etc/passwd", "etc-passwd.toml"),
            (".hidden", "hidden.toml"), ("a/b\\c", "a-b-c.toml"), ("写真 スタイル", "写真-スタイル.toml"),
            ("!!!", "preset.toml"), ("Ünïcödé", "ünïcödé.toml"), ("x\u{1B}[2Jy", "x-2jy.toml"),
            ("e\u{301}", "e\u{301}.toml"), ("\u{202E}evil", "evil.toml"),
            (String(repeating: "ab ", count: 40), String(repeating: "ab-", count: 21) + "a.toml"),
        ]
        for (name, expected) in cases {
            let fileName = PresetFileName.fileName(for: name)
            #expect(fileName == expected, "\(name)")
            #expect(!fileName.hasPrefix("."))
            #expect(!fileName.contains("/"))
            #expect(fileName.dropLast(5).count <= PresetFileName.stemLimit)
            #expect(!fileName.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        }
    }

    @Test("saving writes the file atomically, replaces the same preset, numbers other collisions, leaves no temporary files")
    func saving() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        let bundled = try root.subfolder("bundled")
        try root.write("[preset]\nname = \"Photo\"\n", to: "photo.toml", in: bundled)
        let user = root.url.appendingPathComponent("config/sdxl/presets")   // created by save
        var library = PresetLibrary.load(bundledFolder: bundled, userFolder: user)

        let first = Preset(name: "Photo", settings: PresetSettings(steps: 40))
        let url = try library.save(first)
        #expect(url.lastPathComponent == "photo.toml")
        #expect(try Preset.load(path: url.path) == first)
        #expect(library.entry(named: "photo")?.origin == .user)
        #expect(library.entry(named: "photo")?.overridesBundled == true)

        // The same name (other case) replaces the same file.
        let second = Preset(name: "PHOTO", settings: PresetSettings(steps: 41))
        #expect(try library.save(second) == url)
        // Another name with the same file name gets a numbered file; the first is kept.
        let other = try library.save(Preset(name: "Photo!", settings: PresetSettings(steps: 42)))
        #expect(other.lastPathComponent == "photo-1.toml")
        let hostile = try library.save(Preset(name: "../../Photo", settings: PresetSettings(steps: 43)))
        #expect(hostile.lastPathComponent == "photo-2.toml")
        #expect(hostile.deletingLastPathComponent().standardizedFileURL.path == user.standardizedFileURL.path)

        let files = try FileManager.default.contentsOfDirectory(atPath: user.path).sorted()
        #expect(files == [".lock", "photo-1.toml", "photo-2.toml", "photo.toml"])

        let reloaded = PresetLibrary.load(bundledFolder: bundled, userFolder: user)
        #expect(reloaded.problems.isEmpty)
        #expect(reloaded.presets == library.presets)
        #expect(reloaded.preset(named: "photo")?.settings.steps == 41)
        #expect(reloaded.preset(named: "../../photo")?.settings.steps == 43)
    }

    @Test("names and settings that would not load again are refused before anything is written")
    func refusedSaves() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        var library = PresetLibrary.load(bundledFolder: nil, userFolder: root.url)
        for name in ["", "   ", "a\u{1B}[2Jb", "line\nbreak", String(repeating: "x", count: 101)] {
            #expect(throws: PresetError.self) { try library.save(Preset(name: name)) }
        }
        do {
            try library.save(Preset(name: "zero", settings: PresetSettings(steps: 0)))
            Issue.record("0 steps should be refused")
        } catch {
            guard case .unsavable(let name, let problems) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == "zero")
            #expect(problems.first?.description.contains("1...1000") == true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)

        var noFolder = PresetLibrary.load(bundledFolder: nil, userFolder: nil)
        #expect(throws: PresetError.noUserFolder) { try noFolder.save(Preset(name: "x")) }
    }

    @Test("concurrent saves never lose or corrupt a preset")
    func concurrentSaves() throws {
        let root = try PresetsTemporaryFolder()
        defer { root.remove() }
        let folder = root.url
        let names = ["Race", "race!", "RACE?", "race#", "Race 1", "race-1", "race 2", "Race_2"]
        let rounds = 5
        let failures = PresetsErrorCollector()
        DispatchQueue.concurrentPerform(iterations: names.count * rounds) { index in
            var library = PresetLibrary.load(bundledFolder: nil, userFolder: folder)
            let preset = Preset(name: names[index % names.count], settings: PresetSettings(steps: index + 1))
            do { try library.save(preset) } catch { failures.add("\(error)") }
        }
        #expect(failures.messages.isEmpty)
        let library = PresetLibrary.load(bundledFolder: nil, userFolder: folder)
        #expect(library.problems.isEmpty)
        #expect(Set(library.presets.map(\.name)) == Set(names))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(files.filter { $0.hasSuffix(".toml") }.count == names.count)
    }
}

/// Collects messages from concurrent work.
final class PresetsErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func add(_ message: String) {
        lock.lock()
        stored.append(message)
        lock.unlock()
    }

    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
