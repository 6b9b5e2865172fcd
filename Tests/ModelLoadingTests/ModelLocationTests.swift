import Foundation
import Models
import Testing

@Suite struct ModelLocationTests {
    @Test func folderAndFileResolve() throws {
        #expect(try ModelLocation.resolve(TinyFixture.base.path, environment: [:]) == .diffusersFolder(TinyFixture.base.standardizedFileURL))
        #expect(try ModelLocation.resolve(TinyFixture.baseSingleFile.path, environment: [:])
                == .singleFile(TinyFixture.baseSingleFile.standardizedFileURL))
    }

    @Test(arguments: ["model.ckpt", "model.pt", "model.bin", "model.pth"])
    func picklesAreRefusedUnopened(name: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        // A pickle that would run code if it were ever unpickled.
        try Data("cos\nsystem\n(S'echo owned'\ntR.".utf8).write(to: file)
        #expect {
            try ModelLocation.resolve(file.path, environment: [:])
        } throws: { error in
            guard case let ModelError.unsupportedFormat(path, reason) = error else { return false }
            return path == file.path && reason.contains("safetensors")
        }
    }

    @Test func missingModelSaysWhatToGive() {
        #expect {
            try ModelLocation.resolve("/nonexistent/model", environment: ["HF_HUB_CACHE": "/nonexistent/cache"])
        } throws: { error in
            "\(error)".contains("diffusers folder")
        }
    }

    @Test func folderWithoutModelIndexIsExplained() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ModelError.self) { try ModelLocation.resolve(folder.path, environment: [:]) }
    }

    /// The hub cache keeps files in blobs/ and symlinks them from snapshots/REV/.
    @Test func hubCacheNameResolvesToTheSnapshotNamedByRefsMain() throws {
        let cache = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let repository = cache.appendingPathComponent("models--tiny--sdxl")
        let revision = "0123abcd"
        try mirrorAsHubSnapshot(TinyFixture.base, into: repository, revision: revision)
        try mirrorAsHubSnapshot(TinyFixture.base, into: repository, revision: "older")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("refs"), withIntermediateDirectories: true)
        try Data(revision.utf8).write(to: repository.appendingPathComponent("refs/main"))

        for environment in [["HF_HUB_CACHE": cache.path], ["HF_HOME": cache.deletingLastPathComponent().path + "/" + cache.lastPathComponent + "-home"]] {
            if let home = environment["HF_HOME"] {
                try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: home + "/hub", withDestinationPath: cache.path)
            }
            let location = try ModelLocation.resolve("tiny/sdxl", environment: environment)
            guard case let .diffusersFolder(url) = location else {
                Issue.record("expected a folder, got \(location)")
                continue
            }
            #expect(url.lastPathComponent == revision)
            // Shards resolve through the symlinks into blobs/ and load.
            let files = try DiffusersFolder(url)
            let unet = try files.weights(for: .unet)
            let reference = try DiffusersFolder(TinyFixture.base).weights(for: .unet)
            #expect(unet.names == reference.names)
            let name = try #require(reference.names.first)
            #expect(try unet.tensor(named: name).scalars == reference.tensor(named: name).scalars)
        }
        try? FileManager.default.removeItem(atPath: cache.path + "-home")
    }

    @Test(arguments: ["../escape", "a/b/c", "./x", "org/..", "", "org/name with space"])
    func malformedRepositoryNamesAreNotLookedUp(name: String) {
        #expect(throws: ModelError.self) { try ModelLocation.resolve(name, environment: ["HF_HUB_CACHE": "/tmp"]) }
    }

    /// Copies every file of `folder` into `repository/blobs` and links it from `snapshots/revision`.
    private func mirrorAsHubSnapshot(_ folder: URL, into repository: URL, revision: String) throws {
        let fileManager = FileManager.default
        let blobs = repository.appendingPathComponent("blobs")
        let snapshot = repository.appendingPathComponent("snapshots/\(revision)")
        try fileManager.createDirectory(at: blobs, withIntermediateDirectories: true)
        let enumerator = try #require(fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let file as URL in enumerator {
            let resolved = file.resolvingSymlinksInPath()
            guard (try resolved.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(file.path.dropFirst(folder.path.count + 1))
            let blobName = "\(revision)-" + relative.replacingOccurrences(of: "/", with: "_")
            try fileManager.copyItem(at: resolved, to: blobs.appendingPathComponent(blobName))
            let link = snapshot.appendingPathComponent(relative)
            try fileManager.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            let depth = relative.split(separator: "/").count + 1
            let target = String(repeating: "../", count: depth) + "blobs/" + blobName
            try fileManager.createSymbolicLink(atPath: link.path, withDestinationPath: target)
        }
    }
}
